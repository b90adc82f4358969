/**
 * The fake providers the emulator runs: one per kind of browser step the catalog knows
 * (`AuthorizationStep` in `src/core/catalog/flowTypes.ts`, `none` aside). OAuth 2: the authorize
 * page returns a code; OAuth 1: a request token first, then the page returns a verifier.
 *
 * Everything the emulator does per provider is an exhaustive record or switch keyed by
 * `FakeProvider`, so a new kind of browser step fails to compile in each place until it is
 * handled (CONTRIBUTING.md, "Adding a flow type"): the label here, its exchange
 * (`platform/flowTypes.ts`), its `oauth/url` step (`routes/oauth.ts`), its authorize page and
 * decision (`routes/provider.ts`) and its pending page (`stores/grants.ts`).
 */
import type { AuthorizationStep } from '../../core/catalog/flowTypes';

export type FakeProvider = Exclude<AuthorizationStep, 'none'>;

/** How pages and messages name each provider's protocol. */
export const PROTOCOL_LABELS: Readonly<Record<FakeProvider, string>> = { oauth2: 'OAuth 2', oauth1: 'OAuth 1' };

/** Every fake provider, in the order an element's flows are preferred (OAuth 2 first). */
export const FAKE_PROVIDERS = Object.keys(PROTOCOL_LABELS) as FakeProvider[];

export function isFakeProvider(value: string): value is FakeProvider {
  return (FAKE_PROVIDERS as string[]).includes(value);
}

/** For the `never` default of a switch over every provider: a value the compiler proves cannot occur. */
export function unreachable(value: never): never {
  throw new Error(`Unhandled case: ${String(value)}`);
}
