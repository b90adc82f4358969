/**
 * Which documents are instance files: JSON documents whose path matches one of the
 * `cloudElements.lint.filePatterns` globs, or that "New Instance File…" created.
 */
import type * as vscode from 'vscode';

export const INSTANCE_FILE_LANGUAGES: readonly string[] = ['json', 'jsonc'];

/** The part of `vscode.TextDocument` the matcher reads. */
export type MatchableDocument = Pick<vscode.TextDocument, 'uri' | 'languageId'>;

function escapeRegExp(text: string): string {
  return text.replace(/[.+^$()|\\]/g, '\\$&');
}

/**
 * A glob as a regular expression over `/`-separated paths: `**` (any folders), `*`, `?`,
 * `{a,b}` and `[abc]` / `[!abc]`.
 */
export function globToRegExp(glob: string): RegExp {
  let source = '';
  let braces = 0;
  for (let i = 0; i < glob.length; i++) {
    const ch = glob[i]!;
    if (ch === '*' && glob[i + 1] === '*') {
      const slashAfter = glob[i + 2] === '/';
      source += slashAfter ? '(?:.*/)?' : '.*';
      i += slashAfter ? 2 : 1;
    } else if (ch === '*') source += '[^/]*';
    else if (ch === '?') source += '[^/]';
    else if (ch === '[') {
      const end = glob.indexOf(']', i + 2);
      if (end < 0) source += '\\[';
      else {
        const set = glob.slice(i + 1, end).replace(/^!/, '^').replace(/\\/g, '\\\\');
        source += `[${set}]`;
        i = end;
      }
    } else if (ch === '{') {
      braces++;
      source += '(?:';
    } else if (ch === '}' && braces > 0) {
      braces--;
      source += ')';
    } else if (ch === ',' && braces > 0) source += '|';
    else source += escapeRegExp(ch);
  }
  return new RegExp(`^${source}${')'.repeat(braces)}$`, 'i');
}

/**
 * Whether a `/`-separated path matches a glob. A pattern without `/` matches the file name
 * (`*.instance.json`); any other pattern matches the end of the path, from a folder boundary
 * (`instances/*.json` matches `/work/app/instances/a.json`), like `**`-prefixed patterns.
 */
export function matchesGlob(path: string, glob: string): boolean {
  const pattern = glob.trim().replace(/\\/g, '/');
  if (!pattern) return false;
  if (!pattern.includes('/')) return globToRegExp(pattern).test(path.slice(path.lastIndexOf('/') + 1));
  if (pattern.startsWith('/')) return globToRegExp(pattern).test(path);
  return globToRegExp(pattern.startsWith('**/') ? pattern : `**/${pattern}`).test(path);
}

export class InstanceFileMatcher {
  /** Documents "New Instance File…" created (untitled, or saved under any name). */
  private readonly created = new Set<string>();

  constructor(private readonly patterns: () => readonly string[]) {}

  track(uri: vscode.Uri): void {
    this.created.add(uri.toString());
  }

  forget(uri: vscode.Uri): void {
    this.created.delete(uri.toString());
  }

  isInstanceFile(document: MatchableDocument | undefined): boolean {
    if (!document || !INSTANCE_FILE_LANGUAGES.includes(document.languageId)) return false;
    if (this.created.has(document.uri.toString())) return true;
    return this.patterns().some((glob) => matchesGlob(document.uri.path, glob));
  }
}
