/**
 * What a configuration field holds before anyone answers: the value the chosen flow itself
 * implies (`authentication.type` is `oauth2` in the OAuth 2 flow: choosing the flow chose it),
 * the documented default (QuickBooks' `scope`), or nothing. A default is never a requirement:
 * left empty, the default is what is sent. Used by the provisioning prompts and by the starter
 * instance file, so both fill in the same values.
 */
import type { ConfigField, FlowDefinition } from './types';

/** The configuration keys whose value is the flow itself: the flow picker already asked. */
const FLOW_CHOICE_KEYS = new Set(['authentication.type']);

/** A value a person could have typed, not a documentation stand-in such as `<INSERT_…>` or `insert_key`. */
function isRealValue(value: string | undefined): value is string {
  return value !== undefined && value.trim() !== '' && !/[<>]/.test(value) && !/^(insert|fake)_/i.test(value.trim());
}

/**
 * The value choosing the flow fixes for the field (`authentication.type`: the flow's own name as
 * its example gives it), or undefined when the field is an answer of its own.
 */
export function flowChoiceValue(field: Pick<ConfigField, 'key' | 'default' | 'placeholder'>): string | undefined {
  if (!FLOW_CHOICE_KEYS.has(field.key)) return undefined;
  const value = field.default ?? field.placeholder;
  return isRealValue(value) ? value : undefined;
}

/** Whether the wizard asks for the field: not when the flow fixes it, nor when the flow does not use it (`asked: false`). */
export function isAsked(field: ConfigField): boolean {
  return field.asked !== false && flowChoiceValue(field) === undefined;
}

/** The documented default of a field, when it has a usable one. */
export function documentedDefault(field: Pick<ConfigField, 'default'>): string | undefined {
  return isRealValue(field.default) ? field.default : undefined;
}

/** Whether a person must give the field a value: required, with no default and not fixed by the flow. */
export function isDemanded(field: ConfigField): boolean {
  return field.required && documentedDefault(field) === undefined && flowChoiceValue(field) === undefined;
}

/**
 * The configuration entries a flow sends without asking: each field the flow fixes, with its
 * value. (Fields the flow does not use are sent only as the caller already had them.)
 */
export function flowChoices(flow: Pick<FlowDefinition, 'configuration'>): Array<[key: string, value: string]> {
  return flow.configuration.flatMap((field) => {
    const value = flowChoiceValue(field);
    return value === undefined ? [] : [[field.key, value] as [string, string]];
  });
}
