/**
 * CEQL `where` (issue 18 item 3): one parser for GET /elements and the hub resources, with the
 * documented operators (devportal `_includes/ceql-ref.md`, "Valid CEQL Operators"); anything
 * else is a 400 that says what is understood, never an ignored filter.
 */
import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { ApiErrorBody, ElementSummary } from '../../../src/core/api/types';
import { catalog } from '../../../src/core/catalog';
import { matchesWhere, parseWhere } from '../../../src/emulator/base/ceql';
import { ELEMENT_WHERE } from '../../../src/emulator/routes/elements';
import { ApiError } from '../../../src/emulator/base/http';
import { startEmulator, type RunningEmulator } from '../../../src/emulator/server';
import { api } from './helpers';

describe('emulator: GET /elements?where=', () => {
  let emulator: RunningEmulator;
  let all: ElementSummary[];
  before(async () => {
    emulator = await startEmulator({ port: 0 });
    all = (await api<ElementSummary[]>(emulator, '/elements?pageSize=500')).json;
  });
  after(() => emulator.close());

  const keys = async (where: string) => {
    const response = await api<ElementSummary[]>(emulator, `/elements?pageSize=500&where=${encodeURIComponent(where)}`);
    assert.equal(response.status, 200, response.text);
    return response.json.map((element) => element.key).sort();
  };
  const keysWhere = (test: (element: ElementSummary) => boolean) => all.filter(test).map((element) => element.key).sort();

  it('key = and key in (…); keys are exact', async () => {
    assert.deepEqual(await keys("key = 'xero'"), ['xero']);
    assert.deepEqual(await keys("key in ('xero', 'quickbooks', 'nope')"), ['quickbooks', 'xero']);
    assert.deepEqual(await keys("key='XERO'"), []);
  });

  it('name and hub ignore case; AND; a quote doubled inside a value', async () => {
    assert.deepEqual(await keys("name = 'QuickBooks Online'"), ['quickbooks']);
    assert.equal((await keys("hub = 'FINANCE'")).length, catalog.elements.filter((element) => element.hub === 'finance').length);
    assert.deepEqual(await keys("hub = 'finance' AND key in ('xero', 'sageoneus')"), ['xero']);
    assert.deepEqual(await keys("name = 'It''s not there'"), []);
  });

  it('OR, !=, LIKE with %, parentheses, < and >, IS NULL (the documented operators)', async () => {
    assert.deepEqual(await keys("key = 'xero' OR key = 'quickbooks'"), ['quickbooks', 'xero']);
    assert.deepEqual(await keys("hub = 'finance' AND key != 'xero'"), keysWhere((e) => e.hub === 'finance' && e.key !== 'xero'));
    assert.deepEqual(await keys("name like 'quick%'"), keysWhere((e) => e.name.toLowerCase().startsWith('quick')));
    assert.deepEqual(await keys("name LIKE '%books%'"), keysWhere((e) => e.name.toLowerCase().includes('books')));
    assert.deepEqual(await keys("(key = 'xero' OR key = 'freshbooks') AND hub = 'finance'"), ['freshbooks', 'xero']);
    assert.deepEqual(await keys("key = 'xero' OR (key = 'freshbooks' AND hub = 'crm')"), ['xero']);
    assert.deepEqual(await keys('id < 41 AND id > 38'), keysWhere((e) => e.id < 41 && e.id > 38));
    assert.deepEqual(await keys('id >= 40 AND id <= 40'), ['xero']);
    assert.deepEqual(await keys('signupURL IS NULL AND key = \'sageoneus\''), ['sageoneus']);
  });

  it("the element fields the documentation shows, extended included: extended = false keeps all, extended = true none", async () => {
    assert.equal((await keys('extended = false')).length, all.length);
    assert.deepEqual(await keys("extended = 'true'"), []);
    assert.equal((await keys("typeOauth = true AND hub = 'finance'")).length, all.filter((e) => e.typeOauth && e.hub === 'finance').length);
  });

  it("private='true' AND key in ('xero') matches nothing (no catalog element is private)", async () => {
    assert.deepEqual(await keys("private='true' AND key in ('xero')"), []);
    assert.deepEqual(await keys("private = false and key = 'xero'"), ['xero']);
    assert.equal((await keys("private='false'")).length, catalog.elements.length);
  });

  it("abridged = 'true' keeps everything (the emulator's elements are abridged); anything that would need the full elements is refused", async () => {
    assert.equal((await keys("abridged = 'true'")).length, catalog.elements.length);
    for (const where of ["abridged='false'", 'abridged != true', "abridged = 'false' OR key = 'xero'"]) {
      const full = await api<ApiErrorBody>(emulator, `/elements?where=${encodeURIComponent(where)}`);
      assert.equal(full.status, 400, where);
      assert.match(full.json.message, /abridged elements only/);
    }
  });

  it("?abridged=true as Cloud Elements' own tests send it (churros catalog-properties.js) is a 200; abridged=false is a 400 naming it", async () => {
    const abridged = await api<ElementSummary[]>(emulator, '/elements?abridged=true&pageSize=3');
    assert.equal(abridged.status, 200, abridged.text);
    assert.equal(abridged.json.length, 3);
    for (const value of ['false', '', 'maybe']) {
      const full = await api<ApiErrorBody>(emulator, `/elements?abridged=${value}`);
      assert.equal(full.status, 400, value);
      assert.match(full.json.message, /abridged/);
    }
  });

  it('pages within the filtered list', async () => {
    const first = await api<ElementSummary[]>(emulator, `/elements?pageSize=2&where=${encodeURIComponent("hub = 'finance'")}`);
    assert.equal(first.json.length, 2);
    assert.ok(first.json.every((element) => element.hub === 'finance'));
    assert.ok(first.headers.get('elements-next-page-token'));
  });

  for (const [where, reason] of [
    ["key <> 'xero'", /the operator <> at position 5 is not one the emulator knows \(use !=\)/],
    ["not key = 'xero'", /NOT \(position 1\) is not one the emulator knows/],
    ['key IS NOT NULL', /IS NOT NULL \(position 8\) is not one the emulator knows/],
    ["secret = '40'", /the field at position 1 is not one of the elements's.*on elements: id, key, name/],
    ['key = xero', /expected a value \('quoted', a number, true or false\), found a word at position 7/],
    ["key = 'xero", /the value starting at position 7 is not closed/],
    ['key in ()', /expected a value/],
    ["key in ('a' 'b')", /expected , or \) in the IN/],
    ["private = 'maybe'", /private takes 'true' or 'false'/],
    ["key = 'xero' AND", /expected a field name, found the end of the clause/],
    ['', /it is empty/],
    ["key = 'a' key = 'b'", /expected AND, OR or the end, found a word at position 11/],
    ["(key = 'a'", /expected \) to close the \( at position 1/],
    ["name like 5", /LIKE takes a quoted pattern/],
    ['key = ´x´', /unexpected character at position 7/],
  ] as const) {
    it(`400 for ${JSON.stringify(where)}, naming what is wrong`, async () => {
      const response = await api<ApiErrorBody>(emulator, `/elements?where=${encodeURIComponent(where)}`);
      assert.equal(response.status, 400, response.text);
      assert.match(response.json.message, /^Unsupported where clause: /);
      assert.match(response.json.message, reason);
      assert.match(response.json.message, /The emulator understands =, !=, <, >, <=, >=, LIKE/);
    });
  }

  it('the message never repeats a value of the clause', async () => {
    const response = await api<ApiErrorBody>(emulator, `/elements?where=${encodeURIComponent("key = 'sk_live_secret' key")}`);
    assert.equal(response.status, 400);
    assert.doesNotMatch(response.json.message, /sk_live_secret/);
  });

  it('property: any text is either a filter or a 400 saying what is understood; never a crash', () => {
    const pieces = fc.constantFrom('key', 'name', 'hub', 'private', 'abridged', 'id', 'extended', '=', '!=', '<', '>=', 'in', 'like', 'is', 'null', 'not', '(', ')', ',', "'xero'", "'a''b'", "'%x%'", 'AND', 'or', 'true', '12', ' ', "'", '<>');
    fc.assert(
      fc.property(fc.oneof(fc.array(pieces, { maxLength: 14 }).map((parts) => parts.join(' ')), fc.string({ maxLength: 60 })), (where) => {
        try {
          assert.ok(parseWhere(where, ELEMENT_WHERE));
        } catch (error) {
          assert.ok(error instanceof ApiError, String(error));
          assert.equal(error.status, 400);
          assert.match(error.message, /^Unsupported where clause: /);
        }
      }),
      { numRuns: 500 },
    );
  });

  /** A generated filter and what it means, evaluated here independently of the emulator. */
  type Generated = { text: string; holds: (element: ElementSummary) => boolean };

  it('property: generated clauses (AND, OR, parentheses, every operator) select exactly the elements they describe', async () => {
    const sample = all.filter((_, index) => index % 7 === 0);
    const quote = (text: string) => `'${text.replace(/'/g, "''")}'`;
    const text = (value: unknown) => String(value ?? '');
    const condition: fc.Arbitrary<Generated> = fc.oneof(
      fc.constantFrom(...sample).map((e): Generated => ({ text: `key = ${quote(e.key)}`, holds: (x) => x.key === e.key })),
      fc.constantFrom(...sample).map((e): Generated => ({ text: `key != ${quote(e.key)}`, holds: (x) => x.key !== e.key })),
      fc.constantFrom(...sample).map((e): Generated => ({ text: `hub = ${quote(text(e.hub).toUpperCase())}`, holds: (x) => text(x.hub) === text(e.hub) })),
      fc.tuple(fc.constantFrom(...sample), fc.nat(3)).map(([e, n]): Generated => {
        const prefix = e.name.slice(0, n + 1);
        return { text: `name like ${quote(`${prefix}%`)}`, holds: (x) => x.name.toLowerCase().startsWith(prefix.toLowerCase()) };
      }),
      fc.constantFrom(...sample).map((e): Generated => ({ text: `id < ${e.id}`, holds: (x) => x.id < e.id })),
      fc.constantFrom(...sample).map((e): Generated => ({ text: `id > ${e.id}`, holds: (x) => x.id > e.id })),
      fc.uniqueArray(fc.constantFrom(...sample), { minLength: 1, maxLength: 3 }).map((es): Generated => ({ text: `key in (${es.map((e) => quote(e.key)).join(', ')})`, holds: (x) => es.some((e) => e.key === x.key) })),
      fc.boolean().map((b): Generated => ({ text: `typeOauth = ${b}`, holds: (x) => x.typeOauth === b })),
    );
    const expression: fc.Arbitrary<Generated> = fc.letrec<{ node: Generated }>((tie) => ({
      node: fc.oneof(
        { depthSize: 'small', withCrossShrink: true },
        condition,
        fc.tuple(tie('node'), tie('node')).map(([a, b]): Generated => ({ text: `(${a.text}) AND (${b.text})`, holds: (x) => a.holds(x) && b.holds(x) })),
        fc.tuple(tie('node'), tie('node')).map(([a, b]): Generated => ({ text: `${a.text} OR ${b.text}`, holds: (x) => a.holds(x) || b.holds(x) })),
      ),
    })).node;
    await fc.assert(
      fc.asyncProperty(expression, async (generated) => {
        assert.deepEqual(await keys(generated.text), keysWhere(generated.holds), generated.text);
      }),
      { numRuns: 60 },
    );
  });
});

describe('emulator: CEQL compares two date-times as instants (a poller url\'s where clause, issue 22 item 3)', () => {
  const fields = { what: 'customers', names: ['modifiedDate'] };
  const matches = (where: string, value: string) => matchesWhere(parseWhere(where, fields), () => value, fields);

  it('a record written with milliseconds is after the same second written without', () => {
    assert.ok(matches("modifiedDate >= '2026-12-07T00:50:00Z'", '2026-12-07T00:50:00.123Z'));
    assert.ok(!matches("modifiedDate < '2026-12-07T00:50:00Z'", '2026-12-07T00:50:00.123Z'));
  });

  it('agrees with the instants for any two date-times in any zone offset (property)', () => {
    const instant = fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2099-12-31T23:59:59Z'), noInvalidDate: true });
    const offset = fc.integer({ min: -12 * 60, max: 14 * 60 }).map((minutes) => minutes - (minutes % 15));
    const written = (at: Date, minutes: number, millis: boolean) => {
      const local = new Date(at.getTime() + minutes * 60_000).toISOString().slice(0, millis ? 23 : 19);
      const sign = minutes < 0 ? '-' : '+';
      const zone = minutes === 0 ? 'Z' : `${sign}${String(Math.trunc(Math.abs(minutes) / 60)).padStart(2, '0')}:${String(Math.abs(minutes) % 60).padStart(2, '0')}`;
      return `${local}${zone}`;
    };
    fc.assert(
      fc.property(instant, instant, offset, offset, fc.boolean(), fc.boolean(), (a, b, za, zb, ma, mb) => {
        const left = written(a, za, ma);
        const right = written(b, zb, mb);
        const expected = Date.parse(left) >= Date.parse(right);
        assert.equal(matches(`modifiedDate >= '${right}'`, left), expected, `${left} >= ${right}`);
      }),
    );
  });
});
