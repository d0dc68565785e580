/**
 * One builder per block that every format shows — the title block, the bibliography,
 * the questions, the "Next:" line, a note call — so the print PDF, the handout, the
 * EPUB and the web page say the same thing the same way (the authors joined as the
 * language joins them, "A, B and C", everywhere). Each format chooses a form; the
 * words come from here.
 */
import type { Element, ElementContent } from 'hast';
import { wordsFor } from './words.js';
import type { Bibliography, NextPart, PartMeta, Questions } from './document.js';

// ---------- small things ----------

function el(tagName: string, properties: Element['properties'] = {}, children: ElementContent[] = []): Element {
  return { type: 'element', tagName, properties, children };
}

function text(value: string): ElementContent {
  return { type: 'text', value };
}

function hasClass(node: Element, name: string): boolean {
  const value: unknown = node.properties.className;
  return Array.isArray(value) ? value.includes(name) : typeof value === 'string' && value.split(/\s+/).includes(name);
}

/** The authors as one phrase in the book's language ("A, B and C"; "A, B und C"). */
export function byline(authors: readonly string[], lang: string): string {
  if (authors.length < 2) return authors[0] ?? '';
  let list: Intl.ListFormat;
  try {
    list = new Intl.ListFormat(lang, { type: 'conjunction', style: 'long' });
  } catch {
    list = new Intl.ListFormat('en', { type: 'conjunction', style: 'long' });
  }
  return list.format(authors);
}

/** "Part I: How the Working Class came to Power". */
export function partTitle(meta: Pick<PartMeta, 'partLabel' | 'title'>): string {
  return meta.partLabel ? `${meta.partLabel}: ${meta.title}` : meta.title;
}

// ---------- the title block ----------

/** Where the title block stands: a title page, the top of the handout's first page, a reader's screen. */
export type TitleForm = 'title-page' | 'handout' | 'reader';

/** What the running head of the handout's pages says: "Celebrating Red October · Part I · How …". */
export function runningHead(meta: PartMeta): string {
  return [meta.series, meta.partLabel, meta.title].filter((s) => s.trim() !== '').join(' · ');
}

/**
 * The letters of a title page's lines beyond which it is set as plain blocks: a title of
 * some 60 words (370 letters) overflows the centred column on A5, and Paged.js 0.4.3 does
 * not carry a flex item over to the next page, so the title was lost from the print.
 */
const TITLE_PAGE_LETTERS = 300;

export function titleBlock(meta: PartMeta, form: TitleForm, fallback: { subtitle?: string; publisher?: string } = {}): Element {
  const subtitle = meta.subtitle ?? fallback.subtitle;
  const publisher = meta.publisher ?? fallback.publisher;
  const authors = meta.authors.length > 0 ? byline(meta.authors, meta.lang) : undefined;
  switch (form) {
    case 'title-page': {
      // Past this many letters the page cannot hold its lines centred in one column (print.css).
      const letters = [meta.series, subtitle, meta.partLabel, meta.title, authors, publisher].reduce((sum, line) => sum + (line?.length ?? 0), 0);
      return el('section', { className: letters > TITLE_PAGE_LETTERS ? ['title-page', 'title-page-long'] : ['title-page'] }, [
        el('p', { className: ['series'] }, [text(meta.series)]),
        ...(subtitle ? [el('p', { className: ['series-subtitle'] }, [text(subtitle)])] : []),
        el('p', { className: ['part-label'] }, [text(meta.partLabel)]),
        el('h1', { className: ['part-title'], ...(meta.titleId ? { id: meta.titleId } : {}) }, [text(meta.title)]),
        ...(authors ? [el('p', { className: ['authors'] }, [text(authors)])] : []),
        ...(publisher ? [el('p', { className: ['publisher'] }, [text(publisher)])] : []),
      ]);
    }
    case 'handout':
      // The running head rides as an attribute, for handout.css's `string-set`: Paged.js then repeats it on every later page.
      return el('header', { className: ['handout-title'], dataRunningHead: runningHead(meta) }, [
        el('p', { className: ['series'] }, [text(meta.series), ...(subtitle ? [el('span', { className: ['series-subtitle'] }, [text(subtitle)])] : [])]),
        el('p', { className: ['part-label'] }, [text(meta.partLabel)]),
        el('h1', { className: ['part-title'], ...(meta.titleId ? { id: meta.titleId } : {}) }, [text(meta.title)]),
        ...(authors ? [el('p', { className: ['authors'] }, [text(authors)])] : []),
      ]);
    case 'reader': {
      const heading: ElementContent[] = [];
      if (meta.partLabel) heading.push(el('span', { className: ['part-label'] }, [text(`${meta.partLabel}:`)]), text(' '));
      heading.push(el('span', { className: ['title'] }, [text(meta.title)]));
      return el('header', { className: ['title-block'] }, [
        el('p', { className: ['series'] }, [text(meta.series)]),
        ...(subtitle ? [el('p', { className: ['subtitle'] }, [text(subtitle)])] : []),
        el('h1', { className: ['part-title'], ...(meta.titleId ? { id: meta.titleId } : {}) }, heading),
        ...(authors ? [el('p', { className: ['author'] }, [text(authors)])] : []),
      ]);
    }
  }
}

// ---------- the bibliography ----------

export interface SectionIds {
  /** Id of the section (reader form), for links to it. */
  section?: string;
  /** Id of its heading: the contents and the navigation point at it. */
  heading: string;
}

/** The works cited. The reader form carries the EPUB's semantics (a landmark). */
export function bibliographySection(bibliography: Bibliography, ids: SectionIds, form: 'print' | 'reader'): Element {
  const heading = el('h2', { id: ids.heading }, [text(bibliography.title)]);
  const entries = structuredClone(bibliography.entries);
  if (form === 'print') return el('section', { className: ['bibliography'] }, [heading, el('div', { className: ['csl-bib-body'] }, entries)]);
  return el(
    'section',
    { ...(ids.section ? { id: ids.section } : {}), 'epub:type': 'bibliography', role: 'doc-bibliography', className: ['bibliography'], ariaLabelledBy: [ids.heading] },
    [heading, ...entries],
  );
}

// ---------- the questions ----------

export interface QuestionsOptions {
  /** Ruled lines to write on under each question (the handout). */
  answerLines?: number;
  /** The reader form: the section labelled by its heading. */
  reader?: boolean;
}

export function questionsSection(questions: Questions, ids: SectionIds, options: QuestionsOptions = {}): Element {
  const items = questions.items.map((item) => {
    const copy = structuredClone(item);
    // Empty elements with a bottom border, not a background pattern: they print as vector
    // rules on any printer, and are hidden from the tag tree's readers, having no text.
    if (options.answerLines) copy.children.push(el('span', { className: ['answer-space'], ariaHidden: 'true' }, Array.from({ length: options.answerLines }, () => el('span', { className: ['answer-line'] }))));
    return copy;
  });
  const heading = el('h2', { id: ids.heading }, [text(questions.title)]);
  if (options.reader) {
    return el('section', { ...(ids.section ? { id: ids.section } : {}), className: ['questions'], ariaLabelledBy: [ids.heading] }, [heading, el('ol', {}, items)]);
  }
  return el('section', { className: ['questions'] }, [heading, el('ol', { className: ['questions-list'] }, items)]);
}

// ---------- the "Next:" line ----------

/** "Next: Part II: …" (its lead in the part's language), its label a link where there is somewhere to go. */
export function nextPartLine(next: NextPart, href = next.href): Element {
  const children: ElementContent[] = href ? [text(`${next.lead} `), el('a', { href }, [text(next.label)])] : [text(`${next.lead} ${next.label}`)];
  return el('p', { className: ['next-part'] }, children);
}

export function isNextPartLine(node: ElementContent | undefined): node is Element {
  return node !== undefined && node.type === 'element' && node.tagName === 'p' && hasClass(node, 'next-part');
}

/** An alert's label ("Note", remark-github-alerts.ts): a heading of sorts, not a paragraph of the text. */
export function isCalloutTitle(node: ElementContent | undefined): boolean {
  return node !== undefined && node.type === 'element' && node.tagName === 'p' && hasClass(node, 'callout-title');
}

/** A code block's title, the file it shows (remark-code-meta.ts): a label of the code, not a paragraph of the text. */
export function isCodeTitle(node: ElementContent | undefined): boolean {
  return node !== undefined && node.type === 'element' && node.tagName === 'p' && hasClass(node, 'code-title');
}

// ---------- note calls ----------

/** The call of note `number`; `repeat` counts calls of the same note (a note referenced twice). */
export function noteCallProperties(number: number, repeat: number): Element['properties'] {
  const id = repeat > 1 ? `noteref-${number}-${repeat}` : `noteref-${number}`;
  return { className: repeat > 1 ? ['noteref', 'noteref-repeat'] : ['noteref'], id, href: `#note-${number}`, dataNote: number };
}

export function isNoteCall(node: Element): boolean {
  return node.tagName === 'a' && hasClass(node, 'noteref');
}

// ---------- the imprint ----------

/**
 * Where the imprint stands: the back of the print title page, the EPUB's colophon (and
 * the web page's foot), or one line under the handout's title block.
 */
export type ImprintForm = 'page' | 'colophon' | 'line';


/**
 * The imprint: edition, rights, source, ISBN, publisher with address, printer (and the
 * subjects on the page and the colophon). `isbnFor` picks the ISBN the format carries
 * (the PDFs print the print ISBN, and name the EPUB's when there is another). Undefined
 * when there is nothing to say.
 */
export function imprintBlock(meta: PartMeta, form: ImprintForm, isbnFor: 'print' | 'epub' = form === 'colophon' ? 'epub' : 'print'): Element | undefined {
  const imprint = meta.imprint;
  if (!imprint) return undefined;
  const words = wordsFor(meta.lang);
  const isbns: string[] = [];
  const own = imprint.isbn?.[isbnFor];
  const other = imprint.isbn?.[isbnFor === 'print' ? 'epub' : 'print'];
  if (own) isbns.push(`ISBN ${own}`);
  if (other && other !== own) isbns.push(`ISBN ${other} (${isbnFor === 'print' ? 'EPUB' : 'print'})`);
  const publisher = [meta.publisher, imprint.publisherAddress].filter((s): s is string => Boolean(s));
  const lines: Array<[string, string]> = [];
  if (imprint.edition) lines.push(['edition', imprint.edition]);
  if (imprint.rights) lines.push(['rights', imprint.rights]);
  if (imprint.source) lines.push(['source', `${words.source} ${imprint.source}`]);
  for (const isbn of isbns) lines.push(['isbn', isbn]);
  if (form === 'line') {
    // One line: what a reader photocopying the handout must keep, the rights and the source first.
    const parts = [imprint.rights, imprint.source ? `${words.source} ${imprint.source}` : undefined, isbns[0], meta.publisher].filter((s): s is string => Boolean(s));
    return parts.length ? el('p', { className: ['imprint-line'] }, [text(parts.join(' · '))]) : undefined;
  }
  if (publisher.length) lines.push(['publisher', publisher.join(', ')]);
  if (imprint.printer) lines.push(['printer', `${words.printer} ${imprint.printer}`]);
  if (imprint.subjects?.length) lines.push(['subjects', `${words.subjects} ${imprint.subjects.join('; ')}`]);
  if (form === 'colophon' && imprint.description) lines.unshift(['description', imprint.description]);
  if (!lines.length) return undefined;
  const paragraphs = lines.map(([kind, value]) => el('p', { className: [`imprint-${kind}`] }, [text(value)]));
  if (form === 'colophon') return el('section', { className: ['colophon'], 'epub:type': 'colophon', role: 'doc-colophon', ariaLabel: words.colophon }, paragraphs);
  return el('section', { className: ['imprint-page'] }, paragraphs);
}
