/** The significant tokens of a parse, in text order, packed for a megabyte of JSON. */
import type { SyntaxKind } from './syntaxKind';

export interface Token {
  readonly kind: SyntaxKind;
  readonly offset: number;
  readonly length: number;
}

/** What a parse's tokens offer its readers: the list, never a way to change it. */
export interface Tokens {
  readonly length: number;
  kindAt(index: number): SyntaxKind;
  at(index: number): Token | undefined;
  /** Index of the last token that ends at or before `offset` (-1: none). */
  before(offset: number): number;
  toArray(): Token[];
}

/**
 * Tokens in text order, packed in one typed array (kind, offset, length per token): a megabyte of
 * JSON has a hundred thousand of them, and a small file should not pay for three arrays. The
 * parser pushes; everyone else reads it as `Tokens`.
 */
export class TokenList implements Tokens {
  private data: Int32Array;
  length = 0;

  /** `expected`: about how many tokens there will be (the list grows past it). */
  constructor(expected = 64) {
    this.data = new Int32Array(3 * Math.max(16, expected));
  }

  push(kind: SyntaxKind, offset: number, length: number): void {
    let at = 3 * this.length;
    if (at === this.data.length) this.grow();
    const data = this.data;
    data[at++] = kind;
    data[at++] = offset;
    data[at] = length;
    this.length++;
  }

  private grow(): void {
    const data = new Int32Array(this.data.length * 2);
    data.set(this.data);
    this.data = data;
  }

  kindAt(index: number): SyntaxKind {
    return this.data[3 * index] as SyntaxKind;
  }

  at(index: number): Token | undefined {
    if (index < 0 || index >= this.length) return undefined;
    const at = 3 * index;
    return { kind: this.data[at] as SyntaxKind, offset: this.data[at + 1]!, length: this.data[at + 2]! };
  }

  before(offset: number): number {
    const data = this.data;
    let low = 0;
    let high = this.length - 1;
    let found = -1;
    while (low <= high) {
      const mid = (low + high) >> 1;
      if (data[3 * mid + 1]! + data[3 * mid + 2]! <= offset) {
        found = mid;
        low = mid + 1;
      } else high = mid - 1;
    }
    return found;
  }

  toArray(): Token[] {
    return Array.from({ length: this.length }, (_, i) => this.at(i)!);
  }
}
