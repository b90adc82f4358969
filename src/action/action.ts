/**
 * The GitHub Action (action.yml): runs the elements-lint next to it (elements-lint/cli.js) on the
 * workspace, and passes the job only when that run went through every file and found nothing at
 * the fail level. A run that did not happen — a missing or broken cli.js, a crash, a kill, an
 * exit code elements-lint never gives — fails the job with its own exit code and says so: "exit 1"
 * alone is not taken for "findings", since Node (and npx) exit 1 when they cannot start it.
 *
 * The proof that elements-lint ran is its SARIF log, which it writes itself after linting every
 * file (--sarif-output), and which is removed before the run: the log must exist, be elements-lint's,
 * and agree with the exit code.
 */
import { spawn } from 'node:child_process';
import { appendFileSync, readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** The Action's exit codes. */
export const ActionExit = { passed: 0, findings: 1, unreadable: 2, didNotRun: 3 } as const;
export type ActionExit = (typeof ActionExit)[keyof typeof ActionExit];

export const FORMATS = ['stylish', 'json', 'sarif'] as const;
export const FAIL_LEVELS = ['error', 'warning', 'none'] as const;

export interface ActionInputs {
  patterns: string[];
  format: (typeof FORMATS)[number];
  failLevel: (typeof FAIL_LEVELS)[number];
  /** Where the user wants the SARIF log, relative to the workspace; undefined: a temporary file. */
  sarifOutput: string | undefined;
}

/** An input as the runner passes it: INPUT_ and the name in capitals, hyphens kept. */
function input(env: NodeJS.ProcessEnv, name: string): string {
  return (env[`INPUT_${name.toUpperCase()}`] ?? '').trim();
}

/** The inputs, or what is wrong with them. */
export function readInputs(env: NodeJS.ProcessEnv): ActionInputs | string {
  const patterns = input(env, 'files')
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '');
  if (patterns.length === 0) return 'The "files" input is empty: give the instance files to lint, one glob or path per line.';
  const format = input(env, 'format') || 'stylish';
  if (!(FORMATS as readonly string[]).includes(format)) return `The "format" input is "${format}": use stylish, json or sarif.`;
  const failLevel = input(env, 'fail-level') || 'error';
  if (!(FAIL_LEVELS as readonly string[]).includes(failLevel)) return `The "fail-level" input is "${failLevel}": use error, warning or none.`;
  const sarifOutput = input(env, 'sarif-output') || undefined;
  return { patterns, format: format as ActionInputs['format'], failLevel: failLevel as ActionInputs['failLevel'], sarifOutput };
}

/** What the elements-lint process left: its exit code or the signal that ended it (or why it could not start), and its SARIF log if there is one. */
export interface RunRecord {
  code: number | null;
  signal: string | null;
  startError?: string;
  sarif: string | undefined;
}

export interface Verdict {
  exit: ActionExit;
  result: 'passed' | 'findings' | 'unreadable' | 'usage' | 'did-not-run';
  /** Why the job fails, for the log; undefined when it passes. */
  message: string | undefined;
  errors: number;
  warnings: number;
}

interface SarifLog {
  runs?: Array<{
    tool?: { driver?: { name?: unknown } };
    invocations?: Array<{ executionSuccessful?: unknown }>;
    results?: Array<{ level?: unknown }>;
  }>;
}

const didNotRun = (why: string): Verdict => ({
  exit: ActionExit.didNotRun,
  result: 'did-not-run',
  message: `elements-lint did not run: ${why}. Nothing was linted, so this job cannot pass.`,
  errors: 0,
  warnings: 0,
});

/** The job's outcome from what the elements-lint process left. */
export function verdict(run: RunRecord, failLevel: ActionInputs['failLevel']): Verdict {
  if (run.startError !== undefined) return didNotRun(`it could not be started (${run.startError})`);
  if (run.signal) return didNotRun(`it was stopped by ${run.signal}`);
  if (run.code !== 0 && run.code !== 1 && run.code !== 2) return didNotRun(`it exited with code ${run.code}, which elements-lint never gives`);
  if (run.sarif === undefined) {
    return run.code === 2
      ? {
          exit: ActionExit.unreadable,
          result: 'unreadable',
          message: 'elements-lint exited with code 2 without writing its SARIF log: it could not write the log, or refused its arguments (its message is above).',
          errors: 0,
          warnings: 0,
        }
      : didNotRun(`it exited with code ${run.code} without writing its SARIF log`);
  }
  let log: SarifLog;
  try {
    log = JSON.parse(run.sarif) as SarifLog;
  } catch {
    return didNotRun('its SARIF log is not JSON');
  }
  const theRun = log.runs?.length === 1 ? log.runs[0] : undefined;
  if (theRun?.tool?.driver?.name !== 'elements-lint' || !Array.isArray(theRun.results) || theRun.invocations?.length !== 1) {
    return didNotRun('the SARIF log is not one run of elements-lint');
  }
  const results = theRun.results;
  const errors = results.filter((r) => r.level === 'error').length;
  const warnings = results.filter((r) => r.level === 'warning').length;
  const completed = theRun.invocations[0]!.executionSuccessful === true;
  const atFailLevel = failLevel === 'none' ? 0 : failLevel === 'warning' ? errors + warnings : errors;
  const expected = !completed ? 2 : atFailLevel > 0 ? 1 : 0;
  if (run.code !== expected) return didNotRun(`its exit code ${run.code} does not match its SARIF log (which calls for ${expected})`);
  const counts = `${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}`;
  if (run.code === 2) return { exit: ActionExit.unreadable, result: 'unreadable', message: `elements-lint could not find, read or lint some files (listed above); ${counts} in the rest.`, errors, warnings };
  if (run.code === 1) return { exit: ActionExit.findings, result: 'findings', message: `elements-lint found ${counts} (fail level: ${failLevel}).`, errors, warnings };
  return { exit: ActionExit.passed, result: 'passed', message: undefined, errors, warnings };
}

/** A workflow command's message: the runner reads %, CR and LF as escapes. */
export const escapeData = (text: string): string => text.replaceAll('%', '%25').replaceAll('\r', '%0D').replaceAll('\n', '%0A');

/** Appends step outputs to the file the runner reads (GITHUB_OUTPUT), each in a delimited block. */
function setOutputs(file: string | undefined, outputs: Record<string, string>): void {
  if (!file) return;
  const delimiter = `elements_lint_${process.pid}_${Date.now()}`;
  appendFileSync(file, Object.entries(outputs).map(([name, value]) => `${name}<<${delimiter}\n${value}\n${delimiter}\n`).join(''));
}

export interface ActionContext {
  env: NodeJS.ProcessEnv;
  /** The elements-lint command (cli.js) this Action runs. */
  cli: string;
  write: (text: string) => void;
}

/** Runs the Action; resolves to its exit code. */
export async function runAction({ env, cli, write }: ActionContext): Promise<ActionExit> {
  const inputs = readInputs(env);
  if (typeof inputs === 'string') {
    write(`::error title=elements-lint::${escapeData(inputs)}\n`);
    setOutputs(env.GITHUB_OUTPUT, { result: 'usage', errors: '0', warnings: '0', 'sarif-file': '' });
    return ActionExit.unreadable;
  }
  const workspace = env.GITHUB_WORKSPACE || process.cwd();
  const sarifPath = inputs.sarifOutput
    ? resolve(workspace, inputs.sarifOutput)
    : join(env.RUNNER_TEMP || workspace, `elements-lint-${process.pid}.sarif`);
  // A log left by an earlier step must not pass for this run's.
  try {
    rmSync(sarifPath, { force: true });
  } catch {
    // a folder, or not ours to remove: elements-lint says why it cannot write there
  }
  const args = [cli, '--format', inputs.format, '--fail-level', inputs.failLevel, '--sarif-output', sarifPath, '--', ...inputs.patterns];
  const ended = await new Promise<Omit<RunRecord, 'sarif'>>((done) => {
    const child = spawn(process.execPath, args, { cwd: workspace, stdio: 'inherit', env });
    child.on('error', (error) => done({ code: null, signal: null, startError: error.message }));
    child.on('exit', (code, signal) => done({ code, signal }));
  });
  let sarif: string | undefined;
  try {
    sarif = readFileSync(sarifPath, 'utf8');
  } catch {
    sarif = undefined;
  }
  const outcome = verdict({ ...ended, sarif }, inputs.failLevel);
  if (outcome.message) write(`::error title=elements-lint::${escapeData(outcome.message)}\n`);
  if (!inputs.sarifOutput && sarif !== undefined) rmSync(sarifPath, { force: true });
  const keptLog = inputs.sarifOutput && sarif !== undefined && outcome.result !== 'did-not-run' ? sarifPath : '';
  setOutputs(env.GITHUB_OUTPUT, { result: outcome.result, errors: String(outcome.errors), warnings: String(outcome.warnings), 'sarif-file': keptLog });
  return outcome.exit;
}
