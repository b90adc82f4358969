/** Replies as values (so faults, latency and logging can wrap any handler), errors and body reading. */
import type { IncomingMessage } from 'node:http';
import type { ApiErrorBody } from '../../core/api/types';

export interface Reply {
  status: number;
  headers: Record<string, string>;
  body: string;
}

export const JSON_CONTENT_TYPE = 'application/json';
export const HTML_CONTENT_TYPE = 'text/html; charset=utf-8';

export function jsonReply(status: number, value: unknown, headers: Record<string, string> = {}): Reply {
  return { status, headers: { 'Content-Type': JSON_CONTENT_TYPE, ...headers }, body: JSON.stringify(value) };
}

/** A reply whose JSON is already written (a list assembled from cached items). */
export function jsonTextReply(status: number, json: string, headers: Record<string, string> = {}): Reply {
  return { status, headers: { 'Content-Type': JSON_CONTENT_TYPE, ...headers }, body: json };
}

/** Cloud Elements answers some calls (DELETE) with an empty body but still a JSON content type. */
export function emptyJsonReply(status = 200): Reply {
  return { status, headers: { 'Content-Type': JSON_CONTENT_TYPE }, body: '' };
}

export function htmlReply(status: number, html: string): Reply {
  return { status, headers: { 'Content-Type': HTML_CONTENT_TYPE, 'Cache-Control': 'no-store' }, body: html };
}

export function redirectReply(location: string): Reply {
  return { status: 302, headers: { Location: location, 'Content-Type': HTML_CONTENT_TYPE, 'Cache-Control': 'no-store' }, body: '' };
}

/** An API error; rendered as an ApiErrorBody with the request's id. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly providerMessage?: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** An error on a fake provider page; rendered as an HTML page. */
export class PageError extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    message: string,
  ) {
    super(message);
    this.name = 'PageError';
  }
}

export function apiErrorReply(status: number, message: string, requestId: string, providerMessage?: string): Reply {
  const body: ApiErrorBody = { message, requestId, ...(providerMessage !== undefined && { providerMessage }) };
  return jsonReply(status, body);
}

export const MAX_BODY_BYTES = 1024 * 1024;

/** The body as UTF-8; 413 past `limit`, 400 when the client stops sending before the end. */
export async function readBody(request: IncomingMessage, limit = MAX_BODY_BYTES): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of request as AsyncIterable<Buffer>) {
      size += chunk.length;
      if (size > limit) throw new ApiError(413, `The request body is larger than ${limit} bytes.`);
      chunks.push(chunk);
    }
  } catch (error) {
    if (error instanceof ApiError) throw error;
    throw new ApiError(400, 'The request body ended before it was complete (the connection was closed or reset).');
  }
  return Buffer.concat(chunks).toString('utf8');
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
