/**
 * Every configuration field's help text (its `description`, shown under the field's prompt)
 * belongs to that field: checked over the whole catalog, every element and flow. The FreshBooks
 * API Key once carried the Site Address's help ("Your personal subsite: mycompany for
 * mycompany.freshbooks.com"), and users typed their subsite into the key box.
 */
import assert from 'node:assert/strict';
import { catalog } from '../../../src/core/catalog';
import type { ConfigField } from '../../../src/core/catalog/types';

/** Help that describes a web address or part of one: a subdomain, "acme for acme.example.com". */
const ADDRESS_HELP = /\bsub-?(site|domain)\b|\b([a-z0-9-]+) for \2\.|\bdomain name\b|\bportion of your\b.*\burl\b|\byour (personal )?(site|domain)\b/i;
/** Fields that hold an address (by key or label). */
const ADDRESS_FIELD = /site|domain|server|host|store|tenant|url|address|company|instance|endpoint/i;

function flowsWithFields(): Array<{ where: string; fields: ConfigField[] }> {
  return catalog.elements.flatMap((element) => element.flows.map((flow) => ({ where: `${element.key} ${flow.type}`, fields: flow.configuration })));
}

describe('configuration help texts (whole catalog)', () => {
  it('help that describes an address is on a field that holds one', () => {
    let checked = 0;
    const wrong: string[] = [];
    for (const { where, fields } of flowsWithFields()) {
      for (const field of fields) {
        if (!field.description || !ADDRESS_HELP.test(field.description)) continue;
        checked++;
        if (!ADDRESS_FIELD.test(`${field.key} ${field.label}`)) wrong.push(`${where} ${field.key} (${field.label}): ${field.description}`);
      }
    }
    assert.deepEqual(wrong, []);
    assert.ok(checked >= 10, `address help found on ${checked} fields`);
  });

  it('no two fields of a flow share one help text', () => {
    const shared: string[] = [];
    for (const { where, fields } of flowsWithFields()) {
      const seen = new Map<string, string>();
      for (const field of fields) {
        if (!field.description) continue;
        const other = seen.get(field.description);
        if (other) shared.push(`${where}: ${other} and ${field.key}`);
        seen.set(field.description, field.key);
      }
    }
    assert.deepEqual(shared, []);
  });

  it('FreshBooks: the API Key and the Site Address each say what they are', () => {
    const flow = catalog.get('freshbooks')!.flows[0]!;
    const help = (key: string) => flow.configuration.find((field) => field.key === key)?.description ?? '';
    assert.match(help('oauth.api.key'), /^The API key \(OAuth consumer key\) of your FreshBooks app/);
    assert.doesNotMatch(help('oauth.api.key'), ADDRESS_HELP);
    assert.match(help('oauth.api.secret'), /^The API secret/);
    assert.match(help('freshbooks.site.address'), /^The FreshBooks site to authorize: targetcompany for targetcompany\.freshbooks\.com\.$/);
  });
});
