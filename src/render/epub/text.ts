/**
 * The reading text of a part as one content document: title block, body
 * (each h2 and what follows it in a <section>), questions, the "Next: …" line
 * last, with every note as an aside at the end of the section that calls it.
 * The bibliography is a document of its own (bibliography.ts).
 */
import type { Element, ElementContent } from 'hast';
import type { PartDocument } from '../../document.js';
import { isNextPartLine, nextPartLine, questionsSection, titleBlock } from '../../blocks.js';
import { nextPartHref } from './next-part.js';
import { markNoteCalls, placeNotes } from './notes.js';
import { showParagraphNumbers } from './paragraph-numbers.js';
import { clone, hasClass, idsIn, isElement, uniqueId } from './tree.js';
import { element, text } from './xhtml.js';

/**
 * `body` is the document's body already prepared for the package (a copy,
 * images rewritten); it is rearranged in place.
 */
export function textContent(
  doc: PartDocument,
  body: ElementContent[],
  baseUrl: string | undefined,
  options: { paragraphNumbers?: boolean } = {},
): { content: ElementContent[]; questionsId: string | undefined; closing: Element | undefined } {
  dropPageBreaks(body);
  const taken = idsIn(body);
  for (const note of doc.notes) taken.add(note.id);

  // The "Next:" line, wherever it stands, links to the next part where it is published.
  const next = doc.meta.next;
  const nextLine = next ? nextPartLine(next, nextPartHref(next, baseUrl)) : null;
  for (let i = 0; i < body.length; i++) {
    if (isNextPartLine(body[i]) && nextLine) body[i] = clone(nextLine);
  }
  const { intro, sections } = sectionize(body);
  const questionsId = doc.questions && doc.questionsInText ? uniqueId('questions', taken) : undefined;
  const questions = doc.questions && questionsId ? questionsSection(doc.questions, { section: questionsId, heading: uniqueId('questions-title', taken) }, { reader: true }) : null;
  placeNotes([intro, ...sections.map((section) => section.children), ...(questions ? [questions.children] : [])], doc.notes, doc.meta.lang);

  const content: ElementContent[] = [titleBlock(doc.meta, 'reader'), ...intro, ...sections];
  if (questions) content.push(questions);
  // The "Next:" line the manuscript did not place ends the book, after the Works Cited, as
  // it ends the printed pamphlet: the caller puts it last, so that the EPUB's page-list
  // (the pamphlet's pages) meets the blocks in the order the pages do.
  const closing = doc.nextPart && !doc.nextPartInBody && nextLine ? nextLine : undefined;
  markNoteCalls(content);
  if (options.paragraphNumbers) showParagraphNumbers(content);
  return { content, questionsId, closing };
}

/** `::pagebreak` means nothing on a reflowable screen. */
function dropPageBreaks(nodes: ElementContent[]): void {
  for (let i = nodes.length - 1; i >= 0; i--) {
    const node = nodes[i];
    if (!isElement(node)) continue;
    if (node.tagName === 'div' && hasClass(node, 'pagebreak')) nodes.splice(i, 1);
    else dropPageBreaks(node.children);
  }
}


/** Splits the flat body at its h2 headings; what precedes the first one stays loose. */
function sectionize(body: ElementContent[]): { intro: ElementContent[]; sections: Element[] } {
  const intro: ElementContent[] = [];
  const sections: Element[] = [];
  for (const node of body) {
    if (isElement(node, 'h2')) {
      const id = node.properties.id;
      sections.push(element('section', typeof id === 'string' ? { ariaLabelledBy: [id] } : {}, [node]));
    } else {
      (sections.at(-1)?.children ?? intro).push(node);
    }
  }
  return { intro, sections };
}

