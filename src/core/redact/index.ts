/**
 * Redaction: every log line, error message and diagnostic dump goes through these so
 * user/organization secrets, API keys and secrets, instance tokens and OAuth codes never leave
 * the process in clear text.
 */
export { collectSecrets, redactJson } from './json';
export { isSecretJsonKey, isSecretQueryKey, REDACTED } from './secretNames';
export { MIN_SECRET_LENGTH, redactText } from './text';
export { redactAuthorization, redactParams, redactUrl } from './urls';
