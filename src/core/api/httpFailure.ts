/**
 * What an api-v2 answer that is not the expected JSON means, as an {@link ApiError} a person can act
 * on: the API's own message and request id, the provider's message, or what the body looked like
 * (empty, an HTML page, truncated JSON) — short, single-line, secret-free and link-free.
 */
import { ApiError } from './errors';
import { plainText, sentence } from './plainText';
import { retrySafe, where, type ApiRequest } from './request';
import { redactText } from '../redact';

const MAX_MESSAGE_LENGTH = 500;

type Parsed = { ok: true; value: unknown } | { ok: false };

export function parseJson(text: string): Parsed {
  if (text.trim() === '') return { ok: false };
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false };
  }
}

function looksLikeHtml(response: Response, text: string): boolean {
  return /html/i.test(response.headers.get('content-type') ?? '') || text.trimStart().startsWith('<');
}

export function statusLabel(response: Response): string {
  return `HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ''}`;
}

export function invalidBodyMessage(request: ApiRequest, response: Response, text: string): string {
  const label = statusLabel(response);
  if (text.trim() === '') return `${where(request)}: the server answered ${label} with an empty body where JSON was expected.`;
  if (looksLikeHtml(response, text)) {
    return `${where(request)}: the server answered ${label} with an HTML page instead of JSON. Check the base URL (it normally ends in /elements/api-v2).`;
  }
  return `${where(request)}: the server answered ${label} with a response that is not valid JSON (it may be truncated).`;
}

/** A short, single-line, secret-free, link-free version of a message taken from a response. */
function clean(text: string, secrets: Set<string>): string {
  const flat = plainText(redactText(text, secrets).replace(/\s+/g, ' ').trim());
  return flat.length > MAX_MESSAGE_LENGTH ? `${flat.slice(0, MAX_MESSAGE_LENGTH - 1)}…` : flat;
}

function stringField(record: Record<string, unknown>, key: string): string | undefined {
  const value = record[key];
  return typeof value === 'string' && value.trim() !== '' ? value : undefined;
}

export function httpFailure(request: ApiRequest, response: Response, text: string, secrets: Set<string>): ApiError {
  const parsed = parseJson(text);
  const body =
    parsed.ok && parsed.value !== null && typeof parsed.value === 'object' && !Array.isArray(parsed.value)
      ? (parsed.value as Record<string, unknown>)
      : undefined;
  const rawMessage = body && (stringField(body, 'message') ?? stringField(body, 'error'));
  const apiMessage = rawMessage === undefined || rawMessage.trimStart().startsWith('<') ? undefined : clean(rawMessage, secrets);
  const rawProvider = body && stringField(body, 'providerMessage');
  const providerMessage = rawProvider === undefined ? undefined : clean(rawProvider, secrets);
  const requestId = body && stringField(body, 'requestId');
  const label = statusLabel(response);
  // Only the API's own refusal, in its JSON error shape, proves that nothing happened.
  const refusedByApi = response.status >= 400 && response.status < 500 && apiMessage !== undefined;
  const init = {
    method: request.method,
    path: request.path,
    status: response.status,
    definitive: refusedByApi,
    ...(requestId !== undefined && { requestId: clean(requestId, secrets) }),
    ...(providerMessage !== undefined && { providerMessage }),
  };

  if (response.status === 401) {
    const whose = typeof request.auth === 'object' ? ', organization secret and instance token' : ' and organization secret';
    const said = apiMessage ? ` The API said: ${sentence(apiMessage)}` : '';
    return new ApiError(
      `Cloud Elements refused the credentials (${label}) for ${where(request)}: check the user secret${whose} for this environment.${said}`,
      { ...init, kind: 'unauthorized' },
    );
  }

  let message: string;
  if (apiMessage !== undefined) {
    message = `${where(request)} failed (${label}): ${sentence(apiMessage)}`;
    if (providerMessage !== undefined && providerMessage !== apiMessage) message += ` The provider said: ${sentence(providerMessage)}`;
    if (init.requestId !== undefined) message += ` Request id: ${init.requestId}.`;
  } else if (text.trim() === '') {
    message = `${where(request)} failed with ${label} and an empty response.`;
  } else if (looksLikeHtml(response, text)) {
    const hint = response.status < 500 ? 'Check the base URL.' : retrySafe(request) ? 'The service may be down: try again later.' : 'The service may be down.';
    message = `${where(request)} failed: the server answered ${label} with an HTML page instead of JSON. ${hint}`;
  } else if (!parsed.ok) {
    message = `${where(request)} failed: the server answered ${label} with a response that is not valid JSON (it may be truncated).`;
  } else {
    message = `${where(request)} failed with ${label}.`;
  }
  return new ApiError(message, { ...init, kind: 'http' });
}
