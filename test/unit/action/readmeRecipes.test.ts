/**
 * The README's CI recipe and the package README's install and pre-commit recipes, taken from the
 * READMEs themselves: the GitHub Actions job runs this repository's Action on a fixture repository
 * with the job's own inputs, and its upload step reads the log the Action wrote — and only a log
 * elements-lint wrote. No recipe runs elements-lint by its name from a registry.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { copyFile, mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Ajv from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { parse } from 'yaml';
import { ActionExit } from '../../../src/action/action';
import { fixture, fixturesDir } from '../helpers';
import { actionMetadata, ROOT, runStep } from './runner';

const README = readFileSync(join(ROOT, 'README.md'), 'utf8');
const PACKAGE_README = readFileSync(join(ROOT, 'elements-lint/README.md'), 'utf8');

/** The fenced code blocks of a Markdown text, with their language. */
const codeBlocks = (markdown: string) => [...markdown.matchAll(/^```(\w*)\n([\s\S]*?)^```$/gm)].map((match) => ({ language: match[1]!, code: match[2]! }));

interface Step {
  id?: string;
  if?: string;
  uses?: string;
  run?: string;
  with?: Record<string, string>;
}

describe("the READMEs' recipes", () => {
  const job = (() => {
    const blocks = codeBlocks(README).filter((block) => block.language === 'yaml' && /uses: \S+\/elements-toolkit@/.test(block.code));
    assert.equal(blocks.length, 1, 'one GitHub Actions job in the README uses the Action');
    const [only] = Object.values(parse(blocks[0]!.code) as Record<string, { steps: Step[] }>);
    return only!;
  })();
  const lint = job.steps.find((step) => step.uses?.includes('/elements-toolkit@'))!;
  const upload = job.steps[job.steps.indexOf(lint) + 1]!;

  let repo: string;

  beforeEach(async () => {
    repo = await mkdtemp(join(tmpdir(), 'elements-lint-recipe-'));
    await mkdir(join(repo, 'config/instances'), { recursive: true });
    await copyFile(join(fixturesDir, 'lint/smart-quotes.instance.json'), join(repo, 'config/instances/xero.json'));
    await copyFile(join(fixturesDir, 'lint/valid.instance.json'), join(repo, 'config/qbo.instance.json'));
  });

  afterEach(async () => {
    await rm(repo, { recursive: true, force: true });
  });

  it('the job uses this repository as an Action, pinned to a commit, with inputs that action.yml declares', () => {
    assert.match(lint.uses!, /^[\w.-]+\/elements-toolkit@<commit-sha>$/);
    assert.ok(lint.id, 'the lint step has an id, for its outputs');
    const declared = Object.keys(actionMetadata().inputs);
    for (const name of Object.keys(lint.with ?? {})) assert.ok(declared.includes(name), `action.yml declares "${name}"`);
    assert.ok(job.steps.every((step) => step.run === undefined), 'no shell step: nothing that can take a failure to start for a result');
  });

  it('run on a repository with findings: the job fails, and the upload step gets the SARIF log elements-lint wrote, valid SARIF 2.1.0', async () => {
    const step = await runStep(repo, lint.with!);
    assert.equal(step.exit, ActionExit.findings);
    assert.match(step.log, /config\/instances\/xero\.json/);
    assert.equal(step.outputs['sarif-file'], join(repo, lint.with!['sarif-output']!));

    // The upload step runs after the lint step failed, and reads the log through the lint step's output.
    assert.equal(upload.uses, 'github/codeql-action/upload-sarif@v4');
    assert.equal(upload.if, `\${{ !cancelled() && steps.${lint.id}.outputs.sarif-file != '' }}`);
    assert.equal(upload.with!.sarif_file, `\${{ steps.${lint.id}.outputs.sarif-file }}`);
    const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
    addFormats(ajv);
    const validate = ajv.compile(JSON.parse(fixture('sarif/sarif-schema-2.1.0.json')) as object);
    assert.ok(validate(JSON.parse(await readFile(step.outputs['sarif-file']!, 'utf8'))), JSON.stringify(validate.errors?.slice(0, 3)));
  });

  it('run where elements-lint is missing: the job fails as "did not run", and the upload step has nothing to upload', async () => {
    const action = await mkdtemp(join(tmpdir(), 'elements-lint-recipe-action-'));
    try {
      await copyFile(join(ROOT, 'elements-lint/action.js'), join(action, 'action.js'));
      const step = await runStep(repo, lint.with!, join(action, 'action.js'));
      assert.equal(step.exit, ActionExit.didNotRun);
      assert.equal(step.outputs.result, 'did-not-run');
      assert.equal(step.outputs['sarif-file'], '', "the upload step's condition is false");
    } finally {
      await rm(action, { recursive: true, force: true });
    }
  });

  it('the same repository once clean: the job passes', async () => {
    await copyFile(join(fixturesDir, 'lint/valid.instance.json'), join(repo, 'config/instances/xero.json'));
    const step = await runStep(repo, lint.with!);
    assert.equal(step.exit, ActionExit.passed);
    assert.equal(step.outputs.result, 'passed');
  });

  it('no recipe runs or installs elements-lint by its name from a registry, nor reads exit 1 as "findings" in a shell', () => {
    for (const [name, markdown] of [['README.md', README], ['elements-lint/README.md', PACKAGE_README]] as const) {
      for (const { code } of codeBlocks(markdown)) {
        assert.doesNotMatch(code, /\bnpx\s+(--\S+\s+)*elements-lint\b/, `${name}: ${code}`);
        assert.doesNotMatch(code, /npm (install|i|add)\b[^\n]*\selements-lint(@[^\s/]*)?(\s|$)/, `${name}: ${code}`);
        assert.doesNotMatch(code, /\$\?\s*-eq\s*1|\|\|\s*true/, `${name}: ${code}`);
      }
    }
  });

  it("the package README's pre-commit entry names the hook .pre-commit-hooks.yaml defines, pinned to a full commit SHA, not a tag", () => {
    const hooks = parse(readFileSync(join(ROOT, '.pre-commit-hooks.yaml'), 'utf8')) as Array<{ id: string }>;
    const config = codeBlocks(PACKAGE_README).find((block) => block.language === 'yaml' && block.code.includes('repos:'));
    assert.ok(config, 'the package README has a .pre-commit-config.yaml entry');
    const [repoEntry] = (parse(config.code) as { repos: Array<{ rev: string; hooks: Array<{ id: string }> }> }).repos;
    assert.match(repoEntry!.rev, /^(<full-commit-sha>|[0-9a-f]{40})$/);
    assert.deepEqual(repoEntry!.hooks.map((hook) => hook.id), hooks.map((hook) => hook.id));
  });
});
