/**
 * Jekyll's Liquid, as the pages of GitHub Pages sites write it (Liquid runs before Markdown
 * there, so CommonMark here read each tag as text, and `{% highlight %}`'s code as paragraphs,
 * its indentation lost and its quotes made curly):
 *
 * - `{% highlight ruby %}` … `{% endhighlight %}`, each on a line of its own, is code in that
 *   language, as written between (fenced-notes.ts pairs them);
 * - `{% raw %}` … `{% endraw %}` goes, what it holds kept as written (its purpose: to show `{{`
 *   and `{%` untouched); in a line too;
 * - `{% comment %}` … `{% endcomment %}` goes with what it holds;
 * - `[words]({% link other.md %})` and `[words]({% post_url 2010-07-21-name %})` link to that
 *   part of the book, as `[words](other.md)` does (remark-safety.ts); to a page that is not a
 *   part, and `[words]({{ '/docs/x/' | relative_url }})`, a link into the site, are their words;
 * - any other tag or variable (`{% include note.html %}`, `{{ page.title }}`), a site's
 *   template, stays as typed, with a warning (`liquid`) at the first.
 */
import type { Link, Paragraph, Parent, PhrasingContent, Root, Text } from 'mdast';
import type { VFile } from 'vfile';
import { SKIP, visit } from 'unist-util-visit';
import { pointAt, textPiece } from './bracket-spans.js';
import { noteFences, type FenceShape, type FenceSyntax, type Line } from './fenced-notes.js';

export interface LiquidOptions {
  /** The series' language; a part's own `lang:` comes first. */
  lang: string;
  /** Part file names of the series (`2016-07-26-name.md`): a `link` or `post_url` to one is a link to it. */
  parts: ReadonlyMap<string, string>;
}

/** A tag alone on its line: `{% name args %}`, `{%- … -%}` too. */
const TAG = /^\{%-?[ \t]*([A-Za-z_]\w*)([^%\n]*?)-?%\}$/;

/** `[words]({% link x %})`, `[words]({% post_url x %})`, `[words]({{ 'x' | relative_url }})` and `({{ site.baseurl }}/x)`. */
const SITE_LINK = /\[([^[\]\n]+)\]\((?:\{%-?[ \t]*(link|post_url)[ \t]+([^%\s]+)[ \t]*-?%\}|\{\{-?[^}\n]*?\}\}[^)\s]*)\)/g;

/** `{% raw %}` and `{% endraw %}` in a line. */
const RAW_TAG = /\{%-?[ \t]*(?:end)?raw[ \t]*-?%\}/g;
const HAS_RAW_TAG = /\{%-?[ \t]*(?:end)?raw[ \t]*-?%\}/;

/** A tag or a variable left in the text. */
const LEFT = /\{%-?[ \t]*[A-Za-z_]\w*[^%\n]*%\}|\{\{-?[ \t]*[A-Za-z_'"][^}\n]*\}\}/;

export default function remarkLiquid(options: LiquidOptions) {
  return (tree: Root, file: VFile): void => {
    const source = String(file.value);
    if (!source.includes('{%') && !source.includes('{{')) return;
    const lang = file.data.frontmatter?.lang ?? options.lang;
    const unlinked: Array<{ words: string; place: Link['position'] }> = [];
    if (source.includes('{%')) {
      const syntax: FenceSyntax = { marker: '{%', fenceOf, closes: (opening, closing) => opening.closingName === closing.closingName };
      noteFences(tree, file, syntax, lang);
    }
    inLines(tree, source, options.parts, unlinked);
    const first = unlinked[0];
    if (first) {
      const more = unlinked.length > 1 ? ` (and ${unlinked.length - 1} more after it)` : '';
      file.message(`Jekyll's link to a page of the site that is not a part of the book: “${first.words}” printed as its words${more}`, { ...(first.place ? { place: first.place } : {}), ruleId: 'liquid', source: 'pamphlet' });
    }
    const left = firstLeft(tree, source);
    if (left) {
      // `{{ x }}` is also MyST's substitution and Jinja's variable: named as what it is to all of them.
      const what = left.tag.startsWith('{%') ? `Jekyll's Liquid \`${left.tag}\` is a site's template, which pamphlet does not run` : `\`${left.tag}\` is a template's variable (Jekyll's Liquid, MyST's substitutions), which pamphlet does not fill`;
      file.message(`${what}: printed as typed`, { ...(left.place ? { place: left.place } : {}), ruleId: 'liquid', source: 'pamphlet' });
    }
  };
}

/** A tag's line as a fence: `highlight`'s code, `raw`'s unwrapped blocks, `comment`'s dropped ones, or their end. */
function fenceOf(line: Line): FenceShape | undefined {
  const [only, ...more] = line.nodes;
  if (more.length || only?.type !== 'text') return undefined;
  const match = TAG.exec(only.value.trim());
  if (!match?.[1]) return undefined;
  const name = match[1].toLowerCase();
  const argument = (match[2] ?? '').trim().split(/\s+/)[0] ?? '';
  if (name === 'endhighlight' || name === 'endraw' || name === 'endcomment') return { marks: 2, title: [], closingName: name.slice(3) };
  if (name === 'highlight') return { marks: 2, name, closingName: name, title: [], makesNote: false, code: /^[\w+#.-]+$/.test(argument) ? argument : '' };
  if (name === 'raw') return { marks: 2, name, closingName: name, title: [], makesNote: false, unwraps: true };
  if (name === 'comment') return { marks: 2, name, closingName: name, title: [], makesNote: false, drops: true };
  return undefined;
}

/** `{% raw %}` in a line, and links into the site, in each text of the part outside code. */
function inLines(tree: Root, source: string, parts: ReadonlyMap<string, string>, unlinked: Array<{ words: string; place: Link['position'] }>): void {
  visit(tree, 'text', (node: Text, index, parent: Parent | undefined) => {
    if (!parent || index === undefined || parent.type === 'link' || !(node.value.includes('{%') || node.value.includes('{{'))) return undefined;
    // As written: `{&#37; raw &#37;}` shows a tag, and is none.
    const written = asWritten(node, source);
    if (!(written.includes('{%') || written.includes('{{'))) return undefined;
    const pieces: PhrasingContent[] = [];
    let last = 0;
    for (const match of node.value.matchAll(SITE_LINK)) {
      const at = match.index ?? 0;
      if (at > last) pieces.push(textPiece(node, last, at, source));
      const end = at + match[0].length;
      const words = textPiece(node, at + 1, at + 1 + (match[1] ?? '').length, source);
      const target = match[2] ? partOf(match[2], match[3] ?? '', parts) : undefined;
      const place = node.position ? { start: pointAt(node, at, source), end: pointAt(node, end, source) } : undefined;
      if (target) pieces.push({ type: 'link', url: target, children: [words], ...(place ? { position: place } : {}) } as Link);
      else {
        pieces.push(words);
        unlinked.push({ words: words.value, place });
      }
      last = end;
    }
    if (last < node.value.length) pieces.push(textPiece(node, last, node.value.length, source));
    // `{% raw %}` and `{% endraw %}` in the line go; what they hold is already text, as written.
    const unraw = pieces.flatMap((piece) => (piece.type === 'text' && HAS_RAW_TAG.test(piece.value) ? withoutRaw(piece) : [piece]));
    if (last === 0 && unraw.length === 1 && unraw[0] === pieces[0]) return undefined;
    parent.children.splice(index, 1, ...(unraw as typeof parent.children));
    return [SKIP, index + unraw.length];
  });
}

function withoutRaw(text: Text): Text[] {
  const kept: Text[] = [];
  let last = 0;
  for (const match of text.value.matchAll(RAW_TAG)) {
    const at = match.index ?? 0;
    if (at > last) kept.push(textPiece(text, last, at));
    last = at + match[0].length;
  }
  if (last < text.value.length) kept.push(textPiece(text, last, text.value.length));
  return kept;
}

/** The part a `link` or `post_url` names, by its file name (a post's without its extension), when it is one. */
function partOf(tag: string, path: string, parts: ReadonlyMap<string, string>): string | undefined {
  const name = path.replace(/^\/+/, '').split('/').pop() ?? '';
  const candidates = tag === 'post_url' ? [`${name}.md`, `${name}.markdown`] : [name];
  return candidates.find((candidate) => parts.has(candidate));
}

/** The first tag or variable left in the part's text, outside code. */
function firstLeft(tree: Root, source: string): { tag: string; place: Paragraph['position'] } | undefined {
  let found: { tag: string; place: Paragraph['position'] } | undefined;
  visit(tree, 'text', (node: Text) => {
    const match = LEFT.exec(node.value);
    if (!match || !asWritten(node, source).includes(match[0].slice(0, 2))) return undefined;
    const at = match.index;
    found = { tag: match[0], place: node.position ? { start: pointAt(node, at, source), end: pointAt(node, at + match[0].length, source) } : undefined };
    return false;
  });
  return found;
}

/** A text's source, as written (its character references not decoded). */
function asWritten(node: Text, source: string): string {
  const start = node.position?.start.offset;
  const end = node.position?.end.offset;
  return start === undefined || end === undefined ? node.value : source.slice(start, end);
}
