/** A JSON Schema for instance.json files, generated from the catalog (used by contributes.jsonValidation). */
import type { Catalog } from '../catalog';
import type { ConfigField, ElementDefinition } from '../catalog/types';

type Schema = Record<string, unknown>;

function fieldSchema(field: ConfigField): Schema {
  const schema: Schema = { type: 'string', description: field.description ?? field.label };
  if (field.kind === 'boolean') schema.enum = ['true', 'false'];
  if (field.default !== undefined) schema.default = field.default;
  return schema;
}

function elementSchema(element: ElementDefinition): Schema {
  const fields = new Map<string, ConfigField>();
  const providerData = new Map<string, string>();
  for (const flow of element.flows) {
    for (const field of flow.configuration) if (!fields.has(field.key)) fields.set(field.key, field);
    for (const field of flow.providerData) providerData.set(field.key, `Returned by the ${flow.label} authorization.`);
  }
  const requiredEverywhere = [...fields.values()]
    .filter((field) => element.flows.every((flow) => flow.configuration.some((f) => f.key === field.key && f.required)))
    .map((field) => field.key);
  return {
    // `required` keeps a file without "element" (or without its key) from matching every branch.
    if: { required: ['element'], properties: { element: { required: ['key'], properties: { key: { const: element.key } } } } },
    then: {
      properties: {
        configuration: {
          properties: Object.fromEntries([...fields.values()].map((field) => [field.key, fieldSchema(field)])),
          ...(requiredEverywhere.length > 0 && { required: requiredEverywhere }),
        },
        ...(providerData.size > 0 && {
          providerData: {
            properties: Object.fromEntries(
              [...providerData].map(([key, description]) => [key, { type: 'string', description }]),
            ),
          },
        }),
      },
    },
  };
}

export function buildInstanceSchema(catalog: Catalog): Schema {
  const elements = catalog.elements.sort((a, b) => a.key.localeCompare(b.key));
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    title: 'Cloud Elements instance (POST /instances body)',
    type: 'object',
    required: ['element', 'name', 'configuration'],
    properties: {
      element: {
        type: 'object',
        description: 'The element to instantiate.',
        required: ['key'],
        properties: {
          key: {
            type: 'string',
            description: 'The element key, e.g. "xero".',
            enum: elements.map((element) => element.key),
            enumDescriptions: elements.map((element) => `${element.name} (${element.hub})`),
          },
        },
      },
      name: { type: 'string', description: 'A name for the new instance.' },
      configuration: {
        type: 'object',
        description: 'Configuration entries; every value is a string.',
        additionalProperties: { type: 'string' },
      },
      providerData: {
        type: 'object',
        description: 'Values returned by the provider during authorization.',
        additionalProperties: { type: 'string' },
      },
      tags: { type: 'array', items: { type: 'string' }, description: 'Tags for the instance.' },
      externalAuthentication: {
        type: 'string',
        enum: ['initial', 'none'],
        description: '"initial" provisions with tokens already held (no browser step).',
      },
    },
    allOf: elements.map(elementSchema),
  };
}
