// Verse (src/pipeline/remark-verse.ts), in process: Whitman's stanzas as Standard Ebooks edit
// them (tests/fixtures/verse, CC0), the CommonMark spec's own line-break examples, and prose
// that has a forced break in it, which must stay prose.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { loadExamples } from '../helpers/spec-corpus.js';
import { body, onePart } from './helpers.js';

const FIXTURE = path.resolve(import.meta.dirname, '../fixtures/verse');
const whitman = readFileSync(path.join(FIXTURE, 'part-1.md'), 'utf8').replace(/^---\n[\s\S]*?\n---\n/, '');
const manuscript = readFileSync(path.resolve(import.meta.dirname, '../../manuscript/part-1.md'), 'utf8');
const EN = '\u2002';

/** The body's paragraphs, each as [its class, its text with tags dropped]. */
function paragraphs(html: string): [string, string][] {
  return [...html.matchAll(/<p\b([^>]*)>([\s\S]*?)<\/p>/g)].map((m) => [/class="([^"]*)"/.exec(m[1] ?? '')?.[1] ?? '', (m[2] ?? '').replace(/<[^>]+>/g, '')]);
}

describe('verse: a paragraph of lines each ended by a hard break is a stanza', () => {
  test('"Memories of President Lincoln": every stanza is verse, its indented lines keep their steps, the date under a title stays prose', () => {
    const { doc, messages } = onePart(whitman);
    expect(messages).toEqual([]);
    const all = paragraphs(body(doc));
    const prose = all.filter(([cls]) => cls !== 'verse').map(([, text]) => text);
    expect(prose).toEqual(['(May 4, 1865)']);
    // Standard Ebooks' <p>s of lines, counted in the source: every one is a stanza here.
    expect(all.length - prose.length).toBe(whitman.split(/\n\n+/).filter((block) => block.includes('\\\n')).length);
    // "O Captain! My Captain!": the four closing lines step in, two source spaces a step, each an en space.
    const text = body(doc);
    expect(text).toContain(`<br>\n${EN.repeat(2)}But O heart! heart! heart!<br>\n${EN.repeat(4)}O the bleeding drops of red,<br>\n${EN.repeat(6)}Where on the deck my Captain lies,<br>\n${EN.repeat(8)}Fallen cold and dead.</p>`);
    // A line not indented in the source gets no space.
    expect(text).toMatch(/<br>\nThe ship has weather’d every rack/);
  });

  test('the CommonMark spec: an example is a stanza exactly where the spec\'s own HTML breaks a paragraph\'s lines', () => {
    // Its paragraphs, soft and hard line breaks: "foo  \nbaz", "foo\\\nbaz", "*foo  \nbar*" (the break
    // inside emphasis), "aaa     \nbbb" are couplets; a backslash in code or in an HTML tag, and
    // spaces or a backslash at a paragraph's end, break nothing.
    const examples = loadExamples().filter((e) => e.suite === 'commonmark' && ['Paragraphs', 'Soft line breaks', 'Hard line breaks'].includes(e.section));
    expect(examples.length).toBeGreaterThan(20);
    const seen = examples.map((e) => {
      let html: string;
      try {
        html = body(onePart(e.markdown).doc);
      } catch {
        return `${e.number}: refused`; // a raw HTML link (642, 643): the safety's
      }
      return `${e.number}: ${paragraphs(html).some(([cls]) => cls === 'verse') ? 'stanza' : 'prose'}`;
    });
    const expected = examples.map((e) => `${e.number}: ${[...e.html.matchAll(/<p>([\s\S]*?)<\/p>/g)].some((p) => (p[1] ?? '').includes('<br />')) ? 'stanza' : 'prose'}`);
    expect(seen.filter((s) => !s.endsWith('refused'))).toEqual(expected.filter((_, i) => !seen[i]!.endsWith('refused')));
    expect(seen.filter((s) => s.endsWith('stanza')).length).toBeGreaterThanOrEqual(8);
  });

  test('prose stays prose: the real manuscript, a long line after a forced break, a soft line ending beside the breaks', () => {
    const real = onePart(manuscript.replace(/^---\n[\s\S]*?\n---\n/, ''), {
      yaml: readFileSync(path.resolve(import.meta.dirname, '../../manuscript/pamphlet.yaml'), 'utf8'),
      files: { 'references.bib': readFileSync(path.resolve(import.meta.dirname, '../../manuscript/references.bib'), 'utf8') },
    });
    expect(paragraphs(body(real.doc)).length).toBeGreaterThan(50);
    expect(paragraphs(body(real.doc)).filter(([cls]) => cls === 'verse')).toEqual([]);
    // The manuscript's first paragraph after a salutation and a break: a letter, not a couplet.
    const first = /\n\n(“Red October”[^\n]+)/.exec(manuscript)?.[1] ?? '';
    expect(first.length).toBeGreaterThan(80);
    expect(paragraphs(body(onePart(`Comrades,\\\n${first}\n`).doc))).toEqual([['', expect.stringContaining('Comrades,')]]);
    // Whitman's first stanza with one line joined to the next by a soft line ending: prose.
    const stanza = 'When lilacs last in the dooryard bloom’d,\\\nAnd the great star early droop’d in the western sky in the night,\nI mourn’d, and yet shall mourn with ever-returning spring.\\\nAnd thought of him I love.\n';
    expect(paragraphs(body(onePart(stanza).doc))[0]?.[0]).toBe('');
    // Three lines, the long one too: verse, however long its lines (Whitman's run to 130 characters).
    expect(paragraphs(body(onePart(stanza.replace('night,\n', 'night,\\\n')).doc))[0]?.[0]).toBe('verse');
  });

  test('a stanza in a quotation and in a list item: indents are counted from the paragraph, not the `>` or the item', () => {
    const quoted = '> Could frame thy fearful symmetry?\\\n>     In what distant deeps or skies\\\n> Burnt the fire of thine eyes?\n';
    expect(body(onePart(quoted).doc)).toContain(`<br>\n${EN.repeat(4)}In what distant deeps or skies<br>\nBurnt the fire`);
    const listed = '- Could frame thy fearful symmetry?\\\n  In what distant deeps or skies\\\n    Burnt the fire of thine eyes?\n';
    expect(body(onePart(listed).doc)).toContain(`symmetry?<br>\nIn what distant deeps or skies<br>\n${EN.repeat(2)}Burnt the fire`);
  });

  test('Pandoc\'s line blocks: its reader test\'s lines as Pandoc reads them, its manual\'s examples, a table missing its delimiter row left alone', () => {
    const text = readFileSync(path.resolve(import.meta.dirname, '../fixtures/pandoc-line-blocks/part-1.md'), 'utf8').replace(/^---\n[\s\S]*?\n---\n/, '');
    const { doc, messages } = onePart(text);
    expect(messages).toEqual([]);
    const html = body(doc);
    const stanzas = [...html.matchAll(/<p class="verse"[^>]*>([\s\S]*?)<\/p>/g)].map((m) => (m[1] ?? '').split(/<br>\n?/).map((line) => line.replace(/<[^>]+>/g, '').replace(/\n/g, ' ').replace(/\u2002/g, '·')));
    // test/markdown-reader-more.native: the indents as Pandoc's no-break spaces (4, 8, 12, 2), an
    // empty line, and each continuation joined to its line by a space.
    expect(stanzas.at(-1)).toEqual(['But can a bee be said to be', '····or not to be an entire bee,', '········when half the bee is not a bee,', '············due to some ancient injury?', '', 'Continuation line', '··and another']);
    expect(stanzas.slice(0, 3)).toEqual([
      ['The limerick packs laughs anatomical', 'In space that is quite economical.', '···But the good ones I’ve seen', '···So seldom are clean', 'And the clean ones so seldom are comical'],
      ['200 Main St.', 'Berkeley, CA 94718'],
      ['The Right Honorable Most Venerable and Righteous Samuel\u00a0L. Constable, Jr.', '200 Main St.', 'Berkeley, CA 94718'],
    ]);
    expect(html).not.toMatch(/(^|\n)\| /);
    // Rows with no delimiter row under them: a paragraph as typed (CommonMark's and GFM's reading).
    expect(body(onePart('| Fruit | Price |\n| Bananas | $1.34 |\n').doc)).toBe('<p id="p1" data-pn="1">| Fruit | Price |\n| Bananas | $1.34 |</p>');
    // A bar in the middle of a line, or a paragraph only some of whose lines begin with one: prose.
    expect(body(onePart('Either this | or that\n| and this\n').doc)).not.toContain('verse');
    expect(body(onePart('| this\nand that\n').doc)).not.toContain('verse');
    // In a quotation, past its `>`.
    expect(body(onePart('> | 200 Main St.\n> | Berkeley, CA 94718\n').doc)).toContain('<p class="verse" id="p1" data-pn="1">200 Main St.<br>\nBerkeley, CA 94718</p>');
  });
});
