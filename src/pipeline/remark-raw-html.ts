/**
 * Raw HTML, checked as parsed HTML against an allow-list before anything renders it.
 *
 * CommonMark hands inline raw HTML over one construct at a time (an open tag, a
 * closing tag, a comment…), so each is parsed on its own with parse5 (through
 * hast-util-from-html: entities decoded, attributes split as a browser would) and
 * its element and attributes are allowed by name. What an author pastes is mostly
 * inline markup (`<sup>`, `<br>`, `<abbr title>`, `<span lang>`); comments are
 * dropped silently; a tag name that is no HTML element (`Promise<Buffer>`) is text.
 * Raw HTML blocks are refused: a manuscript's structure is Markdown and directives. (A
 * line of only an inline tag, `<br>`, is inline markup: remark-inline-html-lines.ts.)
 *
 * This is the first line. After remark-rehype and rehype-raw, rehype-sanitize.ts
 * cleans the whole tree with the same allow-list as a second one.
 */
import type { Break, Html, Image, Parent, PhrasingContent, Root } from 'mdast';
import type { VFile } from 'vfile';
import type { Element } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import { toHtml } from 'hast-util-to-html';
import { htmlTagNames } from 'html-tag-names';
import { find, html } from 'property-information';
import { visitParents } from 'unist-util-visit-parents';
import { error } from '../diagnostics.js';
import { checkInlineStyle } from './css-policy.js';
import { LINK_SYNTAX_ID } from './ids.js';
import { MAX_DEPTH } from './nesting.js';
import { classifyUrl } from './url-policy.js';
import { isBlankText } from './blank-text.js';

/** Inline elements an author may write as HTML, with the attributes each may carry. */
export const INLINE_HTML: Readonly<Record<string, readonly string[]>> = {
  sup: [], sub: [], br: [], wbr: [], small: [], mark: [], kbd: [], u: [], s: [], q: [], cite: [],
  b: [], i: [], em: [], strong: [], code: [], del: [], ins: [], var: [], samp: [], bdi: [],
  // `<span id>`, `<a id>` and the older `<a name>` are anchors that links in the part may point at (rehype-anchors.ts).
  abbr: ['title'], dfn: ['title'], span: ['id'], time: ['dateTime'], bdo: [], a: ['href', 'id', 'name'],
};
/** Attributes allowed on every element above (hast property names). */
export const GLOBAL_ATTRIBUTES: readonly string[] = ['lang', 'dir', 'title', 'style'];
/**
 * Attributes that say only how a web page lays something out, styles it, scripts it or opens a
 * link (`align`, `width`, `class`, `data-*`, `aria-*`, `role`, `hidden`, `target="_blank"`,
 * `rel="noopener"`): accepted on any allowed element and dropped, never written into a book,
 * since the theme sets the page and the reader opens links. Also `markdown="1"` (Python-Markdown's,
 * kramdown's): the Markdown between a block's tags is read as Markdown anyway. And EPUB's
 * `epub:type`, which Pandoc keeps when it makes Markdown of an e-book. As written (lower
 * case): JSX's `className` is no HTML, and stays an error.
 */
const DROPPED_ATTRIBUTES: ReadonlySet<string> = new Set([
  'align', 'valign', 'width', 'height', 'border', 'hspace', 'vspace', 'bgcolor', 'cellpadding', 'cellspacing', 'nowrap',
  'class', 'role', 'tabindex', 'hidden', 'loading', 'decoding', 'target', 'rel', 'referrerpolicy', 'markdown',
  // EPUB's structural semantics (`epub:type="chapter"`), which Pandoc writes into the Markdown it
  // makes of an EPUB or of XHTML: the book's own structure says it again.
  'epub:type',
]);

export function isDroppedAttribute(attribute: string): boolean {
  const name = attribute.toLowerCase();
  return DROPPED_ATTRIBUTES.has(name) || /^(aria|data)-[a-z0-9_.-]+$/.test(name);
}

/** An inline `<img>`: read as the Markdown image it is, its file then checked by remark-safety.ts. */
const IMAGE_ATTRIBUTES: readonly string[] = ['src', 'alt', 'title'];

export const KNOWN_ELEMENTS: ReadonlySet<string> = new Set(htmlTagNames);
/** Elements that run or load content, refused as such inline and in blocks alike. */
export const SCRIPTING_ELEMENTS: ReadonlySet<string> = new Set(['script', 'iframe', 'object', 'embed', 'frame', 'frameset', 'applet']);

/**
 * Why an attribute may not stand on an element that allows `allowed` (hast property names),
 * inline and in blocks alike; undefined if it may, kept or dropped (isDroppedAttribute).
 */
export function attributeRefusal(attribute: string, property: string, name: string, allowed: ReadonlySet<string>): { reason: string; ruleId: string } | undefined {
  if (/^on/i.test(attribute)) return { reason: `event-handler attribute \`${attribute}\` is not allowed: the renderer never runs a manuscript's scripts`, ruleId: 'raw-html-script' };
  if (allowed.has(property) || isDroppedAttribute(attribute)) return undefined;
  return { reason: `attribute \`${attribute}\` is not allowed on <${name}> (allowed: ${[...allowed].map(attributeName).join(', ')})`, ruleId: 'raw-html-attribute' };
}
/** The allowed elements that never hold anything, so never nest. */
const VOID_ELEMENT = /^<(br|wbr)[\s/>]/i;
/** mdast parents whose children are phrasing content: raw HTML inside them is inline. */
export const PHRASING_PARENTS: ReadonlySet<string> = new Set(['paragraph', 'heading', 'tableCell', 'defListTerm', 'emphasis', 'strong', 'delete', 'link', 'linkReference', 'textDirective', 'inlineContainer']);

export default function remarkRawHtml() {
  return (tree: Root, file: VFile): void => {
    // Tags left open, by the node they were written in. In the mdast they are siblings, but
    // rehype-raw nests them, and hast-util-from-parse5 recurses once per level: 50,000
    // `<span>` in a row overflowed the stack ("Maximum call stack size exceeded", at no
    // place). nesting.ts bounds Markdown's own nesting; this bounds the HTML's, counted
    // through the node's ancestors, since a tag open in a paragraph stays open in the
    // emphasis after it.
    const open = new Map<Parent, string[]>();
    /** Tags opened past the bound, by node: dropped, and counted so that each is reported once. */
    const excess = new Map<Parent, number>();
    const replaced = new Map<Html, PhrasingContent | null>();
    visitParents(tree, 'html', (node: Html, ancestors: Parent[]) => {
      const parent = ancestors.at(-1);
      if (!parent) return;
      const inline = PHRASING_PARENTS.has(parent.type);
      let outcome = inline ? checkInlineConstruct(node, file, parent.type === 'tableCell' || ancestors.some((a) => a.type === 'tableCell')) : checkBlock(node, file);
      // `<p>` inside a line, as tables write a cell's second paragraph (`…vault.<p/>Example: …`):
      // the line it begins, where words come before it.
      if (outcome === 'paragraph') {
        const at = parent.children.indexOf(node);
        outcome = parent.children.slice(0, at).some((child) => !isBlankText(child) && child.type !== 'html') ? { type: 'break', data: { paragraphTag: true }, ...(node.position ? { position: node.position } : {}) } : 'drop';
      }
      if (outcome === 'keep') {
        const closing = /^<\/([A-Za-z][A-Za-z0-9-]*)/.exec(node.value)?.[1]?.toLowerCase();
        if (closing !== undefined) {
          const over = excess.get(parent) ?? 0;
          if (over > 0) excess.set(parent, over - 1);
          else closeTag(closing, ancestors, open);
        } else if (!VOID_ELEMENT.test(node.value) && !node.value.endsWith('/>')) {
          const depth = ancestors.reduce((sum, ancestor) => sum + (open.get(ancestor)?.length ?? 0) + (excess.get(ancestor) ?? 0), 0);
          if (depth === MAX_DEPTH) {
            error(file, `inline HTML nested over ${MAX_DEPTH} levels deep (tags opened inside one another and not closed): close each element before the next opens`, { place: node.position, ruleId: 'nesting', source: 'pamphlet' });
          }
          if (depth >= MAX_DEPTH) {
            outcome = 'drop';
            excess.set(parent, (excess.get(parent) ?? 0) + 1);
          } else {
            const stack = open.get(parent) ?? [];
            stack.push(/^<([A-Za-z][A-Za-z0-9-]*)/.exec(node.value)?.[1]?.toLowerCase() ?? '');
            open.set(parent, stack);
          }
        }
      }
      if (outcome === 'drop') replaced.set(node, null);
      if (outcome === 'text') replaced.set(node, { type: 'text', value: node.value, ...(node.position ? { position: node.position } : {}) });
      else if (typeof outcome === 'object') replaced.set(node, outcome);
    });
    closeAtTheirEnds(open);
    // Changed after the walk, each parent once: a paragraph of 50,000 tags is not spliced 50,000 times.
    if (replaced.size === 0) return;
    visitParents(tree, (node) => {
      if (!('children' in node) || !node.children.some((child) => replaced.has(child as Html))) return;
      const children: Array<(typeof node.children)[number]> = [];
      for (const child of node.children) {
        const replacement = replaced.get(child as Html);
        if (replacement === undefined) children.push(child);
        else if (replacement !== null) children.push(replacement as (typeof node.children)[number]);
      }
      (node as Parent).children = children as Parent['children'];
    });
  };
}

type Outcome = 'keep' | 'drop' | 'text' | 'paragraph' | Image | Break;

/** A closing tag closes the innermost open tag of its name (at most MAX_DEPTH open), in its own node or one around it. */
function closeTag(name: string, ancestors: readonly Parent[], open: Map<Parent, string[]>): void {
  for (let i = ancestors.length - 1; i >= 0; i--) {
    const stack = open.get(ancestors[i] as Parent);
    const at = stack ? stack.lastIndexOf(name) : -1;
    if (stack && at >= 0) {
      stack.splice(at);
      return;
    }
  }
}

/**
 * Tags still open at the end of the paragraph, heading, cell, emphasis or link they were
 * written in are closed there. An HTML parser would carry an open `<b>` or `<a>` on into
 * every block after it (they are "formatting elements"): `Text <b>bold` made the next
 * paragraphs bold, inside a `<b>` no XHTML allows (epubcheck: "element p not allowed
 * here"), and an `<a name="x">` never closed, as old documents write it, wrapped the rest
 * of the part in anchors.
 */
function closeAtTheirEnds(open: Map<Parent, string[]>): void {
  for (const [parent, stack] of open) {
    for (const name of stack.reverse()) (parent.children as Html[]).push({ type: 'html', value: `</${name}>` });
  }
}

function checkBlock(node: Html, file: VFile): Outcome {
  const parsed = fromHtml(node.value, { fragment: true });
  const meaningful = parsed.children.filter((child) => child.type !== 'comment' && !isBlankText(child));
  if (!meaningful.length) return 'drop';
  error(file, 'raw HTML blocks are not allowed: raw HTML is for inline markup only (use Markdown or a directive)', { place: node.position, ruleId: 'raw-html-block', source: 'pamphlet' });
  return 'drop';
}

/**
 * What a table cell may hold besides the inline tags: paragraphs and lists, as READMEs and
 * Obsidian's tables write a cell's second paragraph or its list, which Markdown cannot
 * (`<p>See …</p><ul><li>Numbers</li></ul>`, the Obsidian Tasks docs' tag rules). A cell of
 * an HTML table may hold them, in every format.
 */
const CELL_BLOCKS: ReadonlySet<string> = new Set(['p', 'ul', 'ol', 'li']);
/**
 * Tags read as the inline element they stand for: the obsolete `<tt>` (teletype) is code, and
 * a `<button>` in running text, as Jupyter's own help draws the toolbar's buttons (`press the
 * <button class='btn'><i class="fa fa-play"></i></button> button`), is what the reader presses,
 * a key: `<kbd>` (until 2026-12-07 an error, which stopped the build of those notebooks).
 */
const OBSOLETE: Readonly<Record<string, string>> = { tt: 'code', button: 'kbd' };

function checkInlineConstruct(node: Html, file: VFile, inCell: boolean): Outcome {
  const obsolete = /^<\/?([A-Za-z]+)/.exec(node.value)?.[1]?.toLowerCase();
  if (obsolete && Object.hasOwn(OBSOLETE, obsolete)) node.value = node.value.replace(/^(<\/?)[A-Za-z]+/, `$1${OBSOLETE[obsolete]}`);
  const value = node.value;
  if (value.startsWith('<!--')) return 'drop';
  // Processing instructions, declarations and CDATA mean nothing in a book: show them as typed.
  if (value.startsWith('<?') || value.startsWith('<!')) return 'text';
  const closing = /^<\/([A-Za-z][A-Za-z0-9-]*)/.exec(value);
  if (closing) {
    const name = (closing[1] ?? '').toLowerCase();
    if (inCell && CELL_BLOCKS.has(name)) return 'keep';
    if (name === 'p') return 'drop';
    if (!KNOWN_ELEMENTS.has(name)) return 'text';
    // A disallowed element was reported at its opening tag; its end tag goes with it.
    return name in INLINE_HTML ? 'keep' : 'drop';
  }
  const element = fromHtml(value, { fragment: true, verbose: true }).children.find((child): child is Element => child.type === 'element');
  const name = /^<([A-Za-z][A-Za-z0-9-]*)/.exec(value)?.[1]?.toLowerCase() ?? '';
  if (!KNOWN_ELEMENTS.has(name)) return 'text';
  const image = name === 'img';
  // `<p>` inside a line begins a line (below), its attributes checked as any tag's; in a cell it and lists are kept.
  const cellBlock = inCell && CELL_BLOCKS.has(name);
  const paragraph = name === 'p' && !cellBlock;
  if ((!(name in INLINE_HTML) && !image && !paragraph && !cellBlock) || !element) {
    const scripting = SCRIPTING_ELEMENTS.has(name);
    error(file, `<${name}> is not allowed in a manuscript${scripting ? ': the renderer never runs or loads embedded content' : ''} (inline HTML may use ${Object.keys(INLINE_HTML).map((n) => `<${n}>`).join(' ')})`, { place: node.position, ruleId: scripting ? 'raw-html-script' : 'raw-html-tag', source: 'pamphlet' });
    return 'drop';
  }
  let ok = true;
  const allowed = new Set([...GLOBAL_ATTRIBUTES, ...(image ? IMAGE_ATTRIBUTES : (INLINE_HTML[name] ?? []))]);
  // Each attribute's name as the author wrote it (the parser's is lower-cased and mapped): a
  // JSX `className` was reported as `class`, which the author never wrote.
  const places = (element.data as { position?: { properties?: Record<string, { start: { offset?: number }; end: { offset?: number } }> } } | undefined)?.position?.properties;
  const written = (property: string): string => {
    const place = places?.[property];
    const spelled = place?.start.offset === undefined ? undefined : /^[^\s=/>]+/.exec(value.slice(place.start.offset, place.end.offset))?.[0];
    return spelled ?? attributeName(property);
  };
  const dropped: string[] = [];
  for (const [property, raw] of Object.entries(element.properties)) {
    const attribute = written(property);
    const value = Array.isArray(raw) ? raw.join(' ') : String(raw);
    const refusal = attributeRefusal(attribute, property, name, allowed);
    if (refusal) {
      error(file, refusal.reason, { place: node.position, ruleId: refusal.ruleId, source: 'pamphlet' });
      ok = false;
    } else if (!allowed.has(property)) {
      dropped.push(property);
    } else if (property === 'href') {
      const url = classifyUrl(value);
      if (!value.trim() && element.properties.id === undefined && element.properties.name === undefined) {
        // `<a href="">`, as `[text]()`: a link yet to be written. Its words are printed (the tag goes).
        file.message('link with no address (`href=""`): printed as plain text; give it its address, or remove the <a>', { place: node.position, ruleId: 'empty-link', source: 'pamphlet' });
        return 'drop';
      }
      if (url.kind === 'refused') {
        error(file, `link refused: ${url.reason}`, { place: node.position, ruleId: 'unsafe-url', source: 'pamphlet' });
        ok = false;
      } else if (url.kind === 'relative') {
        // Files and other parts are linked the Markdown way, where the link policy can place them.
        error(file, `link to \`${value}\` in raw HTML: write it as a Markdown link, [text](${value}), so it can be checked and placed`, { place: node.position, ruleId: 'link-outside-book', source: 'pamphlet' });
        ok = false;
      }
    } else if (property === 'id' || property === 'name') {
      const problem = /^\S+$/.test(value)
        ? LINK_SYNTAX_ID.test(value)
          ? `\`#${value}\` already means ${value.startsWith('p') ? 'a ¶ number' : 'a note'} in every format; give the anchor another name`
          : undefined
        : 'an anchor’s name is one word, without spaces';
      if (problem) {
        error(file, `anchor \`${attribute}="${value}"\` refused: ${problem}`, { place: node.position, ruleId: 'raw-html-anchor', source: 'pamphlet' });
        ok = false;
      }
    } else if (property === 'style') {
      for (const problem of checkInlineStyle(value)) {
        error(file, `style refused: ${problem}`, { place: node.position, ruleId: 'raw-html-style', source: 'pamphlet' });
        ok = false;
      }
    }
  }
  const { id, name: anchorName } = element.properties;
  if (id !== undefined && anchorName !== undefined && String(id) !== String(anchorName)) {
    error(file, `<a> with id \`${String(id)}\` and name \`${String(anchorName)}\`: an anchor has one name`, { place: node.position, ruleId: 'raw-html-anchor', source: 'pamphlet' });
    ok = false;
  }
  if (ok && image) return imageOf(element, node);
  if (ok && paragraph) return 'paragraph';
  // The tag without them (a class must not reach the book's own styles), written by hast-util-to-html.
  if (ok && dropped.length) node.value = openingTag({ ...element, properties: Object.fromEntries(Object.entries(element.properties).filter(([property]) => !dropped.includes(property))) });
  return ok ? 'keep' : 'drop';
}

/** An element's opening tag, as hast-util-to-html writes it. */
export function openingTag(element: Element): string {
  const written = toHtml({ ...element, children: [] });
  const close = `</${element.tagName}>`;
  return written.endsWith(close) ? written.slice(0, -close.length) : written;
}

/** `<img src alt>` as `![alt](src)`, at the tag's place. */
function imageOf(element: Element, node: Html): Image {
  const { src, alt, title } = element.properties;
  return { type: 'image', url: String(src ?? ''), alt: alt === undefined ? null : String(alt), title: title === undefined ? null : String(title), ...(node.position ? { position: node.position } : {}) };
}

/** hast property name → the attribute as written (`dateTime` → `datetime`, `dataX` → `data-x`, `ariaLabel` → `aria-label`). */
function attributeName(property: string): string {
  return find(html, property).attribute;
}
