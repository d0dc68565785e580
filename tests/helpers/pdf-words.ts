// Words of a PDF with their positions (poppler's `pdftotext -bbox`), and the ¶ numbers a
// handout prints in its margin, found as a reader finds them: a bare number left of the text.
import { execFileSync } from 'node:child_process';

export interface Word {
  text: string;
  /** In points, from the top-left corner of the page. */
  xMin: number;
  yMin: number;
  xMax: number;
  yMax: number;
}

const ENTITIES: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&apos;': "'" };

/** Every page's words (index 0 = page 1), in pdftotext's reading order. */
export function pdfWords(file: string): Word[][] {
  const out = execFileSync('pdftotext', ['-enc', 'UTF-8', '-bbox', file, '-'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  return out
    .split(/<page [^>]*>/)
    .slice(1)
    .map((page) =>
      [...page.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g)].map((m) => ({
        xMin: Number(m[1]),
        yMin: Number(m[2]),
        xMax: Number(m[3]),
        yMax: Number(m[4]),
        text: (m[5] ?? '').replace(/&(amp|lt|gt|quot|apos);/g, (entity) => ENTITIES[entity] ?? entity),
      })),
    );
}

export interface MarginNumber {
  /** 1-based page. */
  page: number;
  number: number;
  /** The words of the text line beside the number, left to right. */
  line: Word[];
}

/**
 * The bare numbers printed left of a page's text block, top to bottom, each with the text
 * line it stands beside. The text block starts where the leftmost word that is not a bare
 * number starts (the running head and the notes start there too).
 */
export function marginNumbers(pages: Word[][]): MarginNumber[] {
  return pages.flatMap((words, index) => {
    const isNumber = (w: Word): boolean => /^\d+$/.test(w.text);
    const left = Math.min(...words.filter((w) => !isNumber(w)).map((w) => w.xMin));
    return words
      .filter((w) => isNumber(w) && w.xMax < left - 2)
      .sort((a, b) => a.yMin - b.yMin)
      .map((w) => ({
        page: index + 1,
        number: Number(w.text),
        // A smaller number shares the line's baseline; the bottoms of their boxes differ by a point or so.
        line: words.filter((o) => o.xMin >= left - 2 && Math.abs(o.yMax - w.yMax) < 3).sort((a, b) => a.xMin - b.xMin),
      }));
  });
}

/**
 * A page's full lines (six words or more, starting at the text's left edge or a quotation's
 * indent: not an attribution or a centred line), and the text block's right edge: where most of
 * those ending in a letter end. No edge on a page with fewer than five such lines.
 */
export function fullLinesAndEdge(words: Word[]): { lines: Word[][]; right: number | undefined } {
  const byBaseline = new Map<number, Word[]>();
  for (const w of words) byBaseline.set(Math.round(w.yMax), [...(byBaseline.get(Math.round(w.yMax)) ?? []), w]);
  const left = Math.min(...words.map((w) => w.xMin));
  const lines = [...byBaseline.values()].filter((line) => line.length >= 6 && Math.min(...line.map((w) => w.xMin)) < left + 30);
  const letterEnds = lines.map(lineEnd).filter((w) => /\p{L}$/u.test(w.text)).map((w) => w.xMax.toFixed(1));
  if (letterEnds.length < 5) return { lines, right: undefined };
  const counts = new Map<string, number>();
  for (const x of letterEnds) counts.set(x, (counts.get(x) ?? 0) + 1);
  return { lines, right: Number([...counts].sort((a, b) => b[1] - a[1])[0]![0]) };
}

/** The word of a line that ends furthest right. */
export function lineEnd(line: Word[]): Word {
  return line.reduce((a, b) => (b.xMax > a.xMax ? b : a));
}
