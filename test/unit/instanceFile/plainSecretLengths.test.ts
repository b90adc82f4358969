/**
 * Issue 20 item 14: a secret shorter than 8 characters (`abc123`) was not flagged as a plain-text
 * secret. Generated over the catalog: in a field the catalog calls secret, every value a person
 * could type is flagged, whatever its length or spaces; in a field it calls not secret, nothing
 * is; under an unknown key whose name only sounds secret, short words and flags (`bearer`, `true`,
 * `3600`) are not — the false positives the length rule was there to avoid.
 */
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { catalog } from '../../../src/core/catalog';
import type { ConfigField, ElementDefinition, FlowDefinition } from '../../../src/core/catalog/types';
import { lintInstanceText } from '../../../src/core/instanceFile/lint';
import { buildTemplate } from '../../../src/core/instanceFile/template';
import { isPlaceholder, keychainReference } from '../../../src/core/instanceFile/values';

interface FieldCase {
  element: ElementDefinition;
  flow: FlowDefinition;
  field: ConfigField;
}

const FIELDS: FieldCase[] = catalog.elements.flatMap((element) => element.flows.flatMap((flow) => flow.configuration.map((field) => ({ element, flow, field }))));
const SECRET = FIELDS.filter((entry) => entry.field.secret);
const NOT_SECRET = FIELDS.filter((entry) => !entry.field.secret);

/** A value a person could type: not empty, not a documentation placeholder or a keychain reference. */
const typed = fc
  .oneof(fc.string({ minLength: 1, maxLength: 7 }), fc.string({ minLength: 1, maxLength: 40 }), fc.constantFrom('abc123', 'pw', 'x', 'my pass phrase', '1234'))
  .filter((value) => value.trim() !== '' && !isPlaceholder(value) && keychainReference(value.trim()) === undefined);

/** The flow's template with one configuration value set. */
function bodyWith({ element, flow, field }: FieldCase, value: string): string {
  const body = buildTemplate(element, flow);
  body.configuration[field.key] = value;
  return JSON.stringify(body, null, 2);
}

const flagged = (text: string, key: string) => lintInstanceText(text).some((finding) => finding.rule === 'plain-secret' && finding.data?.path?.[1] === key);

describe('plain-text secrets of any length (issue 20 item 14)', () => {
  it('the issue\'s example: a 6-character API secret is flagged, with the keychain fix\'s path', () => {
    const xero = catalog.get('xero')!;
    const text = bodyWith({ element: xero, flow: xero.flows[0]!, field: xero.flows[0]!.configuration.find((field) => field.key === 'oauth.api.secret')! }, 'abc123');
    assert.ok(flagged(text, 'oauth.api.secret'));
  });

  it('every value typed into a field the catalog calls secret is flagged', () => {
    fc.assert(
      fc.property(fc.nat(SECRET.length - 1), typed, (index, value) => {
        const entry = SECRET[index]!;
        const text = bodyWith(entry, value);
        // The flow the linter reads the body as must be the one generated (a body may read as another of its element's flows).
        assert.ok(flagged(text, entry.field.key), `${entry.element.key} ${entry.flow.label} ${entry.field.key} = ${JSON.stringify(value)}`);
      }),
      { numRuns: 300 },
    );
  });

  it('no value of a field the catalog calls not secret is flagged, whatever it looks like', () => {
    fc.assert(
      fc.property(fc.nat(NOT_SECRET.length - 1), fc.oneof(typed, fc.stringMatching(/^[A-Za-z0-9]{8,40}$/)), (index, value) => {
        const entry = NOT_SECRET[index]!;
        assert.ok(!flagged(bodyWith(entry, value), entry.field.key), `${entry.element.key} ${entry.field.key} = ${JSON.stringify(value)}`);
      }),
      { numRuns: 300 },
    );
  });

  it('under an unknown key that only sounds secret, short words and flags are not flagged; a credential-like value is', () => {
    const xero = catalog.get('xero')!;
    const key = fc.constantFrom('token.type', 'refresh.enabled', 'signature.method', 'secret.rotation', 'api.key.header');
    const short = fc.oneof(fc.constantFrom('bearer', 'true', 'false', '3600', 'HMAC', 'none', 'api_key'), fc.stringMatching(/^[a-z]{1,7}$/), fc.stringMatching(/^\S+ \S+$/));
    fc.assert(
      fc.property(key, short, (name, value) => {
        const body = buildTemplate(xero, xero.flows[0]!);
        body.configuration[name] = value;
        assert.ok(!flagged(JSON.stringify(body), name), `${name} = ${JSON.stringify(value)}`);
      }),
      { numRuns: 200 },
    );
    const body = buildTemplate(xero, xero.flows[0]!);
    body.configuration['secret.rotation'] = 'Zq8xP2vL9mN4';
    assert.ok(flagged(JSON.stringify(body), 'secret.rotation'));
  });
});
