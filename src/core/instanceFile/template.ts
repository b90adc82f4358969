/** instance.json bodies generated from the catalog, one per element flow. */
import type { CreateInstanceRequest } from '../api/types';
import type { ElementDefinition, FlowDefinition } from '../catalog/types';

/** The body of `POST /instances`, as written in an instance.json file. */
export type InstanceBody = CreateInstanceRequest & { element: { key: string } };

export function buildTemplate(element: ElementDefinition, flow: FlowDefinition): InstanceBody {
  const providerData = flow.providerData.filter((field) => field.inTemplate !== false);
  // Key order follows the documentation: element, providerData, configuration, tags, name, externalAuthentication.
  return {
    element: { key: element.key },
    ...(providerData.length > 0 && {
      providerData: Object.fromEntries(providerData.map((field) => [field.key, field.placeholder])),
    }),
    configuration: Object.fromEntries(
      flow.configuration.filter((field) => field.inTemplate !== false).map((field) => [field.key, field.placeholder]),
    ),
    ...(flow.template.tags && { tags: [...flow.template.tags] }),
    name: flow.template.name,
    ...(flow.externalAuthentication && { externalAuthentication: flow.externalAuthentication }),
  };
}

export function renderTemplate(element: ElementDefinition, flow: FlowDefinition): string {
  return JSON.stringify(buildTemplate(element, flow), null, 2) + '\n';
}
