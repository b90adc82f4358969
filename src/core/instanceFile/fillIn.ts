/**
 * Filling in values of an instance file that a person must give — a configuration entry that is
 * missing or still a placeholder, the instance name, the element — without ever writing a
 * placeholder back: what each one is (from the catalog, for the element and flow the file is
 * written for), and the edits that set the answers in the file's own formatting.
 */
import type { Catalog } from '../catalog';
import { documentedDefault, flowChoiceValue } from '../catalog/presets';
import type { ConfigField, ElementDefinition, FlowDefinition, ValueKind } from '../catalog/types';
import type { TextEdit } from './findings';
import { insertProperties, replaceValue } from './edits';
import type { ObjectNode, ValueNode } from './jsonNodes';
import { parseInstance, properties, shallowValue } from './parse';
import { detectFlow } from './requirements';

/** A value to fill in: a configuration entry, the instance name, or the element key. */
export type FillTarget = { section: 'configuration'; key: string } | { section: 'name' } | { section: 'element' };

export interface FillField {
  target: FillTarget;
  label: string;
  kind: ValueKind;
  /** Goes to the keychain; the file gets a `${keychain:…}` reference. */
  secret: boolean;
  /** What to offer: the documented default or the flow's own value. */
  preset?: string;
  help?: string;
}

export interface FillContext {
  element?: ElementDefinition;
  flow?: FlowDefinition;
  fields: FillField[];
}

function configurationField(flow: FlowDefinition | undefined, key: string): ConfigField | undefined {
  return flow?.configuration.find((field) => field.key === key);
}

/** The element and flow a text is written for, as the linter finds them. */
export function fileElement(text: string, catalog: Catalog): { element?: ElementDefinition; flow?: FlowDefinition } {
  const root = parseInstance(text).root;
  const top = properties(root);
  const key = properties(top.get('element')?.value).get('key')?.value;
  const element = key?.type === 'string' ? catalog.get(String(key.value)) : undefined;
  if (!element) return {};
  const flow = detectFlow(element, {
    configuration: shallowValue(top.get('configuration')?.value),
    providerData: shallowValue(top.get('providerData')?.value),
    externalAuthentication: shallowValue(top.get('externalAuthentication')?.value),
  });
  return { element, flow };
}

/** What each target is: its label, kind, whether it is a secret, and what to offer. */
export function describeFill(text: string, catalog: Catalog, targets: readonly FillTarget[]): FillContext {
  const { element, flow } = fileElement(text, catalog);
  const fields = targets.map((target): FillField => {
    if (target.section === 'name') {
      return { target, label: 'Instance name', kind: 'string', secret: false, ...(element && flow && { preset: `${element.name} (${flow.label})` }) };
    }
    if (target.section === 'element') return { target, label: 'Element', kind: 'string', secret: false };
    const field = configurationField(flow, target.key);
    const preset = field && (flowChoiceValue(field) ?? documentedDefault(field));
    return {
      target,
      label: field?.label ?? target.key,
      kind: field?.kind ?? 'string',
      secret: field?.secret ?? false,
      ...(preset !== undefined && { preset }),
      ...(field?.description !== undefined && { help: field.description }),
    };
  });
  return { ...(element && { element }), ...(flow && { flow }), fields };
}

function objectValue(node: ValueNode | undefined): ObjectNode | undefined {
  return node?.type === 'object' ? node : undefined;
}

/**
 * The edits that set each answer (`json`: a serialized JSON value): the value replaced where the
 * key is, else the key added to its object (configuration entries together, in one edit).
 * Targets whose place cannot be found (the file is no longer an object) are left out.
 */
export function fillEdits(text: string, answers: ReadonlyArray<{ target: FillTarget; json: string }>): TextEdit[] {
  const parsed = parseInstance(text);
  const root = objectValue(parsed.root);
  if (!root) return [];
  const closed = (node: ValueNode) => !parsed.unclosed.has(node);
  const top = properties(root);
  const edits: TextEdit[] = [];
  const toRoot: Array<[string, string]> = [];
  const toConfiguration: Array<[string, string]> = [];
  const configuration = objectValue(top.get('configuration')?.value);
  const entries = properties(configuration);
  for (const { target, json } of answers) {
    if (target.section === 'configuration') {
      const node = entries.get(target.key)?.value;
      if (node) edits.push(replaceValue(node, json));
      else toConfiguration.push([target.key, json]);
    } else if (target.section === 'name') {
      const node = top.get('name')?.value;
      if (node) edits.push(replaceValue(node, json));
      else toRoot.push(['name', json]);
    } else {
      const element = top.get('element')?.value;
      const key = properties(element).get('key')?.value;
      if (key) edits.push(replaceValue(key, json));
      else if (element?.type === 'object') edits.push(insertProperties(parsed.normalized, element, [['key', json]], closed(element)));
      else if (element) edits.push(replaceValue(element, `{ "key": ${json} }`));
      else toRoot.push(['element', `{ "key": ${json} }`]);
    }
  }
  if (toConfiguration.length > 0) {
    if (configuration) edits.push(insertProperties(parsed.normalized, configuration, toConfiguration, closed(configuration)));
    else if (!top.has('configuration')) toRoot.push(['configuration', `{ ${toConfiguration.map(([key, json]) => `${JSON.stringify(key)}: ${json}`).join(', ')} }`]);
  }
  if (toRoot.length > 0) edits.push(insertProperties(parsed.normalized, root, toRoot, closed(root)));
  return edits;
}
