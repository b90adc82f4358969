/**
 * The element catalog's shape: one typed definition per Cloud Elements element.
 * Everything else (templates, JSON schema, lint rules, provisioning prompts, the
 * emulator's validation) is derived from these definitions.
 */

/** How an instance of an element is provisioned. */
export type FlowType = 'oauth2' | 'oauth1' | 'token' | 'basic' | 'custom';

/** What a configuration string holds; every configuration value is a JSON string. */
export type ValueKind = 'string' | 'url' | 'boolean' | 'number';

/** The standard configuration keys the OAuth calls read (apiKey, apiSecret, callbackUrl). */
export type ConfigRole = 'apiKey' | 'apiSecret' | 'callbackUrl';

export interface ConfigField {
  /** Configuration key in instance.json, e.g. `oauth.api.key`. */
  key: string;
  /** Human label, as the provider calls it where known ("Consumer Key"). */
  label: string;
  required: boolean;
  /**
   * Not required (the documentation's own example works without it) but advised: prompts
   * say "recommended" rather than "optional".
   */
  recommended?: boolean;
  /** Stored in the keychain, never in workspace files or settings. */
  secret: boolean;
  kind: ValueKind;
  /** Value in the generated instance.json (usually an `<INSERT_…>` placeholder). */
  placeholder: string;
  /** Value to offer when the user leaves the field empty. */
  default?: string;
  /**
   * Set when the documentation gives `default` as the value Cloud Elements itself uses when the
   * entry (or the OAuth calls' parameter taking it) is left out: where it says so (repository,
   * page@commit, section). Such a field is never required — a default is filled in, never
   * demanded: the service (and the emulator) fill it in, the linter does not ask for it, and a
   * prompt may offer it and accept an empty answer.
   */
  defaultSource?: string;
  description?: string;
  role?: ConfigRole;
  /** Left out of the generated template (optional extras). Defaults to true. */
  inTemplate?: boolean;
  /**
   * `false`: an entry the documentation's example carries that this flow does not use (Xero's
   * `xero.partner`, an OAuth 1.0a notion, in its OAuth 2 example): the wizard does not ask for it
   * and sends it only as an instance or file being reused already has it. Defaults to true.
   */
  asked?: boolean;
}

/** Where the flow engine takes a query parameter's value from. */
export type QueryParamSource =
  | { from: 'config'; key: string }
  | { from: 'requestToken' }
  | { from: 'state' };

export interface QueryParam {
  /** Query parameter name exactly as the API takes it (`apiKey`, `siteAddress`, `Signature`). */
  name: string;
  source: QueryParamSource;
  required: boolean;
}

export interface OAuthCall {
  params: QueryParam[];
}

/** Where a `providerData` value comes from once the user has authorized. */
export type ProviderDataSource =
  | { from: 'callback'; param: string }
  /** The `secret` returned by the OAuth 1 request-token step. */
  | { from: 'requestSecret' };

export interface ProviderDataField {
  /** Key inside `providerData`. */
  key: string;
  source: ProviderDataSource;
  required: boolean;
  secret: boolean;
  placeholder: string;
  /** A realistic value the emulator's fake provider hands back. */
  example?: string;
  inTemplate?: boolean;
}

export interface OAuthDefinition {
  /** OAuth 1 only: `GET /elements/{key}/oauth/token`. */
  token?: OAuthCall;
  /** `GET /elements/{key}/oauth/url`. */
  url: OAuthCall;
}

export interface FlowDefinition {
  type: FlowType;
  /** Short label for pickers: "OAuth 2", "OAuth 1", "Token based (quick provision)". */
  label: string;
  description?: string;
  /**
   * Set when the provider has retired this flow (QuickBooks and Xero OAuth 1.0a): why, in one
   * sentence. Pickers and the Elements view mark it; it still works for accounts that have it.
   */
  legacy?: string;
  configuration: ConfigField[];
  /** In template order. Empty for flows without an authorization step. */
  providerData: ProviderDataField[];
  oauth?: OAuthDefinition;
  externalAuthentication?: 'initial';
  template: {
    name: string;
    /** Omitted when the documentation's template has no `tags`. */
    tags?: string[];
  };
}

export interface ElementDefinition {
  key: string;
  name: string;
  hub: string;
  /** Numeric element id from the documentation, where known. */
  id?: number;
  /** Preferred flow first (never a legacy one). */
  flows: FlowDefinition[];
  /** Pitfalls worth telling the user (refresh windows, sandbox tokens, …). */
  notes?: string[];
  /** Wrong keys seen in the documentation for this element. */
  aliases?: string[];
  /** Where to sign up with the provider (the `signupURL` of the element's documented responses). */
  signupUrl?: string;
  /**
   * Configuration entries Cloud Elements adds to every instance of the element, as its
   * documented responses show them (`base.url`, `pagination.*`, `event.*`…). The entries
   * common to all elements (`event.notification.*`, `filter.response.nulls`) are implied.
   */
  instanceDefaults?: Record<string, string | null>;
  /** `seed`: transcribed from the Create Instance pages; `curated`: generated from the docs index and reviewed. */
  origin: 'seed' | 'curated';
}

/**
 * The catalog's data as the Catalog reads it: every key and alias up front, each element's
 * definition only when it is first asked for (the bundles read them from dist/catalog.json, one
 * element per line: a lint of one file parses one element, not 163).
 */
export interface CatalogSource {
  /** Every element's key, in catalog order. */
  readonly keys: readonly string[];
  /** [alias, key] pairs: wrong keys seen in the documentation, and the element they mean. */
  readonly aliases: ReadonlyArray<readonly [string, string]>;
  /** The definition of the element at `index` in `keys`; the Catalog asks once per element. */
  element(index: number): ElementDefinition;
}
