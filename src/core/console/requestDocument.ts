/**
 * The request document for one operation: the path with its parameters (a `{name}`
 * placeholder where a required one has no example), the query parameters (required ones
 * active, optional ones as comment lines to enable), the instance's Authorization as
 * references, and an example body built from the operation's definitions.
 */
import { exampleFromSchema } from './exampleBody';
import { isSettableHeader, unwritableHeader } from './headers';
import { formatRequest, type DraftValue, type RequestDraft } from './formatRequest';
import { asRecord, own } from './json';
import type { Operation, OperationParameter, OperationTree } from './operations';
import { elementAuthorization } from './references';

/** List operations start with this page size when the document suggests none, so the first answer stays readable. */
export const PREFILLED_PAGE_SIZE = '20';

export interface RequestDocumentOptions {
  instanceId: string | number;
  /** Shown in the comments, e.g. "Xero Demo Company". */
  instanceName?: string;
  /** The instance's hub: the path prefix when the document's basePath names none. */
  hub?: string;
  /**
   * The operation's models from `GET /instances/{id}/docs/{operationId}/definitions?resolveReferences=true`
   * (see {@link definitionsFromResponse}); the document's own `definitions` fill in the rest.
   */
  definitions?: ReadonlyMap<string, unknown>;
}

/** The definitions in an answer of `…/docs/{operationId}/definitions`: `{definitions: {…}}` or the map itself. Never throws. */
export function definitionsFromResponse(value: unknown): Map<string, unknown> {
  const record = asRecord(value);
  const inner = asRecord(own(record, 'definitions'));
  const map = new Map<string, unknown>();
  for (const [name, schema] of Object.entries(inner ?? record ?? {})) if (asRecord(schema)) map.set(name, schema);
  return map;
}

/** The `/hubs/{hub}` (or other) prefix of the operation's paths, relative to the api-v2 base URL. */
export function pathPrefix(tree: OperationTree, hub: string | undefined): string {
  if (tree.hub !== undefined) return `/hubs/${tree.hub}`;
  if (hub !== undefined) return `/hubs/${hub}`;
  const base = (tree.basePath ?? '').replace(/\/+$/, '');
  return base.replace(/^\/elements\/api-v2(?=\/|$)/, '');
}

export function requestDraft(operation: Operation, tree: OperationTree, options: RequestDocumentOptions): RequestDraft {
  const value = (parameter: OperationParameter): DraftValue => parameter.example ?? { placeholder: parameter.name };
  const path: RequestDraft['path'] = [{ literal: pathPrefix(tree, options.hub) }];
  for (const part of operation.path.split(/(\{[^{}/]+\})/)) {
    if (part === '') continue;
    const parameter = /^\{(.+)\}$/.test(part) ? operation.parameters.find((p) => p.in === 'path' && `{${p.name}}` === part) : undefined;
    path.push(parameter ? { value: value(parameter) } : { literal: part });
  }

  const active: NonNullable<RequestDraft['query']> = [];
  const optional: NonNullable<RequestDraft['query']> = [];
  for (const parameter of operation.parameters.filter((p) => p.in === 'query')) {
    if (parameter.required) active.push({ name: parameter.name, value: value(parameter) });
    else if (parameter.name === 'pageSize') active.push({ name: parameter.name, value: parameter.example ?? PREFILLED_PAGE_SIZE });
    else optional.push({ name: parameter.name, value: parameter.example ?? '', active: false });
  }
  const query = [...active, ...optional];

  const headers: Array<[string, string]> = [
    ['Authorization', elementAuthorization(options.instanceId)],
    ['Accept', 'application/json'],
  ];
  const headerParameters = operation.parameters.filter(
    (p) => p.in === 'header' && isSettableHeader(p.name) && !headers.some(([name]) => name.toLowerCase() === p.name.toLowerCase()),
  );
  for (const parameter of headerParameters.filter((p) => p.required)) headers.push([parameter.name, headerExample(parameter)]);
  // A name no header line can hold (`###x`, `&x`) stays in the draft: formatRequest names it in a comment.

  const body = operation.body ? exampleBodyText(operation.body, tree, options) : undefined;
  if (body !== undefined && !headers.some(([name]) => name.toLowerCase() === 'content-type')) headers.push(['Content-Type', 'application/json']);

  return {
    title: operation.key,
    comments: comments(operation, options, headerParameters),
    method: operation.method,
    path,
    query,
    headers,
    ...(body !== undefined && { body }),
  };
}

/** The `.http` text of one operation, ready to save or send. */
export function buildRequestDocument(operation: Operation, tree: OperationTree, options: RequestDocumentOptions): string {
  return formatRequest(requestDraft(operation, tree, options));
}

/** A header example from the document, unless a header line cannot carry it as it is (then empty, to fill in). */
function headerExample(parameter: OperationParameter): string {
  const example = parameter.example ?? '';
  return /[{}]{2}/.test(example) || unwritableHeader('X', example) !== undefined ? '' : example;
}

function exampleBodyText(body: OperationParameter, tree: OperationTree, options: RequestDocumentOptions): string {
  const definitions = new Map([...tree.definitions, ...(options.definitions ?? new Map<string, unknown>())]);
  const example = exampleFromSchema(body.schema, definitions);
  return JSON.stringify(example === undefined ? {} : example, null, 2);
}

function comments(operation: Operation, options: RequestDocumentOptions, headerParameters: OperationParameter[]): string[] {
  const lines: string[] = [];
  if (operation.summary !== undefined) lines.push(operation.summary);
  const instance = options.instanceName === undefined ? `instance ${options.instanceId}` : `instance ${options.instanceId} (${options.instanceName})`;
  lines.push(`On ${instance}. Send resolves {{baseUrl}} and the {{…}} secrets from the current environment and your keychain.`);
  const placeholders = operation.parameters.filter((p) => p.required && p.example === undefined && (p.in === 'path' || p.in === 'query'));
  if (placeholders.length > 0) lines.push(`Fill in ${placeholders.map((p) => `{${p.name}}`).join(', ')} before sending.`);
  const optionalHeaders = headerParameters.filter((p) => !p.required);
  if (optionalHeaders.length > 0) lines.push(`Optional headers: ${optionalHeaders.map((p) => p.name).join(', ')}.`);
  if (operation.parameters.some((p) => p.in === 'formData')) lines.push('This operation takes form data (e.g. a file upload), which this document does not prefill.');
  return lines;
}
