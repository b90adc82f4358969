/**
 * The GitHub Action (action.yml → elements-lint/action.js, committed built), run as the runner
 * runs it on a fixture repository; and its refusal to pass a job when elements-lint did not run,
 * over generated ways for a command to fail.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { ActionExit, readInputs, verdict } from '../../../src/action/action';
import { fixturesDir } from '../helpers';
import { actionMetadata, ROOT, runStep } from './runner';

/** A repository of another team: instance files with errors, with warnings only, clean, and some that are not linted. */
async function fixtureRepository(): Promise<string> {
  const repo = await mkdtemp(join(tmpdir(), 'elements-lint-action-repo-'));
  await mkdir(join(repo, 'config/instances'), { recursive: true });
  await mkdir(join(repo, 'node_modules/some-package'), { recursive: true });
  await copyFile(join(fixturesDir, 'lint/smart-quotes.instance.json'), join(repo, 'config/instances/xero.json'));
  await copyFile(join(fixturesDir, 'lint/url.instance.json'), join(repo, 'config/qbo.instance.json'));
  await copyFile(join(fixturesDir, 'lint/valid.instance.json'), join(repo, 'instance.json'));
  await copyFile(join(fixturesDir, 'lint/smart-quotes.instance.json'), join(repo, 'node_modules/some-package/instance.json'));
  await writeFile(join(repo, 'notes.json'), '{ “not”: "an instance file" }');
  return repo;
}

interface SarifLog {
  runs: Array<{ tool: { driver: { name: string } }; results: Array<{ ruleId: string; level: string; locations: Array<{ physicalLocation: { artifactLocation: { uri: string } } }> }> }>;
}

describe('the elements-lint GitHub Action', () => {
  let repo: string;

  beforeEach(async () => {
    repo = await fixtureRepository();
  });

  afterEach(async () => {
    await rm(repo, { recursive: true, force: true });
  });

  it('action.yml: a node24 action whose entry point is committed beside the elements-lint it runs, its inputs and outputs those the entry reads and sets', async () => {
    const action = actionMetadata();
    assert.equal(action.runs.using, 'node24');
    assert.equal(action.runs.main, 'elements-lint/action.js');
    assert.ok(existsSync(join(ROOT, action.runs.main)) && existsSync(join(ROOT, 'elements-lint/cli.js')));
    assert.deepEqual(Object.keys(action.inputs).sort(), ['fail-level', 'files', 'format', 'sarif-output']);
    const step = await runStep(repo, { 'fail-level': 'none' });
    assert.deepEqual(Object.keys(step.outputs).sort(), Object.keys(action.outputs).sort());
  });

  it('with its defaults: lints the three usual names outside node_modules, fails on the errors, prints them in the log', async () => {
    const step = await runStep(repo, {});
    assert.equal(step.exit, ActionExit.findings);
    assert.match(step.log, /^config\/instances\/xero\.json\n/m);
    assert.match(step.log, /^config\/qbo\.instance\.json\n/m);
    assert.doesNotMatch(step.log, /node_modules|notes\.json/);
    assert.deepEqual(step.errors, ['elements-lint found 10 errors, 1 warning (fail level: error).']);
    assert.deepEqual(step.outputs, { result: 'findings', errors: '10', warnings: '1', 'sarif-file': '' });
    assert.ok(!existsSync(join(repo, 'elements-lint.sarif')), 'no log kept when none was asked for');
  });

  it('sarif-output: the log elements-lint wrote, for code scanning, with paths relative to the workspace', async () => {
    const step = await runStep(repo, { 'sarif-output': 'reports/elements-lint.sarif' });
    assert.equal(step.exit, ActionExit.unreadable, 'reports/ does not exist');
    assert.match(step.log, /Cannot write the SARIF log ".*reports\/elements-lint\.sarif": no such folder/);
    assert.deepEqual(step.errors, ['elements-lint exited with code 2 without writing its SARIF log: it could not write the log, or refused its arguments (its message is above).']);
    assert.equal(step.outputs.result, 'unreadable');

    await mkdir(join(repo, 'reports'));
    const written = await runStep(repo, { 'sarif-output': 'reports/elements-lint.sarif', 'fail-level': 'none' });
    assert.equal(written.exit, ActionExit.passed);
    assert.deepEqual(written.errors, []);
    assert.deepEqual(written.outputs, { result: 'passed', errors: '10', warnings: '1', 'sarif-file': join(repo, 'reports/elements-lint.sarif') });
    const log = JSON.parse(await readFile(join(repo, 'reports/elements-lint.sarif'), 'utf8')) as SarifLog;
    assert.equal(log.runs[0]!.tool.driver.name, 'elements-lint');
    assert.deepEqual([...new Set(log.runs[0]!.results.map((r) => r.locations[0]!.physicalLocation.artifactLocation.uri))].sort(), ['config/instances/xero.json', 'config/qbo.instance.json']);
  });

  it('fail-level warning fails on warnings; format json prints the json contract', async () => {
    const step = await runStep(repo, { files: 'config/*.instance.json', 'fail-level': 'warning', format: 'json' });
    assert.equal(step.exit, ActionExit.findings);
    const reports = JSON.parse(step.log.split('\n')[0]!) as Array<{ file: string; diagnostics: Array<{ rule: string }> }>;
    assert.deepEqual(reports.map((r) => [r.file, r.diagnostics.map((d) => d.rule)]), [['config/qbo.instance.json', ['url']]]);
    assert.equal((await runStep(repo, { files: 'config/*.instance.json', format: 'json' })).exit, ActionExit.passed);
  });

  it('files: one glob or path per line; a clean file passes silently', async () => {
    const step = await runStep(repo, { files: '\n  instance.json  \n\n' });
    assert.equal(step.exit, ActionExit.passed);
    assert.deepEqual(step.errors, []);
    assert.deepEqual(step.outputs, { result: 'passed', errors: '0', warnings: '0', 'sarif-file': '' });
  });

  it('a file that cannot be read fails the job at every fail level, and a path is never taken for an option', async () => {
    await writeFile(join(repo, 'latin1.instance.json'), Buffer.from([0x7b, 0x22, 0xe9, 0x22, 0x7d]));
    const step = await runStep(repo, { files: 'latin1.instance.json\n--fix', 'fail-level': 'none' });
    assert.equal(step.exit, ActionExit.unreadable);
    assert.match(step.log, /"latin1\.instance\.json" is not valid UTF-8/);
    assert.match(step.log, /Cannot read "--fix": no such file/);
    assert.deepEqual(step.errors, ['elements-lint could not find, read or lint some files (listed above); 0 errors, 0 warnings in the rest.']);
    assert.equal(step.outputs.result, 'unreadable');
  });

  it('a wrong input fails the job with what to give instead, before anything runs', async () => {
    for (const [inputs, message] of [
      [{ format: 'xml' }, 'The "format" input is "xml": use stylish, json or sarif.'],
      [{ 'fail-level': 'info' }, 'The "fail-level" input is "info": use error, warning or none.'],
      [{ files: '  \n ' }, 'The "files" input is empty: give the instance files to lint, one glob or path per line.'],
    ] as const) {
      const step = await runStep(repo, inputs);
      assert.equal(step.exit, ActionExit.unreadable);
      assert.deepEqual(step.errors, [message]);
      assert.equal(step.outputs.result, 'usage');
    }
  });

  describe('when elements-lint did not run, the job never passes', () => {
    let action: string;

    beforeEach(async () => {
      action = await mkdtemp(join(tmpdir(), 'elements-lint-action-copy-'));
      await copyFile(join(ROOT, 'elements-lint/action.js'), join(action, 'action.js'));
    });

    afterEach(async () => {
      await rm(action, { recursive: true, force: true });
    });

    it('no cli.js beside the entry point (Node exits 1, as it does for "cannot find module")', async () => {
      await writeFile(join(repo, 'elements-lint.sarif'), 'left by an earlier step');
      const step = await runStep(repo, { 'sarif-output': 'elements-lint.sarif' }, join(action, 'action.js'));
      assert.equal(step.exit, ActionExit.didNotRun);
      assert.deepEqual(step.errors, ['elements-lint did not run: it exited with code 1 without writing its SARIF log. Nothing was linted, so this job cannot pass.']);
      assert.deepEqual(step.outputs, { result: 'did-not-run', errors: '0', warnings: '0', 'sarif-file': '' });
      assert.ok(!existsSync(join(repo, 'elements-lint.sarif')), 'the earlier log is not passed off as this run\'s');
    });

    it('a command that imitates npx finding no package: "404", exit 1', async () => {
      await writeFile(join(action, 'cli.js'), "process.stderr.write('npm error 404 Not Found - GET https://registry.example/elements-lint\\n'); process.exit(1);\n");
      const step = await runStep(repo, {}, join(action, 'action.js'));
      assert.equal(step.exit, ActionExit.didNotRun);
      assert.equal(step.outputs.result, 'did-not-run');
    });

    /** A stand-in for cli.js: its exit (or a signal), and the SARIF log it leaves at --sarif-output. */
    const stub = fc.record({
      ending: fc.oneof(fc.constantFrom(0, 1, 2, 3, 127, 255).map((code) => ({ code })), fc.constant({ signal: 'SIGKILL' as const })),
      log: fc.oneof(
        fc.constant({ kind: 'none' as const }),
        fc.constant({ kind: 'garbage' as const }),
        fc.constant({ kind: 'other tool' as const }),
        fc.record({ kind: fc.constant('elements-lint' as const), levels: fc.array(fc.constantFrom('error', 'warning'), { maxLength: 3 }), completed: fc.boolean() }),
      ),
      failLevel: fc.constantFrom('error', 'warning', 'none'),
    });
    type Stub = typeof stub extends fc.Arbitrary<infer T> ? T : never;

    function stubSource({ ending, log }: Stub): string {
      const path = "process.argv[process.argv.indexOf('--sarif-output') + 1]";
      const sarif =
        log.kind === 'garbage'
          ? '"{ not json"'
          : log.kind === 'other tool'
            ? JSON.stringify(JSON.stringify({ version: '2.1.0', runs: [{ tool: { driver: { name: 'another-linter' } }, invocations: [{ executionSuccessful: true }], results: [] }] }))
            : log.kind === 'elements-lint'
              ? JSON.stringify(JSON.stringify({ version: '2.1.0', runs: [{ tool: { driver: { name: 'elements-lint' } }, invocations: [{ executionSuccessful: log.completed }], results: log.levels.map((level) => ({ ruleId: 'syntax', level })) }] }))
              : undefined;
      const write = sarif === undefined ? '' : `require('node:fs').writeFileSync(${path}, ${sarif});\n`;
      const end = 'signal' in ending ? `process.kill(process.pid, '${ending.signal}');\n` : `process.exit(${ending.code});\n`;
      return write + end;
    }

    /** What the job's outcome must be: it passes only on a log of elements-lint that agrees with exit code 0. */
    function expected({ ending, log, failLevel }: Stub): number {
      if ('signal' in ending || ![0, 1, 2].includes(ending.code)) return ActionExit.didNotRun;
      if (log.kind === 'none') return ending.code === 2 ? ActionExit.unreadable : ActionExit.didNotRun;
      if (log.kind !== 'elements-lint') return ActionExit.didNotRun;
      const atLevel = failLevel === 'none' ? 0 : log.levels.filter((level) => failLevel === 'warning' || level === 'error').length;
      const agreed = !log.completed ? 2 : atLevel > 0 ? 1 : 0;
      return ending.code === agreed ? ending.code : ActionExit.didNotRun;
    }

    it('passes only when a log of elements-lint, written by this run, agrees with its exit code (generated commands)', async () => {
      await fc.assert(
        fc.asyncProperty(stub, async (generated) => {
          await writeFile(join(action, 'cli.js'), stubSource(generated));
          const step = await runStep(repo, { 'fail-level': generated.failLevel }, join(action, 'action.js'));
          assert.equal(step.exit, expected(generated), step.log);
          if (step.exit === ActionExit.didNotRun) assert.match(step.errors.join('\n'), /^elements-lint did not run: .*Nothing was linted, so this job cannot pass\.$/);
          if (step.exit === ActionExit.passed) assert.deepEqual(step.errors, []);
        }),
        { numRuns: 30 },
      );
    });

    it('the verdict, in process: the same rule over every exit code and log', () => {
      fc.assert(
        fc.property(stub, (generated) => {
          const { ending, log } = generated;
          const sarif = stubSource(generated).match(/writeFileSync\([^,]+, (.*)\);\n/)?.[1];
          const record = { code: 'code' in ending ? ending.code : null, signal: 'signal' in ending ? ending.signal : null, sarif: sarif === undefined ? undefined : (JSON.parse(sarif) as string) };
          assert.equal(verdict(record, generated.failLevel).exit, expected(generated), JSON.stringify({ record, log }));
        }),
        { numRuns: 500 },
      );
      assert.equal(verdict({ code: null, signal: null, startError: 'spawn ENOENT', sarif: undefined }, 'error').exit, ActionExit.didNotRun);
    });
  });

  it('reads its inputs as the runner passes them (INPUT_ and the name in capitals, hyphens kept)', () => {
    assert.deepEqual(readInputs({ 'INPUT_FILES': 'a.json\r\nb/*.json', 'INPUT_FAIL-LEVEL': 'warning', 'INPUT_SARIF-OUTPUT': ' out.sarif ', INPUT_FORMAT: '' }), {
      patterns: ['a.json', 'b/*.json'],
      format: 'stylish',
      failLevel: 'warning',
      sarifOutput: 'out.sarif',
    });
    assert.equal(readInputs({ INPUT_FILES: 'a.json', INPUT_FAIL_LEVEL: 'bogus' }).constructor, Object, 'INPUT_FAIL_LEVEL is not the runner\'s name for it');
  });

  it('its log lines for the job are workflow commands with their data escaped', async () => {
    await writeFile(join(repo, 'a.instance.json'), '{}');
    const step = await runStep(repo, { files: 'a.instance.json', 'fail-level': 'warning' });
    assert.ok(step.log.split('\n').filter((line) => line.startsWith('::')).every((line) => /^::error title=elements-lint::[^\r\n]*$/.test(line)));
    assert.equal(readFileSync(join(ROOT, 'action.yml'), 'utf8').includes('node20'), false, 'node20 actions are deprecated on GitHub-hosted runners');
  });
});
