/**
 * The catalog template of an element flow as an editor snippet (TextMate / VS Code syntax):
 * the same text as `renderTemplate`, with a tab stop on each value to fill.
 */
import type { ElementDefinition, FlowDefinition } from '../catalog/types';
import { buildTemplate } from './template';
import { isPlaceholder } from './values';

/** Snippet text that stands for itself: `$`, `}` and `\` escaped with a backslash. */
export function escapeSnippetText(text: string): string {
  return text.replace(/[$}\\]/g, '\\$&');
}

type Path = ReadonlyArray<string | number>;

/** The values a person fills in: documentation placeholders, and the instance name. */
function isValueToFill(path: Path, value: string): boolean {
  return isPlaceholder(value) || (path.length === 1 && path[0] === 'name');
}

class SnippetWriter {
  private nextTabStop = 1;

  write(value: unknown, path: Path, indent: string): string {
    if (typeof value === 'string') return this.string(value, path);
    if (Array.isArray(value)) {
      if (value.length === 0) return '[]';
      const inner = indent + '  ';
      const items = value.map((item, index) => inner + this.write(item, [...path, index], inner));
      return `[\n${items.join(',\n')}\n${indent}]`;
    }
    if (value !== null && typeof value === 'object') {
      const entries = Object.entries(value).filter(([, item]) => item !== undefined);
      if (entries.length === 0) return escapeSnippetText('{}');
      const inner = indent + '  ';
      const lines = entries.map(([key, item]) => `${inner}${escapeSnippetText(JSON.stringify(key))}: ${this.write(item, [...path, key], inner)}`);
      return `{\n${lines.join(',\n')}\n${indent}${escapeSnippetText('}')}`;
    }
    return escapeSnippetText(JSON.stringify(value));
  }

  private string(value: string, path: Path): string {
    const json = JSON.stringify(value);
    if (!isValueToFill(path, value)) return escapeSnippetText(json);
    // The tab stop selects the text between the quotes, so typing replaces only the value.
    return `"\${${this.nextTabStop++}:${escapeSnippetText(json.slice(1, -1))}}"`;
  }
}

/** A body as a snippet: a tab stop on each value to fill, in document order, `$0` at the end. */
export function bodySnippet(body: object): string {
  return `${new SnippetWriter().write(body, [], '')}\n$0`;
}

/** `renderTemplate(element, flow)` as a snippet: `${1:<INSERT_…>}` … in document order, `$0` at the end. */
export function templateSnippet(element: ElementDefinition, flow: FlowDefinition): string {
  return bodySnippet(buildTemplate(element, flow));
}
