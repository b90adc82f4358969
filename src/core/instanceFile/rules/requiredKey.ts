/** Keys the body needs: element, name, configuration, and the entries the element's flow requires. */
import type { FlowDefinition } from '../../catalog/types';
import type { Fix } from '../diagnostics';
import { renameKey } from '../edits';
import type { Node, Property } from '../parse';
import { range } from './context';
import type { LintContext, Report } from './context';
import { defineRule } from './rule';

const quoted = (keys: string[]) => keys.map((key) => `"${key}"`).join(', ');

export const requiredKey = defineRule({
  id: 'required-key',
  description: 'Keys the instance body needs, per element and flow',
  defaultSeverity: 'error',
  check(ctx, report) {
    const root = ctx.parsed.root;
    if (root && root.type !== 'object') {
      report('An instance file holds one JSON object: {"element": …, "name": …, "configuration": …}', range(root));
      return;
    }
    const body = ctx.body;
    if (!body) return; // nothing parsed: the syntax rule has said why
    element(ctx, report, body);
    if (!ctx.property('name')) {
      report('Missing "name": the new instance needs a name', { offset: body.offset, length: 1 }, [
        { title: 'Add "name"', edits: [ctx.insert(body, [['name', '"<INSERT_INSTANCE_NAME>"']])], safe: false },
      ]);
    }
    if (!ctx.property('configuration')) missingConfiguration(ctx, report, body);
    if (ctx.element && ctx.flow) requirements(ctx, report, body, ctx.flow);
  },
});

function element(ctx: LintContext, report: Report, body: Node): void {
  const reference = ctx.elementReference;
  if (reference.kind === 'impostor') {
    const { name, property } = reference;
    report(`Missing "element": "${name}" holds the element key; the API only reads "element"`, range(property.key), [
      { title: `Rename "${name}" to "element"`, edits: [renameKey(property.key, 'element')], safe: false, preferred: true },
    ]);
  } else if (reference.kind === 'absent') {
    report('Missing "element": which element to instantiate, e.g. "element": {"key": "xero"}', { offset: body.offset, length: 1 }, [
      { title: 'Add "element"', edits: [ctx.insert(body, [['element', '{ "key": "<INSERT_ELEMENT_KEY>" }']])], safe: false },
    ]);
  } else if (reference.kind === 'no-key') {
    report('Missing "element.key": the element key, e.g. "xero"', range(reference.property.key), [
      { title: 'Add "key"', edits: [ctx.insert(reference.object, [['key', '"<INSERT_ELEMENT_KEY>"']])], safe: false },
    ]);
  }
}

function missingConfiguration(ctx: LintContext, report: Report, body: Node): void {
  const flow = ctx.element?.flows[0];
  const entries = flow?.configuration.filter((field) => field.required).map((field): [string, string] => [field.key, JSON.stringify(field.placeholder)]) ?? [];
  const value = entries.length ? `{ ${entries.map(([key, json]) => `${JSON.stringify(key)}: ${json}`).join(', ')} }` : '{}';
  report('Missing "configuration": the element\'s settings (API key, secret, callback URL, …)', { offset: body.offset, length: 1 }, [
    { title: 'Add "configuration"', edits: [ctx.insert(body, [['configuration', value]])], safe: false },
  ]);
}

function requirements(ctx: LintContext, report: Report, body: Node, flow: FlowDefinition): void {
  const missing = ctx.missing!;
  const where = `${ctx.element!.key} (${flow.label})`;
  missingEntries(ctx, report, 'configuration', ctx.property('configuration'), missing.configuration, flow.configuration, where);
  if (missing.providerData.length === 0) return;
  const providerData = ctx.property('providerData');
  if (providerData?.value?.type === 'object') {
    missingEntries(ctx, report, 'providerData', providerData, missing.providerData, flow.providerData, where);
    return;
  }
  if (providerData) return; // not an object: the value-type rule says so
  const fields = flow.providerData.filter((field) => missing.providerData.includes(field.key));
  const value = `{ ${fields.map((field) => `${JSON.stringify(field.key)}: ${JSON.stringify(field.placeholder)}`).join(', ')} }`;
  const anchor = ctx.elementAnchor;
  report(
    `Missing "providerData" for ${where}: the ${flow.label} flow returns ${quoted(missing.providerData)} after the user authorizes`,
    anchor ? range(anchor) : { offset: body.offset, length: 1 },
    [{ title: 'Add "providerData"', edits: [ctx.insert(body, [['providerData', value]])], safe: false, preferred: true }],
    { missing: missing.providerData },
  );
}

/** One finding naming every missing required entry of a section, with a fix adding the absent ones. */
function missingEntries(
  ctx: LintContext,
  report: Report,
  section: 'configuration' | 'providerData',
  property: Property | undefined,
  missing: string[],
  fields: ReadonlyArray<{ key: string; placeholder: string }>,
  where: string,
): void {
  if (missing.length === 0 || property?.value?.type !== 'object') return; // a non-object is reported by the value-type rule
  const object = property.value;
  const present = ctx.propertiesOf(object);
  const absent = fields.filter((field) => missing.includes(field.key) && !present.has(field.key));
  const fix: Fix = {
    title: `Add missing required key(s) to ${section}`,
    edits: [ctx.insert(object, absent.map((field) => [field.key, JSON.stringify(field.placeholder)]))],
    safe: false,
    preferred: true,
  };
  report(`Missing required ${section} for ${where}: ${quoted(missing)}`, range(property.key), absent.length ? [fix] : [], { missing });
}
