/**
 * An instance's API as the console shows it: `GET /instances/{id}/docs` answers Swagger 2.0;
 * this reads it into operations grouped by resource (the operation's first tag, else the
 * first segment of its path). Whatever the document holds — partial, hostile or not Swagger
 * at all — reading it never throws: what cannot be used is skipped and counted.
 */
import { asRecord, oneLine, own, ownString, ownText, type JsonRecord } from './json';

export const OPERATION_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'] as const;
export type OperationMethod = (typeof OPERATION_METHODS)[number];

export type ParameterLocation = 'path' | 'query' | 'header' | 'body' | 'formData';
const LOCATIONS: readonly ParameterLocation[] = ['path', 'query', 'header', 'body', 'formData'];

export interface OperationParameter {
  name: string;
  in: ParameterLocation;
  required: boolean;
  /** One line, markup removed. */
  description?: string;
  /** Swagger `type` of a non-body parameter (`string`, `integer`…). */
  type?: string;
  /** The document's `default`, else its `x-example`/`example`, when it is a string, number or boolean. */
  example?: string;
  /** The body parameter's schema, as the document has it (often a `$ref`). */
  schema?: unknown;
}

export interface Operation {
  /** Unique within its tree: the operationId, or `METHOD path` when there is none (or it repeats). */
  key: string;
  /** As the document has it; what `…/docs/{operationId}/definitions` takes. */
  operationId?: string;
  method: OperationMethod;
  /** The path template relative to the document's basePath, e.g. `/customers/{id}`. */
  path: string;
  /** One line, markup removed. */
  summary?: string;
  resource: string;
  /** Path, query, header and formData parameters, the Authorization header excepted (the console sends its own). */
  parameters: OperationParameter[];
  body?: OperationParameter;
}

export interface ResourceGroup {
  name: string;
  operations: Operation[];
}

export interface OperationTree {
  /** `info.title` (the element key, for Cloud Elements). */
  title?: string;
  /** e.g. `/elements/api-v2/hubs/finance`. */
  basePath?: string;
  /** The hub named by the basePath, when it is `…/hubs/{hub}`. */
  hub?: string;
  /** Sorted by name; each group's operations by path, then method. */
  resources: ResourceGroup[];
  operationCount: number;
  /** Entries that could not be read as operations (each counted once: a path item or an operation). */
  skipped: number;
  /** `definitions` of the document, by name, for example bodies. */
  definitions: ReadonlyMap<string, unknown>;
}

/** Bounds the work a huge document can cause; what lies beyond is counted as skipped. */
export const MAX_OPERATIONS = 5000;
const MAX_PARAMETERS = 200;
const MAX_PATH_LENGTH = 2000;
const MAX_NAME_LENGTH = 200;

const OTHER_RESOURCE = 'other';

/** Reads a Swagger 2.0 document (already parsed from JSON). Never throws. */
export function readOperations(document: unknown): OperationTree {
  const root = asRecord(document);
  const definitions = namedRecords(own(root, 'definitions'));
  const sharedParameters = asRecord(own(root, 'parameters'));
  const basePath = ownText(root, 'basePath');
  const title = ownText(asRecord(own(root, 'info')), 'title');
  const operations: Operation[] = [];
  let skipped = 0;

  const paths = asRecord(own(root, 'paths'));
  for (const [path, item] of Object.entries(paths ?? {})) {
    const pathItem = asRecord(item);
    if (!pathItem || !isUsablePath(path)) {
      skipped++;
      continue;
    }
    const pathLevel = readParameters(own(pathItem, 'parameters'), sharedParameters);
    for (const [key, value] of Object.entries(pathItem)) {
      const method = key.toUpperCase() as OperationMethod;
      if (!OPERATION_METHODS.includes(method) || key !== key.toLowerCase()) continue;
      const operation = asRecord(value);
      if (!operation || operations.length >= MAX_OPERATIONS) {
        skipped++;
        continue;
      }
      operations.push(readOperation(method, path, operation, pathLevel, sharedParameters));
    }
  }

  return {
    ...(title !== undefined && { title: oneLine(title, MAX_NAME_LENGTH) }),
    ...(basePath !== undefined && { basePath }),
    ...hubOf(basePath),
    resources: group(uniqueKeys(operations)),
    operationCount: operations.length,
    skipped,
    definitions,
  };
}

/** Every operation of a tree, in tree order. */
export function allOperations(tree: OperationTree): Operation[] {
  return tree.resources.flatMap((resource) => resource.operations);
}

export function findOperation(tree: OperationTree, key: string): Operation | undefined {
  return allOperations(tree).find((operation) => operation.key === key);
}

function isUsablePath(path: string): boolean {
  return path.startsWith('/') && path.length <= MAX_PATH_LENGTH;
}

function hubOf(basePath: string | undefined): { hub?: string } {
  const match = basePath === undefined ? null : /\/hubs\/([^/]+)\/?$/.exec(basePath);
  return match ? { hub: match[1]! } : {};
}

function namedRecords(value: unknown): Map<string, unknown> {
  const map = new Map<string, unknown>();
  for (const [name, schema] of Object.entries(asRecord(value) ?? {})) {
    if (asRecord(schema)) map.set(name, schema);
  }
  return map;
}

function readOperation(
  method: OperationMethod,
  path: string,
  operation: JsonRecord,
  pathLevel: OperationParameter[],
  shared: JsonRecord | undefined,
): Operation {
  const operationLevel = readParameters(own(operation, 'parameters'), shared);
  // Operation-level parameters override path-level ones with the same name and location.
  const merged = [...pathLevel.filter((p) => !operationLevel.some((o) => o.name === p.name && o.in === p.in)), ...operationLevel];
  const parameters = withTemplateParameters(path, merged.filter((p) => p.in !== 'body' && !isAuthorizationHeader(p)));
  const body = merged.find((p) => p.in === 'body');
  const operationId = ownText(operation, 'operationId');
  const summary = ownText(operation, 'summary') ?? ownText(operation, 'description');
  return {
    key: '',
    ...(operationId !== undefined && { operationId }),
    method,
    path,
    ...(summary !== undefined && { summary: oneLine(summary) }),
    resource: resourceOf(operation, path),
    parameters,
    ...(body !== undefined && { body }),
  };
}

function isAuthorizationHeader(parameter: OperationParameter): boolean {
  return parameter.in === 'header' && parameter.name.toLowerCase() === 'authorization';
}

/** A `{name}` in the path that no parameter describes still needs a value: a required string. */
function withTemplateParameters(path: string, parameters: OperationParameter[]): OperationParameter[] {
  const result = parameters.map((p) => (p.in === 'path' ? { ...p, required: true } : p));
  for (const name of pathTemplateNames(path)) {
    if (!result.some((p) => p.in === 'path' && p.name === name)) result.push({ name, in: 'path', required: true, type: 'string' });
  }
  // Path parameters the template does not use cannot be sent anywhere.
  return result.filter((p) => p.in !== 'path' || pathTemplateNames(path).includes(p.name));
}

/** The names of the `{…}` placeholders of a path template, in order, each once. */
export function pathTemplateNames(path: string): string[] {
  const names: string[] = [];
  for (const match of path.matchAll(/\{([^{}/]+)\}/g)) if (!names.includes(match[1]!)) names.push(match[1]!);
  return names;
}

function readParameters(value: unknown, shared: JsonRecord | undefined): OperationParameter[] {
  if (!Array.isArray(value)) return [];
  const parameters: OperationParameter[] = [];
  for (const entry of value.slice(0, MAX_PARAMETERS)) {
    const parameter = readParameter(resolveParameterRef(asRecord(entry), shared));
    if (parameter && !parameters.some((p) => p.name === parameter.name && p.in === parameter.in)) parameters.push(parameter);
  }
  return parameters;
}

/** `{ "$ref": "#/parameters/pageSize" }` → the document's shared parameter of that name. */
function resolveParameterRef(entry: JsonRecord | undefined, shared: JsonRecord | undefined): JsonRecord | undefined {
  const ref = ownString(entry, '$ref');
  if (ref === undefined) return entry;
  const prefix = '#/parameters/';
  return ref.startsWith(prefix) ? asRecord(own(shared, decodePointerToken(ref.slice(prefix.length)))) : undefined;
}

/** One JSON-pointer token: `~1` is `/`, `~0` is `~`; percent-encoding (in a URI fragment) decoded when valid. */
export function decodePointerToken(token: string): string {
  let text = token;
  try {
    text = decodeURIComponent(token);
  } catch {
    // Not percent-encoded: taken as written.
  }
  return text.replace(/~1/g, '/').replace(/~0/g, '~');
}

function readParameter(record: JsonRecord | undefined): OperationParameter | undefined {
  const name = ownText(record, 'name');
  const location = ownString(record, 'in') as ParameterLocation | undefined;
  if (!record || name === undefined || name.length > MAX_NAME_LENGTH || location === undefined || !LOCATIONS.includes(location)) {
    return undefined;
  }
  const description = ownText(record, 'description');
  const type = ownText(record, 'type');
  const example = scalarText(own(record, 'default')) ?? scalarText(own(record, 'x-example')) ?? scalarText(own(record, 'example'));
  const schema = own(record, 'schema');
  return {
    name,
    in: location,
    required: own(record, 'required') === true,
    ...(description !== undefined && { description: oneLine(description) }),
    ...(type !== undefined && { type: oneLine(type, 40) }),
    ...(example !== undefined && { example }),
    ...(location === 'body' && schema !== undefined && { schema }),
  };
}

function scalarText(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if ((typeof value === 'number' && Number.isFinite(value)) || typeof value === 'boolean') return String(value);
  return undefined;
}

function resourceOf(operation: JsonRecord, path: string): string {
  const tags = own(operation, 'tags');
  const tag = Array.isArray(tags) ? tags.find((t): t is string => typeof t === 'string' && t.trim() !== '') : undefined;
  if (tag !== undefined) return oneLine(tag, MAX_NAME_LENGTH) || OTHER_RESOURCE;
  const segment = path.split('/').find((part) => part !== '' && !/^\{.*\}$/.test(part));
  return segment === undefined ? OTHER_RESOURCE : oneLine(segment, MAX_NAME_LENGTH) || OTHER_RESOURCE;
}

function uniqueKeys(operations: Operation[]): Operation[] {
  const used = new Set<string>();
  return operations.map((operation) => {
    const byRoute = `${operation.method} ${oneLine(operation.path, MAX_PATH_LENGTH)}`;
    let key = operation.operationId !== undefined && !used.has(operation.operationId) ? operation.operationId : byRoute;
    for (let n = 2; used.has(key); n++) key = `${byRoute} (${n})`;
    used.add(key);
    return { ...operation, key };
  });
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function group(operations: Operation[]): ResourceGroup[] {
  const groups = new Map<string, Operation[]>();
  for (const operation of operations) {
    const list = groups.get(operation.resource) ?? [];
    list.push(operation);
    groups.set(operation.resource, list);
  }
  const methodRank = (method: OperationMethod) => OPERATION_METHODS.indexOf(method);
  return [...groups.entries()]
    .sort(([a], [b]) => compareText(a, b))
    .map(([name, list]) => ({
      name,
      operations: list.sort((a, b) => compareText(a.path, b.path) || methodRank(a.method) - methodRank(b.method)),
    }));
}
