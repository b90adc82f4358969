/**
 * The body "New Instance File…" starts with: the element flow's template (the documentation's
 * example, key for key where the values are concerned) with what is already known filled in and
 * what is not needed left out, so the only warnings in a new file are the values a person must
 * act on — the app's credentials and registered callback URL (asked for by a quick fix, secrets
 * into the keychain), and the `providerData` the provider returns after the user authorizes.
 *
 * - a value the flow itself fixes (`authentication.type`) or a documented default: filled in;
 * - an optional field without a default (a minor version, a last refresh time), or one the flow
 *   does not use (`asked: false`): left out;
 * - a documentation placeholder for the name: the element and flow, "Xero (OAuth 2)";
 * - placeholder tags: left out (the documentation's real tags, "QBO Token", stay);
 * - events, for an element that documents them: off, with the default way (eventSupport.ts).
 */
import { starterEventConfiguration } from '../catalog/eventSupport';
import { documentedDefault, flowChoiceValue } from '../catalog/presets';
import type { ElementDefinition, FlowDefinition } from '../catalog/types';
import { buildTemplate, type InstanceBody } from './template';
import { isPlaceholder } from './values';

export function buildStarter(element: ElementDefinition, flow: FlowDefinition): InstanceBody {
  const template = buildTemplate(element, flow);
  const configuration: Record<string, string> = {};
  for (const field of flow.configuration) {
    if (!(field.key in template.configuration) || field.asked === false) continue;
    const known = flowChoiceValue(field) ?? documentedDefault(field);
    if (known !== undefined) configuration[field.key] = known;
    else if (field.required) configuration[field.key] = field.placeholder;
  }
  // Elements with documented events start with them off (core/catalog/eventSupport.ts).
  for (const [key, value] of Object.entries(starterEventConfiguration(element.key))) if (!(key in configuration)) configuration[key] = value;
  const tags = template.tags?.filter((tag) => !isPlaceholder(tag));
  const { tags: _tags, name, configuration: _configuration, ...rest } = template;
  return {
    ...rest,
    configuration,
    ...(tags && tags.length > 0 && { tags }),
    name: isPlaceholder(name) ? `${element.name} (${flow.label})` : name,
  } as InstanceBody;
}

export function renderStarter(element: ElementDefinition, flow: FlowDefinition): string {
  return JSON.stringify(buildStarter(element, flow), null, 2) + '\n';
}
