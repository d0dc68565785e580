// The shared block builders (src/blocks.ts), in process: the words and the markup every
// format shows, written out literally.
import { describe, expect, test } from 'vitest';
import type { Element } from 'hast';
import {
  bibliographySection,
  byline,
  imprintBlock,
  isNextPartLine,
  isNoteCall,
  nextPartLine,
  noteCallProperties,
  partTitle,
  questionsSection,
  runningHead,
  titleBlock,
} from '../../src/blocks.js';
import type { PartMeta } from '../../src/document.js';
import { html } from './html.js';

const META: PartMeta = {
  series: 'Red October',
  title: 'How the Working Class came to Power',
  part: 2,
  partLabel: 'Part II',
  authors: ['Ada', 'Bea', 'Cy'],
  lang: 'en',
  identifier: 'urn:x',
  modified: '2020-01-02T03:04:05Z',
  next: null,
  slug: 'red-october-2',
};

const li = (words: string): Element => ({ type: 'element', tagName: 'li', properties: {}, children: [{ type: 'text', value: words }] });
const entry = (words: string): Element => ({ type: 'element', tagName: 'div', properties: { className: ['csl-entry'] }, children: [{ type: 'text', value: words }] });

describe('byline', () => {
  test('joins authors as the language joins them', () => {
    expect(byline([], 'en')).toBe('');
    expect(byline(['A'], 'en')).toBe('A');
    expect(byline(['A', 'B'], 'en')).toBe('A and B');
    expect(byline(['A', 'B', 'C'], 'en')).toBe('A, B, and C');
    expect(byline(['A', 'B'], 'de')).toBe('A und B');
    // A tag Intl refuses falls back to English words, never a throw.
    expect(byline(['A', 'B'], 'x-!!')).toBe('A and B');
  });
  test('a part title is its label and title; without a label, the title', () => {
    expect(partTitle(META)).toBe('Part II: How the Working Class came to Power');
    expect(partTitle({ ...META, partLabel: '' })).toBe('How the Working Class came to Power');
  });
  test('the running head leaves out what is empty', () => {
    expect(runningHead(META)).toBe('Red October · Part II · How the Working Class came to Power');
    expect(runningHead({ ...META, partLabel: ' ' })).toBe('Red October · How the Working Class came to Power');
  });
});

describe('the title block', () => {
  test('on the title page: series, subtitle, label, title, authors, publisher', () => {
    expect(html(titleBlock({ ...META, subtitle: 'Sub', publisher: 'Pub' }, 'title-page'))).toBe(
      '<section class="title-page"><p class="series">Red October</p><p class="series-subtitle">Sub</p><p class="part-label">Part II</p><h1 class="part-title">How the Working Class came to Power</h1><p class="authors">Ada, Bea, and Cy</p><p class="publisher">Pub</p></section>',
    );
    // The series' subtitle and publisher where the part has none; no authors, no line.
    expect(html(titleBlock({ ...META, authors: [] }, 'title-page', { subtitle: 'S2', publisher: 'P2' }))).toBe(
      '<section class="title-page"><p class="series">Red October</p><p class="series-subtitle">S2</p><p class="part-label">Part II</p><h1 class="part-title">How the Working Class came to Power</h1><p class="publisher">P2</p></section>',
    );
    expect(html(titleBlock({ ...META, authors: [], subtitle: 'Own' }, 'title-page', { subtitle: 'S2' }))).toBe(
      '<section class="title-page"><p class="series">Red October</p><p class="series-subtitle">Own</p><p class="part-label">Part II</p><h1 class="part-title">How the Working Class came to Power</h1></section>',
    );
  });

  test('on the handout: the running head as an attribute, the subtitle inside the series line', () => {
    expect(html(titleBlock({ ...META, lang: 'de', authors: ['Ada', 'Bea'] }, 'handout', { subtitle: 'Sub', publisher: 'Pub' }))).toBe(
      '<header class="handout-title" data-running-head="Red October · Part II · How the Working Class came to Power"><p class="series">Red October<span class="series-subtitle">Sub</span></p><p class="part-label">Part II</p><h1 class="part-title">How the Working Class came to Power</h1><p class="authors">Ada und Bea</p></header>',
    );
    expect(html(titleBlock({ ...META, authors: [] }, 'handout'))).toBe(
      '<header class="handout-title" data-running-head="Red October · Part II · How the Working Class came to Power"><p class="series">Red October</p><p class="part-label">Part II</p><h1 class="part-title">How the Working Class came to Power</h1></header>',
    );
  });

  test('for a reader: the label before the title in one heading', () => {
    expect(html(titleBlock({ ...META, authors: ['Ada'] }, 'reader', { subtitle: 'Sub' }))).toBe(
      '<header class="title-block"><p class="series">Red October</p><p class="subtitle">Sub</p><h1 class="part-title"><span class="part-label">Part II:</span> <span class="title">How the Working Class came to Power</span></h1><p class="author">Ada</p></header>',
    );
    expect(html(titleBlock({ ...META, partLabel: '', authors: [] }, 'reader'))).toBe(
      '<header class="title-block"><p class="series">Red October</p><h1 class="part-title"><span class="title">How the Working Class came to Power</span></h1></header>',
    );
  });
});

describe('the works cited and the questions', () => {
  test('the bibliography in print and for a reader, its entries copied', () => {
    const bibliography = { title: 'Works Cited', entries: [entry('Carr, E. H. 1950.'), entry('Reed, J. 1919.')] };
    expect(html(bibliographySection(bibliography, { heading: 'bibliography-title' }, 'print'))).toBe(
      '<section class="bibliography"><h2 id="bibliography-title">Works Cited</h2><div class="csl-bib-body"><div class="csl-entry">Carr, E. H. 1950.</div><div class="csl-entry">Reed, J. 1919.</div></div></section>',
    );
    const reader = bibliographySection(bibliography, { section: 'bibliography', heading: 'bibliography-title' }, 'reader');
    expect(html(reader)).toBe(
      '<section id="bibliography" epub:type="bibliography" role="doc-bibliography" class="bibliography" aria-labelledby="bibliography-title"><h2 id="bibliography-title">Works Cited</h2><div class="csl-entry">Carr, E. H. 1950.</div><div class="csl-entry">Reed, J. 1919.</div></section>',
    );
    expect(html(bibliographySection(bibliography, { heading: 'h' }, 'reader'))).toBe(
      '<section epub:type="bibliography" role="doc-bibliography" class="bibliography" aria-labelledby="h"><h2 id="h">Works Cited</h2><div class="csl-entry">Carr, E. H. 1950.</div><div class="csl-entry">Reed, J. 1919.</div></section>',
    );
    // A renderer that changes the section's entries does not change the document's.
    (reader.children[1] as Element).children = [];
    expect(html(bibliography.entries)).toBe('<div class="csl-entry">Carr, E. H. 1950.</div><div class="csl-entry">Reed, J. 1919.</div>');
  });

  test('the questions: plain, with answer lines, for a reader', () => {
    const questions = { title: 'Questions', items: [li('Why?'), li('How?')] };
    expect(html(questionsSection(questions, { heading: 'questions-title' }))).toBe(
      '<section class="questions"><h2 id="questions-title">Questions</h2><ol class="questions-list"><li>Why?</li><li>How?</li></ol></section>',
    );
    expect(html(questionsSection(questions, { heading: 'q' }, { answerLines: 2 }))).toBe(
      '<section class="questions"><h2 id="q">Questions</h2><ol class="questions-list"><li>Why?<span class="answer-space" aria-hidden="true"><span class="answer-line"></span><span class="answer-line"></span></span></li><li>How?<span class="answer-space" aria-hidden="true"><span class="answer-line"></span><span class="answer-line"></span></span></li></ol></section>',
    );
    expect(html(questionsSection(questions, { section: 'questions', heading: 'questions-title' }, { reader: true }))).toBe(
      '<section id="questions" class="questions" aria-labelledby="questions-title"><h2 id="questions-title">Questions</h2><ol><li>Why?</li><li>How?</li></ol></section>',
    );
    expect(html(questionsSection(questions, { heading: 'q' }, { reader: true }))).toBe(
      '<section class="questions" aria-labelledby="q"><h2 id="q">Questions</h2><ol><li>Why?</li><li>How?</li></ol></section>',
    );
    // The document's questions keep no answer lines.
    expect(html(questions.items)).toBe('<li>Why?</li><li>How?</li>');
  });
});

describe('the Next: line and note calls', () => {
  test('a link where there is somewhere to go, else text', () => {
    expect(html(nextPartLine({ lead: 'Next:', label: 'Part III: The Sequel', href: 'p3.html' }))).toBe('<p class="next-part">Next: <a href="p3.html">Part III: The Sequel</a></p>');
    expect(html(nextPartLine({ lead: 'Next:', label: 'Part III: The Sequel', href: 'p3.html' }, 'other.xhtml'))).toBe('<p class="next-part">Next: <a href="other.xhtml">Part III: The Sequel</a></p>');
    expect(html(nextPartLine({ lead: 'Next:', label: 'Part III: The Sequel' }))).toBe('<p class="next-part">Next: Part III: The Sequel</p>');
  });

  test('the Next: line is known by its class, on a paragraph', () => {
    const line = nextPartLine({ lead: 'Next:', label: 'X' });
    expect(isNextPartLine(line)).toBe(true);
    expect(isNextPartLine(undefined)).toBe(false);
    expect(isNextPartLine({ type: 'text', value: 'Next: X' })).toBe(false);
    expect(isNextPartLine({ ...line, tagName: 'div' })).toBe(false);
    expect(isNextPartLine({ ...line, properties: { className: ['next-parts'] } })).toBe(false);
    expect(isNextPartLine({ ...line, properties: { className: 'intro next-part' } as unknown as Element['properties'] })).toBe(true);
    expect(isNextPartLine({ ...line, properties: { className: 'next-partx' } as unknown as Element['properties'] })).toBe(false);
    expect(isNextPartLine({ ...line, properties: {} })).toBe(false);
  });

  test('note calls: ids, classes and target; known by their class on a link', () => {
    expect(noteCallProperties(3, 1)).toEqual({ className: ['noteref'], id: 'noteref-3', href: '#note-3', dataNote: 3 });
    expect(noteCallProperties(3, 2)).toEqual({ className: ['noteref', 'noteref-repeat'], id: 'noteref-3-2', href: '#note-3', dataNote: 3 });
    const call = (tagName: string, className: unknown): Element => ({ type: 'element', tagName, properties: { className } as Element['properties'], children: [] });
    expect([call('a', ['noteref']), call('a', 'x noteref'), call('span', ['noteref']), call('a', ['noterefs']), call('a', undefined)].map(isNoteCall)).toEqual([true, true, false, false, false]);
  });
});

describe('the imprint', () => {
  const imprint = {
    edition: 'Second edition, 2024',
    rights: 'CC BY-SA 4.0',
    source: 'Pravda, 1917',
    isbn: { print: '978-3-16-148410-0', epub: '978-1-4028-9462-6' },
    publisherAddress: 'Berlin',
    printer: 'Druckerei X',
    subjects: ['History', 'Russia'],
    description: 'A short history.',
  };
  const meta: PartMeta = { ...META, publisher: 'Pub', imprint };

  test('the page, in English, the print ISBN first and the EPUB’s named', () => {
    expect(html(imprintBlock(meta, 'page'))).toBe(
      '<section class="imprint-page"><p class="imprint-edition">Second edition, 2024</p><p class="imprint-rights">CC BY-SA 4.0</p><p class="imprint-source">First published as Pravda, 1917</p><p class="imprint-isbn">ISBN 978-3-16-148410-0</p><p class="imprint-isbn">ISBN 978-1-4028-9462-6 (EPUB)</p><p class="imprint-publisher">Pub, Berlin</p><p class="imprint-printer">Printed by Druckerei X</p><p class="imprint-subjects">Subjects: History; Russia</p></section>',
    );
  });

  test('the colophon: the description first, the EPUB ISBN first and the print one named', () => {
    expect(html(imprintBlock({ ...meta, lang: 'de-AT' }, 'colophon'))).toBe(
      '<section class="colophon" epub:type="colophon" role="doc-colophon" aria-label="Impressum"><p class="imprint-description">A short history.</p><p class="imprint-edition">Second edition, 2024</p><p class="imprint-rights">CC BY-SA 4.0</p><p class="imprint-source">Zuerst erschienen als Pravda, 1917</p><p class="imprint-isbn">ISBN 978-1-4028-9462-6</p><p class="imprint-isbn">ISBN 978-3-16-148410-0 (print)</p><p class="imprint-publisher">Pub, Berlin</p><p class="imprint-printer">Gedruckt bei Druckerei X</p><p class="imprint-subjects">Schlagwörter: History; Russia</p></section>',
    );
  });

  test('one line on the handout: rights, source, ISBN, publisher', () => {
    expect(html(imprintBlock({ ...meta, lang: 'FR' }, 'line'))).toBe('<p class="imprint-line">CC BY-SA 4.0 · Première publication\u202F: Pravda, 1917 · ISBN 978-3-16-148410-0 · Pub</p>');
    expect(html(imprintBlock({ ...meta, lang: 'ru', imprint: { source: 'X' } }, 'line'))).toBe('<p class="imprint-line">Впервые опубликовано: X · Pub</p>');
    expect(imprintBlock({ ...META, imprint: { printer: 'P' } }, 'line')).toBeUndefined();
  });

  test('in Spanish, in an unknown language; one ISBN for both; nothing to say', () => {
    expect(html(imprintBlock({ ...META, lang: 'es', imprint: { source: 'S', printer: 'P', subjects: ['A'] } }, 'page'))).toBe(
      '<section class="imprint-page"><p class="imprint-source">Publicado originalmente como S</p><p class="imprint-printer">Impreso por P</p><p class="imprint-subjects">Materias: A</p></section>',
    );
    expect(html(imprintBlock({ ...META, lang: 'sw', imprint: { printer: 'P', isbn: { print: '1', epub: '1' } } }, 'page'))).toBe(
      '<section class="imprint-page"><p class="imprint-isbn">ISBN 1</p><p class="imprint-printer">Printed by P</p></section>',
    );
    expect(html(imprintBlock({ ...META, imprint: { isbn: { epub: '2' } } }, 'page'))).toBe('<section class="imprint-page"><p class="imprint-isbn">ISBN 2 (EPUB)</p></section>');
    expect(html(imprintBlock({ ...META, imprint: { isbn: { epub: '2' } } }, 'page', 'epub'))).toBe('<section class="imprint-page"><p class="imprint-isbn">ISBN 2</p></section>');
    expect(html(imprintBlock({ ...META, imprint: { publisherAddress: 'Berlin' } }, 'page'))).toBe('<section class="imprint-page"><p class="imprint-publisher">Berlin</p></section>');
    // The description is the colophon's only; subjects empty say nothing.
    expect(imprintBlock({ ...META, imprint: { description: 'D', subjects: [] } }, 'page')).toBeUndefined();
    expect(imprintBlock({ ...META, imprint: {} }, 'colophon')).toBeUndefined();
    expect(imprintBlock(META, 'page')).toBeUndefined();
  });
});
