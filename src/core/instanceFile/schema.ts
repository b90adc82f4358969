/**
 * A JSON Schema for instance.json files, generated from the catalog (used by contributes.jsonValidation).
 * It is an editing aid — completion and hover — that validates nothing the linter already reports:
 * VS Code's JSON support would otherwise show each missing key, unknown element, comment or trailing
 * comma a second time. Suggestions therefore come from `defaultSnippets`, never `enum`, and `required`
 * appears only in the `if` that picks an element's branch.
 */
import type { Catalog } from '../catalog';
import type { ConfigField, ElementDefinition } from '../catalog/types';
import { EVENT_KEYS, EVENTS_ENABLED, OBJECT_VALUED_KEYS, VENDOR_TYPE } from '../events/keys';

type Schema = Record<string, unknown>;

/** Configuration values are strings, but the API also takes numbers and booleans (stored as their text). */
const CONFIGURATION_VALUE = ['string', 'number', 'boolean'];

/** Completion proposals that do not validate (VS Code's JSON support offers `defaultSnippets` as values). */
function suggestions(values: ReadonlyArray<{ value: string; description?: string }>): Schema {
  return { defaultSnippets: values.map(({ value, description }) => ({ label: value, ...(description && { description }), body: value })) };
}

function fieldSchema(field: ConfigField): Schema {
  const schema: Schema = { type: CONFIGURATION_VALUE, description: field.description ?? field.label };
  if (field.kind === 'boolean') Object.assign(schema, suggestions([{ value: 'true' }, { value: 'false' }]));
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
  return {
    // `required` keeps a file without "element" (or without its key) from matching every branch.
    if: { required: ['element'], properties: { element: { required: ['key'], properties: { key: { const: element.key } } } } },
    then: {
      properties: {
        configuration: {
          properties: Object.fromEntries([...fields.values()].map((field) => [field.key, fieldSchema(field)])),
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

/** The event keys every element's instances take (src/core/events/keys.ts), described on hover. */
function eventKeySchemas(): Record<string, Schema> {
  const values: Record<string, string[]> = { [EVENTS_ENABLED]: ['true', 'false'], [VENDOR_TYPE]: ['polling', 'webhook'] };
  return Object.fromEntries(
    Object.entries(EVENT_KEYS).map(([key, description]) => [
      key,
      {
        type: OBJECT_VALUED_KEYS.has(key) ? [...CONFIGURATION_VALUE, 'object'] : CONFIGURATION_VALUE,
        description,
        ...(values[key] && suggestions(values[key].map((value) => ({ value })))),
      },
    ]),
  );
}

export function buildInstanceSchema(catalog: Catalog): Schema {
  const elements = catalog.elements.sort((a, b) => a.key.localeCompare(b.key));
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    title: 'Cloud Elements instance (POST /instances body)',
    type: 'object',
    // The linter's syntax rule reports comments and trailing commas (and offers fixes).
    allowComments: true,
    allowTrailingCommas: true,
    properties: {
      element: {
        type: 'object',
        description: 'The element to instantiate.',
        properties: {
          key: {
            type: 'string',
            description: 'The element key, e.g. "xero".',
            ...suggestions(elements.map((element) => ({ value: element.key, description: `${element.name} (${element.hub})` }))),
          },
        },
      },
      name: { type: 'string', description: 'A name for the new instance.' },
      configuration: {
        type: 'object',
        description: 'Configuration entries; every value is a string (a number or boolean is stored as its text).',
        properties: eventKeySchemas(),
        additionalProperties: { type: CONFIGURATION_VALUE },
      },
      providerData: {
        type: 'object',
        description: 'Values returned by the provider during authorization.',
        additionalProperties: { type: 'string' },
      },
      tags: { type: 'array', items: { type: 'string' }, description: 'Tags for the instance.' },
      externalAuthentication: {
        type: 'string',
        description: '"initial" provisions with tokens already held (no browser step).',
        ...suggestions([{ value: 'initial' }, { value: 'none' }]),
      },
    },
    allOf: elements.map(elementSchema),
  };
}
