/**
 * Every secret the extension keeps — account secrets, the apps' API keys and secrets, instance
 * tokens, `${keychain:NAME}` values — in VS Code's SecretStorage (the OS keychain), namespaced
 * by environment. Never in settings, files or logs.
 */
import type { Credentials } from '../core/api/request';
import type { EnvironmentId } from '../core/api/environments';

/** The part of `vscode.SecretStorage` used here. */
export interface SecretStore {
  get(key: string): Thenable<string | undefined>;
  store(key: string, value: string): Thenable<void>;
  delete(key: string): Thenable<void>;
}

const PREFIX = 'cloudElements';

/** Called with every secret value read or stored, so logs can redact it. */
export type SecretObserver = (value: string) => void;

/** The vault of one environment, fixed when obtained: see {@link SecretVault.forEnvironment}. */
export interface EnvironmentVault {
  readonly environment: EnvironmentId;
  instanceToken(id: number | string): Promise<string | undefined>;
  setInstanceToken(id: number | string, token: string): Promise<void>;
  deleteInstanceToken(id: number | string): Promise<void>;
  appSecret(elementKey: string, configKey: string): Promise<string | undefined>;
  setAppSecret(elementKey: string, configKey: string, value: string): Promise<void>;
  keychain(name: string): Promise<string | undefined>;
  setKeychain(name: string, value: string): Promise<void>;
}

export class SecretVault {
  constructor(
    private readonly store: SecretStore,
    private readonly observe: SecretObserver = () => {},
  ) {}

  /**
   * The secrets of `environment` only. A flow takes this when it starts, so whatever it stores
   * lands under that environment even if the user switches to another one meanwhile.
   */
  forEnvironment(environment: EnvironmentId): EnvironmentVault {
    return {
      environment,
      instanceToken: (id) => this.instanceToken(environment, id),
      setInstanceToken: (id, token) => this.setInstanceToken(environment, id, token),
      deleteInstanceToken: (id) => this.deleteInstanceToken(environment, id),
      appSecret: (elementKey, configKey) => this.appSecret(environment, elementKey, configKey),
      setAppSecret: (elementKey, configKey, value) => this.setAppSecret(environment, elementKey, configKey, value),
      keychain: (name) => this.keychain(environment, name),
      setKeychain: (name, value) => this.setKeychain(environment, name, value),
    };
  }

  private key(environment: EnvironmentId, ...parts: string[]): string {
    return [PREFIX, environment, ...parts].join(':');
  }

  private async read(key: string): Promise<string | undefined> {
    const value = await this.store.get(key);
    if (value) this.observe(value);
    return value || undefined;
  }

  private async write(key: string, value: string): Promise<void> {
    this.observe(value);
    await this.store.store(key, value);
  }

  async account(environment: EnvironmentId): Promise<Credentials | undefined> {
    const raw = await this.read(this.key(environment, 'account'));
    if (!raw) return undefined;
    try {
      const parsed = JSON.parse(raw) as Partial<Credentials>;
      if (typeof parsed.userSecret === 'string' && typeof parsed.orgSecret === 'string') {
        this.observe(parsed.userSecret);
        this.observe(parsed.orgSecret);
        return { userSecret: parsed.userSecret, orgSecret: parsed.orgSecret };
      }
    } catch {
      // An unreadable entry counts as signed out.
    }
    return undefined;
  }

  async setAccount(environment: EnvironmentId, credentials: Credentials): Promise<void> {
    this.observe(credentials.userSecret);
    this.observe(credentials.orgSecret);
    await this.write(this.key(environment, 'account'), JSON.stringify(credentials));
  }

  /** Signs out of one environment: its account secrets and the instance tokens kept for it. */
  async clearAccount(environment: EnvironmentId): Promise<void> {
    await this.store.delete(this.key(environment, 'account'));
    for (const id of await this.index(environment, 'instances')) {
      await this.store.delete(this.key(environment, 'instance', id));
    }
    await this.store.delete(this.key(environment, 'index', 'instances'));
  }

  instanceToken(environment: EnvironmentId, id: number | string): Promise<string | undefined> {
    return this.read(this.key(environment, 'instance', String(id)));
  }

  async setInstanceToken(environment: EnvironmentId, id: number | string, token: string): Promise<void> {
    await this.write(this.key(environment, 'instance', String(id)), token);
    await this.addToIndex(environment, 'instances', String(id));
  }

  async deleteInstanceToken(environment: EnvironmentId, id: number | string): Promise<void> {
    await this.store.delete(this.key(environment, 'instance', String(id)));
    await this.removeFromIndex(environment, 'instances', String(id));
  }

  /** An app credential (e.g. `oauth.api.key`) of an element, offered again next time. */
  appSecret(environment: EnvironmentId, elementKey: string, configKey: string): Promise<string | undefined> {
    return this.read(this.key(environment, 'app', elementKey, configKey));
  }

  setAppSecret(environment: EnvironmentId, elementKey: string, configKey: string, value: string): Promise<void> {
    return this.write(this.key(environment, 'app', elementKey, configKey), value);
  }

  /** The value behind `${keychain:NAME}` in instance files. */
  keychain(environment: EnvironmentId, name: string): Promise<string | undefined> {
    return this.read(this.key(environment, 'keychain', name));
  }

  setKeychain(environment: EnvironmentId, name: string, value: string): Promise<void> {
    return this.write(this.key(environment, 'keychain', name), value);
  }

  // SecretStorage cannot list its keys, so the ids of stored instance tokens are indexed.
  private async index(environment: EnvironmentId, name: string): Promise<string[]> {
    const raw = await this.store.get(this.key(environment, 'index', name));
    try {
      const parsed: unknown = raw ? JSON.parse(raw) : [];
      return Array.isArray(parsed) ? parsed.filter((item): item is string => typeof item === 'string') : [];
    } catch {
      return [];
    }
  }

  private async addToIndex(environment: EnvironmentId, name: string, id: string): Promise<void> {
    const ids = await this.index(environment, name);
    if (!ids.includes(id)) await this.store.store(this.key(environment, 'index', name), JSON.stringify([...ids, id]));
  }

  private async removeFromIndex(environment: EnvironmentId, name: string, id: string): Promise<void> {
    const ids = await this.index(environment, name);
    if (ids.includes(id)) await this.store.store(this.key(environment, 'index', name), JSON.stringify(ids.filter((x) => x !== id)));
  }
}
