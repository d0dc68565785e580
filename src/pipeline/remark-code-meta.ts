/**
 * A code block's title and highlighted lines, as the documentation tools write them:
 *
 * - its title, the file it shows: Docusaurus's and MkDocs Material's ```` ```js title="src/app/store.js" ````,
 *   VitePress's ```` ```js [config.js] ````, Quarto's ```` ```{.python filename="run.py"} ````
 *   (remark-pandoc-code-attributes.ts): a line above the code (`p.code-title`), which print keeps
 *   with it;
 * - the lines it highlights, which say what changed from one step of a tutorial to the next:
 *   Docusaurus's and VitePress's ```` ```js {1,4-6} ```` (VitePress also ```` ```js{4} ````), MkDocs's
 *   `hl_lines="2 3"`, and the comments that mark them in the code, Docusaurus's
 *   `// highlight-next-line`, `// highlight-start` … `// highlight-end` (or `#`, `/* … *\/`,
 *   `<!-- -->`, `{/* … *\/}` as the language comments) and VitePress's `// [!code highlight]` at a
 *   line's end: each such line is set in a `<mark>`, and the comments that only mark go.
 *
 * Until 2026-12-08 the meta was dropped and the comments printed: Redux's tutorial printed
 * `// highlight-next-line` 444 times in its eight parts, and never which lines were new. What
 * else a tool's meta says (line numbers, a language's options) is left out, as before.
 */
import type { Code, Parent, Root } from 'mdast';
import type { ElementContent } from 'hast';
import type { VFile } from 'vfile';
import { visit } from 'unist-util-visit';
import type { Container } from './mdast-nodes.js';

/** `title="…"` or `title='…'` (Docusaurus, MkDocs), in a fence's meta. */
const TITLE = /(?:^|\s)title=(?:"([^"]*)"|'([^']*)')/;
/** VitePress's `[config.js]`, in a fence's meta. */
const BRACKET_TITLE = /(?:^|\s)\[([^\][]+)\](?=\s|$)/;
/** `{1,4-6}` (Docusaurus, VitePress), in a fence's meta or right after its language. */
const RANGES = /(?:^|\s)\{([\d\s,-]+)\}(?=\s|$)/;
const LANGUAGE_WITH_RANGES = /^([\w+#.-]+)\{([\d\s,-]+)\}$/;
/** MkDocs's `hl_lines="2 3"` (pymdownx.highlight), ranges written `2-4`. */
const HL_LINES = /(?:^|\s)hl_lines=(?:"([\d\s-]*)"|'([\d\s-]*)')/;

/** A line that is only Docusaurus's magic comment, in any of the comment forms it reads (matched trimmed). */
const MAGIC = /^(?:\/\/|#|--|;|\/\*|\{\/\*|<!--)\s*highlight-(next-line|start|end)(?:\s*(?:\*\/\}?|-->))?$/;
/** VitePress's notations at a line's end, `// [!code highlight]` and its kin, that mark a line. */
const VITEPRESS_MARKS = new Set(['highlight', 'hl', '++', 'focus', 'warning', 'error']);
const VITEPRESS_ALL = new Set([...VITEPRESS_MARKS, '--']);
const COMMENT_OPENERS = ['//', '#', '<!--', '/*'];

/** How many lines a range may name: `{1-100000000}` is no reason to build a set that large. */
const MAX_LINE = 100_000;

/** Whether a part's source may hold a fence with a title or highlights (most hold none, and are not walked). */
const MAY_HOLD = /^[ \t>]*(?:`{3,}|~{3,})[^\n]*(?:title=|hl_lines|\{|\[)|highlight-(?:next-line|start|end)|\[!code /m;

export default function remarkCodeMeta() {
  return (tree: Root, file: VFile): void => {
    if (!MAY_HOLD.test(String(file.value))) return;
    visit(tree, 'code', (node: Code, index, parent: Parent | undefined) => {
      const meta = node.meta ?? '';
      const withRanges = LANGUAGE_WITH_RANGES.exec(node.lang ?? '');
      if (withRanges) node.lang = withRanges[1] ?? null;
      const ranges = [withRanges?.[2], RANGES.exec(meta)?.[1], ...[HL_LINES.exec(meta)].map((found) => found?.[1] ?? found?.[2])].filter((written): written is string => written !== undefined);
      const mayMark = ranges.length > 0 || node.value.includes('highlight-') || node.value.includes('[!code');
      const titleFound = TITLE.exec(meta) ?? BRACKET_TITLE.exec(meta);
      const title = (titleFound?.[1] ?? titleFound?.[2])?.trim();
      if (!mayMark && !title) return undefined;
      const marked = new Set<number>();
      for (const written of ranges) for (const line of linesOf(written)) marked.add(line);
      if (mayMark) node.value = withoutMagicComments(node.value, marked);
      if (marked.size > 0) node.data = { ...node.data, hChildren: markedLines(node.value, marked) } as Code['data'];
      if (!title || !parent || index === undefined) return undefined;
      const heading: Container = {
        type: 'container',
        children: [{ type: 'inlineCode', value: title }] as unknown as Container['children'],
        data: { hName: 'p', hProperties: { className: ['code-title'] } },
        ...(node.position ? { position: { start: node.position.start, end: node.position.start } } : {}),
      };
      parent.children.splice(index, 0, heading as Parent['children'][number]);
      return index + 2;
    });
  };
}

/** The line numbers `1,4-6` or `2 3` names (1-based), each range at most MAX_LINE. */
function linesOf(written: string): number[] {
  const lines: number[] = [];
  for (const piece of written.split(/[\s,]+/)) {
    const range = /^(\d+)(?:-(\d+))?$/.exec(piece);
    if (!range) continue;
    const from = Number(range[1]);
    const to = Math.min(Number(range[2] ?? range[1]), MAX_LINE);
    for (let line = from; line <= to; line++) lines.push(line);
  }
  return lines;
}

/**
 * The code without its magic comments, the lines they mark added to `marked` (numbered as
 * the code is without them, as Docusaurus numbers them); ranges already in `marked` count
 * the lines as written in the meta, before any comment goes, and stay as they are.
 */
function withoutMagicComments(value: string, marked: Set<number>): string {
  const out: string[] = [];
  let next = false;
  let inRange = false;
  for (const line of value.split('\n')) {
    const magic = line.includes('highlight-') ? MAGIC.exec(line.trim())?.[1] : undefined;
    if (magic === 'next-line') next = true;
    else if (magic === 'start') inRange = true;
    else if (magic === 'end') inRange = false;
    if (magic) continue;
    const vitepress = line.includes('[!code ') ? vitepressNotation(line) : undefined;
    out.push(vitepress?.text ?? line);
    if (next || inRange || (vitepress && VITEPRESS_MARKS.has(vitepress.kind))) marked.add(out.length);
    next = false;
  }
  return out.join('\n');
}

/**
 * VitePress's `// [!code highlight]` at a line's end (or after `#`, `<!--`, `/*`): the line
 * without it, and its kind. Read by hand, not by one pattern: a pattern with blanks on both
 * sides of the comment took time in the square of a long run of blanks.
 */
function vitepressNotation(line: string): { text: string; kind: string } | undefined {
  const at = line.lastIndexOf('[!code ');
  const close = line.indexOf(']', at);
  if (at < 0 || close < 0) return undefined;
  const kind = line.slice(at + '[!code '.length, close).replace(/:\d+$/, '');
  const after = line.slice(close + 1).trim();
  if (!VITEPRESS_ALL.has(kind) || (after !== '' && after !== '*/' && after !== '-->')) return undefined;
  const before = line.slice(0, at).trimEnd();
  const opener = COMMENT_OPENERS.find((written) => before.endsWith(written));
  return opener ? { text: before.slice(0, before.length - opener.length).trimEnd(), kind } : undefined;
}

/**
 * The code's text, each marked line in a `<mark>` (its newline outside it, so print's line spans
 * keep it whole), ended by a newline as mdast-util-to-hast ends a code block's text.
 */
function markedLines(value: string, marked: ReadonlySet<number>): ElementContent[] {
  const children: ElementContent[] = [];
  const lines = `${value}\n`.split('\n');
  let plain = '';
  lines.forEach((line, i) => {
    const end = i < lines.length - 1 ? '\n' : '';
    if (!marked.has(i + 1) || line === '') {
      plain += line + end;
      return;
    }
    if (plain) children.push({ type: 'text', value: plain });
    children.push({ type: 'element', tagName: 'mark', properties: {}, children: [{ type: 'text', value: line }] });
    plain = end;
  });
  if (plain) children.push({ type: 'text', value: plain });
  return children;
}
