/** Finding values in the text of an instance file (tolerant of curly quotes and syntax errors). */
import { parseInstance, properties } from './parse';
import type { Section } from './keychainRefs';

export interface LocatedValue {
  /** The string value, unescaped. */
  value: string;
  /** Offset and length of the JSON string token, quotes included. */
  offset: number;
  length: number;
}

/** The string at `configuration.<key>` or `providerData.<key>`, if there is one. */
export function locateValue(text: string, section: Section, key: string): LocatedValue | undefined {
  const { root } = parseInstance(text);
  const node = properties(properties(root).get(section)?.value).get(key)?.value;
  return node?.type === 'string' ? { value: String(node.value), offset: node.offset, length: node.length } : undefined;
}

/** `element.key` when it is a string. */
export function elementKeyOf(text: string): string | undefined {
  const { root } = parseInstance(text);
  const node = properties(properties(root).get('element')?.value).get('key')?.value;
  return node?.type === 'string' ? String(node.value) : undefined;
}
