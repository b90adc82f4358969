/**
 * `GET /instances/{id}/docs`: the instance's API as Swagger 2.0, in the shape the platform
 * publishes it (basePath `/elements/api-v2/hubs/{hub}`, an `Authorization` header parameter on
 * every operation, `getCustomers`/`createCustomer`/`getCustomerById`… operation ids, one tag per
 * resource, `definitions` with `x-readonly` fields), and `…/docs/{operationId}/definitions`.
 */
import type { FieldSpec, ResourceSpec } from './hubModel';
import { READ_ONLY_FIELDS, resourcesOf } from './hubModel';

type Json = Record<string, unknown>;

const AUTHORIZATION = {
  name: 'Authorization',
  in: 'header',
  required: true,
  type: 'string',
  description: "The authorization tokens. The format for the header value is 'Element &lt;token&gt;, User &lt;user secret&gt;, Organization &lt;organization secret&gt;'",
};

const RESPONSES = {
  '400': { description: 'Bad Request - Often due to a missing request parameter' },
  '401': { description: 'Unauthorized - An invalid element token, user secret and/or org secret provided' },
  '403': { description: 'Forbidden - The instance is disabled, or access to the resource by the provider is forbidden' },
  '404': { description: 'Not found - The requested resource is not found' },
  '500': { description: 'Server error - Something went wrong on the Cloud Elements server' },
  '502': { description: "Provider server error - Something went wrong on the Provider or Endpoint's server" },
};

export interface DocsContext {
  elementKey: string;
  elementName: string;
  hub: string;
  /** `host:port` the client addressed. */
  host: string;
}

function plural(spec: ResourceSpec): string {
  return spec.singular.endsWith('y') ? `${spec.singular.slice(0, -1)}ies` : `${spec.singular}s`;
}

function words(spec: ResourceSpec): { one: string; many: string } {
  return { one: spec.singular.replace(/(?<!^)([A-Z])/g, ' $1').toLowerCase(), many: spec.name.replace(/-/g, ' ') };
}

const ref = (name: string) => ({ $ref: `#/definitions/${name}` });

function operation(id: string, tag: string, summary: string, parameters: unknown[], response: unknown): Json {
  return {
    operationId: id,
    summary,
    tags: [tag],
    parameters: [AUTHORIZATION, ...parameters],
    responses: { '200': { description: 'OK - Everything worked as expected', ...(response !== undefined && { schema: response }) }, ...RESPONSES },
  };
}

function resourcePaths(spec: ResourceSpec, element: string): Record<string, Json> {
  const { one, many } = words(spec);
  const id = { name: 'id', in: 'path', required: true, type: 'string', description: `The ID of the ${one}` };
  const body = (what: string) => ({ name: one.replace(/ /g, ''), in: 'body', required: true, description: what, schema: ref(spec.singular) });
  return {
    [`/${spec.name}`]: {
      get: operation(
        `get${plural(spec)}`,
        spec.name,
        `Find ${many} in ${element}, using the provided CEQL search expression.`,
        [
          { name: 'where', in: 'query', required: false, type: 'string', description: `The CEQL search expression, the where clause without the WHERE keyword, e.g. ${spec.fields[0]!.name}='value'; clauses may be joined with AND.` },
          { name: 'pageSize', in: 'query', required: false, type: 'integer', format: 'int64', description: 'The number of results to fetch in a given page. When this parameter is omitted, a maximum of 200 results are returned.' },
          { name: 'nextPage', in: 'query', required: false, type: 'string', description: 'The next page cursor, taken from the response header: Elements-Next-Page-Token' },
        ],
        { type: 'array', items: ref(spec.singular) },
      ),
      post: operation(`create${spec.singular}`, spec.name, `Create a new ${one} in ${element}.`, [body(`The ${one} to create.`)], ref(spec.singular)),
    },
    [`/${spec.name}/{id}`]: {
      get: operation(`get${spec.singular}ById`, spec.name, `Retrieve a ${one} associated with a given ID from ${element}.`, [id], ref(spec.singular)),
      patch: operation(`update${spec.singular}ById`, spec.name, `Update a ${one} associated with a given ID in ${element}; fields not provided are left alone.`, [id, body(`The fields of the ${one} to update.`)], ref(spec.singular)),
      put: operation(`replace${spec.singular}ById`, spec.name, `Replace a ${one} associated with a given ID in ${element}.`, [id, body(`The ${one} that replaces it.`)], ref(spec.singular)),
      delete: operation(`delete${spec.singular}ById`, spec.name, `Delete a ${one} associated with a given ID from ${element}.`, [id], undefined),
    },
  };
}

function propertyOf(field: FieldSpec, readOnly = false): Json {
  const base: Json = (() => {
    switch (field.kind) {
      case 'email':
      case 'url':
      case 'date':
      case 'date-time':
        return { type: 'string', format: field.kind === 'url' ? 'uri' : field.kind };
      case 'phone':
        return { type: 'string', 'x-sub-format': 'Phone' };
      case 'number':
        return { type: 'number', format: 'double' };
      case 'integer':
        return { type: 'integer', format: 'int64' };
      case 'boolean':
        return { type: 'boolean' };
      case 'address':
        return ref('Address');
      case 'string':
        return { type: 'string' };
    }
  })();
  return { ...base, ...(field.values && { enum: [...field.values] }), ...(readOnly && { 'x-readonly': true }) };
}

function definitionOf(spec: ResourceSpec): Json {
  const properties: Json = {};
  for (const field of READ_ONLY_FIELDS) properties[field.name] = propertyOf(field, true);
  for (const field of spec.fields) properties[field.name] = propertyOf(field);
  const required = spec.fields.filter((field) => field.required).map((field) => field.name);
  return { type: 'object', 'x-primary-key': ['id'], properties, ...(required.length > 0 && { required }) };
}

const ADDRESS = {
  type: 'object',
  properties: { street: { type: 'string' }, city: { type: 'string' }, postalCode: { type: 'string' }, country: { type: 'string' } },
};

/** The Swagger 2.0 document of one instance. */
export function instanceDocs(context: DocsContext): Json {
  const resources = resourcesOf(context.hub);
  const paths: Json = {
    '/ping': {
      get: operation('getPing', 'ping', 'Ping the Element to confirm that the Hub Element has a heartbeat.', [], {
        type: 'object',
        properties: { endpoint: { type: 'string' }, dateTime: { type: 'string', format: 'date-time' } },
      }),
    },
  };
  const definitions: Json = {};
  for (const spec of resources) {
    Object.assign(paths, resourcePaths(spec, context.elementName));
    definitions[spec.singular] = definitionOf(spec);
  }
  if (resources.some((spec) => spec.fields.some((field) => field.kind === 'address'))) definitions.Address = ADDRESS;
  return {
    swagger: '2.0',
    info: { title: context.elementKey, version: 'api-v2', contact: { email: 'support@cloud-elements.com' } },
    host: context.host,
    basePath: `/elements/api-v2/hubs/${context.hub}`,
    schemes: ['http'],
    consumes: ['application/json'],
    produces: ['application/json'],
    tags: [{ name: 'ping' }, ...resources.map((spec) => ({ name: spec.name }))],
    paths,
    definitions,
  };
}

/** The operation with this id in a docs document, or undefined. */
export function findOperationInDocs(docs: Json, operationId: string): Json | undefined {
  for (const item of Object.values(docs.paths as Json)) {
    for (const candidate of Object.values(item as Json)) {
      if ((candidate as Json).operationId === operationId) return candidate as Json;
    }
  }
  return undefined;
}

function refsIn(value: unknown, into: Set<string>): Set<string> {
  if (Array.isArray(value)) value.forEach((item) => refsIn(item, into));
  else if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      if (key === '$ref' && typeof item === 'string' && item.startsWith('#/definitions/')) into.add(item.slice('#/definitions/'.length));
      else refsIn(item, into);
    }
  }
  return into;
}

/** A copy of `value` with every `$ref` replaced by its definition; a reference back into one being expanded stays a `$ref`. */
function inline(value: unknown, definitions: Json, expanding: readonly string[]): unknown {
  if (Array.isArray(value)) return value.map((item) => inline(item, definitions, expanding));
  if (value === null || typeof value !== 'object') return value;
  const record = value as Json;
  const target = typeof record.$ref === 'string' && record.$ref.startsWith('#/definitions/') ? record.$ref.slice('#/definitions/'.length) : undefined;
  if (target !== undefined && definitions[target] !== undefined && !expanding.includes(target)) {
    return inline(definitions[target], definitions, [...expanding, target]);
  }
  return Object.fromEntries(Object.entries(record).map(([key, item]) => [key, inline(item, definitions, expanding)]));
}

/**
 * `…/docs/{operationId}/definitions`: the models the operation's body and answer use, by name;
 * with `resolveReferences`, those named directly with every reference inlined.
 */
export function operationDefinitions(docs: Json, operation: Json, resolveReferences: boolean): Json {
  const definitions = docs.definitions as Json;
  const direct = refsIn([operation.parameters, operation.responses], new Set());
  if (resolveReferences) {
    return Object.fromEntries([...direct].filter((name) => definitions[name] !== undefined).map((name) => [name, inline(definitions[name], definitions, [name])]));
  }
  const all = new Set<string>();
  const queue = [...direct];
  while (queue.length > 0) {
    const name = queue.pop()!;
    if (all.has(name) || definitions[name] === undefined) continue;
    all.add(name);
    queue.push(...refsIn(definitions[name], new Set()));
  }
  return Object.fromEntries([...all].sort().map((name) => [name, definitions[name]]));
}
