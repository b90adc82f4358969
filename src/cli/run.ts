/** elements-lint: lints instance.json files with the core linter; see `usage` for the contract. */
import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { fixInstanceText } from '../core/instanceFile/fix';
import { lintInstanceText } from '../core/instanceFile/lint';
import type { LintDiagnostic } from '../core/instanceFile/diagnostics';
import type { Fix } from '../core/instanceFile/findings';
import { LineIndex } from '../core/instanceFile/text';
import { FileProblem, readInstanceFile, reason, writeInstanceFile } from './files';
import type { InstanceFile, WriteOps } from './files';
import { replaceFile } from '../core/node/replaceFile';
import { globs, mayBeGlob } from './onFirstUse';
import { version } from '../../package.json';
import { formatJson, formatStylish } from './format';
import type { FileReport, ReportedDiagnostic } from './format';
import { formatSarif } from './sarif';

export const usage = `Usage: elements-lint [--format stylish|json|sarif] [--fix] [--fail-level error|warning|none]
                     [--sarif-output <file>] <file|glob>...

Lints Cloud Elements instance.json files: curly quotes, JSON syntax, required keys per
element and flow, unknown elements and keys, leftover placeholders, value types, URLs and
secrets written in plain text.

Options:
  --format stylish|json|sarif
                         output format (default: stylish); sarif is SARIF 2.1.0, for CI code scanning
  --fix                  apply the safe fixes in place (straight quotes, missing commas)
  --fail-level error|warning|none
                         the findings that make the exit code 1 (default: error); none reports
                         them and exits 0
  --sarif-output <file>  also write the findings as SARIF 2.1.0 to <file>, replaced atomically;
                         written only by a run that went through every file
  --follow-symlinks      lint (and fix) what symbolic links point to; without it a link named
                         on the command line is refused, and globs do not match or enter links
  -h, --help             show this help

Only regular files that are valid UTF-8 are linted. --fix replaces a file atomically, keeping its
mode, or leaves it untouched; a read-only file, or one you may not write, is refused (exit code 2).

Exit codes: 0 nothing at the fail level, 1 findings at the fail level (errors by default),
2 usage error, or a file that could not be read, linted or written (the SARIF log included).`;

export interface CliIO {
  cwd: string;
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** Whether stdout takes ANSI colours; read only when a finding is printed in the stylish format. */
  readonly color: boolean;
  /** File-system calls of `--fix` writes (tests simulate failures with them). */
  writeOps?: WriteOps;
}

class UsageError extends Error {}

const FAIL_LEVELS = ['error', 'warning', 'none'] as const;
type FailLevel = (typeof FAIL_LEVELS)[number];
const isFailLevel = (value: string): value is FailLevel => (FAIL_LEVELS as readonly string[]).includes(value);

function parse(argv: string[]) {
  try {
    const { values, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        format: { type: 'string', default: 'stylish' },
        fix: { type: 'boolean', default: false },
        'fail-level': { type: 'string', default: 'error' },
        'sarif-output': { type: 'string' },
        'follow-symlinks': { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
    if (values.format !== 'stylish' && values.format !== 'json' && values.format !== 'sarif') {
      throw new UsageError(`Unknown format "${values.format}": use stylish, json or sarif`);
    }
    const failLevel = values['fail-level'];
    if (!isFailLevel(failLevel)) throw new UsageError(`Unknown fail level "${failLevel}": use error, warning or none`);
    const sarifOutput = values['sarif-output'];
    if (sarifOutput === '') throw new UsageError('--sarif-output needs a file name');
    if (!values.help && positionals.length === 0) throw new UsageError('No files given');
    return { format: values.format, fix: values.fix, failLevel, sarifOutput, followSymlinks: values['follow-symlinks'], help: values.help, patterns: positionals };
  } catch (error) {
    if (error instanceof UsageError) throw error;
    const option = /Unknown option '([^']+)'/.exec((error as Error).message)?.[1];
    throw new UsageError(option ? `Unknown option "${option}"` : (error as Error).message);
  }
}

function statOrUndefined(path: string) {
  try {
    return statSync(path);
  } catch {
    return undefined;
  }
}

/** Files in command-line order, globs expanded; problems are clear messages for exit code 2. */
async function expand(patterns: string[], cwd: string, followSymlinks: boolean): Promise<{ files: string[]; problems: string[] }> {
  const files: string[] = [];
  const problems: string[] = [];
  for (const pattern of patterns) {
    // Most runs name their files (a pre-commit hook always does): the glob library loads only for a pattern that may be one.
    if (mayBeGlob(pattern) && globs().isDynamicPattern(pattern)) {
      const matches = (await globs().glob(pattern, { cwd, dot: false, followSymbolicLinks: followSymlinks, ignore: ['**/node_modules/**'] })).sort();
      if (matches.length === 0) problems.push(`No files match "${pattern}"`);
      files.push(...matches);
      continue;
    }
    const info = statOrUndefined(resolve(cwd, pattern));
    if (info?.isDirectory()) problems.push(`"${pattern}" is a directory: pass files or a glob such as "${pattern}/**/*.json"`);
    else files.push(pattern);
  }
  return { files: [...new Set(files)], problems };
}

/**
 * The findings with 1-based positions; with `withFixes`, their fixes too. A fix shared by several
 * findings (one fix straightens all curly quotes) is given to each with only the edits in its range.
 */
function toReport(file: string, text: string, diagnostics: LintDiagnostic[], withFixes = false): FileReport {
  let lines: LineIndex | undefined; // indexed only when there is something to place: a clean file needs none
  const region = (offset: number, length: number) => {
    lines ??= new LineIndex(text);
    const start = lines.position(offset);
    const end = lines.position(offset + length);
    return { line: start.line, column: start.column, endLine: end.line, endColumn: end.column };
  };
  const sharing = new Map<Fix, number>();
  if (withFixes) for (const diagnostic of diagnostics) for (const fix of diagnostic.fixes) sharing.set(fix, (sharing.get(fix) ?? 0) + 1);
  const fixesOf = (diagnostic: LintDiagnostic): ReportedDiagnostic['fixes'] =>
    diagnostic.fixes.map((fix) => {
      const shared = sharing.get(fix)! > 1;
      const end = diagnostic.offset + Math.max(diagnostic.length, 1);
      const edits = shared ? fix.edits.filter((edit) => edit.offset < end && edit.offset + Math.max(edit.length, 1) > diagnostic.offset) : fix.edits;
      return { title: fix.title, safe: fix.safe, edits: edits.map((edit) => ({ ...region(edit.offset, edit.length), newText: edit.newText })) };
    });
  return {
    file,
    diagnostics: diagnostics.map((diagnostic) => ({
      rule: diagnostic.rule,
      severity: diagnostic.severity === 'error' ? 'error' : 'warning',
      message: diagnostic.message,
      ...region(diagnostic.offset, diagnostic.length),
      ...(withFixes && { fixes: fixesOf(diagnostic) }),
    })),
  };
}

/** Applies the safe fixes and writes them back; the report is of the text as it is on disk afterwards. */
async function fixFile(file: InstanceFile, fixed: string[], problems: string[], writeOps: WriteOps | undefined, withFixes: boolean): Promise<FileReport> {
  const result = fixInstanceText(file.text);
  if (result.text === file.text) return toReport(file.name, file.text, result.diagnostics, withFixes);
  try {
    await writeInstanceFile(file, result.text, writeOps);
  } catch (error) {
    if (!(error instanceof FileProblem)) throw error;
    problems.push(error.message);
    return toReport(file.name, file.text, lintInstanceText(file.text), withFixes);
  }
  fixed.push(...result.applied.map((title) => `${file.name}: ${title}`));
  return toReport(file.name, result.text, result.diagnostics, withFixes);
}

export async function runCli(argv: string[], io: CliIO): Promise<number> {
  let options: ReturnType<typeof parse>;
  try {
    options = parse(argv);
  } catch (error) {
    io.stderr(`elements-lint: ${(error as Error).message}\n\n${usage}\n`);
    return 2;
  }
  if (options.help) {
    io.stdout(`${usage}\n`);
    return 0;
  }
  const { files, problems } = await expand(options.patterns, io.cwd, options.followSymlinks);
  const reports: FileReport[] = [];
  const fixed: string[] = [];
  const withFixes = options.format === 'sarif' || options.sarifOutput !== undefined;
  for (const name of files) {
    // One file that cannot be read, linted or written gets its own error line; the others go on.
    try {
      const file = readInstanceFile(resolve(io.cwd, name), name, options.followSymlinks);
      reports.push(options.fix ? await fixFile(file, fixed, problems, io.writeOps, withFixes) : toReport(name, file.text, lintInstanceText(file.text), withFixes));
    } catch (error) {
      problems.push(error instanceof FileProblem ? error.message : `Cannot lint "${name}": internal error: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  const sarif = options.format === 'sarif' || options.sarifOutput !== undefined ? formatSarif(reports, problems, io.cwd, version) : '';
  if (options.sarifOutput !== undefined) {
    const problem = await writeSarifLog(resolve(io.cwd, options.sarifOutput), options.sarifOutput, sarif, io.writeOps);
    if (problem) problems.push(problem);
  }
  if (options.format === 'json') io.stdout(formatJson(reports));
  else if (options.format === 'sarif') io.stdout(sarif);
  // io.color only when there is something to colour: asking makes the output stream (program.ts).
  else io.stdout(formatStylish(reports, reports.some((report) => report.diagnostics.length > 0) && io.color));
  // Machine-readable formats keep stdout to themselves.
  const fixLog = options.format === 'stylish' ? io.stdout : io.stderr;
  for (const line of fixed) fixLog(`fixed ${line}\n`);
  for (const problem of problems) io.stderr(`elements-lint: ${problem}\n`);

  if (problems.length > 0) return 2;
  return reports.some((report) => report.diagnostics.some((d) => fails(d.severity, options.failLevel))) ? 1 : 0;
}

function fails(severity: ReportedDiagnostic['severity'], level: FailLevel): boolean {
  if (level === 'none') return false;
  return level === 'warning' || severity === 'error';
}

/** Replaces the SARIF log atomically: a reader sees the previous log or this one. Returns what went wrong, for exit code 2. */
async function writeSarifLog(path: string, name: string, log: string, ops: WriteOps | undefined): Promise<string | undefined> {
  try {
    await replaceFile(path, log, { ops });
    return undefined;
  } catch (error) {
    const why = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such folder' : reason(error);
    return `Cannot write the SARIF log "${name}": ${why}`;
  }
}
