/**
 * Notes fenced by lines CommonMark has no block for, `/// tip` … `///` (PyMdown) and `::: tip` …
 * `:::` (markdown-it-container, as VitePress, VuePress and HackMD write them): micromark reads
 * each fence as a line of a paragraph. A fence is found here as a line of a paragraph among the
 * blocks of one container; an opening and the closing that ends it pair up, as each syntax
 * reads them, and the blocks between them become a note set apart (callout.ts). The lines
 * around a fence stay paragraphs, each piece of text at its place in the file.
 */
import type { Blockquote, BlockContent, DefinitionContent, Paragraph, Parent, PhrasingContent, Root, RootContent, Text } from 'mdast';
import type { Point } from 'unist';
import type { VFile } from 'vfile';
import { SKIP, visitParents } from 'unist-util-visit-parents';
import { error } from '../diagnostics.js';
import { textPiece } from './bracket-spans.js';
import { admonitionKind, calloutData, calloutTitle } from './callout.js';
import { MAX_DEPTH } from './nesting.js';
import { anchorSpan } from './mdast-nodes.js';
import { OPTION } from './myst-directives.js';

/** How deep a block may lie within open ones and still be closed. */
const MAX_NESTING = 64;

/** A paragraph's line: its phrasing, and what ended it (a line ending's text, or a hard break). */
export interface Line {
  nodes: PhrasingContent[];
  end?: PhrasingContent;
}

/** What a line says as a fence: its marks (slashes, colons), and an opening's name and title. */
export interface FenceShape {
  marks: number;
  /** An opening's name; none for a closing. */
  name?: string;
  /** The name a closing gives, and an opening's closing must give, where the syntax pairs by name (Hugo's `{{< /notice >}}`). */
  closingName?: string;
  /** An opening's title. */
  title: PhrasingContent[];
  /** An opening's note, when the syntax gives one: a pair without leaves its fences as written, for a later plugin. */
  makesNote?: boolean;
  /** An opening's id, Pandoc's `::: {#credit-roles .callout-tip}`: an anchor at the note's title, as MyST's `:name:` is. */
  id?: string;
  /** An opening without a title whose note's first heading is its title (Quarto's callouts). */
  headingTitle?: boolean;
  /**
   * Lines of options right after the opening, MyST's (`:class: tip`, `:name: a-tip`): not the
   * note's text; a class that names a kind of note gives the note its kind.
   */
  options?: boolean;
  /** A pair that makes no note but whose fences go, the blocks between kept as they are (MyST's `{tab-set}`). */
  unwraps?: boolean;
  /** A pair whose lines between are code, in this language ('' for none), not Markdown (Hugo's `{{< highlight go >}}`). */
  code?: string;
  /** A pair that goes with what it holds: a comment (Liquid's `{% comment %}`). */
  drops?: boolean;
}

/** A fence, on a line of its own in a paragraph. */
export interface Fence extends FenceShape {
  paragraph: Paragraph;
  line: number;
  /** Where the fence begins, and where its line ends (after its line ending). */
  start?: Point;
  end?: Point;
}

export interface FenceSyntax {
  /** Text a paragraph must hold to be searched for fences. */
  marker: string;
  fenceOf(line: Line, source: string): FenceShape | undefined;
  /** Whether `closing` ends the open `opening` (the innermost open one is tried first). */
  closes(opening: Fence, closing: Fence): boolean;
  /** Whether the fence on a paragraph's line may pair here at all (else it stays as written). */
  accepts?(paragraph: Paragraph, line: number): boolean;
}

/** Where a container's fences are read: the part's text and language, and how deep the container lies. */
export interface FenceContext {
  source: string;
  lang: string;
  /** The container's ancestors in the part's tree. */
  depth: number;
  /** Openings that pair with nothing are put here. */
  unpaired: Fence[];
  /**
   * Told of the first opening that would nest the tree deeper than MAX_DEPTH (nesting.ts), which
   * later stages walk by recursion: the container's fences then stay as written.
   */
  tooDeep(fence: Fence): void;
}

/**
 * Every container of the part with its fences' notes made, outermost first (a note's own blocks
 * are then read as a container of their own); the openings that paired with nothing are returned.
 * Notes nested past MAX_DEPTH are an error at the fence past the bound, and stay as written.
 */
export function noteFences(tree: Root, file: VFile, syntax: FenceSyntax, lang: string): Fence[] {
  const unpaired: Fence[] = [];
  let deep: Fence | undefined;
  const context: FenceContext = { source: String(file.value), lang, depth: 0, unpaired, tooDeep: (fence) => void (deep ??= fence) };
  visitParents(tree, (node, ancestors) => {
    if (!('children' in node) || node.type === 'paragraph' || node.type === 'heading' || node.type === 'table') return SKIP;
    const parent = node as Parent;
    if (!parent.children.some((child) => child.type === 'paragraph')) return undefined;
    parent.children = blocksOf(parent.children as RootContent[], syntax, { ...context, depth: ancestors.length + 1 }) as Parent['children'];
    return undefined;
  });
  if (deep) error(file, `\`${syntax.marker}\` blocks nested over ${MAX_DEPTH} levels deep (counting the blocks around them): close each before the next opens`, { place: deep.start ?? deep.paragraph.position, ruleId: 'nesting', source: 'pamphlet' });
  return unpaired;
}

/** An opening fence's line as read: its first text, its marks, its name, and what the match took. */
export interface OpeningLine {
  first: Text;
  marks: number;
  name: string;
  /** The text the opening's pattern matched, from the line's start, and its length. */
  matched: string;
  after: number;
}

/**
 * The fence a line is, read against a syntax's two patterns: a closing (marks in the pattern's
 * first group, the line nothing but the fence), or an opening (marks in the first group, the name
 * in the second), which `opening` reads on; undefined for neither.
 */
export function readFence(line: Line, closing: RegExp, opening: RegExp, read: (opening: OpeningLine) => FenceShape | undefined): FenceShape | undefined {
  const first = line.nodes[0];
  if (first?.type !== 'text') return undefined;
  if (line.nodes.length === 1) {
    const closed = closing.exec(first.value);
    if (closed?.[1]) return { marks: closed[1].length, title: [] };
  }
  const match = opening.exec(first.value);
  return match?.[1] && match[2] ? read({ first, marks: match[1].length, name: match[2], after: match[0].length, matched: match[0] }) : undefined;
}

/** A container's blocks with each paired opening and closing, and what lies between, made one note. */
export function blocksOf(children: RootContent[], syntax: FenceSyntax, context: FenceContext): RootContent[] {
  const { source, lang, unpaired } = context;
  const lines = new Map<Paragraph, Line[]>();
  const fences: Fence[] = [];
  for (const child of children) {
    if (child.type !== 'paragraph' || !child.children.some((node) => node.type === 'text' && node.value.includes(syntax.marker))) continue;
    const own = linesOf(child, source);
    lines.set(child, own);
    own.forEach((line, index) => {
      const fence = syntax.fenceOf(line, source);
      const start = line.nodes[0]?.position?.start;
      const end = (line.end ?? line.nodes.at(-1))?.position?.end;
      if (fence && (syntax.accepts?.(child, index) ?? true)) fences.push({ paragraph: child, line: index, ...fence, ...(start ? { start } : {}), ...(end ? { end } : {}) });
    });
  }
  if (!fences.length) return children;
  const open: Fence[] = [];
  const paired = new Set<Fence>();
  for (const fence of fences) {
    if (fence.name !== undefined) {
      open.push(fence);
      continue;
    }
    // Among the innermost open blocks only: they nest a few deep, and a text of thousands of
    // fences that close nothing must not scan every open one for each.
    const stop = Math.max(0, open.length - MAX_NESTING);
    let at = open.length - 1;
    while (at >= stop && !syntax.closes(open[at]!, fence)) at--;
    const opening = at >= stop ? open[at] : undefined;
    if (!opening) continue;
    open.splice(at);
    paired.add(opening).add(fence);
  }
  // An opening without its closing; a line of marks alone may be a rule drawn in the text.
  unpaired.push(...fences.filter((fence) => !paired.has(fence) && fence.name !== undefined));
  // Only pairs that make a note are taken out; the others stay, fences and all, as written.
  const noted = new Set<Fence>();
  const pairStack: Fence[] = [];
  for (const fence of fences) {
    if (!paired.has(fence)) continue;
    if (fence.name !== undefined) pairStack.push(fence);
    else {
      const opening = pairStack.pop();
      if (opening && (opening.makesNote !== false || opening.unwraps || opening.drops || opening.code !== undefined)) noted.add(fence).add(opening);
    }
  }
  if (!noted.size) return children;
  const at = new Map<Paragraph, Map<number, Fence>>();
  for (const fence of noted) {
    const byLine = at.get(fence.paragraph) ?? new Map<number, Fence>();
    byLine.set(fence.line, fence);
    at.set(fence.paragraph, byLine);
  }
  // Thousands of notes each inside the last, as an attacker would write them, would overflow
  // the stack of every later walk of the tree.
  let depth = 0;
  for (const fence of fences) {
    if (!noted.has(fence)) continue;
    depth += fence.name !== undefined ? 1 : -1;
    if (context.depth + depth > MAX_DEPTH) {
      context.tooDeep(fence);
      return children;
    }
  }
  // Build the blocks again, with a stack of the notes being filled.
  const out: RootContent[] = [];
  const stack: Array<{ opening: Fence; blocks: RootContent[]; classes: string[]; names: string[] }> = [];
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
      if (fence.name !== undefined) {
        const classes: string[] = [];
        const names: string[] = fence.id ? [fence.id] : [];
        for (let option = fence.options ? optionOf(own[from]) : undefined; option; option = optionOf(own[from])) {
          if (option.key === 'class') classes.push(...option.value.split(/\s+/));
          if (option.key === 'name' && option.value) names.push(option.value);
          from++;
        }
        stack.push({ opening: fence, blocks: [], classes, names });
      } else {
        const done = stack.pop();
        const lines = done?.opening.code !== undefined ? codeBetween(done.opening, fence, source) : undefined;
        if (done && lines !== undefined) add({ type: 'code', lang: done.opening.code || null, meta: null, value: lines, ...(done.opening.start && fence.end ? { position: { start: done.opening.start, end: fence.end } } : {}) });
        else if (done?.opening.unwraps) for (const block of done.blocks) add(block);
        else if (done?.opening.drops) return;
        else if (done) add(note(done.opening, done.blocks, child, lang, done));
      }
    });
    flush(own.length);
  }
  return out;
}

/** The note: the callout of the block's kind, headed by the author's title or the kind's word. */
function note(opening: Fence, written: RootContent[], closedIn: Paragraph, lang: string, options: { classes: readonly string[]; names: readonly string[] }): Blockquote {
  const name = opening.name ?? 'note';
  const kind = admonitionKind(name) ?? options.classes.map(admonitionKind).find((named) => named !== undefined);
  const [first, ...rest] = written;
  const headed = opening.headingTitle && !opening.title.length && first?.type === 'heading';
  const blocks = headed ? rest : written;
  const own = headed ? first.children : opening.title;
  const title = own.length ? own : kind ? undefined : [{ type: 'text', value: name.charAt(0).toUpperCase() + name.slice(1) } as Text];
  const start = opening.paragraph.position?.start;
  const end = closedIn.position?.end;
  const heading = calloutTitle(kind ?? 'note', lang, title);
  // MyST's `:name:` is a target links reach (`[the tip](#a-tip)`): an anchor at the note's title (rehype-anchors.ts).
  const anchors = options.names.map(anchorSpan);
  heading.children.unshift(...anchors);
  return {
    type: 'blockquote',
    children: [heading, ...(blocks as Array<BlockContent | DefinitionContent>)],
    data: calloutData(kind ?? 'note'),
    ...(start && end ? { position: { start, end } } : {}),
  };
}

/** The text of the file between an opening's line and its closing, as written: code. */
function codeBetween(opening: Fence, closing: Fence, source: string): string | undefined {
  const from = opening.end?.offset;
  const to = closing.start?.offset;
  if (from === undefined || to === undefined || to < from) return undefined;
  // The closing's own indent, on its line before it, is no code's.
  return source.slice(from, to).replace(/\r?\n[ \t]*$/, '').replace(/^[ \t]*$/, '');
}

/** A line of MyST's options, `:key: value`, alone on its line. */
function optionOf(line: Line | undefined): { key: string; value: string } | undefined {
  const [only, ...more] = line?.nodes ?? [];
  if (more.length || only?.type !== 'text') return undefined;
  const option = OPTION.exec(only.value);
  return option?.[1] ? { key: option[1], value: (option[2] ?? '').trim() } : undefined;
}

function paragraphOf(children: PhrasingContent[]): Paragraph {
  const start = children[0]?.position?.start;
  const end = children.at(-1)?.position?.end;
  return { type: 'paragraph', children, ...(start && end ? { position: { start, end } } : {}) };
}

/** A paragraph's lines, cut at its line endings and hard breaks; each piece keeps its place. */
export function linesOf(paragraph: Paragraph, source: string): Line[] {
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

/** A title's phrasing without the blanks at its end. */
export function trimEnd(nodes: PhrasingContent[], source: string): PhrasingContent[] {
  const last = nodes.at(-1);
  if (last?.type !== 'text') return nodes;
  const kept = last.value.replace(/[ \t]+$/, '');
  if (kept === last.value) return nodes;
  return [...nodes.slice(0, -1), ...(kept ? [textPiece(last, 0, kept.length, source)] : [])];
}
