/**
 * Hugo's shortcodes, as Hugo sites' pages write them, each on a line of its own:
 *
 * - `{{< figure src="elephant.jpg" alt="…" caption="…" >}}` is the picture, captioned as a picture
 *   with a title is (remark-figures.ts), its file checked as any picture's is (remark-safety.ts);
 * - `[words]({{< ref "other.md" >}})` is the link to that file, as `[words](other.md)` is;
 * - `{{< youtube 0RKpf3rK57I >}}` and `{{< vimeo 146022717 >}}` (and Quarto's `{{< video https://… >}}`)
 *   are links to the video's page, as an embedded page is (remark-html-blocks.ts), with the same warning;
 * - Quarto's `{{< pagebreak >}}` is a page break, as `::pagebreak` is;
 * - a paired one around Markdown that the themes draw as a box, `{{% notice tip "A title" %}}` …
 *   `{{% /notice %}}` (Learn, Relearn), `{{< hint warning >}}` (Book), `{{< alert >}}`, `{{< callout
 *   type="warning" >}}`, `{{< admonition type="tip" title="…" >}}`, `{{< details summary="…" >}}`, is
 *   a note set apart of its kind, titled by its title or its kind, found and paired by
 *   fenced-notes.ts; any other paired one (`{{< tabs >}}`) loses its fences, what it holds kept.
 *
 * CommonMark reads each as a line of text, so every page printed its shortcodes as typed. A
 * shortcode this does not read (`{{< tweet >}}`, a site's own) stays as typed, with a warning at
 * its place.
 */
import type { Image, Link, Paragraph, Parent, PhrasingContent, Root, RootContent, Text } from 'mdast';
import type { VFile } from 'vfile';
import { toString } from 'mdast-util-to-string';
import { SKIP, visit } from 'unist-util-visit';
import { pointAt, textPiece } from './bracket-spans.js';
import { admonitionKind } from './callout.js';
import { noteFences, type FenceShape, type FenceSyntax, type Line } from './fenced-notes.js';
import type { Rendered } from './mdast-nodes.js';

export interface HugoShortcodesOptions {
  /** The series' language; a part's own `lang:` comes first. */
  lang: string;
}

/** A shortcode alone on its line: `{{< name args >}}` or `{{% name args %}}`; a closing one names itself after a slash. */
// Its arguments may run over several lines (`{{< figure` … `>}}`); a self-closing one ends `/>}}`.
// A bare value holds no `=`: `a=b` is read one way only, so a line that is no shortcode fails at once.
const SHORTCODE = /^\{\{([<%])[ \t]*(\/?)([A-Za-z][\w-]*)((?:\s+(?:[\w-]+=)?(?:"[^"\n]*"|'[^'\n]*'|`[^`\n]*`|[^\s"'`>%/=]+))*)\s*\/?\1?[>%]\}\}$/;
const ARGUMENT = /(?:([\w-]+)=)?(?:"([^"\n]*)"|'([^'\n]*)'|`([^`\n]*)`|([^\s"'`]+))/g;

/** The shortcodes that are boxes in the themes that give them, and the argument that names their kind. */
const BOXES = new Set(['notice', 'hint', 'alert', 'callout', 'admonition', 'details', 'expand', 'note', 'tip', 'warning', 'info', 'danger', 'caution', 'important']);

/** The shortcodes whose insides are code: Hugo's own `highlight`, and the `code` kind the docs of sites and themes give. */
const CODE = new Set(['highlight', 'code', 'code-toggle', 'codeblock']);

interface Shortcode {
  closing: boolean;
  name: string;
  positional: string[];
  named: Map<string, string>;
}

export default function remarkHugoShortcodes(options: HugoShortcodesOptions) {
  return (tree: Root, file: VFile): void => {
    const source = String(file.value);
    if (!source.includes('{{<') && !source.includes('{{%')) return;
    const lang = file.data.frontmatter?.lang ?? options.lang;
    const unread: Array<{ name: string; place: Paragraph['position'] }> = [];
    references(tree, source);
    single(tree, source, file, unread);
    const syntax: FenceSyntax = { marker: '{{', fenceOf, closes: (opening, closing) => opening.closingName === closing.closingName };
    noteFences(tree, file, syntax, lang);
    const first = unread[0];
    if (first) {
      const more = unread.length > 1 ? ` (and ${unread.length - 1} more after it)` : '';
      file.message(`${tool(file)} \`${first.name}\` shortcode is a site's template, which pamphlet does not run: printed as typed${more}`, { ...(first.place ? { place: first.place } : {}), ruleId: 'hugo-shortcode', source: 'pamphlet' });
    }
  };
}

/**
 * `[words]({{< ref "other-post.md" >}})`, Hugo's link to another page of the site (`relref`
 * alike): CommonMark reads no link there (a destination holds no space), so it printed as typed.
 * It is the Markdown link to that file, which remark-safety.ts then reads as any other (another
 * part of the book, or the page under `base-url`).
 */
const REFERENCE = /\[([^[\]\n]+)\]\(\{\{[<%][ \t]*(?:rel)?ref[ \t]+"([^"\n]+)"[ \t]*[>%]\}\}\)/g;

function references(tree: Root, source: string): void {
  if (!/\{\{[<%][ \t]*(?:rel)?ref[ \t]/.test(source)) return;
  visit(tree, 'text', (node: Text, index, parent: Parent | undefined) => {
    if (!parent || index === undefined || parent.type === 'link' || !node.value.includes('ref')) return undefined;
    const pieces: PhrasingContent[] = [];
    let last = 0;
    for (const match of node.value.matchAll(REFERENCE)) {
      const at = match.index ?? 0;
      if (at > last) pieces.push(textPiece(node, last, at, source));
      const end = at + match[0].length;
      const words = textPiece(node, at + 1, at + 1 + (match[1] ?? '').length, source);
      const link: Link = { type: 'link', url: match[2] ?? '', children: [words], ...(node.position ? { position: { start: pointAt(node, at, source), end: pointAt(node, end, source) } } : {}) };
      pieces.push(link);
      last = end;
    }
    if (!pieces.length) return undefined;
    if (last < node.value.length) pieces.push(textPiece(node, last, node.value.length, source));
    parent.children.splice(index, 1, ...(pieces as typeof parent.children));
    return [SKIP, index + pieces.length];
  });
}

/** A line read as a shortcode, or undefined. */
function shortcodeOf(text: string): Shortcode | undefined {
  const match = SHORTCODE.exec(text.trim());
  if (!match?.[3]) return undefined;
  const positional: string[] = [];
  const named = new Map<string, string>();
  for (const argument of (match[4] ?? '').matchAll(ARGUMENT)) {
    const value = argument[2] ?? argument[3] ?? argument[4] ?? argument[5] ?? '';
    if (argument[1]) named.set(argument[1].toLowerCase(), value);
    else positional.push(value);
  }
  return { closing: match[2] === '/', name: match[3].toLowerCase(), positional, named };
}

/** The shortcodes that stand alone, a paragraph each: a figure, a video, or one not read. */
function single(tree: Root, source: string, file: VFile, unread: Array<{ name: string; place: Paragraph['position'] }>): void {
  visit(tree, 'paragraph', (paragraph: Paragraph, index, parent: Parent | undefined) => {
    if (!parent || index === undefined) return undefined;
    // Its text as written, an address in its arguments included (GFM links it).
    const value = paragraph.children.every((child) => child.type === 'text' || (child.type === 'link' && child.children.every((inner) => inner.type === 'text'))) ? toString(paragraph) : undefined;
    if (value === undefined || !value.startsWith('{{')) return SKIP;
    // Arguments on lines of their own end with `>}}` on its own line, which CommonMark reads as a
    // quotation of `}}`: the two are one shortcode.
    const next = parent.children[index + 1];
    const quoted = next?.type === 'blockquote' && next.children.length === 1 && next.children[0]?.type === 'paragraph' ? next.children[0] : undefined;
    const tail = quoted?.children.length === 1 && quoted.children[0]?.type === 'text' && quoted.children[0].value === '}}';
    const written = value.startsWith('{{<') && !value.includes('>}}') && tail ? `${value}\n>}}` : value;
    const shortcode = shortcodeOf(written);
    if (!shortcode || shortcode.closing) return SKIP;
    if (written !== value) parent.children.splice(index + 1, 1);
    const at = paragraph.position ? { position: paragraph.position } : {};
    const { name, positional, named } = shortcode;
    if (name === 'figure') {
      const src = named.get('src');
      if (!src) return SKIP;
      const caption = named.get('caption') ?? named.get('title');
      const image: Image = { type: 'image', url: src, alt: named.get('alt') ?? '', title: caption ?? null, ...at };
      parent.children[index] = { type: 'paragraph', children: [image], ...at } as RootContent;
      return SKIP;
    }
    // Quarto's page break, as `::pagebreak` is.
    if (name === 'pagebreak' && !positional.length && !named.size) {
      parent.children[index] = { type: 'rendered', data: { hName: 'div', hProperties: { className: ['pagebreak'] } }, ...at } as Rendered as RootContent;
      return SKIP;
    }
    const video = name === 'youtube' ? 'https://www.youtube.com/watch?v=' : name === 'vimeo' ? 'https://vimeo.com/' : name === 'video' ? '' : undefined;
    if (video !== undefined) {
      const id = named.get('id') ?? named.get('src') ?? positional[0];
      // Quarto's `{{< video https://… >}}` names the video by its address.
      if (!id || !(video ? /^[\w-]+$/.test(id) : /^https?:\/\/[^\s"'<>]+$/i.test(id))) return SKIP;
      const href = `${video}${id}`;
      const words = named.get('title') ?? href;
      file.message(`${tool(file)} \`${name}\` shortcode shows a video's page, which paper cannot: printed as a link to it, ${href}`, { ...(paragraph.position ? { place: paragraph.position } : {}), ruleId: 'embedded-page', source: 'pamphlet' });
      const link: Link = { type: 'link', url: href, children: [{ type: 'text', value: words }], ...at };
      parent.children[index] = { type: 'paragraph', children: [link], ...at } as RootContent;
      return SKIP;
    }
    // A paired one's opening is fenced-notes.ts's; any other is a site's own template.
    if (!BOXES.has(name) && !hasClosing(source, name)) unread.push({ name, place: paragraph.position });
    return SKIP;
  });
}

/** Whose shortcodes a part's are: Quarto's in its own files, Hugo's elsewhere. */
function tool(file: VFile): string {
  return /\.qmd$/iu.test(file.path ?? '') ? "Quarto's" : "Hugo's";
}

/** Whether the part closes a shortcode of this name anywhere (`{{< /tabs >}}`): then it is a pair. */
function hasClosing(source: string, name: string): boolean {
  return new RegExp(`\\{\\{[<%][ \\t]*/${name}[ \\t]*[>%]\\}\\}`, 'i').test(source);
}

/** A shortcode's line as a fence: a box's opening (its kind and title), another pair's (unwrapped), or a closing. */
function fenceOf(line: Line): FenceShape | undefined {
  const [only, ...more] = line.nodes;
  if (more.length || only?.type !== 'text') return undefined;
  const shortcode = shortcodeOf(only.value);
  if (!shortcode) return undefined;
  const { closing, name, positional, named } = shortcode;
  if (closing) return { marks: 2, title: [], closingName: name };
  if (name === 'figure' || name === 'youtube' || name === 'vimeo' || name === 'video' || name === 'pagebreak') return undefined;
  // Code between, in the language named first (`{{< highlight go "linenos=table" >}}`) or by `lang=`.
  if (CODE.has(name)) return { marks: 2, name, closingName: name, title: [], makesNote: false, code: named.get('lang') ?? (name === 'highlight' ? positional[0] : undefined) ?? '' };
  if (!BOXES.has(name)) return { marks: 2, name, closingName: name, title: [], unwraps: true, makesNote: false };
  // The kind: named (`type=`, `color=`, `style=`), else the first word (`notice tip`), else the name.
  const kindWord = named.get('type') ?? named.get('color') ?? named.get('style') ?? named.get('context') ?? (name === 'details' || name === 'expand' ? undefined : positional[0]);
  const kind = (kindWord && admonitionKind(kindWord) ? kindWord : undefined) ?? (admonitionKind(name) ? name : undefined);
  const titleWords = named.get('title') ?? named.get('summary') ?? (name === 'details' || name === 'expand' ? positional[0] : kindWord === positional[0] ? positional[1] : positional[0]);
  const title: Text[] = titleWords ? [{ type: 'text', value: titleWords }] : [];
  // A box of no kind pamphlet knows is a note, titled by its title or its shortcode's name.
  return { marks: 2, name: kind ?? (name === 'details' || name === 'expand' ? 'details' : 'note'), closingName: name, title: title as PhrasingContent[], makesNote: true };
}
