/**
 * An author's anchors, `<a id="x">`, `<span id="x">` and the older `<a name="x">` (READMEs
 * written for GitHub, and conventional-changelog's `<a name="6.3.3"></a>` before each
 * version), are places a link in the part may point at. `name` becomes `id`: the name
 * kept where it is an id in every format (an XML name, a CSS identifier) and none
 * pamphlet or Paged.js gives its own elements, else `anchor-` and the name with what no id may hold made `-`
 * (`6.3.3` → `anchor-6-3-3`), remembered so that `[6.3.3](#6.3.3)` still arrives
 * (rehype-links.ts). A name given twice is a warning, as GitHub shows it: links go to
 * the first, the second is renamed. Headings take other ids (rehype-heading-ids.ts).
 * remark-raw-html.ts has refused, at their places, names no link could reach.
 *
 * An anchor on a line of its own is a paragraph of nothing to Markdown; it would be an
 * empty numbered ¶. Such anchors go to the start of the next block's text (the heading
 * they were written above), or to the end of the one before.
 */
import type { Element, ElementContent, Root } from 'hast';
import type { VFile } from 'vfile';
import { SKIP, visit } from 'unist-util-visit';
import { idMaker, RESERVED_ID, VALID_ID } from './ids.js';
import { isBlankText } from './blank-text.js';

export default function rehypeAnchors() {
  return (tree: Root, file: VFile): void => {
    const ids = new Set<string>();
    const aliases = new Map<string, string>();
    const firstAt = new Map<string, Element['position']>();
    const uniqueId = idMaker(ids);
    visit(tree, 'element', (node: Element, _index, parent: Root | Element | undefined) => {
      // pamphlet's own links and spans carry a class (noteref, citation); an author's cannot.
      if ((node.tagName !== 'a' && node.tagName !== 'span') || node.properties.className !== undefined) return;
      const { id, name } = node.properties;
      delete node.properties.name;
      const written = id ?? name;
      if (typeof written !== 'string') return;
      const base = VALID_ID.test(written) && !RESERVED_ID.test(written) ? written : `anchor-${written.replace(/[^\p{L}\p{N}_\p{M}-]/gu, '-')}`;
      const unique = uniqueId(base);
      node.properties.id = unique;
      const place = node.position ?? (parent && 'position' in parent ? parent.position : undefined);
      if (firstAt.has(written)) {
        const first = firstAt.get(written);
        const where = first ? ` (line ${first.start.line})` : '';
        file.message(`anchor \`${written}\` is named twice: links to \`#${written}\` go to the first${where}; this one is \`${unique}\``, { place, ruleId: 'duplicate-anchor', source: 'pamphlet' });
        return;
      }
      firstAt.set(written, place);
      if (unique !== written) aliases.set(written, unique);
    });
    file.data.anchorIds = ids;
    file.data.anchorAliases = aliases;
    if (ids.size) moveLoneAnchors(tree);
  };
}

const HOSTS = new Set(['p', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'th', 'td', 'figcaption']);

const isAnchor = (node: ElementContent): node is Element =>
  node.type === 'element' && (node.tagName === 'a' || node.tagName === 'span') && node.properties.id !== undefined && node.properties.href === undefined && node.properties.className === undefined && node.children.every(isBlankText);
const isLoneAnchors = (node: ElementContent): boolean =>
  node.type === 'element' && node.tagName === 'p' && node.children.some(isAnchor) && node.children.every((child) => isBlankText(child) || isAnchor(child));

/** The element whose text a block starts (or, `last`, ends) with, where an inline anchor may go. */
function textHost(node: Element, last: boolean): Element | undefined {
  if (HOSTS.has(node.tagName)) return node;
  const children = node.children.filter((child) => !isBlankText(child));
  const edge = last ? children.at(-1) : children[0];
  if (!edge) return undefined;
  // A tight list's item holds its text itself.
  if (node.tagName === 'li' && edge.type !== 'element') return node;
  if (edge.type !== 'element' || edge.tagName === 'pre') return undefined;
  if (node.tagName === 'li' && !/^(ul|ol|p|blockquote|table|figure|div|section|h[1-6]|hr)$/.test(edge.tagName)) return node;
  return textHost(edge, last);
}

/**
 * Paragraphs of lone anchors out of every block list, their anchors moved; the list is
 * rebuilt once, not spliced per paragraph (a changelog has hundreds).
 */
function moveLoneAnchors(tree: Root): void {
  visit(tree, (node) => {
    if (node.type !== 'root' && node.type !== 'element') return;
    const children = node.children as ElementContent[];
    if (!children.some(isLoneAnchors)) return HOSTS.has((node as Element).tagName) ? SKIP : undefined;
    const gone = new Set<number>();
    // Anchors waiting for the next block, and the text the block before ends with.
    let waiting: Element[] = [];
    let waitingAt: number[] = [];
    let lastHost: Element | undefined;
    const place = (host: Element | undefined, first: boolean): void => {
      if (host) {
        if (first) host.children.unshift(...waiting);
        else host.children.push(...waiting);
        for (const at of waitingAt) gone.add(at);
      }
      waiting = [];
      waitingAt = [];
    };
    children.forEach((child, i) => {
      if (child.type !== 'element') return;
      if (isLoneAnchors(child)) {
        waiting.push(...child.children.filter(isAnchor));
        waitingAt.push(i);
        return;
      }
      // To the start of the next block's text, else the end of the block before; else they stay.
      if (waiting.length) {
        const next = textHost(child, false);
        place(next ?? lastHost, next !== undefined);
      }
      lastHost = textHost(child, true);
    });
    if (waiting.length) place(lastHost, false);
    if (gone.size) {
      // The line between blocks goes with the block.
      for (const at of [...gone]) {
        if (children[at + 1] && isBlankText(children[at + 1]!)) gone.add(at + 1);
        else if (children[at - 1] && isBlankText(children[at - 1]!)) gone.add(at - 1);
      }
      node.children = children.filter((_, i) => !gone.has(i)) as typeof node.children;
    }
    return node.type === 'element' && HOSTS.has(node.tagName) ? SKIP : undefined;
  });
}
