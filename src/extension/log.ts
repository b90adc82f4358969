/** The "Cloud Elements" output channel: requests and events, with every known secret redacted. */
import type * as vscode from 'vscode';
import type { RequestLogEntry } from '../core/http/attempts';
import { MIN_SECRET_LENGTH, redactText } from '../core/redact';

export class Log {
  private readonly secrets = new Set<string>();

  constructor(private readonly channel: vscode.LogOutputChannel) {}

  /** Remember a secret value so that it never appears in a log line, whatever the source. */
  addSecret(value: string | undefined): void {
    if (value && value.length >= MIN_SECRET_LENGTH) this.secrets.add(value);
  }

  redact(text: string): string {
    return redactText(text, this.secrets);
  }

  request(entry: RequestLogEntry): void {
    const line = `${entry.method} ${entry.url} → ${entry.status ?? 'no response'} (${entry.ms} ms${entry.attempt > 1 ? `, attempt ${entry.attempt}` : ''})`;
    if (entry.error) this.channel.warn(this.redact(`${line}: ${entry.error}`));
    else this.channel.info(this.redact(line));
  }

  info(message: string): void {
    this.channel.info(this.redact(message));
  }

  warn(message: string): void {
    this.channel.warn(this.redact(message));
  }

  error(message: string): void {
    this.channel.error(this.redact(message));
  }

  show(): void {
    this.channel.show(true);
  }
}
