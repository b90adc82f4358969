/**
 * Quick fixes for what the linter cannot write by itself, from a finding's `data.path`: a value
 * only the person knows is asked for (fillValues.ts) — never a placeholder written that would be
 * flagged at once — and what the provider returns (`providerData`) comes from running the flow.
 */
import type * as vscode from 'vscode';
import type { LintDiagnostic } from '../../core/instanceFile/diagnostics';
import type { FillContext, FillTarget } from '../../core/instanceFile/fillIn';
import { FILL_VALUES_COMMAND, type FillValuesArguments } from './fillValues';
import { describeFill } from './lazyLinter';

export interface AskingFix {
  /** The same fix offered by several findings is one action. */
  key: string;
  title: string;
  command: vscode.Command;
}

function fill(document: vscode.TextDocument, key: string, title: string, targets: FillTarget[]): AskingFix {
  const args: FillValuesArguments = { uri: document.uri, targets };
  return { key: `fill\n${key}`, title, command: { command: FILL_VALUES_COMMAND, title, arguments: [args] } };
}

/** The asking fixes of one document's findings (the file's element and flow read once, when first needed). */
export function askingFixes(document: vscode.TextDocument): { for(finding: LintDiagnostic): AskingFix[] } {
  let context: FillContext | undefined;
  const describe = (targets: FillTarget[]) => (context = describeFill(document.getText(), targets));
  return {
    for(finding) {
      const [section, key] = finding.data?.path ?? [];
      if (finding.rule !== 'placeholder' && finding.rule !== 'required-key') return [];
      if (section === 'element') return [fill(document, 'element', 'Choose the element…', [{ section: 'element' }])];
      if (section === 'name') return [fill(document, 'name', 'Name the instance…', [{ section: 'name' }])];
      if (section === 'configuration') {
        const keys = typeof key === 'string' ? [key] : (finding.data?.missing ?? []);
        if (keys.length === 0) return [];
        const { fields } = describe(keys.map((name) => ({ section: 'configuration', key: name })));
        const secret = fields.some((field) => field.secret);
        const title =
          fields.length === 1
            ? `Enter the ${fields[0]!.label}${secret ? ' and keep it in the keychain' : ''}…`
            : `Fill in the missing configuration${secret ? ' (secrets to the keychain)' : ''}…`;
        return [fill(document, `configuration\n${keys.join('\n')}`, title, fields.map((field) => field.target))];
      }
      if (section === 'providerData') {
        const element = (context ??= describeFill(document.getText(), [])).element;
        if (!element) return [];
        const title = `Provision ${element.name} with this file's answers (the provider returns providerData)…`;
        return [{ key: 'provision', title, command: { command: 'cloudElements.provision', title, arguments: [element.key] } }];
      }
      return [];
    },
  };
}
