/** Keys the body needs: element, name, configuration, and the entries the element's flow requires. */
import { documentedDefault, flowChoiceValue } from '../../catalog/presets';
import type { ConfigField, FlowDefinition, ProviderDataField } from '../../catalog/types';
import type { Fix, Report } from '../findings';
import { renameKey } from '../edits';
import type { ObjectNode, Property } from '../parse';
import { range } from './context';
import type { LintContext } from './context';
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
      // A real name, never a placeholder the placeholder rule would flag at once.
      const name = ctx.element && ctx.flow ? `${ctx.element.name} (${ctx.flow.label})` : 'New instance';
      report('Missing "name": the new instance needs a name', { offset: body.offset, length: 1 }, [
        { title: `Add "name": ${JSON.stringify(name)}`, edits: [ctx.insert(body, [['name', JSON.stringify(name)]])], safe: false },
      ], { path: ['name'] });
    }
    if (!ctx.property('configuration')) missingConfiguration(ctx, report, body);
    if (ctx.element && ctx.flow) requirements(ctx, report, body, ctx.flow);
  },
});

function element(ctx: LintContext, report: Report, body: ObjectNode): void {
  const reference = ctx.elementReference;
  if (reference.kind === 'impostor') {
    const { name, property } = reference;
    report(`Missing "element": "${name}" holds the element key; the API only reads "element"`, range(property.key), [
      { title: `Rename "${name}" to "element"`, edits: [renameKey(property.key, 'element')], safe: false, preferred: true },
    ]);
  } else if (reference.kind === 'absent') {
    // Which element only the person knows: the editor asks (no placeholder is written).
    report('Missing "element": which element to instantiate, e.g. "element": {"key": "xero"}', { offset: body.offset, length: 1 }, [], { path: ['element'] });
  } else if (reference.kind === 'no-key') {
    report('Missing "element.key": the element key, e.g. "xero"', range(reference.property.key), [], { path: ['element', 'key'] });
  }
}

/** What the file can be given without asking anyone: the flow's own choices and the documented defaults. */
function presetEntries(fields: readonly ConfigField[]): Array<[key: string, json: string]> {
  return fields.flatMap((field) => {
    const value = flowChoiceValue(field) ?? documentedDefault(field);
    return value === undefined ? [] : [[field.key, JSON.stringify(value)] as [string, string]];
  });
}

function missingConfiguration(ctx: LintContext, report: Report, body: ObjectNode): void {
  const flow = ctx.flow ?? ctx.element?.flows[0];
  const required = flow?.configuration.filter((field) => field.required) ?? [];
  const entries = presetEntries(required);
  // Only values that are known (a default, the flow's own choice); the rest is asked for by the editor, never a placeholder.
  const value = entries.length ? `{ ${entries.map(([key, json]) => `${JSON.stringify(key)}: ${json}`).join(', ')} }` : '{}';
  report(
    'Missing "configuration": the element\'s settings (API key, secret, callback URL, …)',
    { offset: body.offset, length: 1 },
    [{ title: entries.length ? 'Add "configuration" with its documented defaults' : 'Add an empty "configuration"', edits: [ctx.insert(body, [['configuration', value]])], safe: false }],
    { path: ['configuration'], missing: required.map((field) => field.key) },
  );
}

function requirements(ctx: LintContext, report: Report, body: ObjectNode, flow: FlowDefinition): void {
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
  const anchor = ctx.elementAnchor;
  // The provider returns these after the user authorizes: no text to write ahead (the editor offers the flow itself).
  report(
    `Missing "providerData" for ${where}: the ${flow.label} flow returns ${quoted(missing.providerData)} after the user authorizes`,
    anchor ? range(anchor) : { offset: body.offset, length: 1 },
    [],
    { path: ['providerData'], missing: missing.providerData },
  );
}

/** One finding naming every missing required entry of a section, with a fix adding the absent ones. */
function missingEntries(
  ctx: LintContext,
  report: Report,
  section: 'configuration' | 'providerData',
  property: Property | undefined,
  missing: string[],
  fields: ReadonlyArray<ConfigField | ProviderDataField>,
  where: string,
): void {
  if (missing.length === 0 || property?.value?.type !== 'object') return; // a non-object is reported by the value-type rule
  const object = property.value;
  const present = ctx.propertiesOf(object);
  const absent = fields.filter((field) => missing.includes(field.key) && !present.has(field.key));
  // Only values that are known: a documented default or the flow's own choice. Never a placeholder, which the
  // placeholder rule would flag at once; what only the person knows is asked for by the editor (data.path).
  const known = section === 'configuration' ? presetEntries(absent as ConfigField[]) : [];
  const fix: Fix = {
    title: known.length === 1 ? `Add ${JSON.stringify(known[0]![0])} with its documented default` : 'Add the missing keys that have documented defaults',
    edits: [ctx.insert(object, known)],
    safe: false,
    preferred: true,
  };
  report(`Missing required ${section} for ${where}: ${quoted(missing)}`, range(property.key), known.length ? [fix] : [], { path: [section], missing });
}
