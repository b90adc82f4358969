/** Values still holding a documentation placeholder such as <INSERT_…>. */
import { isMaskedValue } from '../../api/masked';
import { isPlaceholder } from '../values';
import { range } from './context';
import { defineRule } from './rule';

export const placeholder = defineRule({
  id: 'placeholder',
  description: 'Values still holding a documentation placeholder such as <INSERT_…>',
  defaultSeverity: 'warning',
  check(ctx, report) {
    if (!ctx.body) return;
    const named = ctx.elementKey;
    if (named && isPlaceholder(named.key)) {
      report(`"element.key" is still the placeholder ${JSON.stringify(named.key)}: put the element key here, e.g. "xero"`, range(named.node));
    }
    const name = ctx.property('name')?.value;
    if (name?.type === 'string' && isPlaceholder(String(name.value))) {
      report(`"name" is still the placeholder ${JSON.stringify(name.value)}: give the instance a name`, range(name));
    }
    const tags = ctx.property('tags')?.value;
    if (tags?.type === 'array') {
      for (const item of tags.children ?? []) {
        if (item.type === 'string' && isPlaceholder(String(item.value))) report(`Tag ${JSON.stringify(item.value)} is still a placeholder: set a tag or remove it`, range(item));
      }
    }
    for (const { key, value, text, field, placeholder: isLeft } of ctx.configurationEntries) {
      if (!value || !isLeft) continue;
      const message = isMaskedValue(text)
        ? `"${key}" holds ${JSON.stringify(text)}, the mask Cloud Elements shows in place of a secret, not the secret: put your ${field?.label ?? 'value'} or a \${keychain:…} reference here`
        : `"${key}" is still the placeholder ${JSON.stringify(text)}: replace it with your ${field?.label ?? 'value'}`;
      report(message, range(value), [], { path: ['configuration', key] });
    }
    for (const { key, value, text, placeholder: isLeft } of ctx.providerDataEntries) {
      if (!value || !isLeft) continue;
      report(
        `providerData "${key}" is still the placeholder ${JSON.stringify(text)}: it comes back from the provider after the user authorizes`,
        range(value),
        [],
        { path: ['providerData', key] },
      );
    }
  },
});
