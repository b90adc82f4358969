/**
 * Answers an open instance file gives the wizard: when the active editor's JSON names the
 * element being provisioned, its configuration (secrets only as `${keychain:…}` references,
 * which fieldPrompts.ts enforces), name and tags. Read with the linter's tolerant parser, so a
 * file with curly quotes or a missing comma still gives what it says; not a file whose curly
 * quotes can be read more than one way (the parse is then a guess that may merge or split keys).
 * Placeholders are no answers.
 */
import { parseInstance, properties } from '../../core/instanceFile/parse';
import type { Node } from '../../core/instanceFile/parse';
import { isPlaceholder } from '../../core/instanceFile/values';

export interface FilePrefill {
  configuration: Record<string, string>;
  name?: string;
  tags?: string[];
  /** The file's name, for the note that says where the answers came from. */
  file: string;
}

/** A string value that is an answer (not empty, not a placeholder). */
function answer(node: Node | undefined): string | undefined {
  return node?.type === 'string' && typeof node.value === 'string' && node.value.trim() !== '' && !isPlaceholder(node.value) ? node.value : undefined;
}

/** Undefined when the text is not an instance body of `elementKey`. */
export function prefillFromInstanceText(text: string, elementKey: string, file: string): FilePrefill | undefined {
  const parsed = parseInstance(text);
  if (!parsed.smartQuotesCertain) return undefined;
  const top = properties(parsed.root);
  if (properties(top.get('element')?.value).get('key')?.value?.value !== elementKey) return undefined;
  const configuration: Record<string, string> = {};
  for (const [key, { value }] of properties(top.get('configuration')?.value)) {
    const given = answer(value);
    if (given !== undefined) configuration[key] = given;
  }
  const tagsNode = top.get('tags')?.value;
  const tags = tagsNode?.type === 'array' ? (tagsNode.children ?? []).map(answer).filter((tag): tag is string => tag !== undefined) : [];
  const name = answer(top.get('name')?.value);
  return { configuration, ...(name !== undefined && { name }), ...(tags.length > 0 && { tags }), file };
}

export function prefillNote(prefill: FilePrefill): string {
  return `Answers prefilled from ${prefill.file}.`;
}
