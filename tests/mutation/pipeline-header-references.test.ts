// Pandoc's implicit header references (src/pipeline/remark-pandoc-header-references.ts), in
// process, on lines of Pandoc's own manual (MANUAL.txt, GPL-2.0-or-later), which writes some
// hundred of them, and brackets that name no heading.
import { describe, expect, test } from 'vitest';
import { body, onePart } from './helpers.js';

const MANUAL = [
  "Pandoc's enhanced version of Markdown includes syntax for [tables],",
  'and much more.  See below under [Pandoc\'s Markdown].',
  '',
  'For more information on how standalone documents are produced, see',
  '[Templates] below.',
  '',
  'The following extensions are described in more detail in',
  "their respective sections of [Pandoc's Markdown]:",
  '',
  '# Templates',
  '',
  'See [the templates section][templates], [TEMPLATES][] and [Tables] [sic].',
  '',
  "# Pandoc's Markdown",
  '',
  '## Tables {#tables-section}',
  '',
  '## Templates',
  '',
].join('\n');

describe("Pandoc's implicit header references", () => {
  test('each names the first heading of its words, in any case, as `[x]`, `[x][]` and `[text][x]`; a written id is used', () => {
    const { doc, messages } = onePart(MANUAL);
    expect(messages).toEqual([]);
    const html = body(doc);
    const links = [...html.matchAll(/<a href="#([^"]+)">([^<]*(?:<[^a][^>]*>[^<]*)*)<\/a>/g)].map((m) => `${m[2]} → ${m[1]}`);
    expect(links).toEqual([
      'tables → tables-section',
      'Pandoc’s Markdown → pandocs-markdown',
      'Templates → templates',
      'Pandoc’s Markdown → pandocs-markdown',
      'the templates section → templates',
      'TEMPLATES → templates',
      'Tables → tables-section',
    ]);
    // The second "Templates" is not the target; "[sic]" names no heading and stays as typed.
    expect(html).toContain('[sic]');
    expect(html).not.toContain('href="#templates-1"');
  });

  test('brackets before a link destination, a span\'s braces or a defined reference keep their meaning', () => {
    const html = body(onePart('[Templates] (see above), [Templates]{lang=en}, [Templates][t] and [x] [y].\n\n[t]: https://example.org/\n\n# Templates\n').doc);
    expect(html).toContain('<a href="#templates">Templates</a> (see above)');
    expect(html).toContain('<span lang="en">Templates</span>');
    expect(html).toContain('<a href="https://example.org/">Templates</a>');
    expect(html).toContain('[x] [y].');
  });
});
