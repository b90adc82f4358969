/**
 * The body of a hub record's create, update or replace: a JSON object, known fields type-checked
 * against the resource, read-only fields dropped, bodies nested too deep refused.
 */
import type { RequestContext } from '../base/context';
import { ApiError } from '../base/http';
import { describeJsonType, jsonObject, parseJsonBody } from '../base/jsonBody';
import { READ_ONLY_FIELDS, type FieldSpec, type ResourceSpec } from './hubModel';
import type { HubRecord } from './sampleData';

/** Bodies nested deeper than this are refused, so nothing later recurses without bound. */
const MAX_BODY_DEPTH = 20;

/** The fields of a body: a JSON object; known fields type-checked; read-only fields dropped; `complete` requires the required ones. */
export async function recordBody(request: RequestContext, spec: ResourceSpec, options: { complete: boolean }): Promise<HubRecord> {
  const text = await request.body();
  if (text.trim() === '') throw new ApiError(400, `The request body is empty: send the ${spec.singular} as a JSON object.`);
  const value = jsonObject(parseJsonBody(text));
  if (!value) throw new ApiError(400, `The request body must be a JSON object (a ${spec.singular}).`);
  if (depthOf(value) > MAX_BODY_DEPTH) throw new ApiError(400, `The request body is nested more than ${MAX_BODY_DEPTH} levels deep.`);
  const readOnly = new Set(READ_ONLY_FIELDS.map((field) => field.name));
  const entries = Object.entries(value).filter(([name]) => !readOnly.has(name));
  for (const [name, item] of entries) {
    const field = spec.fields.find((candidate) => candidate.name === name);
    if (field) checkField(field, item, spec);
  }
  if (options.complete) {
    const missing = spec.fields.filter((field) => field.required && !entries.some(([name, item]) => name === field.name && item !== null && item !== ''));
    if (missing.length > 0) throw new ApiError(400, `Missing required field${missing.length > 1 ? 's' : ''} of the ${spec.singular}: ${missing.map((field) => field.name).join(', ')}.`);
  }
  return Object.fromEntries(entries);
}

function checkField(field: FieldSpec, value: unknown, spec: ResourceSpec): void {
  if (value === null) return;
  const expected = ((): string => {
    switch (field.kind) {
      case 'number':
      case 'integer':
        return 'number';
      case 'boolean':
        return 'boolean';
      case 'address':
        return 'object';
      default:
        return 'string';
    }
  })();
  const actual = Array.isArray(value) ? 'array' : typeof value;
  if (actual !== expected || (field.kind === 'integer' && !Number.isInteger(value))) {
    throw new ApiError(400, `Field '${field.name}' of the ${spec.singular} must be ${field.kind === 'integer' ? 'a whole number' : `a ${expected}`}, not ${describeJsonType(value)}.`);
  }
  if (field.values && !field.values.includes(value as string)) {
    throw new ApiError(400, `Field '${field.name}' of the ${spec.singular} must be one of ${field.values.join(', ')}.`);
  }
}

/** How deeply a parsed JSON value nests, without recursion. */
function depthOf(value: unknown): number {
  let deepest = 0;
  const stack: Array<[unknown, number]> = [[value, 1]];
  while (stack.length > 0) {
    const [item, depth] = stack.pop()!;
    if (item === null || typeof item !== 'object') continue;
    deepest = Math.max(deepest, depth);
    if (deepest > MAX_BODY_DEPTH) return deepest;
    for (const child of Object.values(item)) stack.push([child, depth + 1]);
  }
  return deepest;
}
