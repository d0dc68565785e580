/** The EPUB 3 navigation document: table of contents and landmarks. */
import type { Element, ElementContent } from 'hast';
import type { PartDocument, Section } from '../../document.js';
import { LABELS, partTitle, uiLang } from './labels.js';
import { element, text, xhtmlDocument } from './xhtml.js';

/** Package-relative hrefs of the documents the navigation points into. */
export interface NavTargets {
  cover: string;
  text: string;
  /** Fragment id of the questions section in the text document, if it is there. */
  questionsId?: string;
  bibliography?: string;
  stylesheet: string;
}

interface Entry {
  label: string;
  href: string;
  children: Entry[];
}

export function navDocument(doc: PartDocument, targets: NavTargets): string {
  const lang = doc.meta.lang;
  const parts: Entry[] = sectionEntries(doc.sections, targets.text);
  if (targets.questionsId && doc.questions) {
    parts.push({ label: doc.questions.title, href: `${targets.text}#${targets.questionsId}`, children: [] });
  }
  if (targets.bibliography && doc.bibliography) {
    parts.push({ label: doc.bibliography.title, href: targets.bibliography, children: [] });
  }
  const toc = element('nav', { 'epub:type': 'toc', role: 'doc-toc', id: 'toc', ariaLabelledBy: ['toc-title'] }, [
    element('h1', { id: 'toc-title', ...uiLang(lang) }, [text(LABELS.contents)]),
    list([{ label: partTitle(doc.meta), href: targets.text, children: parts }]),
  ]);

  const landmarks: [type: string, label: string, href: string, labelIsUi: boolean][] = [
    ['cover', LABELS.cover, targets.cover, true],
    ['toc', LABELS.contents, '#toc', true],
    ['bodymatter', LABELS.start, targets.text, true],
  ];
  if (targets.bibliography && doc.bibliography) {
    landmarks.push(['bibliography', doc.bibliography.title, targets.bibliography, false]);
  }
  // Reading systems offer landmarks in their own menus; on the page they would
  // only repeat the contents, hence `hidden` as the EPUB spec suggests.
  const landmarksNav = element('nav', { 'epub:type': 'landmarks', id: 'landmarks', hidden: true }, [
    element('h2', uiLang(lang), [text(LABELS.landmarks)]),
    element(
      'ol',
      {},
      landmarks.map(([type, label, href, labelIsUi]) =>
        element('li', {}, [element('a', { 'epub:type': type, href, ...(labelIsUi ? uiLang(lang) : {}) }, [text(label)])]),
      ),
    ),
  ]);

  return xhtmlDocument({
    lang,
    title: LABELS.contents,
    stylesheet: targets.stylesheet,
    bodyProperties: { className: ['nav'] },
    content: [toc, landmarksNav],
  });
}

/** Nests sections by heading depth: an h3 goes under the h2 before it. */
function sectionEntries(sections: readonly Section[], textHref: string): Entry[] {
  const root: Entry[] = [];
  const stack: { depth: number; entry: Entry }[] = [];
  for (const section of sections) {
    const entry: Entry = { label: section.title, href: `${textHref}#${section.id}`, children: [] };
    while (stack.length > 0 && (stack.at(-1)?.depth ?? 0) >= section.depth) stack.pop();
    (stack.at(-1)?.entry.children ?? root).push(entry);
    stack.push({ depth: section.depth, entry });
  }
  return root;
}

function list(entries: readonly Entry[]): Element {
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
