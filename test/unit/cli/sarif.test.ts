import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { copyFile, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import Ajv from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import fc from 'fast-check';
import { runCli } from '../../../src/cli/run';
import { LINT_RULES } from '../../../src/core/instanceFile/rules';
import { fixture, fixturesDir } from '../helpers';
import { mutated, SEEDS } from '../instanceFile/arbitraries';

/** The SARIF 2.1.0 schema, vendored (test/fixtures/sarif/README.md): nothing is fetched. */
// unicodeRegExp off: the schema's language pattern has a lone "]" that the u flag refuses.
const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
addFormats(ajv);
const validateSarif = ajv.compile(JSON.parse(fixture('sarif/sarif-schema-2.1.0.json')));

interface Region {
  startLine: number;
  startColumn: number;
  endLine: number;
  endColumn: number;
}
interface SarifResult {
  ruleId: string;
  ruleIndex: number;
  level: string;
  message: { text: string };
  locations: Array<{ physicalLocation: { artifactLocation: { uri: string; uriBaseId?: string }; region: Region } }>;
  fixes?: Array<{ description: { text: string }; artifactChanges: Array<{ replacements: Array<{ deletedRegion: Region; insertedContent: { text: string } }> }> }>;
}

describe('elements-lint --format sarif', () => {
  let dir: string;

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'elements-lint-sarif-'));
  });

  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  async function run(...argv: string[]) {
    let stdout = '';
    let stderr = '';
    const code = await runCli(argv, { cwd: dir, stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), color: false });
    return { code, stdout, stderr };
  }

  it('validates against the vendored schema for real (a log without a driver name is refused)', () => {
    assert.equal(validateSarif({ version: '2.1.0', runs: [{ tool: { driver: {} }, results: [] }] }), false);
  });

  function assertValid(log: unknown): void {
    assert.ok(validateSarif(log), JSON.stringify(validateSarif.errors?.slice(0, 5), null, 2));
  }

  it('is valid SARIF 2.1.0 with one rule per lint rule, results with regions, fixes, and unreadable files as notifications', async () => {
    await copyFile(join(fixturesDir, 'lint/smart-quotes.instance.json'), join(dir, 'curly quotes.json'));
    await copyFile(join(fixturesDir, 'seeds/xero-oauth1.page.json'), join(dir, 'page.json'));
    const sarif = await run('--format', 'sarif', 'curly quotes.json', 'page.json', 'missing.json');
    assert.equal(sarif.code, 2);
    assert.equal(sarif.stderr, 'elements-lint: Cannot read "missing.json": no such file\n');
    const log = JSON.parse(sarif.stdout);
    assertValid(log);

    const [runLog] = log.runs;
    assert.deepEqual(
      runLog.tool.driver.rules.map((rule: { id: string; help: { text: string }; defaultConfiguration: { level: string } }) => [rule.id, rule.help.text.startsWith(LINT_RULES.find((r) => r.id === rule.id)!.description), rule.defaultConfiguration.level]),
      LINT_RULES.map((rule) => [rule.id, true, rule.defaultSeverity === 'info' ? 'note' : rule.defaultSeverity]),
    );
    assert.deepEqual(runLog.invocations, [{ executionSuccessful: false, toolExecutionNotifications: [{ level: 'error', message: { text: 'Cannot read "missing.json": no such file' } }] }]);
    assert.deepEqual(runLog.originalUriBaseIds, { '%SRCROOT%': { uri: pathToFileURL(dir + '/').href } });

    // The same findings, places and messages as the json format.
    const json = JSON.parse((await run('--format', 'json', 'curly quotes.json', 'page.json')).stdout) as Array<{ file: string; diagnostics: Array<{ rule: string; severity: string; message: string; line: number; column: number; endLine: number; endColumn: number }> }>;
    const results = runLog.results as SarifResult[];
    assert.deepEqual(
      results.map((r) => [decodeURIComponent(r.locations[0]!.physicalLocation.artifactLocation.uri), r.ruleId, r.level, r.message.text, r.locations[0]!.physicalLocation.region]),
      json.flatMap(({ file, diagnostics }) => diagnostics.map((d) => [file, d.rule, d.severity, d.message, { startLine: d.line, startColumn: d.column, endLine: d.endLine, endColumn: d.endColumn }])),
    );
    assert.ok(results.every((r) => LINT_RULES[r.ruleIndex]!.id === r.ruleId));
    assert.deepEqual(results[0]!.locations[0]!.physicalLocation.artifactLocation, { uri: 'curly%20quotes.json', uriBaseId: '%SRCROOT%' });

    // Each curly quote's fix replaces that quote; the missing comma's fix inserts one where it belongs.
    const quote = results.find((r) => r.ruleId === 'smart-quotes')!;
    assert.deepEqual(quote.fixes, [
      { description: { text: 'Replace curly quotes with straight quotes' }, artifactChanges: [{ artifactLocation: { uri: 'curly%20quotes.json', uriBaseId: '%SRCROOT%' }, replacements: [{ deletedRegion: { startLine: 2, startColumn: 3, endLine: 2, endColumn: 4 }, insertedContent: { text: '"' } }] }], properties: { safe: true } },
    ]);
    const comma = results.find((r) => /Missing comma/.test(r.message.text))!;
    assert.deepEqual(comma.fixes![0]!.artifactChanges[0]!.replacements, [{ deletedRegion: { startLine: 8, startColumn: 52, endLine: 8, endColumn: 52 }, insertedContent: { text: ',' } }]);
  });

  it('is valid SARIF for any mutation of the seed fixtures, and keeps stdout to the log when fixing', async () => {
    const texts = fc.sample(mutated(SEEDS), { numRuns: 40 });
    const files = await Promise.all(texts.map(async (text, i) => {
      await writeFile(join(dir, `m${i}.json`), text);
      return `m${i}.json`;
    }));
    const result = await run('--format', 'sarif', ...files);
    assert.equal(result.stderr, '');
    assertValid(JSON.parse(result.stdout));

    const fixed = await run('--format', 'sarif', '--fix', ...files);
    assertValid(JSON.parse(fixed.stdout));
    assert.ok(fixed.stderr.split('\n').filter(Boolean).every((line) => line.startsWith('fixed ')), fixed.stderr);
  });

  it('links to nothing it does not ship: no informationUri or helpUri, no web address but the schema', async () => {
    await copyFile(join(fixturesDir, 'lint/smart-quotes.instance.json'), join(dir, 'a.json'));
    const log = JSON.parse((await run('--format', 'sarif', 'a.json')).stdout);
    const addresses = JSON.stringify(log).match(/\b(?:https?|ftp):\/\/[^"\s]*/g) ?? [];
    assert.deepEqual(addresses, ['https://json.schemastore.org/sarif-2.1.0.json']);
    const driver = log.runs[0].tool.driver;
    assert.equal(driver.informationUri, undefined);
    assert.ok(driver.rules.every((rule: { helpUri?: string }) => rule.helpUri === undefined));
  });

  it("each rule's help names its section in the README shipped with elements-lint, and that section exists", async () => {
    const readme = readFileSync(join(__dirname, '../../../elements-lint/README.md'), 'utf8');
    const headings = new Set([...readme.matchAll(/^#{2,4} `?([a-z-]+)`?$/gm)].map((match) => match[1]));
    await copyFile(join(fixturesDir, 'lint/valid.instance.json'), join(dir, 'a.json'));
    const { rules } = JSON.parse((await run('--format', 'sarif', 'a.json')).stdout).runs[0].tool.driver;
    for (const rule of rules as Array<{ id: string; help: { text: string } }>) {
      assert.ok(headings.has(rule.id), `README.md has a section for ${rule.id}`);
      assert.match(rule.help.text, new RegExp(`README\\.md of elements-lint, section "${rule.id}"`));
    }
  });

  it('exits 0 on a clean file, 1 on errors, as the other formats do', async () => {
    await copyFile(join(fixturesDir, 'lint/valid.instance.json'), join(dir, 'valid.json'));
    await copyFile(join(fixturesDir, 'lint/value-type.instance.json'), join(dir, 'bad.json'));
    const clean = await run('--format', 'sarif', 'valid.json');
    assert.equal(clean.code, 0);
    assert.deepEqual(JSON.parse(clean.stdout).runs[0].results, []);
    assert.equal((await run('--format', 'sarif', 'bad.json')).code, 1);
  });
});
