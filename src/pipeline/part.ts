/**
 * One part, Markdown → PartDocument. The stage order is fixed and explained here:
 * 1. parse (CommonMark + GFM footnotes + front matter + directive syntax);
 * 2. safety checks on the raw tree, before anything can be rendered;
 * 3. directives (quotes need the bibliography for their captions);
 * 4. notes and citations, numbered in one reading order;
 * 5. the CSL engine formats every cluster at once (positions need the whole part);
 * 6. mdast → hast, then ids, ¶ numbers and the document's other parts.
 */
import type { Element, ElementContent } from 'hast';
import type { List, Root } from 'mdast';
import type { VFile } from 'vfile';
import { unified, type Processor } from 'unified';
import remarkParse from 'remark-parse';
import remarkGfm from 'remark-gfm';
import remarkFrontmatter from 'remark-frontmatter';
import remarkDirective from 'remark-directive';
import { fromHtml } from 'hast-util-from-html';
import { visit } from 'unist-util-visit';
import type { Bibliography as BibliographyData } from '../citations/bibliography.js';
import { formatCitations, type CitationStyle } from '../citations/engine.js';
import type { ResolvedConfig } from '../config/types.js';
import type { NextPart, Note, PartDocument, PartMeta } from '../document.js';
import { error } from '../diagnostics.js';
import { applyDirectives } from './directives.js';
import type { PartFrontmatter } from './frontmatter.js';
import { collectNotes } from './notes.js';
import { checkSafety } from './safety.js';
import { elementChildren, mdastToHast, numberParagraphs, sectionize } from './to-hast.js';

/** Built once per run and reused for every part (parsing only: our stages are plain functions). */
export function createParser(): Processor<Root> {
  return unified().use(remarkParse).use(remarkGfm).use(remarkFrontmatter, ['yaml']).use(remarkDirective) as unknown as Processor<Root>;
}

export interface PartContext {
  config: ResolvedConfig;
  bibliography?: BibliographyData;
  style?: CitationStyle;
  bibliographyTitle: string;
  questionsTitle: string;
  /** Receives every bibliography key the part cites or quotes, for `check`'s uncited-entry warning. */
  usedKeys?: Set<string>;
}

export interface ParsedPart {
  file: VFile;
  tree: Root;
  frontmatter: PartFrontmatter;
}

export function buildPart(parsed: ParsedPart, meta: Omit<PartMeta, 'next'> & { next: NextPart | null }, context: PartContext): PartDocument {
  const { file, tree, frontmatter } = parsed;
  const { config } = context;
  const items = context.bibliography?.items ?? new Map();

  checkSafety(tree, file, config.dir);
  const directives = applyDirectives(tree, file, items);
  const noteStyle = context.style?.kind !== 'in-text';
  const collected = collectNotes(tree, file, items, noteStyle);
  for (const cluster of collected.clusters) for (const item of cluster.items) context.usedKeys?.add(item.id);
  for (const key of directives.quoteSources) context.usedKeys?.add(key);

  let bibliographyEntries: Element[] = [];
  if (collected.clusters.length || directives.quoteSources.length) {
    if (!context.style || !context.bibliography) {
      if (collected.clusters.length) error(file, 'this part cites works but pamphlet.yaml names no `bibliography`', { place: { line: 1, column: 1 }, ruleId: 'no-bibliography', source: 'pamphlet' });
    } else {
      const formatted = formatCitations(
        { style: context.style, lang: config.lang, localeDir: config.localeDir, items },
        collected.clusters,
        directives.quoteSources,
      );
      for (const [id, placeholder] of collected.placeholders) {
        const html = formatted.clusters.get(id) ?? '';
        // As Pandoc does: a note-style citation inside a footnote reads "(Reed, Ten Days, 129)".
        placeholder.data.hChildren = htmlFragment(placeholder.parenthetical ? `(${html.replace(/\.(<\/[a-z]+>)*$/, '$1')})` : html);
      }
      // A note is a sentence: one that is only a citation starts with a capital ("See …").
      for (const note of collected.notes) {
        if (note.kind === 'citation') capitalizeFirst(note.children);
      }
      bibliographyEntries = formatted.bibliography.flatMap((html) => htmlFragment(html).filter(isElement));
    }
  }

  // The next-part line: generated, placed by ::next-part or appended by the renderers.
  const nextPart = meta.next ? nextPartElement(meta.next) : null;
  let nextPartInBody = false;
  visit(tree, 'leafDirective', (node, index, parent) => {
    if (node.name !== 'next-part' || !parent || index === undefined) return;
    if (nextPart) {
      parent.children[index] = { type: 'nextPart', data: { hName: 'p', hProperties: { className: ['next-part'] }, hChildren: nextPart.children } } as unknown as typeof node;
      nextPartInBody = true;
    } else {
      parent.children.splice(index, 1);
      file.message('`::next-part` but this part has no next part (the last of the series, or `next: false`)', { place: node.position, ruleId: 'next-part-none', source: 'pamphlet' });
    }
  });

  tree.children = tree.children.filter((child) => child.type !== 'yaml');
  const body = mdastToHast(tree, file);
  const sections = sectionize(body);
  const paragraphCount = numberParagraphs(body);

  const notes: Note[] = collected.notes.map((note) => ({
    id: `note-${note.number}`,
    number: note.number,
    kind: note.kind,
    content: elementChildren(mdastToHast({ type: 'root', children: note.children }, file)),
  }));

  const questions = directives.questions
    ? {
        title: directives.questions.title ?? context.questionsTitle,
        items: listItems(directives.questions.list, file),
      }
    : null;

  const showBibliography = frontmatter.bibliography !== false && bibliographyEntries.length > 0;
  return {
    meta: { ...meta },
    body,
    sections,
    notes,
    bibliography: showBibliography ? { title: context.bibliographyTitle, entries: bibliographyEntries } : null,
    questions,
    questionsInText: config.questions === 'everywhere',
    nextPart: nextPartInBody ? null : nextPart,
    nextPartInBody,
    paragraphCount,
  };
}

function nextPartElement(next: NextPart): Element {
  const text: ElementContent = { type: 'text', value: `Next: ${next.label}` };
  const children: ElementContent[] = next.href
    ? [{ type: 'element', tagName: 'a', properties: { href: next.href }, children: [text] }]
    : [text];
  return { type: 'element', tagName: 'p', properties: { className: ['next-part'] }, children };
}

function listItems(list: List, file: VFile): Element[] {
  const hast = mdastToHast({ type: 'root', children: [list] }, file);
  const ol = hast.children.find(isElement);
  return (ol?.children ?? []).filter(isElement).filter((child) => child.tagName === 'li');
}

function capitalizeFirst(nodes: unknown[]): void {
  for (const node of nodes as Array<{ type: string; value?: string; children?: unknown[]; data?: { hChildren?: unknown[] } }>) {
    if (node.type === 'text' && node.value?.trim()) {
      node.value = node.value.replace(/^(\s*)(\p{Ll})/u, (_, space: string, letter: string) => space + letter.toUpperCase());
      return;
    }
    const inner = node.data?.hChildren ?? node.children;
    if (inner?.length) return capitalizeFirst(inner);
  }
}

function htmlFragment(html: string): ElementContent[] {
  return elementChildren(fromHtml(html, { fragment: true }));
}

function isElement(node: { type: string }): node is Element {
  return node.type === 'element';
}
