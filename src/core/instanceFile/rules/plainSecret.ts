/** A real secret written into a workspace file, where a `${keychain:…}` reference belongs. */
import type { Node } from '../parse';
import { looksLikeRealSecret } from '../values';
import { isSecretEntry, range } from './context';
import type { Report } from '../findings';
import { defineRule } from './rule';

const PROVIDER_SECRET_KEY = /secret|refresh_token/i;

export const plainSecret = defineRule({
  id: 'plain-secret',
  description: 'A real secret written into a workspace file',
  defaultSeverity: 'warning',
  check(ctx, report) {
    for (const entry of ctx.configurationEntries) {
      const { key, value, text } = entry;
      if (value && text !== undefined && !entry.placeholder && !entry.keychainReference && isSecretEntry(entry) && isPlainSecret(text, entry.field?.secret === true)) {
        secret(report, 'configuration', key, value);
      }
    }
    const secretData = new Set(ctx.flow?.providerData.filter((field) => field.secret).map((field) => field.key));
    for (const { key, value, text, placeholder, keychainReference } of ctx.providerDataEntries) {
      if (value && text !== undefined && !placeholder && !keychainReference && PROVIDER_SECRET_KEY.test(key) && isPlainSecret(text, secretData.has(key))) {
        secret(report, 'providerData', key, value);
      }
    }
  },
});

/**
 * Whether a value is a secret written in plain text. Where the catalog says the field holds a
 * secret, any value is one, however short (`abc123`) or spaced (a pass phrase). Where only the
 * key's name suggests it (`token.type`, an unknown `…secret…` key), only a value that looks like a
 * credential — 8 characters or more, no spaces — is taken for one: `bearer` or `true` is not.
 */
function isPlainSecret(text: string, catalogSecret: boolean): boolean {
  return catalogSecret ? text.trim() !== '' : looksLikeRealSecret(text);
}

function secret(report: Report, section: 'configuration' | 'providerData', key: string, value: Node): void {
  // The message never repeats the value.
  report(`"${key}" holds a real secret in a workspace file: keep it in the keychain and reference it as \${keychain:…}`, range(value), [], { path: [section, key] });
}
