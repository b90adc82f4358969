/**
 * Answers an open instance file gives the wizard: when the active editor's JSON names the
 * element being provisioned, its configuration (secrets only as `${keychain:…}` references,
 * which fieldPrompts.ts enforces), name and tags. Placeholders are no answers.
 */
import { parse } from 'jsonc-parser';
import { isPlaceholder } from '../../core/instanceFile/values';

export interface FilePrefill {
  configuration: Record<string, unknown>;
  name?: string;
  tags?: string[];
  /** The file's name, for the note that says where the answers came from. */
  file: string;
}

const isRecord = (value: unknown): value is Record<string, unknown> => value !== null && typeof value === 'object' && !Array.isArray(value);
const isAnswer = (value: unknown): value is string => typeof value === 'string' && value.trim() !== '' && !isPlaceholder(value);

/** Undefined when the text is not an instance body of `elementKey` (or cannot be read as JSON). */
export function prefillFromInstanceText(text: string, elementKey: string, file: string): FilePrefill | undefined {
  const body: unknown = parse(text, [], { allowTrailingComma: true, disallowComments: false });
  if (!isRecord(body) || !isRecord(body.element) || body.element.key !== elementKey) return undefined;
  const tags = Array.isArray(body.tags) ? body.tags.filter(isAnswer) : [];
  return {
    configuration: isRecord(body.configuration) ? body.configuration : {},
    ...(isAnswer(body.name) && { name: body.name }),
    ...(tags.length > 0 && { tags }),
    file,
  };
}

export function prefillNote(prefill: FilePrefill): string {
  return `Answers prefilled from ${prefill.file}.`;
}
