import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { LintDiagnostic } from '../../src/core/instanceFile/diagnostics';
import { lintInstanceText } from '../../src/core/instanceFile/lint';
import { LineIndex } from '../../src/core/instanceFile/text';

export const fixturesDir = join(__dirname, '../fixtures');

export function fixture(path: string): string {
  return readFileSync(join(fixturesDir, path), 'utf8');
}

export interface Located extends LintDiagnostic {
  line: number;
  column: number;
}

export function lintAt(text: string): Located[] {
  const lines = new LineIndex(text);
  return lintInstanceText(text).map((diagnostic) => ({ ...diagnostic, ...lines.position(diagnostic.offset) }));
}

export function summary(diagnostics: Located[]): string[] {
  return diagnostics.map((d) => `${d.line}:${d.column} ${d.rule}`);
}
