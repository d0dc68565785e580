// Definition lists (src/pipeline/remark-parse-gfm.ts, by micromark-extension-definition-list),
// in process: Pandoc's own test suite held to Pandoc's reading of it, the Devil's Dictionary as
// Pandoc writes it (Standard Ebooks, CC0), a table's `: caption` beside them, and a term written
// as an attacker would.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { body, onePart, onePartRefused } from './helpers.js';

const suite = readFileSync(path.resolve(import.meta.dirname, '../fixtures/definition-lists/part-1.md'), 'utf8').replace(/^---\n[\s\S]*?\n---\n/, '');

/** Each `<dl>` as its entries: `term` for a term, `: text` for a definition, `:: text` for each further block of it. */
function lists(html: string): string[][] {
  return [...html.matchAll(/<dl>([\s\S]*?)<\/dl>/g)].map((dl) =>
    [...(dl[1] ?? '').matchAll(/<(dt|dd)>([\s\S]*?)<\/\1>/g)].flatMap((entry) => {
      if (entry[1] === 'dt') return [(entry[2] ?? '').replace(/<[^>]+>/g, '')];
      const inner = (entry[2] ?? '').trim();
      const blocks = [...inner.matchAll(/<(p|pre|blockquote)\b[^>]*>([\s\S]*?)<\/\1>/g)];
      // A tight definition is its text alone (Pandoc's Plain), a loose one its paragraphs (Para).
      if (blocks.length === 0) return [`: ${inner.replace(/\s+/g, ' ')}`];
      return blocks.map((block, i) => `${i === 0 ? ':' : '::'} ${block[1]} ${(block[2] ?? '').replace(/<[^>]+>/g, '').replace(/\s+/g, ' ').trim()}`);
    }),
  );
}

describe('definition lists', () => {
  test("Pandoc's test suite: each list as test/testsuite.native reads it", () => {
    const { doc, messages } = onePart(suite);
    expect(messages).toEqual([]);
    const html = body(doc);
    const tight = ['apple', ': red fruit', 'orange', ': orange fruit', 'banana', ': yellow fruit'];
    expect(lists(html)).toEqual([
      tight, // tight, with spaces
      tight, // tight, with tabs
      ['apple', ': p red fruit', 'orange', ': p orange fruit', 'banana', ': p yellow fruit'], // loose
      // Several blocks: a second paragraph, a code block, a quotation.
      ['apple', ': p red fruit', ':: p contains seeds, crisp, pleasant to taste', 'orange', ': p orange fruit', ':: pre { orange code block }', ':: blockquote orange block quote'],
      ['apple', ': red fruit', ': computer', 'orange', ': orange fruit', ': bank'], // two definitions a term, tight
      ['apple', ': p red fruit', ': p computer', 'orange', ': p orange fruit', ': p bank'], // and loose
    ]);
    expect(html).toContain('<dt><em>apple</em></dt>');
    // Pandoc's alternate marker, `~`, is not read: those lines stay as typed (README, "Definition lists").
    expect(html).toContain('<p id="p20" data-pn="20">~ red fruit</p>');
    expect(html).not.toMatch(/<p[^>]*>:\s/);
  });

  test('the Devil\'s Dictionary as Pandoc writes it: the headword a term, its verse a stanza in the definition', () => {
    const text = '[Ichor]{.dfn}\n\n:   A fluid that serves the gods and goddesses in place of blood.\n\n    > Fair Venus, speared by Diomed,\\\n    > Restrained the raging chief and said:\\\n    > "Behold, rash mortal, whom you\'ve bled⁠---\\\n    > Your soul\'s stained white with ichorshed!"\n    >\n    > ---⁠Mary Doke\n\n[Iconoclast]{.dfn}\n\n:   A breaker of idols.\n';
    const html = body(onePart(text).doc);
    expect(lists(html)[0]?.filter((entry) => !entry.startsWith(':'))).toEqual(['Ichor', 'Iconoclast']);
    expect(html).toMatch(/<dd>\n<p id="p1" data-pn="1">A fluid that serves[^<]*<\/p>\n<blockquote>\n<p class="verse" id="p2" data-pn="2">Fair Venus, speared by Diomed,<br>/);
  });

  test('a table\'s `: caption` stays its caption, before or after it; a definition beside a table stays a definition', () => {
    const captioned = body(onePart('Some prose before the table.\n\n: Prices in 1917\n\n| Bread | Milk |\n|---|---|\n| 1 | 2 |\n\nTable: The *second* caption\n\n: Not a definition either\n\n| a |\n|---|\n| 3 |\n\nAfter.\n').doc);
    expect(captioned).not.toContain('<dl>');
    expect(captioned).toContain('<p id="p1" data-pn="1">Some prose before the table.</p>');
    expect(captioned).toContain('<p id="p2" data-pn="2">Table: The <em>second</em> caption</p>');
    // Each table takes the caption just above it; the `Table:` line between them, a third, stays a paragraph as before.
    expect([...captioned.matchAll(/<caption>(.*?)<\/caption>/g)].map((m) => m[1])).toEqual(['Prices in 1917', 'Not a definition either']);
    // A glossary under a table, nothing after it: a glossary.
    const glossary = body(onePart('| a |\n|---|\n| 3 |\n\nSoviet\n:   A council of workers\' deputies.\n').doc);
    expect(lists(glossary)).toEqual([['Soviet', ': A council of workers’ deputies.']]);
  });

  test('a term or definition written as an attacker would is refused at its place', () => {
    expect(onePartRefused('Term <img src=x onerror=alert(1)> and [x](javascript:alert(1))\n:   A definition with <script>alert(2)</script>\n')).toEqual([
      "part-1.md:6:6: error: event-handler attribute `onerror` is not allowed: the renderer never runs a manuscript's scripts",
      expect.stringMatching(/^part-1\.md:7:23: error: <script> is not allowed in a manuscript/),
      'part-1.md:6:39: error: link refused: `javascript:` URLs are not allowed (only http, https and mailto links, and files inside the manuscript folder)',
    ]);
  });
});
