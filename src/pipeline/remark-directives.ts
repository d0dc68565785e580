/**
 * Gives meaning to the generic directive syntax: `:cite[…]`, `:span[…]{lang=…}`,
 * `:::quote`, `:::questions`, `::next-part`, `::pagebreak` and Docusaurus's admonitions
 * (`:::note`, `:::tip`, `:::info`, `:::important`, `:::warning`, `:::caution`, `:::danger`). Any other
 * directive is an error at its place, never silently dropped text.
 */
import type { BlockContent, List, Paragraph, Parent, PhrasingContent, Root, RootContent } from 'mdast';
import type { ContainerDirective, LeafDirective, TextDirective } from 'mdast-util-directive';
import type { VFile } from 'vfile';
import type { VFileMessage } from 'vfile-message';
import type { ElementContent } from 'hast';
import { toString } from 'mdast-util-to-string';
import { SKIP, visit, type VisitorResult } from 'unist-util-visit';
import type { Node } from 'unist';
import { error } from '../diagnostics.js';
import { attribution } from '../citations/attribution.js';
import type { CslItem } from '../citations/bibliography.js';
import { parseLocator, type CiteItem } from '../citations/engine.js';
import type { Citation, Container, InlineContainer, Rendered } from './mdast-nodes.js';
import { STORE } from './stores.js';
import { nextPartLine } from '../blocks.js';
import { admonitionKind, calloutData, calloutTitle } from './callout.js';
import type { AlertKind } from '../words.js';

/**
 * Docusaurus's admonitions, as its docs and READMEs write them (`:::caution` … `:::`, a title as
 * `:::tip[Before you start]`): the same note set apart as GitHub's alerts (callout.ts). Until
 * 2026-12-06 each was refused as an unknown directive.
 */
const ADMONITIONS = ['note', 'tip', 'info', 'important', 'warning', 'caution', 'danger'] as const;
/**
 * The kind of note a container's name asks for: Docusaurus's names, and the other names
 * admonitions go by (`:::success`, as HackMD and HedgeDoc write their green box; `hint`, `error`).
 */
const admonitionOf = (name: string): AlertKind | undefined => ((ADMONITIONS as readonly string[]).includes(name) ? (name as AlertKind) : admonitionKind(name));
/** pamphlet's own directives (`pamphlet init`'s sample part shows each). */
export const KNOWN_DIRECTIVES = ['cite', 'span', 'quote', 'questions', 'next-part', 'pagebreak'] as const;
type KnownDirective = (typeof KNOWN_DIRECTIVES)[number];
const FORMS: Record<KnownDirective, Directive['type']> = {
  cite: 'textDirective',
  span: 'textDirective',
  quote: 'containerDirective',
  questions: 'containerDirective',
  'next-part': 'leafDirective',
  pagebreak: 'leafDirective',
};
const QUOTE_ATTRIBUTES = new Set(['source', 'locator', 'via', 'via-locator', 'author', 'title']);
const CITE_ATTRIBUTES = new Set(['locator', 'prefix', 'suffix']);

type Directive = ContainerDirective | LeafDirective | TextDirective;

export interface DirectiveOptions {
  items: ReadonlyMap<string, CslItem>;
  /** The series' language, for an admonition's label; a part's own `lang:` comes first. */
  lang: string;
  /** pamphlet.yaml names no `bibliography`: a quote's source is then told so. */
  noBibliography?: boolean;
}

export default function remarkDirectives(options: DirectiveOptions) {
  return (tree: Root, file: VFile): void => {
    file.data.quoteSources = [];
    let nextPartPlaced = false;
    let questions: Container | undefined;
    // A converted book writes the same span hundreds of times (Pandoc's `[Ichor]{.dfn}` for each
    // headword of a dictionary): one warning a part for each, at the first, with how many more.
    const spanWarnings = new Map<string, { told: VFileMessage; more: number }>();
    const warnSpan = (message: string, place: Node['position']): void => {
      const seen = spanWarnings.get(message);
      if (seen) seen.more++;
      else spanWarnings.set(message, { told: file.message(message, { place, ruleId: 'span-attribute', source: 'pamphlet' }), more: 0 });
    };
    const directive = (node: Node, index: number | undefined, parent: Parent | undefined): VisitorResult => {
      if (!isDirective(node) || !parent || index === undefined) return;
      const name = node.name;
      const kind = admonitionOf(name);
      if (!(KNOWN_DIRECTIVES as readonly string[]).includes(name) && !kind) {
        error(file, `unknown directive \`${prefixOf(node)}${node.name}\` (known: ${KNOWN_DIRECTIVES.join(', ')}; admonitions ${ADMONITIONS.join(', ')})`, { place: node.position, ruleId: 'unknown-directive', source: 'pamphlet' });
        parent.children.splice(index, 1);
        return [SKIP, index];
      }
      const wanted = kind ? 'containerDirective' : FORMS[name as KnownDirective];
      if (node.type !== wanted) {
        const form = wanted === 'textDirective' ? `:${name}[…]` : wanted === 'containerDirective' ? `:::${name} … :::` : `::${name}`;
        error(file, `\`${name}\` is written \`${form}\``, { place: node.position, ruleId: 'directive-form', source: 'pamphlet' });
        parent.children.splice(index, 1);
        return [SKIP, index];
      }
      if (kind) {
        parent.children[index] = admonition(node as ContainerDirective, name, kind, file, file.data.frontmatter?.lang ?? options.lang);
        return undefined;
      }
      switch (name as KnownDirective) {
        case 'cite':
          parent.children[index] = cite(node as TextDirective, file) as RootContent;
          return SKIP;
        case 'span':
          parent.children[index] = span(node as TextDirective, file, warnSpan);
          return undefined;
        case 'quote':
          parent.children[index] = quote(node as ContainerDirective, file, options);
          return undefined;
        case 'pagebreak': {
          const pagebreak: Rendered = { type: 'rendered', data: { hName: 'div', hProperties: { className: ['pagebreak'] } }, ...(node.position ? { position: node.position } : {}) };
          parent.children[index] = pagebreak as RootContent;
          return SKIP;
        }
        case 'next-part': {
          if (nextPartPlaced) error(file, '`::next-part` can appear once in a part', { place: node.position, ruleId: 'next-part-twice', source: 'pamphlet' });
          nextPartPlaced = true;
          const line = nextPartHere(file);
          if (line) parent.children[index] = line as RootContent;
          else {
            file.message('`::next-part` but this part has no next part (the last of the series, or `next: false`)', { place: node.position, ruleId: 'next-part-none', source: 'pamphlet' });
            parent.children.splice(index, 1);
            return [SKIP, index];
          }
          return SKIP;
        }
        case 'questions': {
          const directive = node as ContainerDirective;
          const list = directive.children.find((child): child is List => child.type === 'list');
          if (!list) {
            error(file, '`:::questions` holds a numbered list of questions', { place: node.position, ruleId: 'questions-list', source: 'pamphlet' });
          } else if (questions) {
            error(file, 'a part has one `:::questions` block', { place: node.position, ruleId: 'questions-twice', source: 'pamphlet' });
          } else {
            const title = labelText(directive);
            // Everything but the label: footnote definitions inside go with the list.
            const content = directive.children.filter((child) => !isLabel(child));
            // Only the list's questions are printed: say so where other text would vanish.
            for (const child of content) {
              if (child !== list && child.type !== 'footnoteDefinition') {
                file.message('only the numbered list of `:::questions` is printed; this is left out (put it before the block, or make it a question)', { place: child.position, ruleId: 'questions-extra', source: 'pamphlet' });
              }
            }
            questions = {
              type: 'container',
              children: content as Container['children'],
              data: { hName: 'section', hProperties: { dataPamphletStore: STORE.questions, ...(title ? { dataTitle: title } : {}) } },
              ...(node.position ? { position: node.position } : {}),
            };
          }
          // Out of the flow: every format places the questions itself, after the text.
          parent.children.splice(index, 1);
          return [SKIP, index];
        }
      }
      return undefined;
    };
    visit(tree, directive);
    if (questions) {
      // The questions' own directives (a :cite in a question), skipped with the block: left as they
      // were, each became a <div> inside the question's line, which no EPUB may hold.
      visit(questions, directive);
      // At the end of the tree, so notes inside questions are numbered after the text's.
      tree.children.push(questions as RootContent);
    }
    for (const { told, more } of spanWarnings.values()) {
      if (more === 0) continue;
      told.reason += ` (and ${more} more span${more > 1 ? 's' : ''} like it in this part)`;
      told.message = told.reason;
    }
    file.data.nextPartInBody = nextPartPlaced && file.data.nextPart != null;
  };
}

/** `:cite[a; b]{prefix=… locator=… suffix=…}`: the prefix leads the cluster, locator and suffix close it (as in Pandoc's `[see @a; @b, p. 3]`). */
function cite(node: TextDirective, file: VFile): Citation | RootContent {
  const keys = toString(node).split(/[;,]/).map((key) => key.trim().replace(/^@/, '')).filter(Boolean);
  const attributes = node.attributes ?? {};
  for (const key of Object.keys(attributes)) {
    if (!CITE_ATTRIBUTES.has(key)) file.message(`unknown attribute \`${key}\` on :cite (known: ${[...CITE_ATTRIBUTES].join(', ')})`, { place: node.position, ruleId: 'cite-attribute', source: 'pamphlet' });
  }
  if (!keys.length) {
    error(file, '`:cite[…]` needs at least one citation key, e.g. `:cite[carr1950]`', { place: node.position, ruleId: 'cite-empty', source: 'pamphlet' });
    return { type: 'text', value: '' };
  }
  const items: CiteItem[] = keys.map((id) => ({ id }));
  const first = items[0] as CiteItem;
  const last = items[items.length - 1] as CiteItem;
  if (attributes.prefix) first.prefix = `${attributes.prefix} `;
  if (attributes.locator) Object.assign(last, parseLocator(attributes.locator));
  if (attributes.suffix) last.suffix = /^[,.;:]/.test(attributes.suffix) ? attributes.suffix : ` ${attributes.suffix}`;
  return { type: 'citation', items, narrative: false, ...(node.position ? { position: node.position } : {}) };
}

/**
 * The classes Pandoc's Markdown gives a span for formatting Markdown has no mark for, as its
 * Word and LibreOffice readers write them: `[Small Caps]{.smallcaps}` (a class the stylesheets
 * set), `[underlined]{.underline}` and `[marked]{.mark}` (the elements HTML has).
 */
const SPAN_CLASSES: Record<string, 'class' | 'element'> = { smallcaps: 'class', underline: 'element', mark: 'element' };

/**
 * `:span[текст]{lang=ru}`: a phrase in another language (hyphenation, quotes, screen readers).
 * `{#claim}` makes it an anchor, as `<span id="claim">` is (rehype-anchors.ts). Pandoc's
 * `[текст]{lang=ru}` arrives here as this directive (remark-pandoc-spans.ts).
 */
function span(node: TextDirective, file: VFile, warn: (message: string, place: Node['position']) => void): RootContent {
  const attributes = node.attributes ?? {};
  const properties: Record<string, string | string[]> = {};
  /** The element the span becomes: `u` or `mark` for Pandoc's classes of those names. */
  let tagName = 'span';
  for (const [key, value] of Object.entries(attributes)) {
    if (key === 'class') {
      const unknown: string[] = [];
      for (const name of (value ?? '').split(/\s+/).filter(Boolean)) {
        const known = SPAN_CLASSES[name];
        if (known === 'element') tagName = name === 'underline' ? 'u' : 'mark';
        else if (known === 'class') properties.className = [name];
        // Pandoc's mark on a Word bookmark, whose id is the anchor.
        else if (!(name === 'anchor' && attributes.id)) unknown.push(name);
      }
      if (unknown.length) warn(`unknown attribute \`class\` (${unknown.join(' ')}) on a span, left out (known: lang, id, and the classes ${Object.keys(SPAN_CLASSES).join(', ')})`, node.position);
      continue;
    }
    // An empty `lang=""` is a bad tag, not an unknown attribute.
    if (key === 'lang') {
      const tag = value ?? '';
      if (!/^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{1,8})*$/.test(tag)) error(file, `\`lang\` must be a BCP 47 language tag such as ru or de-CH, not “${tag}”`, { place: node.position, ruleId: 'span-lang', source: 'pamphlet' });
      else properties.lang = tag;
    } else if (key === 'id' && value) {
      properties.id = value;
    } else {
      warn(`unknown attribute \`${key}\` on a span, left out (known: lang, id, and the classes ${Object.keys(SPAN_CLASSES).join(', ')})`, node.position);
    }
  }
  const container: InlineContainer = { type: 'inlineContainer', children: node.children as PhrasingContent[], data: { hName: tagName, hProperties: properties }, ...(node.position ? { position: node.position } : {}) };
  return container as RootContent;
}

function quote(node: ContainerDirective, file: VFile, { items, noBibliography }: DirectiveOptions): RootContent {
  const attributes = node.attributes ?? {};
  for (const key of Object.keys(attributes)) {
    if (!QUOTE_ATTRIBUTES.has(key)) file.message(`unknown attribute \`${key}\` on :::quote (known: ${[...QUOTE_ATTRIBUTES].join(', ')})`, { place: node.position, ruleId: 'quote-attribute', source: 'pamphlet' });
  }
  const lookup = (attr: 'source' | 'via'): CslItem | undefined => {
    const key = attributes[attr]?.replace(/^@/, '');
    if (!key) return undefined;
    const item = items.get(key);
    if (!item) {
      const what = attr === 'source' ? 'quote source' : '`via` source';
      if (noBibliography) error(file, `${what} \`${key}\`, but pamphlet.yaml names no \`bibliography\` to find it in`, { place: node.position, ruleId: 'no-bibliography', source: 'pamphlet' });
      else error(file, `unknown ${what} \`${key}\`: no entry with this key in the bibliography`, { place: node.position, ruleId: 'unknown-source', source: 'pamphlet' });
      return undefined;
    }
    file.data.quoteSources?.push(key);
    return item;
  };
  const source = lookup('source');
  const via = lookup('via');
  const caption = attribution({
    source,
    via,
    locator: attributes.locator ?? undefined,
    viaLocator: attributes['via-locator'] ?? undefined,
    author: attributes.author ?? undefined,
    title: attributes.title ?? undefined,
  });
  if (!caption.length && !attributes.source && !attributes.via) {
    file.message('quotation without attribution: give `source=KEY`, or `author="…"`', { place: node.position, ruleId: 'quote-unattributed', source: 'pamphlet' });
  }
  const body = node.children.filter((child) => !isLabel(child));
  const blockquote: Parent = { type: 'blockquote', children: body as BlockContent[], ...(node.position ? { position: node.position } : {}) };
  const children: RootContent[] = [blockquote as RootContent];
  if (caption.length) {
    const figcaption: Rendered = { type: 'rendered', data: { hName: 'figcaption', hProperties: {}, hChildren: caption as ElementContent[] } };
    children.push(figcaption as RootContent);
  }
  const figure: Container = { type: 'container', children: children as BlockContent[], data: { hName: 'figure', hProperties: { className: ['quote'] } }, ...(node.position ? { position: node.position } : {}) };
  return figure as RootContent;
}

/** `:::tip[Its title]` … `:::`: the callout, titled by its label or by its kind's word. */
function admonition(node: ContainerDirective, name: string, kind: AlertKind, file: VFile, lang: string): RootContent {
  // Docusaurus gives an admonition none; what is written goes nowhere, an event handler included.
  for (const key of Object.keys(node.attributes ?? {})) {
    file.message(`attribute \`${key}\` on :::${name} is left out: an admonition takes none (write a title as \`:::${name}[…]\`)`, { place: node.position, ruleId: 'admonition-attribute', source: 'pamphlet' });
  }
  const at = node.children.findIndex(isLabel);
  const label = at < 0 ? undefined : (node.children.splice(at, 1)[0] as Paragraph);
  // The directive's own array, title first: the walk goes on into it, to directives nested there.
  node.children.unshift(calloutTitle(kind, lang, label?.children));
  const callout: Container = { type: 'container', children: node.children as BlockContent[], data: calloutData(kind), ...(node.position ? { position: node.position } : {}) };
  return callout as RootContent;
}

/** The "Next: …" line where `::next-part` stands, or undefined when there is no next part. */
function nextPartHere(file: VFile): Rendered | undefined {
  const next = file.data.nextPart;
  if (!next) return undefined;
  const line = nextPartLine(next);
  return { type: 'rendered', data: { hName: 'p', hProperties: line.properties, hChildren: line.children } };
}

function isDirective(node: { type: string }): node is Directive {
  return node.type === 'containerDirective' || node.type === 'leafDirective' || node.type === 'textDirective';
}

function prefixOf(node: Directive): string {
  return node.type === 'containerDirective' ? ':::' : node.type === 'leafDirective' ? '::' : ':';
}

/** The paragraph remark-directive makes of a container's `[label]`. */
function isLabel(child: ContainerDirective['children'][number]): child is Paragraph {
  return child.type === 'paragraph' && Boolean((child.data as { directiveLabel?: boolean } | undefined)?.directiveLabel);
}

function labelText(node: ContainerDirective): string | undefined {
  const label = node.children.find(isLabel);
  return label ? toString(label) : undefined;
}
