/**
 * "Open Instance as JSON": a read-only virtual document (a TextDocumentContentProvider on
 * `cloud-elements-instance:`) with the instance as the API returns it, every secret masked.
 */
import * as vscode from 'vscode';
import type { EnvironmentId } from '../../core/api/environments';
import type { Instance } from '../../core/api/types';
import { collectSecrets, redactJson, redactText } from '../../core/redact';
import type { Session } from '../session';
import { errorText } from '../errorText';

export const INSTANCE_JSON_SCHEME = 'cloud-elements-instance';

/** The instance with its token and secret configuration/providerData values replaced by `***`. */
export function maskedInstanceJson(instance: Instance): string {
  // redactJson masks by key; redactText then catches a secret value repeated under an innocent key.
  const text = JSON.stringify(redactJson(instance), null, 2);
  return `${redactText(text, collectSecrets(instance))}\n`;
}

function fileNameOf(name: string): string {
  const safe = name.replace(/[\\/:*?"<>|#?%\s]+/g, '-').replace(/^-+|-+$/g, '');
  return safe === '' ? 'instance' : safe.slice(0, 60);
}

/** `/<environment>/<id>/<name>.json`: the `.json` ending gives the document the JSON language. */
export function instanceJsonPath(environment: EnvironmentId, instance: Pick<Instance, 'id' | 'name'>): string {
  return `/${environment}/${instance.id}/${fileNameOf(instance.name)}.json`;
}

export function parseInstanceJsonPath(path: string): { environment: string; id: number } | undefined {
  const match = /^\/([^/]+)\/(\d+)\//.exec(path);
  return match ? { environment: match[1]!, id: Number(match[2]) } : undefined;
}

export class InstanceJsonProvider implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;
  private readonly texts = new Map<string, string>();

  constructor(private readonly session: Session) {}

  /** Keeps the masked text for the document (refreshing it if it is open) and returns its URI. */
  show(environment: EnvironmentId, instance: Instance): vscode.Uri {
    const uri = vscode.Uri.parse(`${INSTANCE_JSON_SCHEME}:${instanceJsonPath(environment, instance)}`);
    const key = uri.toString();
    const text = maskedInstanceJson(instance);
    const known = this.texts.get(key);
    this.texts.set(key, text);
    if (known !== undefined && known !== text) this.changed.fire(uri);
    return uri;
  }

  /** Text kept by `show`, else (e.g. an editor restored after a reload) read again from the API. */
  async provideTextDocumentContent(uri: vscode.Uri, token?: vscode.CancellationToken): Promise<string> {
    const known = this.texts.get(uri.toString());
    if (known !== undefined) return known;
    const target = parseInstanceJsonPath(uri.path);
    if (!target) return `// Not an instance document: ${uri.path}\n`;
    if (target.environment !== this.session.environmentId) {
      return `// Instance ${target.id} belongs to the "${target.environment}" environment; switch to it and open the instance again.\n`;
    }
    const controller = new AbortController();
    token?.onCancellationRequested(() => controller.abort());
    try {
      const instance = await (await this.session.client()).getInstance(target.id, controller.signal);
      const text = maskedInstanceJson(instance);
      this.texts.set(uri.toString(), text);
      return text;
    } catch (error) {
      return `// Could not read instance ${target.id}: ${errorText(error)}\n`;
    }
  }

  dispose(): void {
    this.changed.dispose();
    this.texts.clear();
  }
}
