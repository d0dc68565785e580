/**
 * A typographic cover drawn from the metadata alone: series and its subtitle
 * on a red band, then part label, title and author on paper. SVG, so it needs
 * no image tooling and stays sharp; generic `serif` so it needs no fonts.
 */
import type { Element, ElementContent } from 'hast';
import type { PartMeta } from '../../document.js';
import { byline, partTitle } from './labels.js';
import { toXml } from './serialize.js';
import { element, text, xhtmlDocument } from './xhtml.js';

const WIDTH = 1200;
const HEIGHT = 1800;
const MARGIN = 120;
const BAND = 760;
/** Far more words than a cover can show; see clip(). */
const COVER_WORDS = 1_000;
const PAPER = '#f4efe6';
const RED = '#8c1c13';
const INK = '#1f1b16';

interface Line {
  text: string;
  y: number;
  size: number;
  fill: string;
  italic?: boolean;
  /** In em; small capitals are spaced out a little. */
  tracking?: number;
}

/** What the generated cover says: the part's title page, known from its front matter. */
export type CoverFacts = Pick<PartMeta, 'series' | 'subtitle' | 'title' | 'partLabel' | 'authors' | 'lang'>;

export function coverSvg(meta: CoverFacts): string {
  const measure = WIDTH - 2 * MARGIN;

  // The band: series in spaced capitals, its subtitle in italics, a short rule; centred.
  const band: Line[] = [];
  let y = 0;
  const series = clip(meta.series).toLocaleUpperCase(meta.lang);
  const seriesSize = wordsFit(series, 64, measure, 0.72, 0.12);
  for (const line of wrap(series, seriesSize, measure, 0.72, 0.12)) {
    band.push({ text: line, y: (y += 80), size: seriesSize, fill: PAPER, tracking: 0.12 });
  }
  if (meta.subtitle) {
    y += 30;
    const subtitle = clip(meta.subtitle);
    const subtitleSize = wordsFit(subtitle, 44, measure, 0.5);
    for (const line of wrap(subtitle, subtitleSize, measure, 0.5)) {
      band.push({ text: line, y: (y += 58), size: subtitleSize, fill: PAPER, italic: true });
    }
  }
  // Baselines are measured from the top, so the first line needs its cap height back.
  const bandShift = Math.round((BAND - (y + 90)) / 2) + 20;
  const bandRule = bandShift + y + 90;

  // On paper: part label and title, centred between the band and the lower rule.
  const main: Line[] = [];
  y = 0;
  if (meta.partLabel) {
    main.push({ text: meta.partLabel.toLocaleUpperCase(meta.lang), y: (y += 56), size: 56, fill: RED, tracking: 0.2 });
    y += 40;
  }
  const { size, lines: title } = fitTitle(clip(meta.title), measure);
  for (const line of title) main.push({ text: line, y: (y += Math.round(size * 1.2)), size, fill: INK });
  const lowerRule = HEIGHT - 330;
  const mainShift = BAND + Math.round((lowerRule - BAND - y) / 2) - 20;

  const byAuthor: Line[] = [];
  const author = byline(meta.authors, meta.lang);
  y = lowerRule + 50;
  const authorLine = author ? clip(author).toLocaleUpperCase(meta.lang) : '';
  const authorSize = wordsFit(authorLine, 44, measure, 0.72, 0.1);
  for (const line of authorLine ? wrap(authorLine, authorSize, measure, 0.72, 0.1) : []) {
    byAuthor.push({ text: line, y: (y += 60), size: authorSize, fill: INK, tracking: 0.1 });
  }

  const lines = [
    ...band.map((line) => ({ ...line, y: line.y + bandShift })),
    ...main.map((line) => ({ ...line, y: line.y + mainShift })),
    ...byAuthor,
  ];
  const svg = element(
    'svg',
    {
      xmlns: 'http://www.w3.org/2000/svg',
      version: '1.1',
      width: String(WIDTH),
      height: String(HEIGHT),
      viewBox: `0 0 ${WIDTH} ${HEIGHT}`,
      'xml:lang': meta.lang,
    },
    [
      element('title', {}, [text(coverDescription(meta))]),
      element('rect', { width: String(WIDTH), height: String(HEIGHT), fill: PAPER }),
      element('rect', { width: String(WIDTH), height: String(BAND), fill: RED }),
      rule(bandRule, PAPER),
      rule(lowerRule, RED),
      ...lines.map(textElement),
    ],
  );
  return `<?xml version="1.0" encoding="UTF-8"?>\n${toXml(svg)}\n`;
}

/** The cover page: the SVG as an image, described in words for those who cannot see it. */
export function coverDocument(meta: PartMeta, svgHref: string, stylesheet: string): string {
  return xhtmlDocument({
    lang: meta.lang,
    title: partTitle(meta),
    stylesheet,
    bodyProperties: { 'epub:type': 'cover', className: ['cover'] },
    content: [
      element('div', { className: ['cover-image'] }, [
        element('img', { src: svgHref, alt: coverDescription(meta), role: 'doc-cover' }),
      ]),
    ],
  });
}

/**
 * Everything the cover says, in reading order, a sentence a piece: "What Is to Be Done?
 * Part I: …", not "What Is to Be Done?. Part I: …" (a screen reader says the stray stop).
 */
function coverDescription(meta: CoverFacts): string {
  return [meta.series, meta.subtitle, partTitle(meta), byline(meta.authors, meta.lang)]
    .filter((part): part is string => Boolean(part))
    .reduce((said, piece) => (said ? `${said}${ENDS_SENTENCE.test(said) ? '' : '.'} ${piece}` : piece), '');
}

/** A sentence's closing mark, perhaps inside a closing quotation mark or bracket. */
const ENDS_SENTENCE = /[.?!…]["'”’»«“)\]]*$/u;

function textElement(line: Line): Element {
  return element(
    'text',
    {
      x: String(WIDTH / 2),
      y: String(line.y),
      'text-anchor': 'middle',
      'font-family': 'serif',
      'font-size': String(line.size),
      fill: line.fill,
      ...(line.italic ? { 'font-style': 'italic' } : {}),
      ...(line.tracking ? { 'letter-spacing': String(Math.round(line.tracking * line.size)) } : {}),
    },
    [text(line.text)],
  );
}

function rule(y: number, colour: string): ElementContent {
  return element('rect', { x: String(WIDTH / 2 - 90), y: String(y), width: '180', height: '4', fill: colour });
}

/**
 * The first thousand words, and "…" after them where there are more. A title is set whole,
 * even one of 800 words (tests/mutation/epub-cover.test.ts), but balancing lines costs the
 * square of the words: a title of 40,000 words held the build's thread for 104 s.
 */
function clip(value: string): string {
  const words = value.split(/\s+/).filter(Boolean);
  return words.length <= COVER_WORDS ? value : `${words.slice(0, COVER_WORDS).join(' ')}…`;
}

/**
 * The largest title size, from 104 down, whose lines fit between the part label and the
 * lower rule, and whose longest word fits the measure ("Internationalisierungsbestrebungen"
 * at 104 would run off both edges of the cover).
 */
function fitTitle(title: string, measure: number): { size: number; lines: string[] } {
  const room = 540;
  let size = 104;
  let lines = wrap(title, size, measure, 0.5);
  while ((lines.length * size * 1.2 > room || wordsFit(title, size, measure, 0.5) < size) && size > 40) {
    size -= 8;
    lines = wrap(title, size, measure, 0.5);
  }
  return { size, lines };
}

/**
 * `size`, or the smaller size (not below 24) at which the longest word of `value` fits the
 * measure by the average glyph width: a word is never broken, so a long one sets the size.
 */
function wordsFit(value: string, size: number, measure: number, glyphEm: number, trackingEm = 0): number {
  let longest = 0;
  for (const word of value.split(/\s+/)) longest = Math.max(longest, word.length);
  if (longest === 0) return size;
  return Math.max(24, Math.min(size, Math.floor(measure / (longest * (glyphEm + trackingEm)))));
}

/**
 * Line breaking with an average glyph width (in em) instead of font metrics,
 * since the reader's serif is unknown: as few lines as fit the measure, with
 * the words spread evenly over them, as a typesetter would break a title.
 */
function wrap(value: string, size: number, measure: number, glyphEm: number, trackingEm = 0): string[] {
  const perLine = Math.max(1, Math.floor(measure / (size * (glyphEm + trackingEm))));
  const words = value.split(/\s+/).filter(Boolean);
  return balance(words, greedyLineCount(words, perLine), perLine);
}

function greedyLineCount(words: readonly string[], perLine: number): number {
  let lines = 0;
  let length = -1;
  for (const word of words) {
    if (length >= 0 && length + 1 + word.length <= perLine) {
      length += 1 + word.length;
    } else {
      lines++;
      length = word.length;
    }
  }
  return lines;
}

/**
 * Splits `words` into `count` lines of at most `perLine` (where possible) with the least sum
 * of squared lengths. A line's length comes from running sums, and only the lines that fit
 * (or a single word) are tried: a title of a few hundred words took minutes, as every
 * possible line was joined as a string (the same lines, chosen the same way, in milliseconds).
 */
function balance(words: readonly string[], count: number, perLine: number): string[] {
  const n = words.length;
  // ends[i]: the length of words[0..i) joined by spaces, plus one.
  const ends = [0];
  for (const word of words) ends.push((ends[ends.length - 1] as number) + word.length + 1);
  const lengthOf = (from: number, to: number): number => (ends[to] as number) - (ends[from] as number) - 1;
  // cost[k][i] and start[k][i]: the least cost of the first i words in k lines, and where the last line starts.
  const cost: Float64Array[] = [Float64Array.from({ length: n + 1 }, (_, i) => (i === 0 ? 0 : Infinity))];
  const start: Int32Array[] = [new Int32Array(n + 1)];
  for (let k = 1; k <= count; k++) {
    const before = cost[k - 1] as Float64Array;
    const here = new Float64Array(n + 1).fill(Infinity);
    const from = new Int32Array(n + 1).fill(-1);
    let first = k - 1;
    for (let i = k; i <= n; i++) {
      // The first start whose line fits; the loop stops at i - 1, since a single word may stand alone however long.
      while (first < i - 1 && lengthOf(first, i) > perLine) first++;
      for (let j = Math.max(first, k - 1); j < i; j++) {
        if (before[j] === Infinity) continue;
        const length = lengthOf(j, i);
        const total = (before[j] as number) + length * length;
        if (total < (here[i] as number)) {
          here[i] = total;
          from[i] = j;
        }
      }
    }
    cost.push(here);
    start.push(from);
  }
  if ((cost[count]?.[n] ?? Infinity) === Infinity) return n > 0 ? [words.join(' ')] : [];
  const lines: string[] = [];
  for (let k = count, to = n; k > 0; k--) {
    const from = (start[k] as Int32Array)[to] as number;
    lines.unshift(words.slice(from, to).join(' '));
    to = from;
  }
  return lines;
}
