// The generated cover (src/render/epub/cover.ts), in process: every line of the SVG as
// "y size [italic] [letter-spacing] fill: text", the rules, and the description read aloud,
// for the real manuscript and three real titles (Reed, Lenin, Marx and Engels): lines
// balanced, the title shrunk to its room, a word longer than the measure setting the size
// (before, "Internationalisierungsbestrebungen" ran off both edges of the cover).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { unzipSync } from 'fflate';
import { describe, expect, test } from 'vitest';
import { renderEpub, renderEpubAsync } from '../../src/render/epub/index.js';
import { epubOf, load, part } from './helpers.js';

interface Cover {
  lines: string[];
  rects: string[];
  title: string;
}

function cover(yaml: string, frontmatter: string): Cover {
  const svg = epubOf(load({ 'pamphlet.yaml': yaml, 'part-1.md': part(frontmatter, 'Text.\n') }))['OEBPS/cover.svg'] ?? '';
  const attribute = (attributes: string, name: string): string | undefined => new RegExp(`${name}="([^"]+)"`).exec(attributes)?.[1];
  return {
    lines: [...svg.matchAll(/<text ([^>]*)>([^<]*)<\/text>/g)].map(([, attributes = '', words]) => {
      const spacing = attribute(attributes, 'letter-spacing');
      return `${attribute(attributes, 'y')} ${attribute(attributes, 'font-size')}${attributes.includes('font-style="italic"') ? ' i' : ''}${spacing ? ` ls${spacing}` : ''} ${attribute(attributes, 'fill')}: ${words}`;
    }),
    rects: [...svg.matchAll(/<rect [^>]*\/>/g)].map((m) => m[0]),
    title: /<title>([^<]*)<\/title>/.exec(svg)?.[1] ?? '',
  };
}

describe('the generated cover', () => {
  test("the real manuscript’s cover: series in two lines on the band, the title at its largest in three balanced lines", () => {
    expect(cover("series: Celebrating Red October\nauthor: Leon Trotsky\n", "title: How the Working Class came to Power\npart: 1")).toEqual({
      lines: [
        "355 64 ls8 #f4efe6: CELEBRATING",
        "435 64 ls8 #f4efe6: RED OCTOBER",
        "916 56 ls11 #8c1c13: PART I",
        "1081 104 #1f1b16: How the",
        "1206 104 #1f1b16: Working Class",
        "1331 104 #1f1b16: came to Power",
        "1580 44 ls4 #1f1b16: LEON TROTSKY"
      ],
      rects: [
        "<rect width=\"1200\" height=\"1800\" fill=\"#f4efe6\"/>",
        "<rect width=\"1200\" height=\"760\" fill=\"#8c1c13\"/>",
        "<rect x=\"510\" y=\"525\" width=\"180\" height=\"4\" fill=\"#f4efe6\"/>",
        "<rect x=\"510\" y=\"1470\" width=\"180\" height=\"4\" fill=\"#8c1c13\"/>"
      ],
      title: "Celebrating Red October. Part I: How the Working Class came to Power. Leon Trotsky",
    });
  });

  test("a long series, subtitle, title and three authors: the title smaller, in six lines; the authors joined as the language joins them", () => {
    expect(cover("series: Ten Days That Shook the World\nsubtitle: A Reading Group’s Companion to John Reed’s Account of the October Days\nauthors: [John Reed, Louise Bryant, Albert Rhys Williams]\n", "title: The Proletarian Revolution and the Renegade Kautsky, with an Appendix on the Constituent Assembly and the Soviets of Workers’ and Soldiers’ Deputies, and Further Notes\npart: 12")).toEqual({
      lines: [
        "282 64 ls8 #f4efe6: TEN DAYS THAT",
        "362 64 ls8 #f4efe6: SHOOK THE WORLD",
        "450 44 i #f4efe6: A Reading Group’s Companion to John",
        "508 44 i #f4efe6: Reed’s Account of the October Days",
        "872 56 ls11 #8c1c13: PART XII",
        "989 64 #1f1b16: The Proletarian Revolution and",
        "1066 64 #1f1b16: the Renegade Kautsky, with an",
        "1143 64 #1f1b16: Appendix on the Constituent",
        "1220 64 #1f1b16: Assembly and the Soviets",
        "1297 64 #1f1b16: of Workers’ and Soldiers’",
        "1374 64 #1f1b16: Deputies, and Further Notes",
        "1580 44 ls4 #1f1b16: JOHN REED, LOUISE BRYANT,",
        "1640 44 ls4 #1f1b16: AND ALBERT RHYS WILLIAMS"
      ],
      rects: [
        "<rect width=\"1200\" height=\"1800\" fill=\"#f4efe6\"/>",
        "<rect width=\"1200\" height=\"760\" fill=\"#8c1c13\"/>",
        "<rect x=\"510\" y=\"598\" width=\"180\" height=\"4\" fill=\"#f4efe6\"/>",
        "<rect x=\"510\" y=\"1470\" width=\"180\" height=\"4\" fill=\"#8c1c13\"/>"
      ],
      title: "Ten Days That Shook the World. A Reading Group’s Companion to John Reed’s Account of the October Days. Part XII: The Proletarian Revolution and the Renegade Kautsky, with an Appendix on the Constituent Assembly and the Soviets of Workers’ and Soldiers’ Deputies, and Further Notes. John Reed, Louise Bryant, and Albert Rhys Williams",
    });
  });

  test("a German part: “Teil”, “und”, the capitals of the language", () => {
    expect(cover("series: Manifest\nlang: de\nauthors: [Karl Marx, Friedrich Engels]\n", "title: Manifest der Kommunistischen Partei\npart: 3")).toEqual({
      lines: [
        "395 64 ls8 #f4efe6: MANIFEST",
        "916 56 ls11 #8c1c13: TEIL III",
        "1081 104 #1f1b16: Manifest der",
        "1206 104 #1f1b16: Kommunistischen",
        "1331 104 #1f1b16: Partei",
        "1580 44 ls4 #1f1b16: KARL MARX UND",
        "1640 44 ls4 #1f1b16: FRIEDRICH ENGELS"
      ],
      rects: [
        "<rect width=\"1200\" height=\"1800\" fill=\"#f4efe6\"/>",
        "<rect width=\"1200\" height=\"760\" fill=\"#8c1c13\"/>",
        "<rect x=\"510\" y=\"485\" width=\"180\" height=\"4\" fill=\"#f4efe6\"/>",
        "<rect x=\"510\" y=\"1470\" width=\"180\" height=\"4\" fill=\"#8c1c13\"/>"
      ],
      title: "Manifest. Teil III: Manifest der Kommunistischen Partei. Karl Marx und Friedrich Engels",
    });
  });

  test("a word too long for the measure at the largest size sets a smaller one, so nothing runs off the cover", () => {
    expect(cover("series: Internationalisierungsbestrebungen\nlang: de\nauthors: [Karl Marx]\n", "title: Internationalisierungsbestrebungen der Arbeiterbewegung\npart: 2")).toEqual({
      lines: [
        "395 33 ls4 #f4efe6: INTERNATIONALISIERUNGSBESTREBUNGEN",
        "1036 56 ls11 #8c1c13: TEIL II",
        "1143 56 #1f1b16: Internationalisierungsbestrebungen",
        "1210 56 #1f1b16: der Arbeiterbewegung",
        "1580 44 ls4 #1f1b16: KARL MARX"
      ],
      rects: [
        "<rect width=\"1200\" height=\"1800\" fill=\"#f4efe6\"/>",
        "<rect width=\"1200\" height=\"760\" fill=\"#8c1c13\"/>",
        "<rect x=\"510\" y=\"485\" width=\"180\" height=\"4\" fill=\"#f4efe6\"/>",
        "<rect x=\"510\" y=\"1470\" width=\"180\" height=\"4\" fill=\"#8c1c13\"/>"
      ],
      title: "Internationalisierungsbestrebungen. Teil II: Internationalisierungsbestrebungen der Arbeiterbewegung. Karl Marx",
    });
  });


  test('the description read aloud: a sentence a piece, without a stop after the series’ question mark or the subtitle’s quoted full stop', () => {
    const yaml = 'series: What Is to Be Done?\nsubtitle: “Burning Questions of Our Movement.”\nauthor: V. I. Lenin\n';
    const frontmatter = 'title: Dogmatism and “Freedom of Criticism”\npart: 1';
    const said = 'What Is to Be Done? “Burning Questions of Our Movement.” Part I: Dogmatism and “Freedom of Criticism”. V. I. Lenin';
    expect(cover(yaml, frontmatter).title).toBe(said);
    const files = epubOf(load({ 'pamphlet.yaml': yaml, 'part-1.md': part(frontmatter, 'Text.\n') }));
    expect(files['OEBPS/cover.xhtml']).toContain(`<img src="cover.svg" alt="${said}" role="doc-cover"/>`);
  });
});

describe('the cover PNG', () => {
  const png = (title: string): Uint8Array => {
    const loaded = load({ 'pamphlet.yaml': 'series: S\n', 'part-1.md': part(`title: ${title}\npart: 1`, 'Text.\n') });
    return unzipSync(renderEpub(loaded.manuscript.parts[0]!, loaded.manuscript.config, { css: 'p{}' }))['OEBPS/cover.png'] ?? new Uint8Array();
  };
  const size = (bytes: Uint8Array) => { const view = new DataView(bytes.buffer, bytes.byteOffset); return [view.getUint32(16), view.getUint32(20)]; };

  test('is the cover drawn, 1200 × 1800: the same bytes for the same cover built again, other bytes for another title (the last drawing is kept only for its own SVG)', () => {
    const first = png('Ten Days');
    const again = png('Ten Days');
    const other = png('State and Revolution');
    expect(Array.from(first.subarray(1, 4), (c) => String.fromCharCode(c)).join('')).toBe('PNG');
    expect(size(first)).toEqual([1200, 1800]);
    expect(Buffer.from(again).equals(Buffer.from(first))).toBe(true);
    expect(Buffer.from(other).equals(Buffer.from(first))).toBe(false);
    expect(size(other)).toEqual([1200, 1800]);
  });

  test('draws the letters in EB Garamond: two titles laid out alike but for one word’s letters give other pixels', () => {
    // Without its faces resvg draws no text at all, and these two covers would be the same picture.
    expect(Buffer.from(png('Ten Days')).equals(Buffer.from(png('Ten Dogs')))).toBe(false);
  });

  test('a build draws it off the main thread into the same EPUB, byte for byte, the PNG right after the SVG', async () => {
    // Each title drawn first by the one, then by the other: neither reuses the other's last drawing.
    for (const [title, asyncFirst] of [['Ten Days', true], ['The Russian Revolution', false]] as const) {
      const loaded = load({ 'pamphlet.yaml': 'series: S\n', 'part-1.md': part(`title: ${title}\npart: 1`, 'Text.\n') });
      const doc = loaded.manuscript.parts[0]!;
      const config = loaded.manuscript.config;
      const viaAsync = async () => Buffer.from(await renderEpubAsync(doc, config, { css: 'p{}' }));
      const viaSync = () => Buffer.from(renderEpub(doc, config, { css: 'p{}' }));
      const [a, b] = asyncFirst ? [await viaAsync(), viaSync()] : [viaSync(), await viaAsync()];
      expect(a.equals(b)).toBe(true);
      const names = Object.keys(unzipSync(a));
      expect(names.indexOf('OEBPS/cover.png')).toBe(names.indexOf('OEBPS/cover.svg') + 1);
      expect(size(unzipSync(a)['OEBPS/cover.png'] ?? new Uint8Array())).toEqual([1200, 1800]);
    }
  });

  test('a title of 800 words (from the real manuscript) is set whole, every word in order: line balancing once took minutes for a few hundred', () => {
    const text = readFileSync(path.resolve(import.meta.dirname, '../../manuscript/part-1.md'), 'utf8');
    const words = text.split(/\s+/).filter((word) => /^[A-Za-z,.;]+$/.test(word)).slice(0, 800);
    expect(words).toHaveLength(800);
    const { lines } = cover('series: Long Titles\nauthor: Anon\n', `title: "${words.join(' ')}"\npart: 1`);
    const titleLines = lines.filter((line) => line.includes('#1f1b16:') && !line.endsWith(': ANON')).map((line) => line.slice(line.indexOf(': ') + 2));
    expect(titleLines.join(' ').split(' ')).toEqual(words);
  });
});

