/**
 * Which environment a console call goes to, and with which secrets. A call is bound once: its
 * base URL and its part of the keychain are those of the environment current when it started
 * (or of a provisioning run). Secrets are looked up in the keychain when sent and never kept;
 * an instance token the keychain lacks is read with `GET /instances/{id}` for that call only,
 * and the user is offered to store it.
 */
import type { Environment } from '../../core/api/environments';
import { InstanceConsole, type InstanceConsoleOptions } from '../../core/console/instanceConsole';
import { secretLookup, type SecretLookup } from '../../core/console/references';
import type { ConsoleProblem } from '../../core/console/answer';
import { errorText } from '../errorText';
import { notify } from '../notify';
import type { EnvironmentVault } from '../secrets';
import type { ConsoleDeps, RunBinding } from './contract';
import { storeTokenText, tokenStoredText, tokenUnreadableText } from './texts';

const STORE = 'Store in Keychain';

export interface Binding {
  readonly environment: Environment;
  readonly baseUrl: string;
  readonly vault: EnvironmentVault;
  /** Reads docs and definitions (cached per instance) with the account's secrets. */
  readonly docs: InstanceConsole;
}

/** One call's secrets: the keychain, and instance tokens read from the API when it has none. */
export class CallSecrets {
  /** Instance id → token read from the API for this call. */
  private readonly fetched = new Map<string, string>();
  private readonly failures = new Map<string, ConsoleProblem>();
  readonly lookup: SecretLookup;

  constructor(
    private readonly binding: Binding,
    private readonly deps: ConsoleDeps,
    signal: AbortSignal | undefined,
  ) {
    const stored = secretLookup({ instanceToken: (id) => binding.vault.instanceToken(id), credentials: () => deps.vault.account(binding.environment.id) });
    this.lookup = async (reference) => {
      const value = await stored(reference);
      if (value || reference.kind !== 'instance-token') return value;
      const id = reference.instanceId;
      const known = this.fetched.get(id);
      if (known) return known;
      const answer = await binding.docs.instanceToken(id, signal);
      if (!answer.ok) {
        this.failures.set(id, answer.problem);
        return undefined;
      }
      deps.log.addSecret(answer.token);
      this.fetched.set(id, answer.token);
      return answer.token;
    };
  }

  /** The problem's text; when a token was missing because reading it failed too, that reason. */
  problemText(problem: ConsoleProblem): string {
    const id = problem.kind === 'missing-secret' && problem.reference?.kind === 'instance-token' ? problem.reference.instanceId : undefined;
    const failure = id === undefined ? undefined : this.failures.get(id);
    return failure ? tokenUnreadableText(id!, failure.message) : problem.message;
  }

  /** Offers to keep the tokens read from the API (not awaited: the notification may stay open). */
  offerToStore(): void {
    if (this.fetched.size === 0) return;
    const tokens = [...this.fetched];
    const ids = tokens.map(([id]) => id);
    void notify('info', storeTokenText(ids), STORE).then(async (choice) => {
      if (choice !== STORE) return;
      try {
        for (const [id, token] of tokens) await this.binding.vault.setInstanceToken(id, token);
        this.deps.log.info(tokenStoredText(ids));
        void notify('info', tokenStoredText(ids));
      } catch (error) {
        void notify('error', `Could not store the token: ${errorText(error)}`);
      }
    });
  }

  /** A console for this call: the binding's base URL, these secrets, the settings' timeout, the log. */
  console(): InstanceConsole {
    return new InstanceConsole(consoleOptions(this.binding.baseUrl, this.lookup, this.deps));
  }
}

function consoleOptions(baseUrl: string, secrets: SecretLookup, deps: ConsoleDeps): InstanceConsoleOptions {
  return {
    baseUrl,
    secrets,
    // A getter: the console copies its options for each request, so a changed setting applies to the next one.
    get timeoutMs() {
      return deps.settings().requestTimeoutMs;
    },
    log: (entry) => deps.log.request(entry),
  };
}

export class ConsoleBindings {
  /** One docs console per environment and base URL, so each instance's docs are read once. */
  private readonly docsConsoles = new Map<string, InstanceConsole>();

  constructor(private readonly deps: ConsoleDeps) {}

  /** The current environment, signed in; throws (NotSignedInError…) otherwise. For callers that only report. */
  async current(): Promise<Binding> {
    const { environment, client } = await this.deps.session.bind();
    return this.binding(environment, client.baseUrl, this.deps.vault.forEnvironment(environment.id));
  }

  /** The current environment, signing in first when the user agrees (ConsoleDeps.bindSignedIn); undefined when not (the user was told). */
  async currentAsking(what: string): Promise<Binding | undefined> {
    try {
      const bound = await this.deps.bindSignedIn(what);
      return bound && this.binding(bound.environment, bound.client.baseUrl, this.deps.vault.forEnvironment(bound.environment.id));
    } catch (error) {
      void notify('error', this.deps.log.redact(errorText(error)));
      return undefined;
    }
  }

  /** A provisioning run's environment, whatever the window shows now. */
  forRun(run: RunBinding): Binding {
    return this.binding(run.environment, run.client.baseUrl, run.vault);
  }

  /** The secrets of one call on `binding`. */
  call(binding: Binding, signal?: AbortSignal): CallSecrets {
    return new CallSecrets(binding, this.deps, signal);
  }

  forgetDocs(instanceId: number): void {
    for (const docs of this.docsConsoles.values()) docs.forgetDocs(instanceId);
  }

  private binding(environment: Environment, baseUrl: string, vault: EnvironmentVault): Binding {
    const key = `${environment.id}\n${baseUrl}`;
    let docs = this.docsConsoles.get(key);
    if (!docs) {
      const accountOnly = secretLookup({ instanceToken: async () => undefined, credentials: () => this.deps.vault.account(environment.id) });
      docs = new InstanceConsole(consoleOptions(baseUrl, accountOnly, this.deps));
      this.docsConsoles.set(key, docs);
    }
    return { environment, baseUrl, vault, docs };
  }
}
