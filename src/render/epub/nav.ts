/** The EPUB 3 navigation document: table of contents, landmarks and the print edition's page-list. */
import type { Element, ElementContent } from 'hast';
import type { PartDocument, Section } from '../../document.js';
import { labelsFor, partTitle, uiLang } from './labels.js';
import type { PageTarget } from './page-list.js';
import { element, text, xhtmlDocument } from './xhtml.js';

/** Package-relative hrefs of the documents the navigation points into. */
export interface NavTargets {
  cover: string;
  text: string;
  /** Fragment id of the questions section in the text document, if it is there. */
  questionsId?: string;
  bibliography?: string;
  stylesheet: string;
  /** The print edition's pages, where the text has their markers. */
  pages?: readonly PageTarget[];
}

export interface TocEntry {
  label: string;
  href: string;
  children: TocEntry[];
}

/**
 * The table of contents, two levels deep at most (EPUB 2 readers and Kindle conversion
 * show no more): the part's title, its sections with their subsections, the questions
 * and the works cited. The NCX (ncx.ts) has the same entries.
 */
export function tocEntries(doc: PartDocument, targets: Pick<NavTargets, 'text' | 'questionsId' | 'bibliography'>): TocEntry[] {
  const entries: TocEntry[] = [{ label: partTitle(doc.meta), href: targets.text, children: [] }, ...sectionEntries(doc.sections, targets.text)];
  if (targets.questionsId && doc.questions) {
    entries.push({ label: doc.questions.title, href: `${targets.text}#${targets.questionsId}`, children: [] });
  }
  if (targets.bibliography && doc.bibliography) {
    entries.push({ label: doc.bibliography.title, href: targets.bibliography, children: [] });
  }
  return entries;
}

export function navDocument(doc: PartDocument, targets: NavTargets): string {
  const lang = doc.meta.lang;
  const labels = labelsFor(lang);
  const toc = element('nav', { 'epub:type': 'toc', role: 'doc-toc', id: 'toc', ariaLabelledBy: ['toc-title'] }, [
    element('h1', { id: 'toc-title', ...uiLang(lang) }, [text(labels.contents)]),
    list(tocEntries(doc, targets)),
  ]);

  const landmarks: [type: string, label: string, href: string, labelIsUi: boolean][] = [
    ['cover', labels.cover, targets.cover, true],
    ['toc', labels.contents, '#toc', true],
    ['bodymatter', labels.start, targets.text, true],
  ];
  if (targets.bibliography && doc.bibliography) {
    landmarks.push(['bibliography', doc.bibliography.title, targets.bibliography, false]);
  }
  // Reading systems offer landmarks in their own menus; on the page they would
  // only repeat the contents, hence `hidden` as the EPUB spec suggests.
  const landmarksNav = element('nav', { 'epub:type': 'landmarks', id: 'landmarks', hidden: true }, [
    element('h2', uiLang(lang), [text(labels.landmarks)]),
    element(
      'ol',
      {},
      landmarks.map(([type, label, href, labelIsUi]) =>
        element('li', {}, [element('a', { 'epub:type': type, href, ...(labelIsUi ? uiLang(lang) : {}) }, [text(label)])]),
      ),
    ),
  ]);

  const content = [toc, landmarksNav];
  if (targets.pages?.length) {
    // Reading systems offer "go to page" from it; on the page it would be a long list of numbers.
    content.push(
      element('nav', { 'epub:type': 'page-list', role: 'doc-pagelist', id: 'page-list', hidden: true, ariaLabelledBy: ['page-list-title'] }, [
        element('h2', { id: 'page-list-title', ...uiLang(lang) }, [text(labels.pages)]),
        element('ol', {}, targets.pages.map((page) => element('li', {}, [element('a', { href: page.href }, [text(page.label)])]))),
      ]),
    );
  }
  return xhtmlDocument({
    lang,
    title: labels.contents,
    stylesheet: targets.stylesheet,
    bodyProperties: { className: ['nav'] },
    content,
  });
}

/**
 * The sections as top entries with their subsections under them: an h3 goes under the
 * h2 before it, an h3 before any h2 stands on its own, deeper headings are left out.
 */
function sectionEntries(sections: readonly Section[], textHref: string): TocEntry[] {
  const top = Math.min(...sections.map((section) => section.depth));
  const root: TocEntry[] = [];
  let parent: TocEntry | undefined;
  for (const section of sections) {
    if (section.depth > top + 1) continue;
    const entry: TocEntry = { label: section.title, href: `${textHref}#${section.id}`, children: [] };
    if (section.depth > top && parent) parent.children.push(entry);
    else root.push(entry);
    if (section.depth === top) parent = entry;
  }
  return root;
}

function list(entries: readonly TocEntry[]): Element {
  return element(
    'ol',
    {},
    entries.map((entry) => {
      const children: ElementContent[] = [element('a', { href: entry.href }, [text(entry.label)])];
      if (entry.children.length > 0) children.push(list(entry.children));
      return element('li', {}, children);
    }),
  );
}
