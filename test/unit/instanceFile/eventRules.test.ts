/**
 * The event rules' places inside JSON held in a string: every range lands on the characters it
 * names, through both levels of escapes (the document's string, then the url's string inside the
 * JSON), and every fix changes the decoded configuration by exactly its own edit. Then hostile
 * input, and the CLI's json and SARIF output.
 */
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Ajv from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import fc from 'fast-check';
import { runCli } from '../../../src/cli/run';
import type { LintDiagnostic } from '../../../src/core/instanceFile/diagnostics';
import { lintInstanceText } from '../../../src/core/instanceFile/lint';
import { applyEdits } from '../../../src/core/instanceFile/text';
import { fixture, timed } from '../helpers';
import { mutated } from './arbitraries';

const EVENT_RULES = ['event-callback', 'event-poller-configuration', 'event-poller-field', 'event-poller-dates', 'event-poller-urls'];
const FIXTURES = EVENT_RULES.map((rule) => fixture(`lint/${rule}.instance.json`));

const SHORT: Readonly<Record<string, string>> = { '"': '\\"', '\\': '\\\\', '/': '\\/', '\b': '\\b', '\f': '\\f', '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/** The characters of `text` as a JSON string's content, each written one of the ways JSON allows. */
function anyContent(text: string): fc.Arbitrary<string> {
  if (text.length === 0) return fc.constant('');
  const units = [...Array(text.length).keys()].map((i) => {
    const unit = text[i]!;
    const code = unit.charCodeAt(0);
    const hex = code.toString(16).padStart(4, '0');
    const ways: fc.Arbitrary<string>[] = [fc.constant(`\\u${hex}`)];
    if (SHORT[unit]) ways.push(fc.constant(SHORT[unit]));
    if (unit !== '"' && unit !== '\\' && code >= 0x20) ways.push(fc.constant(unit), fc.constant(unit), fc.constant(unit), fc.constant(unit));
    return fc.oneof(...ways);
  });
  return fc.tuple(...units).map((parts) => parts.join(''));
}

const anyLiteral = (text: string) => anyContent(text).map((content) => `"${content}"`);

/** Text for names and url parts: anything but what would make a placeholder or a where clause of its own. */
const plain = fc.string({ unit: fc.oneof(fc.constantFrom('"', '\\', '\n', '\t', 'é', '😀', ' ', '/', '|', '\u0000'), fc.string({ unit: 'grapheme', minLength: 1, maxLength: 1 })), maxLength: 12 }).map((text) => text.replace(/[$'{}?]/g, '_'));

interface Generated {
  /** The instance file. */
  document: string;
  /** The poller configuration's JSON text (the string's value). */
  json: string;
  name: string;
}

/**
 * An instance file whose poller configuration misspells filterByUpdatedDate and has a placeholder
 * the platform does not expand, every string of it (and then the whole JSON) written with any escapes.
 */
const generated: fc.Arbitrary<Generated> = fc
  .record({ name: plain, prefix: plain, suffix: plain, spaces: fc.constantFrom('', ' ', '\n  ', '\t') })
  .chain(({ name, prefix, suffix, spaces }) =>
    fc
      .tuple(
        anyLiteral(name),
        anyLiteral(`/hubs/crm/${prefix}?where=x>='\${Date:yyyy}'${suffix}`),
        anyLiteral('filterByUpdateDate'),
        anyLiteral('url'),
      )
      .map(([nameLiteral, urlLiteral, misspelt, urlKey]) => ({
        name,
        json: `{${spaces}${nameLiteral}:${spaces}{${urlKey}: ${urlLiteral},${spaces}"idField": "id", ${misspelt}: false}}`,
      })),
  )
  .chain(({ name, json }) =>
    anyContent(json).map((content) => ({
      name,
      json,
      document: `{\n  "element": {"key": "sageoneus"},\n  "name": "n",\n  "configuration": {\n    "event.poller.configuration": "${content}"\n  }\n}\n`,
    })),
  );

const decode = (content: string): string => JSON.parse(`"${content}"`);
const slice = (text: string, d: { offset: number; length: number }) => text.slice(d.offset, d.offset + d.length);
const only = (diagnostics: LintDiagnostic[], rule: string, pattern: RegExp) => {
  const found = diagnostics.filter((d) => d.rule === rule && pattern.test(d.message));
  assert.equal(found.length, 1, `${rule} ${pattern}: ${JSON.stringify(diagnostics.map((d) => d.message))}`);
  return found[0]!;
};

describe('event rules inside JSON held in a string', () => {
  it('underline exactly the key and the placeholder they name, through both levels of escapes', () => {
    fc.assert(
      fc.property(generated, ({ document, json }) => {
        assert.equal(JSON.parse(document).configuration['event.poller.configuration'], json, 'the generator writes what it says');
        const diagnostics = lintInstanceText(document);
        const field = only(diagnostics, 'event-poller-field', /filterByUpdateDate/);
        assert.equal(JSON.parse(decode(slice(document, field))), 'filterByUpdateDate');
        const placeholder = only(diagnostics, 'event-poller-dates', /\$\{Date:yyyy\}/);
        assert.equal(decode(decode(slice(document, placeholder))), '${Date:yyyy}');
      }),
      { numRuns: 300 },
    );
  });

  it('apply each fix to the configuration as its own edit: renamed, the misspelling is gone and nothing else changed', () => {
    fc.assert(
      fc.property(generated, ({ document, json }) => {
        const rename = only(lintInstanceText(document), 'event-poller-field', /filterByUpdateDate/).fixes[0]!;
        assert.equal(rename.safe, false);
        const fixed = applyEdits(document, rename.edits);
        const configuration: string = JSON.parse(fixed).configuration['event.poller.configuration'];
        const expected = JSON.parse(json) as Record<string, Record<string, unknown>>;
        const resource = Object.values(expected)[0]!;
        resource.filterByUpdatedDate = resource.filterByUpdateDate;
        delete resource.filterByUpdateDate;
        assert.deepEqual(JSON.parse(configuration), expected);
        assert.deepEqual(lintInstanceText(fixed).filter((d) => d.rule === 'event-poller-field' && /filterBy/.test(d.message)), []);
        const descriptor = only(lintInstanceText(fixed), 'event-poller-dates', /Date:yyyy/).fixes[0]!;
        const both = JSON.parse(applyEdits(fixed, descriptor.edits)).configuration['event.poller.configuration'];
        assert.ok(Object.values(JSON.parse(both) as Record<string, { url: string }>)[0]!.url.includes("'${date:yyyy}'"));
      }),
      { numRuns: 200 },
    );
  });

  it('find the same things in the string the platform stores as in the object the docs send', () => {
    const config = fc.record({
      url: fc.oneof(plain.map((text) => `/hubs/crm/c?where=u>='\${gmtDate:${text}}'`), fc.constantFrom("/hubs/crm/c?where=u>='${DateTimeZone:EDT:yyyy}' and a='b", '/hubs/x?where=d>=2017-01-01', '/h ')),
      idField: fc.oneof(fc.constant('id'), fc.integer()),
      pageSize: fc.oneof(fc.nat(), fc.constant('20')),
      filterByUpdateDate: fc.boolean(),
      datesConfiguration: fc.record({ updatedDateField: fc.constantFrom('u', 'yyyy-MM-dd'), updatedDateFormat: fc.constantFrom("yyyy-MM-dd'T'HH:mm:ssXXX'", 'milliseconds', 'u', 'yyyy-MM-ddTHH'), createdCheckTolerance: fc.nat() }, { requiredKeys: [] }),
    }, { requiredKeys: [] });
    fc.assert(
      fc.property(fc.dictionary(plain, config, { maxKeys: 3 }), (configuration) => {
        const body = (value: unknown) => JSON.stringify({ element: { key: 'sageoneus' }, name: 'n', configuration: { 'event.poller.configuration': value } }, null, 2);
        const asObject = body(configuration);
        const asString = body(JSON.stringify(configuration, null, 1));
        const events = (text: string) => lintInstanceText(text).filter((d) => d.rule.startsWith('event-'));
        const fromObject = events(asObject);
        const fromString = events(asString);
        assert.deepEqual(fromString.map((d) => d.message), fromObject.map((d) => d.message));
        // The same characters: the string form's, decoded, are the object form's (as JSON.stringify writes them again).
        fromString.forEach((d, i) => assert.equal(decode(slice(asString, d)).replace(/\s+/g, ''), slice(asObject, fromObject[i]!).replace(/\s+/g, '')));
      }),
      { numRuns: 300 },
    );
  });

  it('never throw on mutations of the event fixtures, keep every range and fix edit inside the document, and stay fast', () => {
    fc.assert(
      fc.property(mutated(FIXTURES), (text) => {
        const diagnostics = timed(250, 'lint', () => lintInstanceText(text));
        for (const d of diagnostics) {
          assert.ok(d.offset >= 0 && d.length >= 0 && d.offset + d.length <= text.length, `${d.rule} ${d.offset}+${d.length} of ${text.length}`);
          for (const fix of d.fixes) {
            for (const edit of fix.edits) assert.ok(edit.offset >= 0 && edit.offset + edit.length <= text.length, fix.title);
            applyEdits(text, fix.edits);
          }
        }
      }),
      { numRuns: 600 },
    );
  });

  it('take a huge or deeply nested configuration in their stride', () => {
    const wrap = (configuration: string) => JSON.stringify({ element: { key: 'sageoneus' }, name: 'n', configuration: { 'event.poller.configuration': configuration, 'event.poller.urls': configuration } });
    const resources = Array.from({ length: 5000 }, (_, i) => `"r${i}": {"url": "/hubs/a?where=x>='\${DateTimeZone:PST:yyyy}' and '", "idField": "id", "filterByUpdateDate": true}`);
    const shapes = [
      wrap(`{${resources.join(', ')}}`),
      wrap('['.repeat(10_000)),
      wrap('{"a":'.repeat(10_000)),
      wrap(`{"a": {"url": "${'${'.repeat(50_000)}"}}`),
      wrap(`{"a": {"url": "/h?q=${"'".repeat(100_000)}"}}`),
      wrap(`r|/hubs/x|${'|'.repeat(100_000)}\n`.repeat(10)),
    ];
    for (const text of shapes) {
      const diagnostics = timed(4000, 'lint', () => lintInstanceText(text));
      for (const d of diagnostics) assert.ok(d.offset + d.length <= text.length);
    }
  });
});

interface SarifLog {
  runs: Array<{
    tool: { driver: { rules: Array<{ id: string }> } };
    results: Array<{ ruleId: string; locations: Array<{ physicalLocation: { region: { startLine: number; startColumn: number } } }> }>;
  }>;
}

describe('elements-lint on the event rules', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'elements-lint-events-'));
    for (const rule of EVENT_RULES) await writeFile(join(dir, `${rule}.json`), fixture(`lint/${rule}.instance.json`));
  });
  afterEach(async () => rm(dir, { recursive: true, force: true }));

  async function run(...argv: string[]) {
    let stdout = '';
    const code = await runCli(argv, { cwd: dir, stdout: (t) => (stdout += t), stderr: () => undefined, color: false });
    return { code, stdout };
  }

  it('report every event finding, where the linter places it, in json and in valid SARIF', async () => {
    const files = EVENT_RULES.map((rule) => `${rule}.json`);
    const json = await run('--format', 'json', ...files);
    assert.equal(json.code, 1, 'event-poller-configuration is an error');
    const reports = JSON.parse(json.stdout) as Array<{ file: string; diagnostics: Array<{ rule: string; line: number; column: number }> }>;
    for (const [i, rule] of EVENT_RULES.entries()) {
      const text = FIXTURES[i]!;
      const expected: string[] = lintInstanceText(text).map((d) => d.rule);
      assert.deepEqual(reports[i]!.diagnostics.map((d) => d.rule), expected, rule);
      assert.ok(expected.includes(rule), `${rule} reports on its fixture`);
    }

    const sarif = JSON.parse((await run('--format', 'sarif', ...files)).stdout) as SarifLog;
    const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
    addFormats(ajv);
    const validate = ajv.compile(JSON.parse(fixture('sarif/sarif-schema-2.1.0.json')));
    assert.ok(validate(sarif), JSON.stringify(validate.errors?.slice(0, 3)));
    const results = sarif.runs[0]!.results;
    const fromJson = reports.flatMap((report) => report.diagnostics.map((d) => [d.rule, d.line, d.column]));
    assert.deepEqual(results.map((r) => [r.ruleId, r.locations[0]!.physicalLocation.region.startLine, r.locations[0]!.physicalLocation.region.startColumn]), fromJson);
    const ruleIds = sarif.runs[0]!.tool.driver.rules.map((rule) => rule.id);
    for (const rule of EVENT_RULES) assert.ok(ruleIds.includes(rule), rule);
  });

  it('--fix leaves the event findings alone: their fixes need a person to look', async () => {
    const before = fixture('lint/event-poller-field.instance.json');
    const result = await run('--fix', 'event-poller-field.json');
    assert.equal(result.code, 0);
    assert.equal(await readFile(join(dir, 'event-poller-field.json'), 'utf8'), before);
  });
});
