// Quotation captions and citation locators (src/citations/attribution.ts, parseLocator),
// in process and light: the caption after the dash, literally.
import { describe, expect, test } from 'vitest';
import type { ElementContent } from 'hast';
import { attribution, authorsOf, displayName } from '../../src/citations/attribution.js';
import type { CslItem } from '../../src/citations/bibliography.js';
import { parseLocator } from '../../src/citations/engine.js';
import { html } from './html.js';

describe('captions (attribution)', () => {
  const book = (extra: Partial<CslItem> = {}): CslItem => ({ id: 'b', type: 'book', title: 'Book', author: [{ given: 'Ada', family: 'Lovelace' }], ...extra });
  const caption = (nodes: ElementContent[]) => html(nodes);

  test('names: literal, given and family, one of them', () => {
    expect([displayName({ literal: 'The Party' }), displayName({ given: 'Ada', family: 'Lovelace' }), displayName({ family: 'Plato' }), displayName({ given: 'Ada' })]).toEqual(['The Party', 'Ada Lovelace', 'Plato', 'Ada']);
  });

  test('authors: one, two, three (with the serial comma), editors when no author, none', () => {
    const names = (n: number) => ['A', 'B', 'C'].slice(0, n).map((family) => ({ family }));
    expect([1, 2, 3].map((n) => authorsOf(book({ author: names(n) })))).toEqual(['A', 'A and B', 'A, B, and C']);
    expect(authorsOf(book({ author: undefined, editor: [{ family: 'Ed' }] }))).toBe('Ed');
    expect(authorsOf(book({ author: [], editor: [{ family: 'Ed' }] }))).toBeUndefined();
    expect(authorsOf(book({ author: undefined }))).toBeUndefined();
  });

  test('a book, with and without a locator; a work with no author', () => {
    expect(caption(attribution({ source: book() }))).toBe('— Ada Lovelace, <cite>Book</cite>');
    expect(caption(attribution({ source: book(), locator: 'p. 4' }))).toBe('— Ada Lovelace, <cite>Book</cite>, p. 4');
    expect(caption(attribution({ source: book({ author: undefined }) }))).toBe('— <cite>Book</cite>');
    // No title: the container's, else the key.
    expect(caption(attribution({ source: book({ title: undefined, 'container-title': 'Journal' }) }))).toBe('— Ada Lovelace, <cite>Journal</cite>');
    expect(caption(attribution({ source: book({ title: undefined }) }))).toBe('— Ada Lovelace, <cite>b</cite>');
  });

  test('a part of something bigger in quotation marks, the comma inside them before a locator', () => {
    expect(caption(attribution({ source: book({ type: 'article-journal' }) }))).toBe('— Ada Lovelace, <cite>“Book”</cite>');
    expect(caption(attribution({ source: book({ type: 'chapter' }), locator: '12' }))).toBe('— Ada Lovelace, <cite>“Book,”</cite> 12');
    expect(caption(attribution({ source: book({ type: 'webpage' }) }))).toBe('— Ada Lovelace, <cite>“Book”</cite>');
    expect(caption(attribution({ source: book({ type: 'thesis' }), locator: '12' }))).toBe('— Ada Lovelace, <cite>Book</cite>, 12');
    // Every type that is a part of a bigger work (Stryker found the list's entries untested one by one).
    const parts = ['article', 'article-journal', 'article-magazine', 'article-newspaper', 'chapter', 'entry', 'entry-dictionary', 'entry-encyclopedia', 'paper-conference', 'speech', 'post', 'post-weblog', 'webpage'];
    expect(parts.map((type) => caption(attribution({ source: book({ type }) })))).toEqual(parts.map(() => '— Ada Lovelace, <cite>“Book”</cite>'));
    expect(['book', 'report', 'thesis', 'manuscript', ''].map((type) => caption(attribution({ source: book({ type }) })))).toEqual(Array(5).fill('— Ada Lovelace, <cite>Book</cite>'));
  });

  test('free text: an author, a title, both, with a locator', () => {
    expect(caption(attribution({ author: 'Rosa Luxemburg' }))).toBe('— Rosa Luxemburg');
    expect(caption(attribution({ title: 'Reform or Revolution' }))).toBe('— <cite>Reform or Revolution</cite>');
    expect(caption(attribution({ author: 'Rosa Luxemburg', title: 'Reform or Revolution', locator: 'ch. 2' }))).toBe('— Rosa Luxemburg, <cite>Reform or Revolution</cite>, ch. 2');
    expect(caption(attribution({ author: 'Rosa Luxemburg', locator: 'ch. 2' }))).toBe('— Rosa Luxemburg, ch. 2');
    // A source wins over free text.
    expect(caption(attribution({ source: book(), author: 'Someone' }))).toBe('— Ada Lovelace, <cite>Book</cite>');
  });

  test('at second hand: "cited in", alone "Cited in"; nothing named, nothing shown', () => {
    const via = book({ id: 'v', title: 'Via', author: [{ family: 'Carr' }] });
    expect(caption(attribution({ author: 'Rosa', via, viaLocator: 'p. 9' }))).toBe('— Rosa, cited in Carr, <cite>Via</cite>, p. 9');
    expect(caption(attribution({ via }))).toBe('— Cited in Carr, <cite>Via</cite>');
    expect(caption(attribution({ via: book({ type: 'chapter', author: undefined }), viaLocator: '3' }))).toBe('— Cited in <cite>“Book,”</cite> 3');
    expect(attribution({})).toEqual([]);
    expect(attribution({ locator: 'p. 1' })).toEqual([]);
  });
});

describe('locators', () => {
  test('each label, with or without a space; a bare one is a page', () => {
    const cases = ['p. 12', 'pp.12-14', 'page 3', 'pages 3-4', 'ch. 7', 'chap. 2', 'chs. 2-3', 'chapter 4', 'chapters 4-5', 'vol. 1', 'vols. 1-2', '§ 3', '§§3-4', 'sec. 2', 'sect. 2', 'secs. 2', 'para. 5', 'paras. 5', '¶ 6', 'n. 3', 'nn. 3-4', 'l. 9', 'll. 9-10', 'fig. 2', 'figs. 2', 'bk. 3', 'pt. 2', ' 17 ', 'xii', 'page'];
    expect(cases.map((text) => Object.values(parseLocator(text)).join(' '))).toEqual([
      'page 12', 'page 12-14', 'page 3', 'page 3-4', 'chapter 7', 'chapter 2', 'chapter 2-3', 'chapter 4', 'chapter 4-5', 'volume 1', 'volume 1-2', 'section 3', 'section 3-4', 'section 2', 'section 2', 'section 2',
      'paragraph 5', 'paragraph 5', 'paragraph 6', 'note 3', 'note 3-4', 'line 9', 'line 9-10', 'figure 2', 'figure 2', 'book 3', 'part 2', 'page 17', 'page xii', 'page page',
    ]);
  });
});

