import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { catalog } from '../../../src/core/catalog';
import type { FlowType } from '../../../src/core/catalog/types';
import { buildTemplate } from '../../../src/core/instanceFile/template';

const fixtures = join(__dirname, '../../fixtures/seeds');

const seedPages: Array<[key: string, flow: FlowType, file: string]> = [
  ['xero', 'oauth2', 'xero-oauth2.instance.json'],
  ['xero', 'oauth1', 'xero-oauth1.instance.json'],
  ['freshbooks', 'oauth1', 'freshbooks-oauth1.instance.json'],
  ['sageoneus', 'oauth2', 'sageoneus-oauth2.instance.json'],
  ['quickbooks', 'oauth2', 'quickbooks-oauth2.instance.json'],
  ['quickbooks', 'oauth1', 'quickbooks-oauth1.instance.json'],
  ['quickbooks', 'token', 'quickbooks-token.instance.json'],
];

describe('seed element templates', () => {
  for (const [key, type, file] of seedPages) {
    it(`${key} ${type} reproduces ${file} key for key, in order`, () => {
      const element = catalog.get(key);
      assert.ok(element, `${key} is in the catalog`);
      const flow = catalog.flow(element, type);
      assert.ok(flow, `${key} has a ${type} flow`);
      const expected: unknown = JSON.parse(readFileSync(join(fixtures, file), 'utf8'));
      const actual = buildTemplate(element, flow);
      assert.deepEqual(actual, expected);
      assert.equal(JSON.stringify(actual), JSON.stringify(expected), 'same key order as the page');
    });
  }
});
