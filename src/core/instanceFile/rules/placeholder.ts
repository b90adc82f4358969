/**
 * Values still holding a documentation placeholder such as <INSERT_…> (or Cloud Elements' mask of
 * a secret, `********`). Each finding carries its `data.path`, so the editor can ask for the value
 * (a secret into the keychain); a fix is offered here where the value is known without asking: the
 * documented default, a name from the element and flow, a placeholder tag removed.
 */
import { isMaskedValue } from '../../api/masked';
import { documentedDefault, flowChoiceValue } from '../../catalog/presets';
import type { Fix, TextEdit } from '../findings';
import { replaceValue } from '../edits';
import type { Node } from '../parse';
import { isPlaceholder } from '../values';
import { range } from './context';
import { defineRule } from './rule';

/** Removes the array item at `index` with the comma that separates it from its neighbour. */
function removeItem(items: readonly Node[], index: number): TextEdit {
  const item = items[index]!;
  const next = items[index + 1];
  if (next) return { offset: item.offset, length: next.offset - item.offset, newText: '' };
  const previous = items[index - 1];
  const start = previous ? previous.offset + previous.length : item.offset;
  return { offset: start, length: item.offset + item.length - start, newText: '' };
}

export const placeholder = defineRule({
  id: 'placeholder',
  description: 'Values still holding a documentation placeholder such as <INSERT_…>',
  defaultSeverity: 'warning',
  check(ctx, report) {
    if (!ctx.body) return;
    const named = ctx.elementKey;
    if (named && isPlaceholder(named.key)) {
      report(`"element.key" is still the placeholder ${JSON.stringify(named.key)}: put the element key here, e.g. "xero"`, range(named.node), [], { path: ['element', 'key'] });
    }
    const name = ctx.property('name')?.value;
    if (name?.type === 'string' && isPlaceholder(String(name.value))) {
      const fixes: Fix[] = [];
      if (ctx.element && ctx.flow) {
        const given = JSON.stringify(`${ctx.element.name} (${ctx.flow.label})`);
        fixes.push({ title: `Name it ${given}`, edits: [replaceValue(name, given)], safe: false });
      }
      report(`"name" is still the placeholder ${JSON.stringify(name.value)}: give the instance a name`, range(name), fixes, { path: ['name'] });
    }
    const tags = ctx.property('tags')?.value;
    if (tags?.type === 'array') {
      const items = tags.children ?? [];
      items.forEach((item, index) => {
        if (item.type !== 'string' || !isPlaceholder(String(item.value))) return;
        report(`Tag ${JSON.stringify(item.value)} is still a placeholder: set a tag or remove it`, range(item), [
          { title: 'Remove the placeholder tag', edits: [removeItem(items, index)], safe: false },
        ]);
      });
    }
    for (const { key, value, text, field, placeholder: isLeft } of ctx.configurationEntries) {
      if (!value || !isLeft) continue;
      const known = field && (flowChoiceValue(field) ?? documentedDefault(field));
      const fixes: Fix[] = known === undefined ? [] : [{ title: `Use the documented default: ${JSON.stringify(known)}`, edits: [replaceValue(value, JSON.stringify(known))], safe: false, preferred: true }];
      const message = isMaskedValue(text)
        ? `"${key}" holds ${JSON.stringify(text)}, the mask Cloud Elements shows in place of a secret, not the secret: put your ${field?.label ?? 'value'} or a \${keychain:…} reference here`
        : `"${key}" is still the placeholder ${JSON.stringify(text)}: replace it with your ${field?.label ?? 'value'}`;
      report(message, range(value), fixes, { path: ['configuration', key] });
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
