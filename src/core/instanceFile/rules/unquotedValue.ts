/**
 * Numbers and booleans in configuration. The API accepts them (its JSON binding turns `true` into
 * "true", and the documentation's own bodies send them), so this is no error: it says what the API
 * stores and offers to write that instead.
 */
import { range } from './context';
import { defineRule } from './rule';

export const unquotedValue = defineRule({
  id: 'unquoted-value',
  description: 'Numbers and booleans in configuration (accepted; the API stores them as strings)',
  defaultSeverity: 'info',
  check(ctx, report) {
    for (const { key, value } of ctx.configurationEntries) {
      const literal = value && ctx.scalarText(value);
      if (!value || literal === undefined) continue;
      report(`"${key}": ${literal} is accepted and stored as the string "${literal}"; quote it to write what the API returns`, range(value), ctx.quoteFix(value));
    }
  },
});
