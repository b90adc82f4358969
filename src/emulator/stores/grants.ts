/**
 * The fake providers' memory: OAuth 2 app registrations and authorization codes, OAuth 1
 * request tokens, and authorize pages awaiting the user's decision. In memory only; a
 * restart forgets them, as a provider forgets codes that were never exchanged.
 */
import type { FakeProvider } from '../base/fakeProviders';
import { newAuthorizationCode, newHandle, newOAuth1Secret, newOAuth1Token, newVerifier } from '../base/random';

const MINUTE = 60_000;
export const REQUEST_TOKEN_TTL_MS = 30 * MINUTE;
export const CODE_TTL_MS = 10 * MINUTE;
export const PENDING_TTL_MS = 30 * MINUTE;

/** What `GET /oauth/url` told the OAuth 2 provider about the app. */
export interface AppRegistration {
  element: string;
  apiKey: string;
  apiSecret: string;
  callbackUrls: Set<string>;
}

export interface RequestToken {
  token: string;
  secret: string;
  element: string;
  apiKey: string;
  apiSecret: string;
  callbackUrl: string;
  /**
   * Configuration entries the OAuth calls carried (`siteAddress` → `site.address`, `callbackUrl`
   * → `oauth.callback.url`): Cloud Elements keeps them on the instance even when the body of
   * `POST /instances` leaves them out (the FreshBooks and Desk pages' responses).
   */
  configuration: Record<string, string>;
  /** Set by `GET /oauth/url`; Cloud Elements falls back to the element key. */
  state?: string;
  /** Set when the user allows access. */
  verifier?: string;
  expiresAt: number;
}

export interface AuthorizationCode {
  code: string;
  element: string;
  apiKey: string;
  apiSecret: string;
  callbackUrl: string;
  expiresAt: number;
  used: boolean;
}

/** What each fake provider's authorize page remembers until the user decides (a new provider fails to compile below until it has an entry). */
interface PendingFields {
  oauth2: { apiKey: string; callbackUrl: string; state?: string };
  oauth1: { requestToken: string };
}

type PendingByProvider = { [P in FakeProvider]: { flow: P; element: string; expiresAt: number } & PendingFields[P] };

/** An authorize page the user has not answered yet. */
export type PendingAuthorization = PendingByProvider[FakeProvider];

type WithoutExpiry<T> = T extends unknown ? Omit<T, 'expiresAt'> : never;

export class OAuthGrants {
  private readonly apps = new Map<string, AppRegistration>();
  private readonly requestTokens = new Map<string, RequestToken>();
  private readonly codes = new Map<string, AuthorizationCode>();
  private readonly pending = new Map<string, PendingAuthorization>();

  constructor(private readonly now: () => number = Date.now) {}

  registerApp(element: string, apiKey: string, apiSecret: string, callbackUrl: string): void {
    const id = `${element}\n${apiKey}`;
    const existing = this.apps.get(id);
    const callbackUrls = existing && existing.apiSecret === apiSecret ? existing.callbackUrls : new Set<string>();
    callbackUrls.add(callbackUrl);
    this.apps.set(id, { element, apiKey, apiSecret, callbackUrls });
  }

  app(element: string, apiKey: string): AppRegistration | undefined {
    return this.apps.get(`${element}\n${apiKey}`);
  }

  issueRequestToken(grant: Omit<RequestToken, 'token' | 'secret' | 'expiresAt'>): RequestToken {
    const token: RequestToken = {
      ...grant,
      token: newOAuth1Token(),
      secret: newOAuth1Secret(),
      expiresAt: this.now() + REQUEST_TOKEN_TTL_MS,
    };
    this.requestTokens.set(token.token, token);
    return token;
  }

  requestToken(token: string): RequestToken | undefined {
    return this.live(this.requestTokens, token);
  }

  /** The user allowed access: the token gets a verifier. */
  authorizeRequestToken(token: RequestToken): string {
    token.verifier = newVerifier();
    return token.verifier;
  }

  consumeRequestToken(token: string): void {
    this.requestTokens.delete(token);
  }

  issueCode(grant: Omit<AuthorizationCode, 'code' | 'expiresAt' | 'used'>): AuthorizationCode {
    const code: AuthorizationCode = { ...grant, code: newAuthorizationCode(), expiresAt: this.now() + CODE_TTL_MS, used: false };
    this.codes.set(code.code, code);
    return code;
  }

  code(code: string): AuthorizationCode | undefined {
    return this.live(this.codes, code);
  }

  beginAuthorization(pending: WithoutExpiry<PendingAuthorization>): string {
    const handle = newHandle();
    this.pending.set(handle, { ...pending, expiresAt: this.now() + PENDING_TTL_MS } as PendingAuthorization);
    return handle;
  }

  /** Single use: a decision can be submitted once per page. */
  takeAuthorization(handle: string): PendingAuthorization | undefined {
    const pending = this.live(this.pending, handle);
    this.pending.delete(handle);
    return pending;
  }

  clear(): void {
    this.apps.clear();
    this.requestTokens.clear();
    this.codes.clear();
    this.pending.clear();
  }

  private live<T extends { expiresAt: number }>(map: Map<string, T>, id: string): T | undefined {
    const entry = map.get(id);
    if (entry && entry.expiresAt <= this.now()) {
      map.delete(id);
      return undefined;
    }
    return entry;
  }
}
