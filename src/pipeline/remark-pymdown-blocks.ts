/**
 * PyMdown's blocks, as MkDocs Material sites write their admonitions: `/// tip` … `///`, with
 * a title of the author's own after a bar (`/// note | Technical Details`), nested by giving
 * the outer block more slashes (`//// note` around a `/// details`). FastAPI's docs, in 14
 * languages, have 404 in the English alone. Each is a note set apart, as GitHub's alerts and
 * Docusaurus's `:::note` are (callout.ts): its kind's style where pamphlet has one (note, tip,
 * important, warning, caution, info, danger, and PyMdown's hint, attention and error), else
 * a note headed by the author's title or the block's own name (`/// details`, `/// example`).
 * Until 2026-12-06 every fence printed as typed, "/// tip" above the text and "///" below.
 *
 * CommonMark has no such block, so micromark reads a fence as a line of a paragraph. A fence
 * is found here as the first line of a paragraph (an opening: `/` three times or more, a
 * name, perhaps a bar and a title) or its last (a closing: the slashes alone), among the
 * blocks of one container; an opening and the next closing with as many slashes pair up, as
 * PyMdown reads them, and the blocks between them become the note. A fence left without a
 * partner stays as typed, an opening with a warning (`pymdown-block`).
 */
import type { Blockquote, BlockContent, DefinitionContent, Paragraph, Parent, PhrasingContent, Root, RootContent, Text } from 'mdast';
import type { Point } from 'unist';
import type { VFile } from 'vfile';
import { SKIP, visit } from 'unist-util-visit';
import { textPiece } from './bracket-spans.js';
import { admonitionKind, calloutData, calloutTitle } from './callout.js';

export interface PymdownBlocksOptions {
  /** The series' language; a part's own `lang:` comes first. */
  lang: string;
}

/** How deep a block may lie within open ones and still be closed. */
const MAX_NESTING = 64;

const OPENING = /^(\/{3,})[ \t]+([A-Za-z][\w-]*)[ \t]*(?:\|[ \t]*)?/;
const CLOSING = /^(\/{3,})[ \t]*$/;

/** A paragraph's line: its phrasing, and what ended it (a line ending's text, or a hard break). */
interface Line {
  nodes: PhrasingContent[];
  end?: PhrasingContent;
}

/** A fence, on a line of its own in a paragraph. */
interface Fence {
  paragraph: Paragraph;
  line: number;
  slashes: number;
  /** An opening's name; none for a closing. */
  name?: string;
  /** An opening's title, after the bar. */
  title: PhrasingContent[];
  /** Where the fence begins. */
  start?: Point;
}

export default function remarkPymdownBlocks(options: PymdownBlocksOptions) {
  return (tree: Root, file: VFile): void => {
    const source = String(file.value);
    if (!source.includes('///')) return;
    const lang = file.data.frontmatter?.lang ?? options.lang;
    const unpaired: Fence[] = [];
    visit(tree, (node) => {
      if (!('children' in node) || node.type === 'paragraph' || node.type === 'heading' || node.type === 'table') return SKIP;
      const parent = node as Parent;
      if (!parent.children.some((child) => child.type === 'paragraph')) return undefined;
      parent.children = blocksOf(parent.children as RootContent[], source, lang, unpaired) as Parent['children'];
      return undefined;
    });
    const first = unpaired[0];
    if (first) {
      const more = unpaired.length > 1 ? ` (and ${unpaired.length - 1} more after it)` : '';
      file.message(`a \`///\` block's fence with no partner, printed as typed${more}: a block opens with \`/// name\` and closes with as many slashes alone on a line`, { place: first.start ?? first.paragraph.position, ruleId: 'pymdown-block', source: 'pamphlet' });
    }
  };
}

/** A container's blocks with each paired opening and closing, and what lies between, made one note. */
function blocksOf(children: RootContent[], source: string, lang: string, unpaired: Fence[]): RootContent[] {
  const lines = new Map<Paragraph, Line[]>();
  const fences: Fence[] = [];
  for (const child of children) {
    if (child.type !== 'paragraph' || !child.children.some((node) => node.type === 'text' && node.value.includes('///'))) continue;
    const own = linesOf(child, source);
    lines.set(child, own);
    own.forEach((line, index) => {
      const fence = fenceOf(line, source);
      const start = line.nodes[0]?.position?.start;
      if (fence) fences.push({ paragraph: child, line: index, ...fence, ...(start ? { start } : {}) });
    });
  }
  if (!fences.length) return children;
  // Pair as PyMdown does: a closing ends the nearest open block with as many slashes.
  const open: Fence[] = [];
  const paired = new Set<Fence>();
  for (const fence of fences) {
    if (fence.name !== undefined) {
      open.push(fence);
      continue;
    }
    // Among the innermost open blocks only: PyMdown's nest a few deep, and a text of thousands
    // of fences that close nothing must not scan every open one for each.
    const stop = Math.max(0, open.length - MAX_NESTING);
    let at = open.length - 1;
    while (at >= stop && open[at]?.slashes !== fence.slashes) at--;
    const opening = at >= stop ? open[at] : undefined;
    if (!opening) continue;
    open.splice(at);
    paired.add(opening).add(fence);
  }
  // An opening without its closing; a line of slashes alone may be a rule drawn in the text.
  unpaired.push(...fences.filter((fence) => !paired.has(fence) && fence.name !== undefined));
  if (!paired.size) return children;
  const at = new Map<Paragraph, Map<number, Fence>>();
  for (const fence of paired) {
    const byLine = at.get(fence.paragraph) ?? new Map<number, Fence>();
    byLine.set(fence.line, fence);
    at.set(fence.paragraph, byLine);
  }
  // Build the blocks again, with a stack of the notes being filled.
  const out: RootContent[] = [];
  const stack: Array<{ opening: Fence; blocks: RootContent[] }> = [];
  const add = (node: RootContent): void => void (stack.at(-1)?.blocks ?? out).push(node);
  for (const child of children) {
    const fenced = child.type === 'paragraph' ? at.get(child) : undefined;
    if (!fenced || child.type !== 'paragraph') {
      add(child);
      continue;
    }
    const own = lines.get(child) ?? [];
    let from = 0;
    const flush = (to: number): void => {
      const nodes = own.slice(from, to).flatMap((line, index, all) => (index < all.length - 1 && line.end ? [...line.nodes, line.end] : line.nodes));
      if (nodes.some((node) => node.type !== 'text' || node.value.trim() !== '')) add(paragraphOf(nodes));
    };
    own.forEach((_line, index) => {
      const fence = fenced.get(index);
      if (!fence) return;
      flush(index);
      from = index + 1;
      if (fence.name !== undefined) stack.push({ opening: fence, blocks: [] });
      else {
        const done = stack.pop();
        if (done) add(note(done.opening, done.blocks, child, lang));
      }
    });
    flush(own.length);
  }
  return out;
}

/** The note: the callout of the block's kind, headed by the author's title or the kind's word. */
function note(opening: Fence, blocks: RootContent[], closedIn: Paragraph, lang: string): Blockquote {
  const name = opening.name ?? 'note';
  const kind = admonitionKind(name);
  const title = opening.title.length ? opening.title : kind ? undefined : [{ type: 'text', value: name.charAt(0).toUpperCase() + name.slice(1) } as Text];
  const start = opening.paragraph.position?.start;
  const end = closedIn.position?.end;
  return {
    type: 'blockquote',
    children: [calloutTitle(kind ?? 'note', lang, title), ...(blocks as Array<BlockContent | DefinitionContent>)],
    data: calloutData(kind ?? 'note'),
    ...(start && end ? { position: { start, end } } : {}),
  };
}

function paragraphOf(children: PhrasingContent[]): Paragraph {
  const start = children[0]?.position?.start;
  const end = children.at(-1)?.position?.end;
  return { type: 'paragraph', children, ...(start && end ? { position: { start, end } } : {}) };
}

/** A paragraph's lines, cut at its line endings and hard breaks; each piece keeps its place. */
function linesOf(paragraph: Paragraph, source: string): Line[] {
  const lines: Line[] = [];
  let nodes: PhrasingContent[] = [];
  for (const node of paragraph.children) {
    if (node.type === 'break') {
      lines.push({ nodes, end: node });
      nodes = [];
      continue;
    }
    if (node.type !== 'text' || !node.value.includes('\n')) {
      nodes.push(node);
      continue;
    }
    let from = 0;
    for (let end = node.value.indexOf('\n'); end >= 0; end = node.value.indexOf('\n', from)) {
      // A Windows line ending is the line's end, both characters.
      const cut = end > from && node.value[end - 1] === '\r' ? end - 1 : end;
      if (cut > from) nodes.push(textPiece(node, from, cut, source));
      lines.push({ nodes, end: textPiece(node, cut, end + 1, source) });
      nodes = [];
      from = end + 1;
    }
    if (from < node.value.length) nodes.push(textPiece(node, from, node.value.length, source));
  }
  lines.push({ nodes });
  return lines;
}

/** The fence a line is, if it is one: an opening (slashes, a name, perhaps a bar and a title) or a closing (slashes alone). */
function fenceOf(line: Line, source: string): Omit<Fence, 'paragraph' | 'line' | 'start'> | undefined {
  const first = line.nodes[0];
  if (first?.type !== 'text') return undefined;
  if (line.nodes.length === 1) {
    const closing = CLOSING.exec(first.value);
    if (closing?.[1]) return { slashes: closing[1].length, title: [] };
  }
  const opening = OPENING.exec(first.value);
  if (!opening?.[1] || !opening[2]) return undefined;
  const after = opening[0].length;
  // A name run on into more words is no fence (`/// tip more`, without the bar).
  if (!opening[0].includes('|') && (first.value.slice(after).trim() !== '' || line.nodes.length > 1)) return undefined;
  const title = [...(after < first.value.length ? [textPiece(first, after, first.value.length, source)] : []), ...line.nodes.slice(1)];
  return { slashes: opening[1].length, name: opening[2], title: trimEnd(title, source) };
}

function trimEnd(nodes: PhrasingContent[], source: string): PhrasingContent[] {
  const last = nodes.at(-1);
  if (last?.type !== 'text') return nodes;
  const kept = last.value.replace(/[ \t]+$/, '');
  if (kept === last.value) return nodes;
  return [...nodes.slice(0, -1), ...(kept ? [textPiece(last, 0, kept.length, source)] : [])];
}
