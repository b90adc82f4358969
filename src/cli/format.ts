/** Output formats: `stylish` for people, `json` for tools (the documented, stable contract); SARIF in sarif.ts. */

/** A range of 1-based lines and columns (UTF-16 code units); the end is just after the last character. */
export interface Region {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

export interface ReportedDiagnostic extends Region {
  rule: string;
  severity: 'error' | 'warning';
  message: string;
  /** Proposed fixes (SARIF prints them; the json format's contract leaves them out). */
  fixes?: Array<{ title: string; safe: boolean; edits: Array<Region & { newText: string }> }>;
}

export interface FileReport {
  file: string;
  diagnostics: ReportedDiagnostic[];
}

export function formatJson(reports: FileReport[]): string {
  const documented = reports.map(({ file, diagnostics }) => ({
    file,
    diagnostics: diagnostics.map(({ rule, severity, message, line, column, endLine, endColumn }) => ({ rule, severity, message, line, column, endLine, endColumn })),
  }));
  return JSON.stringify(documented) + '\n';
}

const paint = (color: boolean, code: number) => (text: string) => (color ? `\u001b[${code}m${text}\u001b[0m` : text);

export function formatStylish(reports: FileReport[], color: boolean): string {
  const red = paint(color, 31);
  const yellow = paint(color, 33);
  const dim = paint(color, 2);
  const underline = paint(color, 4);
  const out: string[] = [];
  let errors = 0;
  let warnings = 0;
  for (const report of reports) {
    if (report.diagnostics.length === 0) continue;
    out.push(underline(report.file));
    // A loop, not Math.max(...): a spread of 150,000 arguments overflows the stack.
    const width = report.diagnostics.reduce((widest, d) => Math.max(widest, `${d.line}:${d.column}`.length), 0);
    for (const d of report.diagnostics) {
      if (d.severity === 'error') errors++;
      else warnings++;
      const severity = d.severity === 'error' ? red('error  ') : yellow('warning');
      out.push(`  ${`${d.line}:${d.column}`.padEnd(width)}  ${severity}  ${d.message}  ${dim(d.rule)}`);
    }
    out.push('');
  }
  const total = errors + warnings;
  if (total === 0) return '';
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  const summary = `✖ ${plural(total, 'problem')} (${plural(errors, 'error')}, ${plural(warnings, 'warning')})`;
  out.push(errors > 0 ? red(summary) : yellow(summary));
  return out.join('\n') + '\n';
}
