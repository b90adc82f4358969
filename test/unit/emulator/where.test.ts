/** GET /elements?where=: the simple CEQL forms filter; anything else is a 400, never ignored. */
import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { ApiErrorBody, ElementSummary } from '../../../src/core/api/types';
import { catalog } from '../../../src/core/catalog';
import { parseWhere } from '../../../src/emulator/ceql';
import { ApiError } from '../../../src/emulator/http';
import { startEmulator, type RunningEmulator } from '../../../src/emulator/server';
import { api } from './helpers';

describe('emulator: GET /elements?where=', () => {
  let emulator: RunningEmulator;
  before(async () => {
    emulator = await startEmulator({ port: 0 });
  });
  after(() => emulator.close());

  const keys = async (where: string) => {
    const response = await api<ElementSummary[]>(emulator, `/elements?where=${encodeURIComponent(where)}`);
    assert.equal(response.status, 200, response.text);
    return response.json.map((element) => element.key);
  };

  it('key = and key in (…)', async () => {
    assert.deepEqual(await keys("key = 'xero'"), ['xero']);
    assert.deepEqual((await keys("key in ('xero', 'quickbooks', 'nope')")).sort(), ['quickbooks', 'xero']);
    assert.deepEqual(await keys("key='XERO'"), [], 'keys are exact');
  });

  it('name and hub (case-insensitive), AND, and quotes doubled inside a value', async () => {
    assert.deepEqual(await keys("name = 'QuickBooks Online'"), ['quickbooks']);
    const finance = await keys("hub = 'FINANCE'");
    assert.equal(finance.length, catalog.elements.filter((element) => element.hub === 'finance').length);
    assert.deepEqual(await keys("hub = 'finance' AND key in ('xero', 'sageoneus')"), ['xero']);
    assert.deepEqual(await keys("name = 'It''s not there'"), []);
  });

  it("the issue's filter: private='true' AND key in ('xero') matches nothing (no element is private), so a fan-out has nothing to act on", async () => {
    assert.deepEqual(await keys("private='true' AND key in ('xero')"), []);
    assert.deepEqual(await keys("private = false and key = 'xero'"), ['xero']);
    assert.equal((await keys("private='false'")).length, catalog.elements.length);
  });

  it("abridged = 'true' keeps everything (the emulator's elements are abridged); abridged = 'false' is refused", async () => {
    assert.equal((await keys("abridged = 'true'")).length, catalog.elements.length);
    const full = await api<ApiErrorBody>(emulator, `/elements?where=${encodeURIComponent("abridged='false'")}`);
    assert.equal(full.status, 400);
    assert.match(full.json.message, /abridged elements only/);
  });

  it('pages within the filtered list', async () => {
    const first = await api<ElementSummary[]>(emulator, `/elements?pageSize=2&where=${encodeURIComponent("hub = 'finance'")}`);
    assert.equal(first.json.length, 2);
    assert.ok(first.json.every((element) => element.hub === 'finance'));
    assert.ok(first.headers.get('elements-next-page-token'));
  });

  for (const [where, reason] of [
    ["key = 'xero' OR key = 'quickbooks'", /OR is not supported/],
    ["key != 'xero'", /operator != /],
    ["key <> 'xero'", /operator <> /],
    ["name like 'Xero%'", /LIKE is not supported/],
    ["(key = 'xero')", /parentheses/],
    ["not key = 'xero'", /NOT is not supported/],
    ["id = '40'", /a word at position 1 is not a field/],
    ["key = xero", /expected a value in single quotes/],
    ["key = 'xero", /not closed/],
    ["key in ()", /expected a value/],
    ["key in ('a' 'b')", /expected , or \)/],
    ["private = 'maybe'", /private takes 'true' or 'false'/],
    ["key = 'xero' AND", /expected a field name, found the end/],
    ['', /it is empty/],
    ["key = 'a' key = 'b'", /expected AND/],
    ['hub > 1', /operator > /],
  ] as const) {
    it(`400 for ${JSON.stringify(where)}`, async () => {
      const response = await api<ApiErrorBody>(emulator, `/elements?where=${encodeURIComponent(where)}`);
      assert.equal(response.status, 400, response.text);
      assert.match(response.json.message, /^Unsupported where clause: /);
      assert.match(response.json.message, reason);
    });
  }

  it('property: any text is either a supported filter or a 400 naming the supported forms; never a crash', () => {
    const pieces = fc.constantFrom('key', 'name', 'hub', 'private', 'abridged', 'id', '=', 'in', '(', ')', ',', "'xero'", "'a''b'", 'AND', 'or', 'true', ' ', "'", '!=', 'like', '%');
    fc.assert(
      fc.property(fc.oneof(fc.array(pieces, { maxLength: 12 }).map((parts) => parts.join(' ')), fc.string({ maxLength: 60 })), (where) => {
        try {
          const conditions = parseWhere(where);
          assert.ok(conditions.length > 0);
        } catch (error) {
          assert.ok(error instanceof ApiError, String(error));
          assert.equal(error.status, 400);
          assert.match(error.message, /^Unsupported where clause: /);
        }
      }),
      { numRuns: 500 },
    );
  });
});
