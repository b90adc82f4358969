/** A real secret written into a workspace file, where a `${keychain:…}` reference belongs. */
import type { Node } from '../parse';
import { looksLikeRealSecret } from '../values';
import { isSecretEntry, range } from './context';
import type { Report } from './context';
import { defineRule } from './rule';

export const plainSecret = defineRule({
  id: 'plain-secret',
  description: 'A real secret written into a workspace file',
  defaultSeverity: 'warning',
  check(ctx, report) {
    for (const entry of ctx.configurationEntries) {
      const { key, value, text } = entry;
      if (value && text !== undefined && !entry.placeholder && !entry.keychainReference && looksLikeRealSecret(text) && isSecretEntry(entry)) {
        secret(report, 'configuration', key, value);
      }
    }
    for (const { key, value, text, placeholder } of ctx.providerDataEntries) {
      if (value && text !== undefined && !placeholder && /secret|refresh_token/i.test(key) && looksLikeRealSecret(text)) secret(report, 'providerData', key, value);
    }
  },
});

function secret(report: Report, section: 'configuration' | 'providerData', key: string, value: Node): void {
  // The message never repeats the value.
  report(`"${key}" holds a real secret in a workspace file: keep it in the keychain and reference it as \${keychain:…}`, range(value), [], { path: [section, key] });
}
