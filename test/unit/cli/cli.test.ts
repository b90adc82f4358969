import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { runCli } from '../../../src/cli/run';
import { fixturesDir } from '../helpers';

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

describe('elements-lint CLI', () => {
  let dir: string;

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'elements-lint-'));
    await mkdir(join(dir, 'instances'));
    for (const name of ['valid', 'smart-quotes', 'url', 'plain-secret']) {
      await copyFile(join(fixturesDir, `lint/${name}.instance.json`), join(dir, `instances/${name}.json`));
    }
    await copyFile(join(fixturesDir, 'seeds/xero-oauth1.page.json'), join(dir, 'page.json'));
  });

  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  async function run(...argv: string[]): Promise<Run> {
    let stdout = '';
    let stderr = '';
    const code = await runCli(argv, { cwd: dir, stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), color: false });
    return { code, stdout, stderr };
  }

  it('exits 0 and prints nothing for a clean file', async () => {
    assert.deepEqual(await run('instances/valid.json'), { code: 0, stdout: '', stderr: '' });
  });

  it('exits 0 when there are only warnings', async () => {
    const result = await run('instances/url.json');
    assert.equal(result.code, 0);
    assert.match(result.stdout, /8:27 +warning +"oauth.callback.url" is not a valid URL/);
  });

  it('exits 1 with stylish output for errors', async () => {
    const result = await run('page.json');
    assert.equal(result.code, 1);
    assert.equal(result.stdout.split('\n')[0], 'page.json');
    assert.match(result.stdout, /\n {2}8:52 +error +Missing comma: add "," here, before the entry on line 9 {2}syntax\n/);
    assert.match(result.stdout, /✖ 10 problems \(2 errors, 8 warnings\)\n$/);
  });

  it('prints the documented JSON contract', async () => {
    const result = await run('--format', 'json', 'page.json', 'instances/valid.json');
    assert.equal(result.code, 1);
    const reports = JSON.parse(result.stdout);
    assert.deepEqual(Object.keys(reports[0]), ['file', 'diagnostics']);
    assert.equal(reports[0].file, 'page.json');
    assert.deepEqual(reports[0].diagnostics[0], {
      rule: 'required-key',
      severity: 'error',
      message: 'Missing "element": "your_mom" holds the element key; the API only reads "element"',
      line: 2,
      column: 3,
      endLine: 2,
      endColumn: 13,
    });
    assert.deepEqual(reports[1], { file: 'instances/valid.json', diagnostics: [] });
  });

  it('expands globs in sorted order', async () => {
    const result = await run('--format', 'json', 'instances/*.json');
    assert.deepEqual(JSON.parse(result.stdout).map((r: { file: string }) => r.file), [
      'instances/plain-secret.json',
      'instances/smart-quotes.json',
      'instances/url.json',
      'instances/valid.json',
    ]);
    assert.equal(result.code, 1);
  });

  it('--fix applies only the safe fixes in place and says what it changed', async () => {
    const page = await readFile(join(dir, 'page.json'), 'utf8');
    const result = await run('--fix', 'page.json', 'instances/smart-quotes.json', 'instances/url.json');
    assert.equal(await readFile(join(dir, 'page.json'), 'utf8'), page.replace('EXCHANGE>"\n    "org"', 'EXCHANGE>",\n    "org"'));
    assert.equal(await readFile(join(dir, 'instances/smart-quotes.json'), 'utf8'), await readFile(join(dir, 'instances/valid.json'), 'utf8'));
    assert.equal(await readFile(join(dir, 'instances/url.json'), 'utf8'), await readFile(join(fixturesDir, 'lint/url.instance.json'), 'utf8'));
    assert.match(result.stdout, /fixed page\.json: Insert missing comma\n/);
    assert.match(result.stdout, /fixed instances\/smart-quotes\.json: Replace curly quotes with straight quotes \(10 edits\)\n/);
    assert.equal(result.code, 1, 'your_mom still needs a person');
  });

  it('--fix with --format json keeps stdout to the JSON array', async () => {
    const result = await run('--fix', '--format', 'json', 'instances/smart-quotes.json');
    assert.deepEqual(JSON.parse(result.stdout), [{ file: 'instances/smart-quotes.json', diagnostics: [] }]);
    assert.match(result.stderr, /fixed instances\/smart-quotes\.json/);
    assert.equal(result.code, 0);
  });

  describe('exit code 2', () => {
    it('for an unknown option, with the usage', async () => {
      const result = await run('--bogus', 'page.json');
      assert.equal(result.code, 2);
      assert.match(result.stderr, /^elements-lint: Unknown option "--bogus"\n\nUsage: elements-lint/);
    });

    it('for an unknown format', async () => {
      assert.match((await run('--format', 'xml', 'page.json')).stderr, /Unknown format "xml": use stylish, json or sarif/);
    });

    it('for no files', async () => {
      assert.equal((await run()).code, 2);
    });

    it('for a missing file, a directory and a glob without matches, still linting the rest', async () => {
      const result = await run('--format', 'json', 'missing.json', 'instances', 'nothing/*.json', 'instances/valid.json');
      assert.equal(result.code, 2);
      assert.deepEqual(JSON.parse(result.stdout), [{ file: 'instances/valid.json', diagnostics: [] }]);
      assert.equal(
        result.stderr,
        [
          'elements-lint: "instances" is a directory: pass files or a glob such as "instances/**/*.json"',
          'elements-lint: No files match "nothing/*.json"',
          'elements-lint: Cannot read "missing.json": no such file',
          '',
        ].join('\n'),
      );
    });
  });

  it('--help prints the usage and exits 0', async () => {
    const result = await run('--help');
    assert.equal(result.code, 0);
    assert.match(result.stdout, /^Usage: elements-lint \[--format stylish\|json\|sarif\] \[--fix\] \[--fail-level error\|warning\|none\]\n +\[--sarif-output <file>\] <file\|glob>\.\.\./);
  });

  it('the bundled bin runs with the same contract', async () => {
    const bin = join(__dirname, '../../../dist/cli.js');
    assert.ok(existsSync(bin), 'dist/cli.js exists (npm test builds it first)');
    await writeFile(join(dir, 'bad.json'), '{ “element”: {"key": "xero"} }');
    const exec = promisify(execFile);
    const failure = await exec(process.execPath, [bin, '--format', 'json', 'bad.json'], { cwd: dir }).catch((error: { code: number; stdout: string }) => error);
    assert.equal((failure as { code: number }).code, 1);
    const rules = JSON.parse((failure as { stdout: string }).stdout)[0].diagnostics.map((d: { rule: string }) => d.rule);
    assert.ok(rules.includes('smart-quotes'));
    const ok = await exec(process.execPath, [bin, 'instances/valid.json'], { cwd: dir });
    assert.equal(ok.stdout, '');
  });
});
