/**
 * The event configuration of an instance file as the event rules read it: `event.poller.configuration`
 * (JSON held in a string, decoded and parsed on its own, or the object the docs' requests write
 * in its place) and `event.poller.urls`, each checked once (src/core/events), with the way back
 * from a range of the decoded text to the document.
 */
import { checkLegacyPollerUrls } from '../events/legacyPollerUrls';
import { checkPollerConfiguration } from '../events/pollerChecks';
import type { EventProblem } from '../events/problems';
import { decodeJsonString, escapeForJsonString } from './jsonString';
import type { StringMap } from './jsonString';
import { parseInstance } from './parse';
import type { ParsedInstance, ValueNode } from './parse';
import { isPlaceholder, keychainReference } from './values';

export interface Span {
  offset: number;
  length: number;
}

/** JSON text inside the document: a string's decoded value, or a part of the document itself. */
export interface EmbeddedJson {
  /** `string`: JSON in a string value (as the platform stores it); `object`: written in place. */
  form: 'string' | 'object';
  /** The parse of the JSON text: the decoded string's own, or the document's. */
  parsed: ParsedInstance;
  root: ValueNode | undefined;
  /** Where a range of the JSON text is in the document. */
  toDocument(range: Span): Span;
  /** Text of the JSON text as the document writes it (escaped inside a string). */
  encode(text: string): string;
  problems: EventProblem[];
}

/** `event.poller.urls`: its string's value, where each character is in the document, and what is wrong. */
export interface LegacyUrls {
  map: StringMap;
  problems: EventProblem[];
}

export interface EventPolling {
  configuration?: EmbeddedJson;
  urls?: LegacyUrls;
}

/** A string the event rules leave to others: empty, a documentation placeholder, a keychain reference. */
function leftAlone(text: string): boolean {
  return text.trim() === '' || isPlaceholder(text) || keychainReference(text) !== undefined;
}

function fromString(value: ValueNode, parsed: ParsedInstance): EmbeddedJson | undefined {
  if (value.type !== 'string' || parsed.unterminated.has(value.offset)) return undefined;
  const map = decodeJsonString(parsed.normalized, value);
  if (!map || leftAlone(map.value)) return undefined;
  const inner = parseInstance(map.value);
  return {
    form: 'string',
    parsed: inner,
    root: inner.root,
    toDocument: (range) => map.source(range),
    encode: escapeForJsonString,
    problems: checkPollerConfiguration(inner.normalized, inner.root, (object) => inner.objectProperties.of(object)),
  };
}

function inPlace(value: ValueNode, parsed: ParsedInstance): EmbeddedJson {
  return {
    form: 'object',
    parsed,
    root: value,
    toDocument: (range) => ({ offset: range.offset, length: range.length }),
    encode: (text) => text,
    problems: checkPollerConfiguration(parsed.normalized, value, (object) => parsed.objectProperties.of(object)),
  };
}

/** The two poller entries' values (undefined when absent), checked. */
export function eventPolling(configuration: ValueNode | undefined, urls: ValueNode | undefined, parsed: ParsedInstance): EventPolling {
  const result: EventPolling = {};
  if (configuration?.type === 'string') {
    const embedded = fromString(configuration, parsed);
    if (embedded) result.configuration = embedded;
  } else if (configuration?.type === 'object') {
    result.configuration = inPlace(configuration, parsed);
  }
  if (urls?.type === 'string' && !parsed.unterminated.has(urls.offset)) {
    const map = decodeJsonString(parsed.normalized, urls);
    if (map && !leftAlone(map.value)) result.urls = { map, problems: checkLegacyPollerUrls(map.value) };
  }
  return result;
}
