// Citations as a scholar reads them: exact strings from citeproc-js with the official
// CSL styles (Debian's citation-style-language-styles), through our pipeline.
import { describe, expect, test } from 'vitest';
import { cpSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { toString as hastToString } from 'hast-util-to-string';
import { loadManuscript } from '../src/manuscript.js';
import type { PartDocument } from '../src/document.js';
import { ManuscriptError, formatMessage } from '../src/diagnostics.js';
import { copyFixture, pamphlet } from './helpers/cli.js';
import { resolveStyle } from '../src/citations/engine.js';

/** The text as a reader sees it: a no-break space is a space. */
const readerText = (node: Parameters<typeof hastToString>[0]) => hastToString(node).replace(/[\u00A0\u202F]/g, ' ');

function withStyle(style: string): PartDocument {
  const root = copyFixture('citations');
  const yaml = path.join(root, 'manuscript', 'pamphlet.yaml');
  writeFileSync(yaml, readFileSync(yaml, 'utf8').replace(/citation-style: .*/, `citation-style: ${style}`));
  return loadManuscript(path.join(root, 'manuscript')).parts[0] as PartDocument;
}

const noteText = (doc: PartDocument, n: number) => readerText({ type: 'root', children: doc.notes[n - 1]?.content ?? [] }).trim();

describe('Chicago full note with ibid (the default)', () => {
  const doc = withStyle('chicago-fullnote-bibliography-with-ibid');

  test('first citation is the complete note, with the page', () => {
    expect(noteText(doc, 1)).toBe('Edward Hallett Carr, The Bolshevik Revolution, 1917–1923, vol. 1, A History of Soviet Russia (London: Macmillan, 1950), 12.');
  });
  test('the next citation of the same work is Ibid.', () => {
    expect(noteText(doc, 2)).toBe('Ibid., 1:14.');
  });
  test('after another work, the short form', () => {
    expect(noteText(doc, 3)).toBe('Leon Trotsky, The History of the Russian Revolution, trans. Max Eastman (New York: Simon & Schuster, 1932), chap. 7.');
    expect(noteText(doc, 4)).toBe('Carr, The Bolshevik Revolution, 1917–1923, 1:20.');
  });
  test('several keys in one citation, with prefix, locator and suffix', () => {
    expect(noteText(doc, 5)).toBe('See John Reed, Ten Days That Shook the World (New York: Boni & Liveright, 1919); Trotsky, The History of the Russian Revolution, 3 on the congress.');
  });
  test('a citation inside a footnote renders inside that footnote', () => {
    expect(doc.notes).toHaveLength(6);
    expect(doc.notes[5]?.kind).toBe('footnote');
    expect(noteText(doc, 6)).toBe('As Reed saw it (Reed, Ten Days That Shook the World, 129).');
  });
  test('titles are italic in notes', () => {
    const html = JSON.stringify(doc.notes[0]?.content);
    expect(html).toContain('"tagName":"i"');
  });
  test('the bibliography, sorted, in Chicago form', () => {
    expect(doc.bibliography?.title).toBe('Works Cited');
    expect(doc.bibliography?.entries.map((e) => readerText(e))).toEqual([
      'Carr, Edward Hallett. The Bolshevik Revolution, 1917–1923. Vol. 1. A History of Soviet Russia. London: Macmillan, 1950.',
      'Reed, John. Ten Days That Shook the World. New York: Boni & Liveright, 1919.',
      'Trotsky, Leon. The History of the Russian Revolution. Translated by Max Eastman. New York: Simon & Schuster, 1932.',
    ]);
  });
});

describe('APA (author-date): citations in the text', () => {
  const doc = withStyle('apa');
  const body = readerText(doc.body);

  test('in-text citations with page', () => {
    expect(body).toContain('First mention of Carr. (Carr, 1950, p. 12)');
    expect(body).toContain('(see Reed, 1919; Trotsky, 1932, p. 3 on the congress)');
  });
  test('only real footnotes remain notes', () => {
    expect(doc.notes).toHaveLength(1);
    expect(noteText(doc, 1)).toBe('As Reed saw it (Reed, 1919, p. 129).');
  });
  test('an APA reference list', () => {
    expect(doc.bibliography?.entries.map((e) => readerText(e))).toEqual([
      'Carr, E. H. (1950). The Bolshevik Revolution, 1917–1923 (Vol. 1). Macmillan.',
      'Reed, J. (1919). Ten Days That Shook the World. Boni & Liveright.',
      'Trotsky, L. (1932). The History of the Russian Revolution (M. Eastman, Trans.). Simon & Schuster.',
    ]);
  });
});

// Debian ships 7,832 dependent styles (a journal named, its parent's rules); generated from the
// CSL journals repository, they carry no `class`, and each was "not a CSL style" until
// 2026-12-04, though a dependent style's class is its parent's.
describe('a dependent style from Debian, by its id', () => {
  const doc = withStyle('accounting-forum');
  test('cites as its parent, APA, does', () => {
    expect(readerText(doc.body)).toContain('First mention of Carr. (Carr, 1950, p. 12)');
    expect(doc.bibliography?.entries.map((e) => readerText(e))[0]).toBe('Carr, E. H. (1950). The Bolshevik Revolution, 1917–1923 (Vol. 1). Macmillan.');
  });
  test('every style Debian ships, independent and dependent, is read as a style', () => {
    const dir = '/usr/share/citation-style-language/styles';
    const names = [...readdirSync(dir).filter((f) => f.endsWith('.csl')), ...readdirSync(path.join(dir, 'dependent')).filter((f) => f.endsWith('.csl')).map((f) => `dependent/${f}`)];
    expect(names.length).toBeGreaterThan(10_000);
    const refused = names.filter((name) => {
      try {
        resolveStyle(path.join(dir, name), [dir]);
        return false;
      } catch {
        return true;
      }
    });
    expect(refused).toEqual([]);
  });
});

// A 3 KB style whose forty macros each call the next twice sets off 2^40 calls: citeproc-js
// filled 4 GB and died after two minutes, with no place (red team, 2026-12-04).
describe('a style whose macros multiply', () => {
  test('is refused at `citation-style` in a second, before any citation is formatted', () => {
    const root = copyFixture('citations');
    const macros = Array.from({ length: 40 }, (_, i) => `<macro name="m${i}"><group delimiter=" "><text macro="m${i + 1}"/><text macro="m${i + 1}"/></group></macro>`).join('\n');
    writeFileSync(
      path.join(root, 'manuscript', 'evil.csl'),
      `<?xml version="1.0" encoding="utf-8"?>\n<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0"><info><title>Evil</title><id>evil</id><updated>2026-01-01T00:00:00+00:00</updated></info>\n${macros}\n<macro name="m40"><text variable="title"/></macro>\n<citation><layout><text macro="m0"/></layout></citation><bibliography><layout><text variable="title"/></layout></bibliography></style>\n`,
    );
    const yaml = path.join(root, 'manuscript', 'pamphlet.yaml');
    writeFileSync(yaml, readFileSync(yaml, 'utf8').replace(/citation-style: .*/, 'citation-style: evil.csl'));
    const started = Date.now();
    const result = pamphlet(['check', 'manuscript'], root);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/^manuscript\/pamphlet\.yaml:\d+:\d+: error: CSL style .*evil\.csl: its macros call one another over 20,000 times/m);
    expect(Date.now() - started).toBeLessThan(30_000);
  });
});

describe('a style whose macros chain deep', () => {
  // Counted by recursion, 100,000 macros each calling the next would overflow the stack.
  test('100,000 macros in a chain are refused at `citation-style`, not a stack overflow', () => {
    const root = copyFixture('citations');
    const macros = Array.from({ length: 100_000 }, (_, i) => `<macro name="m${i}"><text macro="m${i + 1}"/></macro>`).join('\n');
    writeFileSync(
      path.join(root, 'manuscript', 'chain.csl'),
      `<?xml version="1.0" encoding="utf-8"?>\n<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0"><info><title>Chain</title><id>chain</id><updated>2026-01-01T00:00:00+00:00</updated></info>\n${macros}\n<macro name="m100000"><text variable="title"/></macro>\n<citation><layout><text macro="m0"/></layout></citation><bibliography><layout><text variable="title"/></layout></bibliography></style>\n`,
    );
    const yaml = path.join(root, 'manuscript', 'pamphlet.yaml');
    writeFileSync(yaml, readFileSync(yaml, 'utf8').replace(/citation-style: .*/, 'citation-style: chain.csl'));
    const result = pamphlet(['check', 'manuscript'], root);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/^manuscript\/pamphlet\.yaml:\d+:\d+: error: CSL style .*chain\.csl: its macros call one another over 20,000 times \(or over 500 deep\)/m);
    expect(result.stderr).not.toMatch(/Maximum call stack/);
  });
});

describe('bibliography errors', () => {
  test('a malformed .bib is an error naming the file and line', () => {
    const root = copyFixture('citations');
    const bib = path.join(root, 'manuscript', 'references.bib');
    writeFileSync(bib, `@book{ok,\n  title = {Fine},\n  year = 1950\n}\n\n@book{broken,\n  title = {Unclosed,\n  year = 1950\n}\n`);
    let caught: unknown;
    try {
      loadManuscript(path.join(root, 'manuscript'));
    } catch (cause) {
      caught = cause;
    }
    expect(caught).toBeInstanceOf(ManuscriptError);
    const line = formatMessage((caught as ManuscriptError).messages[0]!, root);
    // At the entry the unclosed brace is in (line 6), not where the parser ran out of text.
    expect(line).toMatch(/^manuscript\/references\.bib:6:1: error: malformed BibTeX entry/);
  });

  test('CSL-JSON works too, chosen by extension', () => {
    const root = copyFixture('citations');
    const dir = path.join(root, 'manuscript');
    writeFileSync(path.join(dir, 'references.json'), JSON.stringify([
      { id: 'carr1950', type: 'book', title: 'The Bolshevik Revolution, 1917–1923', author: [{ family: 'Carr', given: 'Edward Hallett' }], publisher: 'Macmillan', 'publisher-place': 'London', issued: { 'date-parts': [[1950]] }, volume: '1' },
      { id: 'trotsky1932', type: 'book', title: 'The History of the Russian Revolution', author: [{ family: 'Trotsky', given: 'Leon' }], issued: { 'date-parts': [[1932]] } },
      { id: 'reed1919', type: 'book', title: 'Ten Days That Shook the World', author: [{ family: 'Reed', given: 'John' }], issued: { 'date-parts': [[1919]] } },
    ]));
    const yaml = path.join(dir, 'pamphlet.yaml');
    writeFileSync(yaml, readFileSync(yaml, 'utf8').replace('references.bib', 'references.json'));
    const doc = loadManuscript(dir).parts[0] as PartDocument;
    expect(noteText(doc, 1)).toBe('Edward Hallett Carr, The Bolshevik Revolution, 1917–1923, vol. 1 (London: Macmillan, 1950), 12.');
  });
});

describe('the real manuscript', () => {
  const real = path.resolve(import.meta.dirname, '..', 'manuscript');

  test('its bibliography, in Chicago form, sorted', () => {
    const doc = loadManuscript(real).parts[0] as PartDocument;
    expect(doc.bibliography?.entries.map((e) => readerText(e))).toEqual([
      'Carr, E. H. The Bolshevik Revolution, 1917–1923. Vol. 1. A History of Soviet Russia. London: Macmillan, 1950.',
      'Lenin, V. I. “The Tasks of the Proletariat in the Present Revolution.” In Collected Works, 24:19–26. 1917. Reprint, Moscow: Progress Publishers, 1964.',
      'Reed, John. Ten Days That Shook the World. New York: Boni and Liveright, 1919.',
      'Trotsky, Leon. The History of the Russian Revolution. Translated by Max Eastman. 3 vols. New York: Simon and Schuster, 1932.',
    ]);
    // The seed's "(cited in E.H. Carr, …)" is a note from the same data.
    const notes = doc.notes.map((note) => readerText({ type: 'root', children: note.content }).trim());
    expect(notes).toContain('Cited in E. H. Carr, The Bolshevik Revolution, 1917–1923, vol. 1, A History of Soviet Russia (London: Macmillan, 1950).');
  });

  test('the same manuscript with apa: citations in the text and an APA reference list', () => {
    const root = mkdtempSync(path.join(os.tmpdir(), 'pamphlet-apa-'));
    cpSync(real, root, { recursive: true });
    const yaml = path.join(root, 'pamphlet.yaml');
    writeFileSync(yaml, readFileSync(yaml, 'utf8').replace(/citation-style: .*/, 'citation-style: apa'));
    const doc = loadManuscript(root).parts[0] as PartDocument;
    const body = readerText(doc.body);
    expect(body).toContain('resulting from it.” (Trotsky, 1932, vol. 1, chap. 1)');
    expect(body).toContain('(cited in Carr, 1950)');
    expect(doc.notes).toHaveLength(0);
    expect(doc.bibliography?.entries.map((e) => readerText(e))).toEqual([
      'Carr, E. H. (1950). The Bolshevik Revolution, 1917–1923 (Vol. 1). Macmillan.',
      'Lenin, V. I. (1964). The Tasks of the Proletariat in the Present Revolution. In Collected Works (Vol. 24, pp. 19–26). Progress Publishers. (Original work published 1917)',
      'Reed, J. (1919). Ten Days That Shook the World. Boni and Liveright.',
      'Trotsky, L. (1932). The History of the Russian Revolution (M. Eastman, Trans.; Vol. 1–3). Simon and Schuster.',
    ]);
  });
});
