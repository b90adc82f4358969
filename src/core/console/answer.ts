/**
 * What Send answers: the response as the console shows it (status, headers, timing, body, the next
 * page), or a problem in plain words with the API's request id and the provider's message, and
 * whether the request may have taken effect.
 */
import { plainText, sentence } from '../api/plainText';
import { concatBytes } from '../bytes';
import { isRedirect, redirectRefusal } from '../api/redirect';
import { redactText } from '../redact';
import { asRecord, oneLine, ownText } from './json';
import type { SecretReference } from './references';
import { nextPageRequest, type ConsoleRequest } from './request';

export const NEXT_PAGE_HEADER = 'elements-next-page-token';

export interface ConsoleResponse {
  status: number;
  statusText: string;
  /** As received, names lower-cased, in order. */
  headers: Array<[name: string, value: string]>;
  /** From sending the (last) attempt to the end of its body. */
  durationMs: number;
  attempts: number;
  /** The body as text (UTF-8). */
  text: string;
  /** The parsed body when it is JSON. */
  json?: unknown;
  /** The body was longer than `maxBodyBytes` and was cut. */
  truncated: boolean;
  /** The API's request id (from an error body or the `elements-request-id` header). */
  requestId?: string;
  /** When the answer carries `Elements-Next-Page-Token`: the same request for the next page. */
  nextPage?: ConsoleRequest;
}

export type ProblemKind =
  | 'missing-secret'
  | 'unsendable'
  | 'unauthorized'
  | 'forbidden'
  | 'not-found'
  | 'refused'
  | 'redirect'
  | 'server'
  | 'timeout'
  | 'network'
  | 'cancelled';

export interface ConsoleProblem {
  kind: ProblemKind;
  /** Plain text, one paragraph, no secret. */
  message: string;
  status?: number;
  requestId?: string;
  providerMessage?: string;
  /** The secret that was missing (`missing-secret`). */
  reference?: SecretReference;
  /** False only when the request certainly changed nothing (not sent, or refused by the API with a 4xx). */
  mayHaveTakenEffect: boolean;
}

export type SendResult = { ok: true; response: ConsoleResponse } | { ok: false; problem: ConsoleProblem; response?: ConsoleResponse };

const MAX_TEXT = 500;

/** What an answer is read against: the request, where it went, and the secrets it carried. */
export interface SendContext {
  request: ConsoleRequest;
  where: string;
  secrets: Set<string>;
  repeatable: boolean;
  timeoutMs: number;
  host: string;
  /** Where the request went, and the environment's base URL: what a redirect is measured against. */
  url: string;
  baseUrl: string;
}

/** The body as text, cut at `max` bytes. */
export async function readBody(response: Response, max: number): Promise<{ text: string; truncated: boolean }> {
  if (!response.body) return { text: '', truncated: false };
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  let truncated = false;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    if (size + value.byteLength > max) {
      chunks.push(value.subarray(0, max - size));
      truncated = true;
      await reader.cancel().catch(() => undefined);
      break;
    }
    chunks.push(value);
    size += value.byteLength;
  }
  return { text: new TextDecoder().decode(concatBytes(chunks)), truncated };
}

function parseJson(text: string, contentType: string): unknown {
  const looksJson = /json/i.test(contentType) || /^\s*[[{]/.test(text);
  if (!looksJson || text.trim() === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** A short, single-line, secret-free and link-free version of text from the API. */
export function clean(text: string, secrets: Set<string>): string {
  return plainText(oneLine(redactText(text, secrets), MAX_TEXT));
}

/** The answer as the console shows it, or the problem it is. */
export function classify(context: SendContext, answer: Response, body: { text: string; truncated: boolean }, durationMs: number, attempts: number): SendResult {
  const headers: Array<[string, string]> = [...answer.headers].map(([name, value]) => [name.toLowerCase(), value]);
  const json = parseJson(body.text, answer.headers.get('content-type') ?? '');
  const error = asRecord(json);
  const apiMessage = answer.status >= 400 ? ownText(error, 'message') : undefined;
  const providerMessage = answer.status >= 400 ? ownText(error, 'providerMessage') : undefined;
  const rawRequestId = (answer.status >= 400 ? ownText(error, 'requestId') : undefined) ?? answer.headers.get('elements-request-id') ?? undefined;
  const requestId = rawRequestId === undefined ? undefined : clean(rawRequestId, context.secrets);
  const token = answer.headers.get(NEXT_PAGE_HEADER)?.trim();
  const response: ConsoleResponse = {
    status: answer.status,
    statusText: answer.statusText,
    headers,
    durationMs,
    attempts,
    text: body.text,
    ...(json !== undefined && { json }),
    truncated: body.truncated,
    ...(requestId !== undefined && { requestId }),
    ...(token && answer.ok && { nextPage: nextPageRequest(context.request, token) }),
  };
  if (isRedirect(answer.status)) {
    // Never followed (`redirect: 'manual'`): the headers carry the keychain's secrets. Shown, and named as refused.
    const label = `HTTP ${answer.status}${answer.statusText ? ` ${answer.statusText}` : ''}`;
    const message = redirectRefusal(context.where, label, answer.headers.get('location'), context.url, context.baseUrl, context.secrets);
    return { ok: false, problem: { kind: 'redirect', message, status: answer.status, ...(requestId !== undefined && { requestId }), mayHaveTakenEffect: true }, response };
  }
  if (answer.status < 400) return { ok: true, response };

  const said = [
    apiMessage !== undefined ? ` The API said: ${sentence(clean(apiMessage, context.secrets))}` : '',
    providerMessage !== undefined && providerMessage !== apiMessage ? ` The provider said: ${sentence(clean(providerMessage, context.secrets))}` : '',
    requestId !== undefined ? ` Request id: ${requestId}.` : '',
  ].join('');
  const label = `HTTP ${answer.status}${answer.statusText ? ` ${answer.statusText}` : ''}`;
  const page = apiMessage === undefined && /^\s*</.test(body.text) ? ' The answer was an HTML page, not the API\'s JSON.' : '';
  const problem = (kind: ProblemKind, message: string, mayHaveTakenEffect: boolean): SendResult => ({
    ok: false,
    problem: {
      kind,
      message: message + said + page,
      status: answer.status,
      ...(requestId !== undefined && { requestId }),
      ...(providerMessage !== undefined && { providerMessage: clean(providerMessage, context.secrets) }),
      mayHaveTakenEffect,
    },
    response,
  });
  // Only the API's own JSON refusal proves that nothing happened.
  const unproven = apiMessage === undefined;
  const { where } = context;
  switch (answer.status) {
    case 401:
      return problem('unauthorized', `Cloud Elements refused the credentials for ${where} (${label}): check the instance's token and your user and organization secrets for this environment, and whether the instance needs re-authorizing.`, unproven);
    case 403:
      return /disabled/i.test(apiMessage ?? '')
        ? problem('forbidden', `${where} was refused (${label}): the instance is disabled. Enable it, then try again.`, unproven)
        : problem('forbidden', `${where} was refused (${label}): the instance is disabled, or the provider does not allow this call.`, unproven);
    case 404:
      return problem(
        'not-found',
        `${where} found nothing (${label}): check the path${context.request.path[0] === 'hubs' ? ", the ids in it, and that the hub is the instance's own" : ' and the ids in it'}.`,
        unproven,
      );
  }
  if (answer.status >= 500) {
    const tries = attempts > 1 ? ` after ${attempts} attempts` : '';
    const effect = context.repeatable ? '' : ' It was sent once and not retried: the change may or may not have been made, so check before sending it again.';
    return problem('server', `${where} failed on the server (${label})${tries}.${effect}`, true);
  }
  return problem('refused', `${where} was refused (${label}).`, unproven);
}
