/**
 * MDX as Docusaurus, Nextra and Storybook write it (Docusaurus 3 reads its `.md` files as MDX
 * too): React components around Markdown (`<Tabs>`, `<TabItem label="Apple">`, Redux's
 * `<DetailedExplanation title="…">`), the `import` and `export` lines that bring them in, and
 * `{/* comments *\/}`. pamphlet runs no JavaScript, and reads MDX as the Markdown it mostly is
 * (MDX's own parser refuses prose CommonMark takes, `a <b` or `{`); until 2026-12-08 each
 * component's tags printed as typed, an HTML element no browser knows, and each `import` line as
 * a paragraph. Now:
 *
 * - a paragraph at the top level that acorn reads as a module's `import` and `export`
 *   declarations goes, and so does one that is only a `{/* comment *\/}`;
 * - in a raw HTML block, a component's tags become the HTML that shows what it shows on paper:
 *   one with a `title` a note titled so (a `<details>` with that `<summary>`, which
 *   remark-html-blocks.ts reads), of the kind its `type` names if it names one (`<Admonition
 *   type="tip">`), a tab's `label` a line in bold before what the tab holds, any
 *   other a `<div>` around the Markdown it holds; a self-closing one (`<DocCardList />`) draws
 *   what a script would fetch, and goes;
 * - in a line, a component's tags go and the words between them stay;
 * - a tag with no partner is no component: it stays as typed, as any tag pamphlet does not know
 *   (a type's parameter in prose, `Promise<Buffer>`, glued to its word, is never one).
 *
 * A component is told from an HTML element by its capital, as JSX tells it, at the tag as
 * written; parse5's tokenizer finds the tags and where each stands. Said once a part
 * (`mdx`), with the components' names.
 *
 * Docusaurus's ```` ```mdx-code-block ```` fence holds MDX to be shown, not code (so that
 * GitHub, which runs no MDX, shows it as code): it is read as the Markdown it holds, as the
 * part is parsed (mdxCodeBlocks, from remark-parse-gfm.ts), placed at its lines in the file.
 */
import type { Code, Html, Paragraph, Parent, Root, RootContent } from 'mdast';
import type { VFile } from 'vfile';
import { createRequire } from 'node:module';
import { Tokenizer, type TokenHandler } from 'parse5';
import { SKIP, visit } from 'unist-util-visit';
import { PHRASING_PARENTS } from './bracket-spans.js';
import { fenceBodyMap, lineStarts, placeNodes } from './sub-document.js';
import { admonitionKind } from './callout.js';

/** A fence Docusaurus shows as the MDX it holds. */
export const MAY_HOLD_MDX_BLOCK = /^[ \t>]*(?:`{3,}|~{3,})[ \t]*mdx-code-block[ \t]*$/m;

/** Each ```` ```mdx-code-block ```` fence of the part made the Markdown it holds, in place. */
export function mdxCodeBlocks(tree: Root, source: string, parse: (text: string) => Root): void {
  const starts = lineStarts(source);
  const sourceLines = source.split(/\r?\n/);
  visit(tree, 'code', (node: Code, index, parent: Parent | undefined) => {
    if (node.lang !== 'mdx-code-block' || node.meta || !parent || index === undefined || !node.position) return undefined;
    const bodyLines = node.value.split('\n');
    const parsed = parse(node.value);
    const first = node.position.start.line + 1;
    placeNodes(parsed, fenceBodyMap(bodyLines, first, sourceLines, starts));
    parent.children.splice(index, 1, ...(parsed.children as Parent['children']));
    return [SKIP, index + parsed.children.length];
  });
}

/** A component's tag as written: `<Tabs`, `</TabItem`, `<Foo.Bar`. */
const COMPONENT_TAG = /<\/?[A-Z]/;
/** A paragraph that may be a module's declarations. */
const ESM_START = /^(?:import|export)[\s{*]/;
const ESM_LINE = new RegExp(ESM_START.source, 'm');

interface AcornParser {
  parse(input: string, options: { ecmaVersion: 'latest'; sourceType: 'module' }): { body: Array<{ type: string; specifiers?: unknown[] }> };
}
interface Acorn {
  Parser: AcornParser & { extend(plugin: unknown): AcornParser };
}
const require = createRequire(import.meta.url);
/** acorn with JSX, as MDX reads its declarations (`export const Highlight = () => <span>…</span>`), loaded only for a part that may hold one. */
let parser: AcornParser | undefined;

export default function remarkMdx() {
  return (tree: Root, file: VFile): void => {
    const source = String(file.value);
    const components = COMPONENT_TAG.test(source);
    const esm = ESM_LINE.test(source);
    const comments = source.includes('{/*');
    if (!components && !esm && !comments) return;
    const names = new Set<string>();
    let first: RootContent | undefined;
    const said = (node: RootContent, name?: string) => {
      first ??= node;
      if (name) names.add(name);
    };
    if (esm || comments) {
      tree.children = tree.children.filter((node) => {
        if (node.type !== 'paragraph') return true;
        const written = sourceOf(node, source);
        if (written === undefined) return true;
        if ((comments && isComment(written)) || (esm && ESM_START.test(written) && isModule(written))) {
          said(node);
          return false;
        }
        return true;
      });
    }
    if (components) {
      const nodes: Array<{ node: Html; parent: Parent; inline: boolean; tags: Tag[] }> = [];
      visit(tree, 'html', (node: Html, _index, parent: Parent | undefined) => {
        if (!parent || !COMPONENT_TAG.test(node.value)) return;
        const inline = PHRASING_PARENTS.has(parent.type);
        // `Promise<Buffer>`, `Vec<T>`: a type's parameter in prose, glued to the word before it, is no component.
        const before = node.position?.start.offset === undefined ? '' : source.charAt(node.position.start.offset - 1);
        if (inline && !node.value.startsWith('</') && /[\p{L}\p{N}_]/u.test(before)) return;
        const tags = componentTags(node.value);
        if (tags.length) nodes.push({ node, parent, inline, tags });
      });
      pair(nodes.flatMap(({ tags }) => tags));
      for (const { node, parent, inline, tags } of nodes) {
        const shownTags = tags.filter((tag) => tag.kind === 'alone' || tag.partner);
        if (!shownTags.length) continue;
        for (const tag of shownTags) said(node, tag.name);
        node.value = rewritten(node.value, shownTags, inline);
        if (node.value.trim() === '') parent.children.splice(parent.children.indexOf(node), 1);
      }
    }
    if (first) {
      const named = [...names].map((name) => `\`<${name}>\``).join(', ');
      file.message(
        names.size
          ? `MDX: React components (${named}) run in a browser, which pamphlet does not do: the Markdown they hold is printed, a \`title\` as a note's, a tab's \`label\` before its text, and their \`import\` lines and \`{/* comments */}\` left out`
          : 'MDX: `import` and `export` lines and `{/* comments */}` left out: pamphlet runs no JavaScript',
        { ...(first.position ? { place: first.position } : {}), ruleId: 'mdx', source: 'pamphlet' },
      );
    }
  };
}

function sourceOf(node: Paragraph, source: string): string | undefined {
  const start = node.position?.start.offset;
  const end = node.position?.end.offset;
  return start === undefined || end === undefined ? undefined : source.slice(start, end);
}

/** `{/* … *\/}` and nothing else. */
function isComment(written: string): boolean {
  const inner = written.trim();
  if (!inner.startsWith('{') || !inner.endsWith('}')) return false;
  const body = inner.slice(1, -1).trim();
  return body.startsWith('/*') && body.endsWith('*/') && body.indexOf('*/') === body.length - 2;
}

/** Whether acorn reads the text as a module of `import` declarations that name what they bring in, and `export` declarations, alone. */
function isModule(written: string): boolean {
  parser ??= (require('acorn') as Acorn).Parser.extend((require('acorn-jsx') as () => unknown)());
  try {
    const program = parser.parse(written, { ecmaVersion: 'latest', sourceType: 'module' });
    // An import names what it brings in (`import Tabs from '@theme/Tabs'`): a bare `import "fmt"` is
    // as likely Go's, pasted as text (Google Docs writes code as paragraphs).
    return program.body.length > 0 && program.body.every((statement) => (statement.type === 'ImportDeclaration' ? (statement.specifiers?.length ?? 0) > 0 : /^Export\w+Declaration$/.test(statement.type)));
  } catch {
    return false;
  }
}

const escapeHtml = (text: string): string => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** A component's tag in a piece of HTML: where it stands, and what it says. */
interface Tag {
  name: string;
  from: number;
  to: number;
  kind: 'open' | 'close' | 'alone';
  attributes: ReadonlyMap<string, string>;
  /** The tag it pairs with (pair); a tag with none goes, what it holds kept. */
  partner?: Tag;
}

/** HTML written in capitals, as pages of the 1990s and READMEs that copy them write it (`<P ALIGN=center>`, `<BR>`): no component. */
const UPPER_CASE_HTML = /^[A-Z][A-Z\d]*$/;

/** The components' tags of a piece of HTML, by parse5's tokenizer. */
function componentTags(value: string): Tag[] {
  const tags: Tag[] = [];
  const ignore = (): void => {};
  const handler: TokenHandler = {
    onStartTag(token) {
      const at = token.location;
      if (!at || !/[A-Z]/.test(value[at.startOffset + 1] ?? '')) return;
      const name = /^[\w.$-]+/.exec(value.slice(at.startOffset + 1))?.[0] ?? token.tagName;
      if (UPPER_CASE_HTML.test(name)) return;
      const attributes = new Map(token.attrs.map((attribute) => [attribute.name, attribute.value.trim()]));
      tags.push({ name, from: at.startOffset, to: at.endOffset, kind: token.selfClosing ? 'alone' : 'open', attributes });
    },
    onEndTag(token) {
      const at = token.location;
      if (!at || !/[A-Z]/.test(value[at.startOffset + 2] ?? '')) return;
      const name = /^[\w.$-]+/.exec(value.slice(at.startOffset + 2))?.[0] ?? token.tagName;
      if (UPPER_CASE_HTML.test(name)) return;
      tags.push({ name, from: at.startOffset, to: at.endOffset, kind: 'close', attributes: new Map() });
    },
    onComment: ignore, onDoctype: ignore, onEof: ignore, onCharacter: ignore, onNullCharacter: ignore, onWhitespaceCharacter: ignore,
  };
  new Tokenizer({ sourceCodeLocationInfo: true }, handler).write(value, true);
  return tags;
}

/** Each closing tag paired with the opening one of its name still open, across the part's blocks, in the order written. */
function pair(tags: readonly Tag[]): void {
  const open: Tag[] = [];
  for (const tag of tags) {
    if (tag.kind === 'open') open.push(tag);
    else if (tag.kind === 'close') {
      const level = open.map((opening) => opening.name).lastIndexOf(tag.name);
      if (level < 0) continue;
      const opening = open[level]!;
      opening.partner = tag;
      tag.partner = opening;
      open.splice(level);
    }
  }
}

/**
 * A piece of HTML with its components' tags made the HTML that shows what they show (see the top
 * of this file): those that pair up, and those that close themselves. In a line, or closing
 * itself, a tag goes and what it holds stays.
 */
function rewritten(value: string, tags: readonly Tag[], inline: boolean): string {
  let out = '';
  let last = 0;
  for (const tag of tags) {
    out += value.slice(last, tag.from) + (inline || !tag.partner ? '' : tag.kind === 'open' ? shown(tag).opening : shown(tag.partner).closing);
    last = tag.to;
  }
  return out + value.slice(last);
}

/** What a component's opening tag becomes, and its closing tag after it. */
function shown(tag: Tag): { opening: string; closing: string } {
  const title = tag.attributes.get('title');
  const label = tag.attributes.get('label');
  // Docusaurus's `<Admonition type="tip">`: a note of that kind.
  const type = tag.attributes.get('type');
  const kind = type && admonitionKind(type) ? ` class="${escapeHtml(type)}"` : '';
  if (title) return { opening: `<details${kind}><summary>${escapeHtml(title)}</summary>`, closing: '</details>' };
  if (kind) return { opening: `<aside${kind}>`, closing: '</aside>' };
  if (label) return { opening: `<div><p><strong>${escapeHtml(label)}</strong></p>`, closing: '</div>' };
  return { opening: '<div>', closing: '</div>' };
}
