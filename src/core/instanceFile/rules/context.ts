import type { Catalog } from '../../catalog';
import type { Fix, LintDiagnostic, RuleId } from '../diagnostics';
import type { ParsedInstance } from '../parse';
import { LineIndex } from '../text';

export type Report = (
  rule: RuleId,
  message: string,
  range: { offset: number; length: number },
  fixes?: Fix[],
  data?: LintDiagnostic['data'],
) => void;

export class RuleContext {
  private lines: LineIndex | undefined;

  constructor(
    readonly parsed: ParsedInstance,
    readonly catalog: Catalog,
    readonly report: Report,
  ) {}

  /** 1-based line of an offset, for messages that point elsewhere ("first defined on line 3"). */
  lineOf(offset: number): number {
    this.lines ??= new LineIndex(this.parsed.text);
    return this.lines.position(offset).line;
  }
}
