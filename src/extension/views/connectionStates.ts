/**
 * The last Test Connection outcome of each instance, per environment, for the Instances view to
 * show. Kept in memory for the window's life; nothing secret in it (the messages are the
 * console's, already free of secrets).
 */
import * as vscode from 'vscode';
import type { EnvironmentId } from '../../core/api/environments';

export type ConnectionState =
  | { ok: true; ms: number; at: Date; requestId?: string }
  | { ok: false; ms?: number; at: Date; message: string; requestId?: string };

export class ConnectionStates implements vscode.Disposable {
  private readonly states = new Map<string, ConnectionState>();
  private readonly changed = new vscode.EventEmitter<{ environment: EnvironmentId; instanceId: number }>();
  readonly onDidChange = this.changed.event;

  private key(environment: EnvironmentId, instanceId: number): string {
    return `${environment}:${instanceId}`;
  }

  get(environment: EnvironmentId, instanceId: number): ConnectionState | undefined {
    return this.states.get(this.key(environment, instanceId));
  }

  set(environment: EnvironmentId, instanceId: number, state: ConnectionState): void {
    this.states.set(this.key(environment, instanceId), state);
    this.changed.fire({ environment, instanceId });
  }

  dispose(): void {
    this.changed.dispose();
    this.states.clear();
  }
}
