/**
 * Runs a JavaScript action's entry point as the GitHub Actions runner does: `node <runs.main>`,
 * in the workspace, with every input declared in action.yml as an INPUT_<NAME> variable (the
 * name in capitals, hyphens kept; the declared default when the workflow gives none), the
 * GITHUB_* and RUNNER_* variables, and the step outputs read back from the GITHUB_OUTPUT file.
 */
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';

export const ROOT = join(__dirname, '../../..');

export interface ActionMetadata {
  name: string;
  inputs: Record<string, { description: string; required?: boolean; default?: string }>;
  outputs: Record<string, { description: string }>;
  runs: { using: string; main: string };
}

export const actionMetadata = (): ActionMetadata => parse(readFileSync(join(ROOT, 'action.yml'), 'utf8')) as ActionMetadata;

export interface StepResult {
  exit: number | null;
  /** What the step printed: the job's log. */
  log: string;
  outputs: Record<string, string>;
  /** The workflow commands `::error …::message` in the log, messages unescaped. */
  errors: string[];
}

/** Reads `name<<DELIMITER\nvalue\nDELIMITER` blocks and `name=value` lines, as the runner does. */
export function parseOutputs(text: string): Record<string, string> {
  const outputs: Record<string, string> = {};
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const heredoc = /^([^=<]+)<<(.+)$/.exec(line);
    if (heredoc) {
      const end = lines.indexOf(heredoc[2]!, i + 1);
      if (end === -1) throw new Error(`output ${heredoc[1]} has no closing delimiter`);
      outputs[heredoc[1]!] = lines.slice(i + 1, end).join('\n');
      i = end;
    } else if (line.includes('=')) {
      outputs[line.slice(0, line.indexOf('='))] = line.slice(line.indexOf('=') + 1);
    } else if (line !== '') throw new Error(`unreadable output line: ${line}`);
  }
  return outputs;
}

const unescape = (text: string) => text.replaceAll('%0A', '\n').replaceAll('%0D', '\r').replaceAll('%25', '%');

/**
 * Runs `entry` (the action's runs.main, or a copy of it) in `workspace` with the workflow's `with:`
 * values over action.yml's defaults. An input the workflow gives that action.yml does not declare
 * is an error, as the runner warns and the action would never see it.
 */
export async function runStep(workspace: string, withInputs: Record<string, string>, entry = join(ROOT, actionMetadata().runs.main)): Promise<StepResult> {
  const { inputs } = actionMetadata();
  for (const name of Object.keys(withInputs)) if (!(name in inputs)) throw new Error(`action.yml declares no input "${name}"`);
  const runner = await mkdtemp(join(tmpdir(), 'elements-lint-runner-'));
  try {
    const outputFile = join(runner, 'output');
    await writeFile(outputFile, '');
    const env: NodeJS.ProcessEnv = {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      CI: 'true',
      GITHUB_ACTIONS: 'true',
      GITHUB_WORKSPACE: workspace,
      GITHUB_OUTPUT: outputFile,
      GITHUB_STEP_SUMMARY: join(runner, 'summary'),
      RUNNER_TEMP: runner,
      RUNNER_OS: 'Linux',
    };
    for (const [name, declared] of Object.entries(inputs)) env[`INPUT_${name.replaceAll(' ', '_').toUpperCase()}`] = withInputs[name] ?? declared.default ?? '';
    const { code, stdout, stderr } = await new Promise<{ code: number | null; stdout: string; stderr: string }>((done) => {
      execFile(process.execPath, [entry], { cwd: workspace, env, maxBuffer: 1 << 26 }, (error, out, err) =>
        done({ code: error ? ((error as { code?: number }).code ?? null) : 0, stdout: out, stderr: err }),
      );
    });
    const log = stdout + stderr;
    const errors = [...log.matchAll(/^::error(?: [^:]*)?::(.*)$/gm)].map((match) => unescape(match[1]!));
    return { exit: code, log, outputs: parseOutputs(await readFile(outputFile, 'utf8')), errors };
  } finally {
    await rm(runner, { recursive: true, force: true });
  }
}
