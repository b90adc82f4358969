import assert from 'node:assert/strict';
import { catalog } from '../../../src/core/catalog';
import type { ElementDefinition, FlowDefinition } from '../../../src/core/catalog/types';
import { escapeSnippetText, templateSnippet } from '../../../src/core/instanceFile/snippet';
import { renderTemplate } from '../../../src/core/instanceFile/template';
import { expandSnippet } from '../vscode/fakeVscode';

const xero = catalog.get('xero')!;
const xeroOAuth2 = xero.flows.find((flow) => flow.type === 'oauth2')!;

/** The tab stops in order: [number, text as the editor shows it]. */
function tabStops(snippet: string): Array<[number, string]> {
  return [...snippet.matchAll(/\$\{(\d+):((?:\\.|[^\\}])*)\}/g)].map((match) => [Number(match[1]), match[2]!.replace(/\\(.)/g, '$1')]);
}

describe('instance file template as a snippet', () => {
  it('expands to exactly the rendered template, for every flow in the catalog', () => {
    for (const element of catalog.elements) {
      for (const flow of element.flows) assert.equal(expandSnippet(templateSnippet(element, flow)), renderTemplate(element, flow), `${element.key} ${flow.type}`);
    }
  });

  it('puts numbered tab stops on the placeholders and the name, in document order, and $0 at the end', () => {
    const snippet = templateSnippet(xero, xeroOAuth2);
    assert.deepEqual(tabStops(snippet), [
      [1, 'Code on Return the URL'],
      [2, '<INSERT_XERO_CONSUMER_KEY>'],
      [3, '<INSERT_XERO_CONSUMER_SECRET>'],
      [4, 'https://www.mycoolapp.com/auth'],
      [5, '<INSERT_NAME>'],
    ]);
    assert.match(snippet, /"oauth\.api\.key": "\$\{2:<INSERT_XERO_CONSUMER_KEY>\}",/, 'the tab stop selects the text between the quotes');
    assert.match(snippet, /"xero\.partner": "true"/, 'real default values are not tab stops');
    assert.ok(snippet.endsWith('\\}\n$0'));
  });

  it('makes the name a tab stop even when the template has a real one', () => {
    const token = catalog.get('quickbooks')!.flows.find((flow) => flow.type === 'token')!;
    const stops = tabStops(templateSnippet(catalog.get('quickbooks')!, token));
    assert.deepEqual(stops.at(-1), [stops.length, 'QBO Token']);
    assert.ok(!stops.some(([, text]) => text === 'initial'));
  });

  it('escapes $, } and \\ in keys and values, after JSON escaping', () => {
    assert.equal(escapeSnippetText('a$b}c\\d{'), 'a\\$b\\}c\\\\d{');
    const tricky = '<INSERT_$PRICE}_"QUOTED"\\PATH>';
    const element: ElementDefinition = {
      ...xero,
      flows: [{ ...xeroOAuth2, configuration: [{ ...xeroOAuth2.configuration[0]!, key: 'odd$key}', placeholder: tricky }], providerData: [] } as FlowDefinition],
    };
    const snippet = templateSnippet(element, element.flows[0]!);
    assert.ok(snippet.includes('"odd\\$key\\}": "${1:<INSERT_\\$PRICE\\}_\\\\"QUOTED\\\\"\\\\\\\\PATH>}"'), snippet);
    assert.equal(expandSnippet(snippet), renderTemplate(element, element.flows[0]!));
    assert.equal(JSON.parse(expandSnippet(snippet)).configuration['odd$key}'], tricky);
  });
});
