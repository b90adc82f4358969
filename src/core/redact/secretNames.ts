/**
 * Which names hold secrets, in queries and in JSON, and what a hidden value becomes. Every log
 * line, error message and diagnostic dump goes through the redaction helpers of this folder so
 * user/organization secrets, API keys and secrets, instance tokens and OAuth codes never leave
 * the process in clear text.
 */

export const REDACTED = '***';

// Query parameter names whose values are secret (compared lower-cased). `state` is not secret:
// it is a random single-use value that travels in the open by design.
const SECRET_QUERY_KEYS = new Set([
  'apikey',
  'api_key',
  'api-key',
  'key',
  'apisecret',
  'api_secret',
  'client_id',
  'client_secret',
  'client_assertion',
  'assertion',
  'requesttoken',
  'code',
  'code_verifier',
  'oauth_token',
  'oauth_verifier',
  'oauth_token_secret',
  'oauth_signature',
  'secret',
  'signature',
  'sig',
  'token',
  'access_token',
  'refresh_token',
  'id_token',
  'jwt',
  'session',
  'sessionid',
  'session_id',
  'sid',
  'auth',
  'authorization',
  'password',
  'passwd',
  'pwd',
  'pass',
  'passphrase',
  'otp',
  'ticket',
  'samlrequest',
  'samlresponse',
  'cookie',
]);

/**
 * Any key containing one of these words is treated as secret, in queries and JSON alike. A `key`
 * is secret when a word says whose or what for (`access_key`, `consumerKey`, `x-api-key`,
 * `Ocp-Apim-Subscription-Key`); a bare `key` only in queries (in JSON it is often an element's key).
 */
const SECRET_WORDS =
  /secret|password|passwd|passphrase|token|signature|credential|private|session|cookie|assertion|verifier|jwt|(?:api|access|client|consumer|app|application|auth|signing|master|account|subscription|shared|encryption|license|developer|partner|user|hmac|integration)[-_. ]?key/i;

// JSON keys whose values are secret even though they carry none of the words above.
const SECRET_JSON_KEYS = new Set(['code', 'oauth_verifier', 'oauth.api.key', 'apikey', 'api_key', 'authorization', 'client_id', 'sig', 'otp']);

// Names that contain a secret word but describe, not hold, a secret.
const NOT_SECRET = new Set(['state', 'token_type', 'tokentype', 'code_challenge', 'code_challenge_method']);

/** `oauth.token.url`, `token_url`: the address of an endpoint, not a credential (its query is redacted by URL). */
const ADDRESS_KEY = /(url|uri)$/;

function describesNoSecret(key: string): boolean {
  return NOT_SECRET.has(key) || ADDRESS_KEY.test(key);
}

export function isSecretQueryKey(name: string): boolean {
  const key = name.toLowerCase();
  return SECRET_QUERY_KEYS.has(key) || (!describesNoSecret(key) && SECRET_WORDS.test(key));
}

export function isSecretJsonKey(name: string): boolean {
  const key = name.toLowerCase();
  return SECRET_JSON_KEYS.has(key) || (!describesNoSecret(key) && SECRET_WORDS.test(key));
}
