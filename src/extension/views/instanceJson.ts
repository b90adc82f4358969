/**
 * "Open Instance as JSON": a read-only virtual document (a TextDocumentContentProvider on
 * `cloud-elements-instance:`) with the instance as the API returns it, every secret masked.
 */
import * as vscode from 'vscode';
import type { EnvironmentId } from '../../core/api/environments';
import type { Instance } from '../../core/api/types';
import { isSecretJsonKey, REDACTED, redactText } from '../../core/redact';
import type { Session } from '../session';
import { errorText } from '../errorText';

export const INSTANCE_JSON_SCHEME = 'cloud-elements-instance';

/** The string values under secret keys (`token`, `oauth.api.secret`, `code`…), however deep. */
function secretStrings(value: unknown, secret: boolean, into: Set<string>): Set<string> {
  if (typeof value === 'string') {
    if (secret) into.add(value);
  } else if (Array.isArray(value)) {
    for (const item of value) secretStrings(item, secret, into);
  } else if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) secretStrings(item, secret || isSecretJsonKey(key), into);
  }
  return into;
}

/**
 * A copy with every string under a secret key replaced by `***`, and any of those values found
 * inside another string masked there too. Only strings are secrets: a boolean, number or null
 * keeps its type and value (the element's `"private": false` is a flag, not a private key).
 */
function maskSecrets(value: unknown, secret: boolean, secrets: ReadonlySet<string>): unknown {
  if (typeof value === 'string') return secret ? REDACTED : redactText(value, secrets);
  if (Array.isArray(value)) return value.map((item) => maskSecrets(item, secret, secrets));
  if (value !== null && typeof value === 'object') {
    // Object.fromEntries defines own properties: a key named __proto__ stays a plain key.
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, maskSecrets(item, secret || isSecretJsonKey(key), secrets)]));
  }
  return value;
}

/** The instance with its token and secret configuration/providerData values replaced by `***`, every other value as it is. */
export function maskedInstanceJson(instance: Instance): string {
  const secrets = secretStrings(instance, false, new Set());
  return `${JSON.stringify(maskSecrets(instance, false, secrets), null, 2)}\n`;
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
