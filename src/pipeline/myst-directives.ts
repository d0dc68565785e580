/**
 * MyST's admonitions (Jupyter Book, MyST-Parser, Sphinx), as its documents write them in a fence
 * of backticks: ```` ```{note} ````, ```` ```{admonition} A title ```` with `:class: tip`, and
 * sphinx's `{seealso}`, `{versionadded} 1.2`, sphinx-design's `{dropdown} A title`. CommonMark
 * reads each as a block of code in a language named `{note}`: the note printed as code, its
 * Markdown as typed. Here, right after the parse, a fence whose directive is a note has its body
 * parsed with the part's own syntax (a list, a table or another directive inside are read as MyST
 * reads them), every node placed back in the file, and becomes the container remark-directive
 * makes of `:::tip[A title]`, which remark-directives.ts makes a note set apart. Its options
 * (`:class:`, `:name:`, a `---` block of them) are not its text: a class that names a kind gives
 * the note its kind, and a name is an anchor links reach. `{bibliography}`, `{tableofcontents}`
 * and `{toctree}` go: the book lists its works cited and its contents itself. Other directives
 * (`{code-cell}`, `{math}`, `{figure}`) stay what CommonMark reads. MyST's colon fences, `:::{tip}`, are
 * remark-colon-containers.ts's, with the same titles (MYST_NOTES).
 */
import type { Code, Paragraph, PhrasingContent, Root, RootContent } from 'mdast';
import type { ContainerDirective } from 'mdast-util-directive';
import { SKIP, visit } from 'unist-util-visit';
import { admonitionKind } from './callout.js';
import { anchorSpan } from './mdast-nodes.js';
import { definitionsFor, definitionsOf, type Definitions } from './mkdocs-admonitions.js';
import { fenceBodyMap, lineStarts, placeNodes } from './sub-document.js';

/** A fence of backticks or tildes whose info string begins with a directive's braces. */
export const MAY_HOLD_MYST = /^[ \t>]*(?:`{3,}|~{3,})[ \t]*\{[A-Za-z]/m;

/** MyST's directives that are notes without being a kind, and the title each takes from its argument (sphinx's words). */
export const MYST_NOTES: Readonly<Record<string, (argument: string) => string | undefined>> = {
  admonition: (argument) => argument || undefined,
  seealso: (argument) => argument || 'See also',
  versionadded: (argument) => `New in version ${argument}`.trim(),
  versionchanged: (argument) => `Changed in version ${argument}`.trim(),
  deprecated: (argument) => `Deprecated since version ${argument}`.trim(),
  // sphinx-design's, which fold or tab on the web: printed open, titled by their label.
  dropdown: (argument) => argument || undefined,
  'tab-item': (argument) => argument || undefined,
  card: (argument) => argument || undefined,
};

/** Directives for lists the book makes itself, at its own places: `{bibliography}`, `{tableofcontents}`, `{toctree}`. */
const PLACED_BY_THE_BOOK = new Set(['bibliography', 'tableofcontents', 'toctree']);

/** A line of MyST's options, `:key: value`. */
export const OPTION = /^:([\w-]+):(?:[ \t]+(.*))?$/;

/** The part's fences of MyST notes made containers, in place (and in the notes made, as they are parsed). */
export function mystDirectives(tree: Root, source: string, parse: (text: string) => Root): void {
  const starts = lineStarts(source);
  const sourceLines = source.split(/\r?\n/);
  let definitions: Definitions | undefined;
  visit(tree, 'code', (node: Code, index, parent) => {
    const directive = /^\{([A-Za-z][\w-]*)\}$/.exec(node.lang ?? '')?.[1]?.toLowerCase();
    if (!directive || !parent || index === undefined || !node.position) return undefined;
    // Where the book's own lists go: its Works Cited after the text, its contents before it.
    if (PLACED_BY_THE_BOOK.has(directive)) {
      parent.children.splice(index, 1);
      return [SKIP, index];
    }
    const argument = (node.meta ?? '').trim();
    const titled = MYST_NOTES[directive];
    const kind = admonitionKind(directive);
    if (!titled && !kind) return undefined;
    const lines = node.value.split('\n');
    // Its options: `:key: value` lines first, or a block of YAML between `---` lines.
    let skip = 0;
    const options: Array<[string, string]> = [];
    if (lines[0]?.trim() === '---') {
      const end = lines.indexOf('---', 1);
      if (end > 0) {
        for (const line of lines.slice(1, end)) {
          const pair = /^([\w-]+):[ \t]*(.*)$/.exec(line);
          if (pair?.[1]) options.push([pair[1], (pair[2] ?? '').trim()]);
        }
        skip = end + 1;
      }
    }
    for (let option = OPTION.exec(lines[skip] ?? ''); option?.[1]; option = OPTION.exec(lines[++skip] ?? '')) options.push([option[1], (option[2] ?? '').trim()]);
    const bodyLines = lines.slice(skip);
    const body = bodyLines.join('\n');
    // A body that begins `---` would be read as front matter on its own.
    if (/^(?:---|\+\+\+)/.test(body)) return undefined;
    const parsed = parse(`${body}${definitionsFor(body, (definitions ??= definitionsOf(tree)))}`);
    // The part's definitions went along, so that its references and note calls in the body are
    // read as the whole part reads them; they stay where the part has them.
    parsed.children = parsed.children.filter((child) => (child.position?.start.line ?? 0) <= bodyLines.length);
    const first = node.position.start.line + 1 + skip;
    placeNodes(parsed, fenceBodyMap(bodyLines, first, sourceLines, starts));
    const classes = options.filter(([key]) => key === 'class').flatMap(([, value]) => value.split(/\s+/));
    const ownKind = kind ?? classes.map(admonitionKind).find((named) => named !== undefined) ?? 'note';
    const title = titled?.(argument) ?? (kind && argument ? argument : undefined);
    const children: RootContent[] = [];
    if (title) children.push({ type: 'paragraph', data: { directiveLabel: true } as Paragraph['data'], children: [{ type: 'text', value: title }] });
    // `:name:` is a target links reach: an anchor at the body's first text (rehype-anchors.ts).
    const anchors = options.filter(([key, value]) => key === 'name' && value).map(([, id]) => anchorSpan(id));
    const firstText = parsed.children.find((child): child is Paragraph => child.type === 'paragraph');
    if (firstText) firstText.children.unshift(...(anchors as PhrasingContent[]));
    children.push(...parsed.children);
    const container: ContainerDirective = { type: 'containerDirective', name: ownKind, attributes: {}, children: children as ContainerDirective['children'], position: node.position };
    parent.children[index] = container as RootContent;
    // Its body was read as it was parsed: nested notes are made already.
    return [SKIP, index + 1];
  });
}
