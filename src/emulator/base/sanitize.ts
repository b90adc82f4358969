/**
 * Instance names and tags have their markup stripped on create and update, as the service does:
 * `<a href="#" onClick="…">churros-xss</a>` is stored and returned as `churros-xss` (Cloud
 * Elements' own tests, churros `src/test/platform/elements/instances.js`, "should sanitize
 * element instance name on create and update" and "… tags …").
 *
 * Markup is what a browser would act on: a tag with attributes (`<x onclick=…>`), a closing tag,
 * an HTML element (`<b>`, `<script>`, `<svg>`…), a comment (`<!-- … -->`), a declaration
 * (`<!DOCTYPE …>`) or a processing instruction (`<? … ?>`); attribute values quoted with `"` or
 * `'` may hold `>`; markup left open at the end is dropped with the rest. Text is kept as it is:
 * so is a `<` that starts no markup (`a < b`), and a bare `<WORD>` that is no HTML element — the
 * documentation's placeholders, `<INSERT_INSTANCE_NAME>`, which a browser shows as nothing but
 * which can carry no behaviour.
 */

/** HTML, SVG and MathML element names: a tag of one of these is markup even without attributes. */
const ELEMENTS = new Set(
  (
    'a abbr acronym address applet area article aside audio b base basefont bdi bdo bgsound big blink blockquote body br button canvas caption center cite code col colgroup data datalist dd del details dfn dialog dir div dl dt em embed fieldset figcaption figure font footer form frame frameset h1 h2 h3 h4 h5 h6 head header hgroup hr html i iframe image img input ins isindex kbd keygen label legend li link listing main map mark marquee math menu menuitem meta meter multicol nav nextid nobr noembed noframes noscript object ol optgroup option output p param picture plaintext portal pre progress q rb rp rt rtc ruby s samp script search section select slot small source spacer span strike strong style sub summary sup svg table tbody td template textarea tfoot th thead time title tr track tt u ul var video wbr xmp ' +
    'animate animatemotion animatetransform circle clippath defs desc ellipse feblend filter foreignobject g line lineargradient marker mask metadata path pattern polygon polyline radialgradient rect set stop switch symbol text textpath tspan use view ' +
    'maction maligngroup malignmark menclose merror mfenced mfrac mglyph mi mlabeledtr mlongdiv mmultiscripts mn mo mover mpadded mphantom mroot mrow ms mscarries mscarry msgroup msline mspace msqrt msrow mstack mstyle msub msubsup msup mtable mtd mtext mtr munder munderover semantics annotation annotation-xml'
  ).split(' '),
);

/** Where the markup starting at `start` (a `<`) ends, exclusive; the text's length when it never closes. */
function markupEnd(text: string, start: number): number {
  if (text.startsWith('<!--', start)) {
    const close = text.indexOf('-->', start + 4);
    return close === -1 ? text.length : close + 3;
  }
  let quote: string | undefined;
  for (let i = start + 1; i < text.length; i++) {
    const char = text[i]!;
    if (quote) {
      if (char === quote) quote = undefined;
    } else if (char === '"' || char === "'") {
      quote = char;
    } else if (char === '>') {
      return i + 1;
    }
  }
  return text.length;
}

/** Whether the `<…>` at `start`, ending before `end`, is markup (see above); false for a `<` that starts no tag. */
function isMarkup(text: string, start: number, end: number): boolean {
  const next = text[start + 1] ?? '';
  if (next === '!' || next === '?' || next === '/') return true;
  if (!/[A-Za-z]/.test(next)) return false;
  const closed = text[end - 1] === '>';
  if (!closed) return true;
  const inside = text.slice(start + 1, end - 1);
  const name = /^[A-Za-z][^\s/>]*/.exec(inside)![0];
  const rest = inside.slice(name.length).trim();
  // A `<` inside a tag name (`<A<a>`) is still one tag to a browser; not a placeholder: markup.
  return (rest !== '' && rest !== '/') || name.includes('<') || ELEMENTS.has(name.toLowerCase());
}

/** One pass: the text with each piece of markup it holds removed. */
function stripOnce(text: string): string {
  let result = '';
  let index = 0;
  while (index < text.length) {
    const open = text.indexOf('<', index);
    if (open === -1) {
      result += text.slice(index);
      break;
    }
    result += text.slice(index, open);
    const end = /[A-Za-z!?/]/.test(text[open + 1] ?? '') ? markupEnd(text, open) : open + 1;
    if (!isMarkup(text, open, end)) result += text.slice(open, end);
    index = end;
  }
  return result;
}

export function stripMarkup(text: string): string {
  // Removing markup can join what surrounded it into new markup (`<<b>b>`): strip until none is left.
  let current = text;
  for (;;) {
    const next = stripOnce(current);
    if (next === current) return current;
    current = next;
  }
}
