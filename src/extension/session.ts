/**
 * The signed-in state of the current environment: which base URL, which credentials, and an
 * API client for them. Several environments can hold credentials at once; the setting
 * `cloudElements.environment` says which one the views and commands use.
 */
import * as vscode from 'vscode';
import { CloudElementsClient } from '../core/api/client';
import type { Credentials } from '../core/api/request';
import { getEnvironment, resolveBaseUrl } from '../core/api/environments';
import type { Environment, EnvironmentId } from '../core/api/environments';
import { errorText } from './errorText';
import type { Log } from './log';
import type { SecretVault } from './secrets';
import type { ToolkitSettings } from './settings';
import { completeStep } from './walkthrough';

export class NotSignedInError extends Error {
  constructor(environment: Environment) {
    super(`Not signed in to Cloud Elements (${environment.label}). Run "Cloud Elements: Sign In" first.`);
  }
}

export interface BoundEnvironment {
  environment: Environment;
  client: CloudElementsClient;
}

export interface SessionState {
  environment: Environment;
  /** Undefined until the base URL is valid (a custom environment without a URL, a local emulator address that is not one). */
  baseUrl: string | undefined;
  /** Why there is no base URL, fit for a message. */
  baseUrlProblem?: string;
  signedIn: boolean;
}

export class Session implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<SessionState>();
  readonly onDidChange = this.changed.event;
  private current: SessionState;
  private cachedClient: { key: string; client: CloudElementsClient } | undefined;

  constructor(
    private readonly settings: () => ToolkitSettings,
    private readonly vault: SecretVault,
    private readonly log: Log,
    private readonly fetchImpl: typeof fetch = globalThis.fetch.bind(globalThis),
  ) {
    this.current = this.stateFor(false);
  }

  get state(): SessionState {
    return this.current;
  }

  get environmentId(): EnvironmentId {
    return this.current.environment.id;
  }

  private stateFor(signedIn: boolean): SessionState {
    const { environment, customBaseUrl, localEmulatorAddress } = this.settings();
    try {
      return { environment: getEnvironment(environment), baseUrl: resolveBaseUrl(environment, { customBaseUrl, localEmulatorAddress }), signedIn };
    } catch (error) {
      return { environment: getEnvironment(environment), baseUrl: undefined, baseUrlProblem: errorText(error), signedIn };
    }
  }

  /** Re-reads settings and the keychain; fires onDidChange. Call at start and when either changes. */
  async refresh(): Promise<SessionState> {
    const next = this.stateFor(false);
    const credentials = next.baseUrl ? await this.vault.account(next.environment.id) : undefined;
    this.current = { ...next, signedIn: credentials !== undefined };
    this.cachedClient = undefined;
    await vscode.commands.executeCommand('setContext', 'cloudElements.signedIn', this.current.signedIn);
    if (this.current.signedIn) completeStep('signIn');
    this.changed.fire(this.current);
    return this.current;
  }

  /** A client with a given environment's credentials, or for the OAuth calls without any. */
  private createClient(baseUrl: string, credentials: Credentials | undefined): CloudElementsClient {
    return new CloudElementsClient({
      baseUrl,
      credentials,
      timeoutMs: this.settings().requestTimeoutMs,
      fetch: this.fetchImpl,
      log: (entry) => this.log.request(entry),
    });
  }

  /** The client of the signed-in account; throws NotSignedInError otherwise. */
  async client(): Promise<CloudElementsClient> {
    return (await this.bind()).client;
  }

  /**
   * The current environment and a client for its account, read together: a flow that keeps
   * both talks to, and stores under, the environment it started in, whatever happens later.
   * Throws NotSignedInError when that environment has no sign-in.
   */
  async bind(): Promise<BoundEnvironment> {
    const { environment, baseUrl } = this.current;
    const credentials = baseUrl ? await this.vault.account(environment.id) : undefined;
    if (!baseUrl || !credentials) throw new NotSignedInError(environment);
    const key = `${baseUrl}\n${credentials.userSecret}\n${credentials.orgSecret}`;
    const client = this.cachedClient?.key === key ? this.cachedClient.client : this.createClient(baseUrl, credentials);
    // Cache only while this is still the session's environment (a refresh may have come in meanwhile).
    if (this.current.environment.id === environment.id && this.current.baseUrl === baseUrl) this.cachedClient = { key, client };
    return { environment, client };
  }

  /** Checks the secrets with a real call (one page of instances) before keeping them. */
  async signIn(credentials: Credentials, signal?: AbortSignal): Promise<void> {
    const { environment, baseUrl, baseUrlProblem } = this.current;
    if (!baseUrl) throw new Error(baseUrlProblem ?? `Set "cloudElements.customBaseUrl" before signing in to the ${environment.label} environment.`);
    const pages = this.createClient(baseUrl, credentials).instancePages({ pageSize: 1, signal });
    await pages.next();
    await pages.return(undefined);
    await this.vault.setAccount(environment.id, credentials);
    this.log.info(`Signed in to ${environment.label} (${baseUrl}).`);
    await this.refresh();
  }

  async signOut(): Promise<void> {
    const { environment } = this.current;
    await this.vault.clearAccount(environment.id);
    this.log.info(`Signed out of ${environment.label}.`);
    await this.refresh();
  }

  dispose(): void {
    this.changed.dispose();
  }
}
