/**
 * A README nobody here wrote, made a part as its author would after reading `check`'s
 * refusals: raw HTML and pictures taken out (the format allows neither raw HTML blocks nor
 * images from the network), and each link to a file or anchor outside the book replaced by
 * its own text, markup kept. Everything else is the author's source, byte for byte: the
 * edits are cut out of the text at the parser's positions, not re-serialised.
 * With `anchors`, the author's anchors (`<a id>`, `<a name>`, read as parsed HTML) and
 * the links to places in the text (`#…`) stay as written too; with `keepHtml`, each raw HTML
 * construct it says yes to.
 */
import { readFileSync } from 'node:fs';
import { fromHtml } from 'hast-util-from-html';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import type { Node, Parent } from 'unist';
import { SKIP, visit } from 'unist-util-visit';

/** An HTML construct that is only anchors: `<a name="x">`, `</a>`, `<a id="x"></a>`. */
function onlyAnchors(html: string): boolean {
  if (/^<\/a\s*>$/i.test(html.trim())) return true;
  const nodes = fromHtml(html, { fragment: true }).children.filter((node) => !(node.type === 'text' && !node.value.trim()));
  return nodes.length > 0 && nodes.every((node) => node.type === 'element' && node.tagName === 'a' && node.properties.href === undefined && (node.properties.id !== undefined || node.properties.name !== undefined) && node.children.length === 0);
}

export function readmeAsPart(file: string, title: string, part: number, options: { anchors?: boolean; keepHtml?: (html: string) => boolean } = {}): string {
  const source = readFileSync(file, 'utf8');
  const tree = unified().use(remarkParse).use(remarkGfm).parse(source);
  const edits: Array<[number, number, string]> = [];
  const span = (node: Node): [number, number] | undefined => {
    const start = node.position?.start.offset;
    const end = node.position?.end.offset;
    return start === undefined || end === undefined ? undefined : [start, end];
  };
  visit(tree, (node) => {
    const at = span(node);
    if (!at) return undefined;
    if (options.anchors && node.type === 'html' && onlyAnchors((node as { value: string }).value)) return SKIP;
    if (options.keepHtml && node.type === 'html' && options.keepHtml((node as { value: string }).value)) return SKIP;
    if (node.type === 'html' || node.type === 'image' || node.type === 'imageReference') {
      edits.push([...at, '']);
      return SKIP;
    }
    const url = (node as { url?: string }).url;
    const kept = options.anchors ? /^(https?:|mailto:|#)/ : /^(https?:|mailto:)/;
    if (node.type === 'linkReference' || (node.type === 'link' && !kept.test(url ?? ''))) {
      const children = (node as Parent).children;
      const first = children[0] && span(children[0]);
      const last = children.at(-1) && span(children.at(-1)!);
      let picture = false;
      visit(node, (inner) => {
        picture ||= inner.type === 'image' || inner.type === 'imageReference';
      });
      // A badge (a picture that links) goes, like any picture.
      edits.push([...at, first && last && !picture ? source.slice(first[0], last[1]) : '']);
      return SKIP;
    }
    return undefined;
  });
  let text = source;
  for (const [start, end, replacement] of edits.sort((a, b) => b[0] - a[0])) text = text.slice(0, start) + replacement + text.slice(end);
  return `---\ntitle: ${JSON.stringify(title)}\npart: ${part}\n---\n\n${text}`;
}
