/**
 * Text from outside the toolkit (an API's `message`, a provider's `error_description`, an
 * instance name) ends up in VS Code notifications, which turn `[label](https://…)`,
 * `[label](command:…)` and `[label](file:…)` into clickable links. A space between `]` and `(`
 * is enough to keep such text plain, and changes nothing a person reads.
 */

const LINK_JOINT = /\]\(/g;

/** Outside text ended as a sentence in a message: a full stop added unless it has its own ending. */
export function sentence(text: string): string {
  return /[.!?…]$/.test(text) ? text : `${text}.`;
}

/** `text` with no markdown-style link left in it. Idempotent. */
export function plainText(text: string): string {
  return text.replace(LINK_JOINT, '] (');
}
