/** Values of an instance body that are still documentation placeholders: not ready to send. */
import { isPlaceholder } from './values';

const isRecord = (value: unknown): value is Record<string, unknown> => value !== null && typeof value === 'object' && !Array.isArray(value);

/** Where each placeholder is, e.g. `name`, `configuration "oauth.api.secret"`, `tags[0]`. */
export function remainingPlaceholders(body: unknown): string[] {
  if (!isRecord(body)) return [];
  const found: string[] = [];
  const check = (label: string, value: unknown) => {
    if (typeof value === 'string' && isPlaceholder(value)) found.push(label);
  };
  if (isRecord(body.element)) check('element.key', body.element.key);
  check('name', body.name);
  for (const section of ['configuration', 'providerData'] as const) {
    const values = body[section];
    if (isRecord(values)) for (const [key, value] of Object.entries(values)) check(`${section} "${key}"`, value);
  }
  if (Array.isArray(body.tags)) body.tags.forEach((tag, index) => check(`tags[${index}]`, tag));
  return found;
}
