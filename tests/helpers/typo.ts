/**
 * Print typesetting measured on a finished PDF: a TypeScript port of
 * ../shared/tools/typo.py (its docstring says what each figure means and how lines,
 * paragraphs, running heads and the note area are rebuilt from the glyphs).
 *
 * typo.py reads glyphs with pdfminer; this reads them with pdf.js: its operator list
 * gives every glyph Chromium drew (Skia places each one with its own Td), and this
 * module follows the text and transformation matrices to the glyph's origin, advance,
 * size and font, as pdfminer does. Painted paths give the rules. Fonts (Type 3, not
 * embedded) come from poppler's `pdffonts`. Everything after the glyphs is typo.py's
 * logic, function by function, with Python's rounding (half to even) where it counts.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { getDocument, OPS } from 'pdfjs-dist/legacy/build/pdf.mjs';

// ---------------------------------------------------------------- helpers (Python's)

/** Python's round(x, nd): half to even on exact ties. */
function pyRound(x: number, nd = 0): number {
  const f = 10 ** nd;
  const t = x * f;
  const floor = Math.floor(t);
  if (t - floor === 0.5) return (floor % 2 === 0 ? floor : floor + 1) / f;
  return nd === 0 ? Math.round(t) : Number(x.toFixed(nd));
}

function median(values: readonly number[]): number {
  const v = [...values].sort((a, b) => a - b);
  const n = v.length;
  if (n === 0) throw new Error('median of nothing');
  return n % 2 ? v[(n - 1) / 2]! : (v[n / 2 - 1]! + v[n / 2]!) / 2;
}

/** collections.Counter(...).most_common(1)[0][0]: the first-seen of the most frequent. */
function mostCommon<T>(values: Iterable<T>): T | undefined {
  const counts = new Map<T, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  let best: T | undefined;
  let bestCount = 0;
  for (const [v, n] of counts) {
    if (n > bestCount) {
      best = v;
      bestCount = n;
    }
  }
  return best;
}

function counter<T>(values: Iterable<T>): Map<T, number> {
  const counts = new Map<T, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return counts;
}

function mode(values: readonly number[], nd = 1): number | null {
  if (values.length === 0) return null;
  return mostCommon(values.map((v) => pyRound(v, nd))) ?? null;
}

function clusterCount(values: readonly number[], tol: number): Array<[number, number]> {
  const vals = [...values].sort((a, b) => a - b);
  const out: number[][] = [];
  for (const v of vals) {
    const last = out.at(-1);
    if (last && v - last.at(-1)! <= tol) last.push(v);
    else out.push([v]);
  }
  return out.map((c) => [median(c), c.length]);
}

const isSpace = (s: string): boolean => s.length > 0 && /^\s+$/u.test(s);
const isAlpha = (ch: string): boolean => /^\p{L}$/u.test(ch);
const isAlnum = (ch: string): boolean => /^[\p{L}\p{N}]$/u.test(ch);
const sum = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0);

// ---------------------------------------------------------------- extraction

const HYPHENS = '-\u00ad\u2010\u2011';
const BOLDISH = /(Bold|Semi|Demi|Medium|Black|Heavy|ExtraB|Ultra)/i;
const MONTHS = new Set(
  ('january february march april may june july august september october november ' +
    'december jan. feb. mar. apr. jun. jul. aug. sep. sept. oct. nov. dec.').split(' '),
);
const NUM_AFTER = new Set(
  ('war vol. vols. vol p. pp. ch. chap. chaps. no. nos. fig. figs. art. sec. §' +
    ' part chapter volume page book act scene article section table figure' +
    ' appendix number psalm phase stage level grade').split(' '),
);
const TITLES = new Set('mr. mrs. ms. dr. st. prof. gen. col. capt. lt. sgt. rev. mt. sr. jr.'.split(' '));
const ROMAN = /^(?=[IVXLC])M*(C[MD]|D?C{0,3})(X[CL]|L?X{0,3})(I[XV]|V?I{0,3})$/;
const MARKER = /^(\d{1,3}[.)]|[a-zA-Z][.)]|[•◦▪‣∙·*–—-])$/;

export interface Glyph {
  text: string;
  x0: number;
  x1: number;
  /** Distance from the page top to the glyph's origin (typo.py's `_base`). */
  base: number;
  size: number;
  fontname: string;
  sup?: boolean;
}

type Word = [text: string, x0: number, x1: number];
type Kind = 'text' | 'head' | 'folio' | 'note' | 'display' | 'heading';

function famOf(fontname: string): string {
  const name = fontname.includes('+') ? fontname.slice(fontname.indexOf('+') + 1) : fontname;
  return name.split(/[-,]/)[0] ?? name;
}

class Line {
  size: number;
  x0: number;
  x1: number;
  bold: number;
  sup: boolean;
  kind: Kind = 'text';
  start = false;
  end = false;
  block: number | null = null;
  off = 0;
  full = false;
  words: Word[] = [];
  text = '';

  constructor(
    readonly base: number,
    readonly chars: Glyph[],
    readonly page: number,
  ) {
    const ink = chars.filter((c) => !isSpace(c.text));
    const sizes = ink.filter((c) => !c.sup).map((c) => pyRound(c.size * 4) / 4);
    this.size = sizes.length ? mostCommon(sizes)! : pyRound(ink[0]!.size * 4) / 4;
    this.x0 = Math.min(...ink.map((c) => c.x0));
    this.x1 = Math.max(...ink.map((c) => c.x1));
    const nb = ink.filter((c) => BOLDISH.test(c.fontname.split('+').at(-1) ?? '')).length;
    this.bold = nb / Math.max(1, ink.length);
    this.sup = ink.some((c) => c.sup);
  }

  splitWords(hasSpaces: boolean): void {
    const cs = [...this.chars].sort((a, b) => a.x0 - b.x0 || a.x1 - b.x1);
    const words: Glyph[][] = [];
    let cur: Glyph[] = [];
    let pendingSpace = false;
    cs.forEach((c, i) => {
      if (isSpace(c.text)) {
        const nxt = cs.slice(i + 1).find((d) => !isSpace(d.text));
        if (cur.length && nxt !== undefined && c.x0 < nxt.x0 - 0.3 && c.x0 >= cur.at(-1)!.x1 - 0.5) pendingSpace = true;
        return;
      }
      if (cur.length) {
        const gap = c.x0 - cur.at(-1)!.x1;
        const em = Math.max(this.size, 1);
        if (pendingSpace || gap > (hasSpaces ? 0.25 : 0.1) * em) {
          words.push(cur);
          cur = [];
        }
      }
      pendingSpace = false;
      cur.push(c);
    });
    if (cur.length) words.push(cur);
    this.words = words.map((w) => [w.map((c) => c.text).join(''), w[0]!.x0, Math.max(...w.map((c) => c.x1))]);
    this.text = this.words.map((w) => w[0]).join(' ');
  }
}

interface Page {
  no: number;
  w: number;
  h: number;
  lines: Line[];
  rules: Array<[number, number, number]>;
  type?: 'front' | 'blank' | 'display' | 'text';
  L: number;
  R: number;
  nfull: number;
  notes: Line[];
  main: Line[];
}

type Matrix = [number, number, number, number, number, number];
const IDENTITY: Matrix = [1, 0, 0, 1, 0, 0];

/** m1 × m2, PDF's row-vector convention (apply m1 first). */
function mul(m1: Matrix, m2: Matrix): Matrix {
  const [a, b, c, d, e, f] = m1;
  const [A, B, C, D, E, F] = m2;
  return [a * A + b * C, a * B + b * D, c * A + d * C, c * B + d * D, e * A + f * C + E, e * B + f * D + F];
}
const apply = (m: Matrix, x: number, y: number): [number, number] => [m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]];

const PAINTING = new Set<number>([OPS.stroke, OPS.closeStroke, OPS.fill, OPS.eoFill, OPS.fillStroke, OPS.eoFillStroke, OPS.closeFillStroke, OPS.closeEOFillStroke]);

interface PdfjsGlyph {
  unicode: string;
  width: number;
  isSpace: boolean;
}
interface PdfjsFont {
  name: string;
  fontMatrix?: number[];
}

/** Every glyph of every page with pdfminer's geometry, and the painted thin rules. */
async function readPdf(path: string): Promise<Page[]> {
  const data = new Uint8Array(readFileSync(path));
  const doc = await getDocument({ data, disableFontFace: true, verbosity: 0, isEvalSupported: false }).promise;
  const pages: Page[] = [];
  try {
    for (let pno = 1; pno <= doc.numPages; pno++) {
      const p = await doc.getPage(pno);
      const [, y0, , y1] = p.view as [number, number, number, number];
      const H = y1 - y0;
      const list = await p.getOperatorList();
      const glyphs: Glyph[] = [];
      const rules: Array<[number, number, number]> = [];
      let ctm: Matrix = [...IDENTITY];
      const stack: Matrix[] = [];
      let tm: Matrix = [...IDENTITY];
      let tlm: Matrix = [...IDENTITY];
      let font: PdfjsFont | undefined;
      let fontSize = 0;
      let charSpacing = 0;
      let wordSpacing = 0;
      let hScale = 1;
      let rise = 0;
      let leading = 0;
      const show = (items: Array<PdfjsGlyph | number | null>): void => {
        const fm = font?.fontMatrix?.[0] ?? 0.001;
        for (const g of items) {
          if (g === null) continue;
          if (typeof g === 'number') {
            tm = mul([1, 0, 0, 1, -g * 0.001 * fontSize * hScale, 0], tm);
            continue;
          }
          const render = mul(mul([fontSize * hScale, 0, 0, fontSize, 0, rise], tm), ctm);
          const width = g.width * fm;
          const [ox, oy] = apply(mul(tm, ctm), 0, rise);
          const upright = render[0] * render[3] > 0 && render[1] * render[2] <= 0;
          if (upright && g.unicode !== '') {
            const adv = width * Math.abs(render[0]);
            glyphs.push({ text: g.unicode, x0: ox, x1: ox + adv, base: H - oy, size: Math.abs(render[3]), fontname: font?.name ?? '' });
          }
          const advance = (width * fontSize + charSpacing + (g.isSpace ? wordSpacing : 0)) * hScale;
          tm = mul([1, 0, 0, 1, advance, 0], tm);
        }
      };
      list.fnArray.forEach((fn, i) => {
        const args = list.argsArray[i] as unknown[];
        switch (fn) {
          case OPS.save:
            stack.push(ctm);
            break;
          case OPS.restore:
            ctm = stack.pop() ?? ctm;
            break;
          case OPS.transform:
            ctm = mul(args as Matrix, ctm);
            break;
          case OPS.beginText:
            tm = [...IDENTITY];
            tlm = [...IDENTITY];
            break;
          case OPS.setFont:
            font = p.commonObjs.get(args[0] as string) as PdfjsFont;
            fontSize = args[1] as number;
            break;
          case OPS.setCharSpacing:
            charSpacing = args[0] as number;
            break;
          case OPS.setWordSpacing:
            wordSpacing = args[0] as number;
            break;
          case OPS.setHScale:
            hScale = (args[0] as number) / 100;
            break;
          case OPS.setTextRise:
            rise = args[0] as number;
            break;
          case OPS.setLeading:
            leading = args[0] as number;
            break;
          case OPS.setTextMatrix:
            // One argument, the matrix as a typed array.
            tm = Array.from(args[0] as ArrayLike<number>) as Matrix;
            tlm = [...tm] as Matrix;
            break;
          case OPS.moveText:
            tlm = mul([1, 0, 0, 1, args[0] as number, args[1] as number], tlm);
            tm = [...tlm] as Matrix;
            break;
          case OPS.setLeadingMoveText:
            leading = -(args[1] as number);
            tlm = mul([1, 0, 0, 1, args[0] as number, args[1] as number], tlm);
            tm = [...tlm] as Matrix;
            break;
          case OPS.nextLine:
            tlm = mul([1, 0, 0, 1, 0, -leading], tlm);
            tm = [...tlm] as Matrix;
            break;
          case OPS.showText:
          case OPS.showSpacedText:
            show(args[0] as Array<PdfjsGlyph | number | null>);
            break;
          case OPS.nextLineShowText:
            tlm = mul([1, 0, 0, 1, 0, -leading], tlm);
            tm = [...tlm] as Matrix;
            show(args[0] as Array<PdfjsGlyph | number | null>);
            break;
          case OPS.nextLineSetSpacingShowText:
            wordSpacing = args[0] as number;
            charSpacing = args[1] as number;
            tlm = mul([1, 0, 0, 1, 0, -leading], tlm);
            tm = [...tlm] as Matrix;
            show(args[2] as Array<PdfjsGlyph | number | null>);
            break;
          case OPS.constructPath: {
            if (!PAINTING.has(args[0] as number)) break;
            const mm = args[2] as ArrayLike<number> | null;
            if (!mm) break;
            const corners = [apply(ctm, mm[0]!, mm[1]!), apply(ctm, mm[2]!, mm[3]!), apply(ctm, mm[0]!, mm[3]!), apply(ctm, mm[2]!, mm[1]!)];
            const xs = corners.map((c) => c[0]);
            const ys = corners.map((c) => c[1]);
            const x0 = Math.min(...xs);
            const x1 = Math.max(...xs);
            const top = y1 - Math.max(...ys);
            const bottom = y1 - Math.min(...ys);
            if (x1 - x0 > 8 && bottom - top < 1.6) rules.push([x0, x1, (top + bottom) / 2]);
            break;
          }
          default:
        }
      });
      pages.push({ no: pno, w: p.view[2]! - p.view[0]!, h: H, lines: buildLines(glyphs, pno), rules, L: 0, R: 0, nfull: 0, notes: [], main: [] });
      p.cleanup();
    }
  } finally {
    await doc.destroy();
  }
  const all = pages.flatMap((pg) => pg.lines.flatMap((l) => l.chars));
  const nsp = all.filter((c) => isSpace(c.text)).length;
  const hasSpaces = nsp > 0.05 * Math.max(1, all.length);
  for (const pg of pages) for (const l of pg.lines) l.splitWords(hasSpaces);
  return pages;
}

/** Glyphs → lines by baseline; small raised glyphs (note calls) join the line below. */
function buildLines(chars: Glyph[], pno: number): Line[] {
  chars.sort((a, b) => a.base - b.base);
  const clusters: Array<[number, Glyph[]]> = [];
  for (const c of chars) {
    const last = clusters.at(-1);
    if (last && c.base - last[0] <= 0.6) last[1].push(c);
    else clusters.push([c.base, [c]]);
  }
  type Info = [base: number, cs: Glyph[], size: number, x0: number, x1: number, n: number];
  const info: Info[] = [];
  for (const [base, cs] of clusters) {
    const ink = cs.filter((c) => !isSpace(c.text));
    if (!ink.length) continue;
    const size = mostCommon(ink.map((c) => pyRound(c.size, 1)))!;
    info.push([base, cs, size, Math.min(...ink.map((c) => c.x0)), Math.max(...ink.map((c) => c.x1)), ink.length]);
  }
  const merged: Array<[number, Glyph[]]> = [];
  for (let i = 0; i < info.length; i++) {
    const [base, cs, size, x0, x1, n] = info[i]!;
    if (n <= 4) {
      let host: number | null = null;
      for (const j of [i + 1, i + 2]) {
        if (j < info.length) {
          const [b2, , s2, a0, a1, n2] = info[j]!;
          if (n2 > n && size < 0.85 * s2 && 0.1 * s2 < b2 - base && b2 - base < 0.75 * s2 && a0 - 1.5 * s2 <= x0 && x1 <= a1 + 1.5 * s2) {
            host = j;
            break;
          }
        }
      }
      if (host !== null) {
        for (const c of cs) c.sup = true;
        info[host]![1] = [...info[host]![1], ...cs];
        continue;
      }
    }
    merged.push([base, cs]);
  }
  return merged.filter(([, cs]) => cs.some((c) => !isSpace(c.text))).map(([base, cs]) => new Line(base, cs, pno));
}

// ---------------------------------------------------------------- analysis

export interface TypoReport {
  pdf: string;
  pages: number;
  pageTypes: Record<string, number>;
  bodySizePt: number;
  bodyLeadingPt: number;
  runningHeads: number;
  folios: number;
  notePages: number;
  fill: { pagesJudged: number; ragged: number; worst: { page: number; emptyLines: number } | null; raggedPages: Array<{ page: number; emptyLines: number }>; all: Array<{ page: number; emptyLines: number }>; areaBottomPt: number };
  widows: Array<{ page: number; line: string }>;
  orphans: Array<{ page: number; line: string }>;
  strandedHeads: Array<{ page: number; heading: string }>;
  hyphen: { lines: number; hyphenated: number; sharePct: number; ladders: Array<{ page: number; lines: number; first: string }>; longestRun: number };
  spacing: { justifiedLines: number; medianEm: number | null; p99Em: number | null; maxEm: number | null; minEm: number | null; naturalSpaceEm: number | null; loose: Array<{ page: number; gapEm: number; line: string }> };
  notes: { calls: number; notesAtFoot: number; callWithoutNoteOnPage: Array<{ page: number; call: number }> };
  runts: Array<{ page: number; word: string; area: string }>;
  badBreaks: Array<{ page: number; break: string; why: string }>;
  fonts: { type3: number; notEmbedded: number; faces: string[]; mainFamily: string | null; fallback: Array<{ family: string; glyphs: number; sample: string; pages: number[] }> };
  /** Not typo.py's: the last line of the text area (notes apart) of each text page. */
  lastMainLines: Array<{ page: number; text: string }>;
  /** Not typo.py's: the lowest painted thin rule of each page that has one (y from the top, in pt). */
  lowestRules: Array<{ page: number; y: number }>;
  /** typo.py's last line. */
  summary: string;
}

export async function typo(path: string): Promise<TypoReport> {
  const pages = await readPdf(path);
  const allines = pages.flatMap((pg) => pg.lines);
  if (!allines.length) throw new Error(`${path}: no text`);
  // body size: the largest size that sets >= 15 % of the long lines
  const longs = counter(allines.filter((l) => l.words.length >= 5).map((l) => l.size));
  const tot = sum([...longs.values()]);
  const big = [...longs].filter(([, n]) => n >= 0.15 * tot).map(([s]) => s);
  const body = big.length ? Math.max(...big) : mode(allines.map((l) => l.size), 2)!;
  // leading per size class
  const deltas = new Map<number, number[]>();
  for (const pg of pages) {
    const ls = pg.lines;
    for (let i = 0; i + 1 < ls.length; i++) {
      const a = ls[i]!;
      const b = ls[i + 1]!;
      if (a.size === b.size && 1.0 * a.size <= b.base - a.base && b.base - a.base <= 1.8 * a.size) {
        if (!deltas.has(a.size)) deltas.set(a.size, []);
        deltas.get(a.size)!.push(b.base - a.base);
      }
    }
  }
  const leading = new Map<number, number>();
  for (const [s, d] of deltas) leading.set(s, d.length ? median([...d].sort((x, y) => x - y).slice(0, Math.max(1, Math.floor((d.length * 3) / 4)))) : 1.3 * s);
  const blead = mode(deltas.get(body) ?? [], 1) || 1.3 * body;
  const lead = (size: number): number => leading.get(size) ?? 1.3 * size;

  // ---- furniture: running heads and folios
  const npages = pages.length;
  const need = Math.max(2, Math.floor(0.2 * npages));
  const bands = (first: boolean): number[] => {
    const cands: Array<[number, boolean]> = [];
    for (const pg of pages) {
      const ls = pg.lines;
      if (ls.length < 2) continue;
      const [l, nb] = first ? [ls[0]!, ls[1]!] : [ls.at(-1)!, ls.at(-2)!];
      const ok = l.words.length <= (first ? 12 : 8) && Math.abs(nb.base - l.base) > 1.2 * blead;
      cands.push([l.base, ok]);
    }
    const out: number[] = [];
    for (const [c] of clusterCount(cands.map(([b]) => b), 1.0)) {
      const inb = cands.filter(([b]) => Math.abs(b - c) <= 1.0).map(([, ok]) => ok);
      const yes = inb.filter(Boolean).length;
      if (yes >= need && yes >= 0.8 * inb.length) out.push(c);
    }
    return out;
  };
  const headBands = bands(true);
  const footBands = bands(false);
  const inBand = (base: number, bandList: number[]): boolean => bandList.some((b) => Math.abs(base - b) <= 1.0);
  for (const pg of pages) {
    const ls = pg.lines;
    if (ls.length >= 2 && ls[0]!.words.length <= 12 && inBand(ls[0]!.base, headBands) && ls[1]!.base - ls[0]!.base > 1.2 * blead) ls[0]!.kind = 'head';
    if (ls.length >= 2 && ls.at(-1)!.words.length <= 8 && inBand(ls.at(-1)!.base, footBands) && ls.at(-1)!.base - ls.at(-2)!.base > 1.2 * blead) ls.at(-1)!.kind = 'folio';
    if (ls.length === 1 && inBand(ls[0]!.base, footBands) && ls[0]!.words.length <= 3) ls[0]!.kind = 'folio';
  }

  // ---- measure per page parity
  const edges = new Map<number, [number, number]>();
  for (const par of [0, 1]) {
    const bl = pages.filter((pg) => pg.no % 2 === par).flatMap((pg) => pg.lines).filter((l) => l.kind === 'text' && Math.abs(l.size - body) < 0.3 && l.words.length >= 5);
    if (!bl.length) continue;
    let R = mode(bl.map((l) => l.x1), 0)!;
    const fullish = bl.filter((l) => Math.abs(l.x1 - R) < 1.5);
    let L = mode(fullish.length ? fullish.map((l) => l.x0) : bl.map((l) => l.x0), 0)!;
    const nearL = fullish.filter((l) => Math.abs(l.x0 - L) < 1.0).map((l) => l.x0);
    const nearR = fullish.filter((l) => Math.abs(l.x1 - R) < 1.0).map((l) => l.x1);
    L = median(nearL.length ? nearL : [L]);
    R = median(nearR.length ? nearR : [R]);
    edges.set(par, [L, R]);
  }
  if (edges.size === 1) {
    const [[k, v]] = [...edges] as [[number, [number, number]]];
    edges.set(1 - k, v);
  }

  for (const pg of pages) {
    const [L, R] = edges.get(pg.no % 2)!;
    pg.L = L;
    pg.R = R;
    for (const l of pg.lines) {
      l.off = l.x0 - L;
      const gaps = lineGaps(l);
      l.full = l.x1 >= R - 0.3 * l.size && !(gaps.length && Math.max(...gaps) > 3);
    }
  }

  // ---- text pages
  let firstText: number | null = null;
  for (const pg of pages) {
    pg.nfull = pg.lines.filter((l) => l.kind === 'text' && l.full && l.size >= 0.85 * body && l.words.length >= 4 && l.off < 3 * body).length;
    if (firstText === null && pg.nfull >= 3) firstText = pg.no;
  }
  for (const pg of pages) {
    const content = pg.lines.filter((l) => l.kind === 'text');
    if (firstText === null || pg.no < firstText) pg.type = 'front';
    else if (!content.length) pg.type = 'blank';
    else if (pg.nfull === 0) pg.type = 'display';
    else pg.type = 'text';
  }

  // ---- note area
  for (const pg of pages) {
    const content = pg.lines.filter((l) => l.kind === 'text');
    pg.notes = [];
    pg.main = content;
    if (pg.type !== 'text' || content.length < 2) continue;
    const W = pg.R - pg.L;
    let cut: number | null = null;
    for (const [x0, x1, y] of [...pg.rules].sort((a, b) => a[2] - b[2])) {
      const below = content.filter((l) => l.base > y);
      const above = content.filter((l) => l.base < y);
      if (below.length && above.length && x1 - x0 <= 1.02 * W && Math.abs(x0 - pg.L) < 0.2 * W && below.every((l) => l.size < body - 0.3) && below[0]!.base - y < 3 * below[0]!.size) {
        cut = y;
        break;
      }
    }
    if (cut === null) {
      let i = content.length;
      while (i > 1 && content[i - 1]!.size <= 0.88 * body) i--;
      const bigger = content.slice(0, i).filter((l) => l.size >= 0.9 * body);
      if (i < content.length && bigger.length >= 2) {
        const first = content[i]!;
        if (/^\W?\d/u.test(first.text) && first.base - content[i - 1]!.base > 1.2 * blead && first.base > pg.h / 2) cut = first.base - 0.1;
      }
    }
    if (cut !== null) {
      const c = cut;
      pg.notes = content.filter((l) => l.base > c);
      pg.main = content.filter((l) => l.base < c);
      for (const l of pg.notes) l.kind = 'note';
    }
  }

  // ---- class lefts
  const bysize = new Map<number, number[]>();
  for (const pg of pages) {
    if (pg.type !== 'text') continue;
    for (const l of [...pg.main, ...pg.notes]) {
      if (l.full && l.words.length >= 4) {
        if (!bysize.has(l.size)) bysize.set(l.size, []);
        bysize.get(l.size)!.push(l.off);
      }
    }
  }
  const clsOff = new Map<number, number>();
  for (const [s, offs] of bysize) clsOff.set(s, mode(offs, 0)!);

  // ---- blocks, display lines, headings, paragraphs
  const blocks: Line[][] = [];
  for (const pg of pages) {
    if (pg.type !== 'text' && pg.type !== 'display') continue;
    for (const area of [pg.main, pg.notes]) {
      let cur: Line[] = [];
      for (const l of area) {
        if (cur.length && (Math.abs(l.size - cur.at(-1)!.size) > 0.3 || l.base - cur.at(-1)!.base > 1.2 * lead(l.size))) {
          blocks.push(cur);
          cur = [];
        }
        cur.push(l);
      }
      if (cur.length) blocks.push(cur);
    }
  }
  const Wem = body;
  blocks.forEach((bl, bi) => {
    const pg = pages[bl[0]!.page - 1]!;
    const { L, R } = pg;
    if (bl.length >= 3) {
      const ends = bl.slice(0, -1).map((l) => l.x1);
      const m = mode(ends, 0)!;
      const same = ends.filter((x) => Math.abs(x - m) <= 0.6);
      if (same.length >= 2 && same.length >= 0.6 * ends.length && R - 6 * Wem < m && m < R - 0.3 * body) {
        const bR = Math.max(...same);
        for (const l of bl) {
          const gaps = lineGaps(l);
          l.full = l.x1 >= bR - 0.3 * l.size && !(gaps.length && Math.max(...gaps) > 3);
        }
      }
    }
    for (const l of bl) {
      l.block = bi;
      if (l.kind === 'note') continue;
      const centred = Math.abs(l.x0 - L - (R - l.x1)) < 1.5 * Wem;
      if (l.off > 3.5 * Wem && (l.x1 >= R - 0.3 * l.size || centred || l.x1 < R - 3 * Wem)) l.kind = 'display';
    }
    const ink = sum(bl.map((l) => l.text.length));
    const boldish = sum(bl.map((l) => l.bold * l.text.length)) / Math.max(1, ink);
    if (bl[0]!.kind !== 'note' && bl.length <= 4 && (boldish >= 0.8 || bl[0]!.size >= 1.15 * body) && !bl.slice(0, -1).some((l) => l.full && l.words.length >= 6 && l.off < 0.5 * body)) {
      for (const l of bl) l.kind = 'heading';
    }
  });

  const isMarkerStart = (l: Line, nxt: Line | null): boolean => l.words.length > 0 && MARKER.test(l.words[0]![0]) && (nxt === null || nxt.off > l.off + 0.3 * l.size);
  const atBase = (l: Line): boolean => Math.abs(l.off - (clsOff.get(l.size) ?? 0)) < 0.3 * l.size;
  const indented = (l: Line, prev: Line, nxt: Line | null): boolean => {
    const d = l.off - prev.off;
    if (!(atBase(prev) && 0.5 * l.size <= d && d <= 3 * l.size)) return false;
    return nxt !== null ? nxt.off <= l.off - 0.5 * l.size : l.full;
  };

  for (const bl of blocks) {
    const para = bl.filter((l) => l.kind === 'text' || l.kind === 'note');
    para.forEach((l, i) => {
      const prev = i ? para[i - 1]! : null;
      const nxt = i + 1 < para.length ? para[i + 1]! : null;
      if (prev === null) l.start = true;
      else if (!prev.full) l.start = true;
      else if (isMarkerStart(l, nxt)) l.start = true;
      else l.start = indented(l, prev, nxt);
    });
    para.forEach((l, i) => {
      const nxt = i + 1 < para.length ? para[i + 1]! : null;
      l.end = nxt !== null ? nxt.start : !l.full;
    });
  }

  // ---- page continuity
  const tpages = pages.filter((pg) => pg.type === 'text');
  const widows: TypoReport['widows'] = [];
  const orphans: TypoReport['orphans'] = [];
  let stranded: TypoReport['strandedHeads'] = [];
  for (let k = 0; k + 1 < tpages.length; k++) {
    const a = tpages[k]!;
    const b = tpages[k + 1]!;
    if (b.no !== a.no + 1) continue;
    const am = a.main;
    const bm = b.main;
    if (!am.length || !bm.length) continue;
    const lp = am.at(-1)!;
    const fq = bm[0]!;
    if (lp.kind === 'heading') stranded.push({ page: a.no, heading: lp.text });
    if (lp.kind !== 'text' || fq.kind !== 'text' || Math.abs(lp.size - fq.size) > 0.3 || !lp.full) continue;
    const nxtQ = bm.length > 1 && bm[1]!.block === fq.block && bm[1]!.kind === 'text' ? bm[1]! : null;
    if (indented(fq, lp, nxtQ) || isMarkerStart(fq, nxtQ)) {
      lp.end = true;
      continue;
    }
    fq.start = false;
    lp.end = false;
    let i = am.length - 1;
    let nA = 1;
    while (!am[i]!.start && i > 0 && am[i - 1]!.block === lp.block && am[i - 1]!.kind === 'text') {
      i--;
      nA++;
    }
    let j = 0;
    let nB = 1;
    while (!bm[j]!.end && j + 1 < bm.length && bm[j + 1]!.block === fq.block && bm[j + 1]!.kind === 'text') {
      j++;
      nB++;
    }
    if (nA === 1 && am[i]!.start) orphans.push({ page: a.no, line: lp.text });
    if (nB === 1 && (fq.end || !fq.full)) widows.push({ page: b.no, line: fq.text });
  }
  stranded = tpages.length ? stranded.filter((s) => s.page !== tpages.at(-1)!.no) : [];

  // ---- page fill
  const chapterStart = (pg: Page): boolean => pg.main.length > 0 && pg.main[0]!.kind === 'heading' && pg.main[0]!.size >= 1.3 * body;
  const bottoms: number[] = [];
  const clear: number[] = [];
  for (const pg of tpages) {
    if (!pg.main.length && !pg.notes.length) continue;
    bottoms.push((pg.notes.length ? pg.notes : pg.main).at(-1)!.base);
    if (pg.notes.length && pg.main.length) clear.push(pg.notes[0]!.base - pg.main.at(-1)!.base);
  }
  const areaBottom = bottoms.length ? Math.max(...bottoms) : 0;
  const minClear = clear.length ? Math.min(...clear) : 0;
  const fill: Array<{ page: number; emptyLines: number }> = [];
  for (const pg of tpages) {
    const nxt = pg.no < npages ? pages[pg.no]! : null;
    if (nxt === null || pg === tpages.at(-1)) continue;
    if (nxt.type === 'blank' || nxt.type === 'display' || nxt.type === 'front' || chapterStart(nxt)) continue;
    if (!pg.main.length) continue;
    const last = (pg.notes.length ? pg.notes : pg.main).at(-1)!.base;
    let gap = areaBottom - last;
    if (pg.notes.length) gap += Math.max(0, pg.notes[0]!.base - pg.main.at(-1)!.base - minClear);
    fill.push({ page: pg.no, emptyLines: pyRound(gap / blead, 2) });
  }
  const ragged = fill.filter((f) => f.emptyLines >= 2);
  const worst = fill.length ? fill.reduce((w, f) => (f.emptyLines > w.emptyLines ? f : w)) : null;

  // ---- per-line measures on paragraph lines
  const plines = tpages.flatMap((pg) => [...pg.main, ...pg.notes]).filter((l) => l.kind === 'text' || l.kind === 'note');
  const hyph = new Set(plines.filter((l) => l.text && HYPHENS.includes(l.text.at(-1)!) && l.text.length > 1 && isAlpha(l.text.at(-2)!)));
  const ladders: TypoReport['hyphen']['ladders'] = [];
  let run: Line[] = [];
  let maxrun = 0;
  const closeRun = (): void => {
    if (run.length >= 3) ladders.push({ page: run[0]!.page, lines: run.length, first: run[0]!.text.slice(-30) });
    maxrun = Math.max(maxrun, run.length);
  };
  for (const l of plines) {
    if (hyph.has(l) && (!run.length || run.at(-1)!.block === l.block)) run.push(l);
    else {
      closeRun();
      run = hyph.has(l) ? [l] : [];
    }
  }
  closeRun();

  const spacing: Array<[number, Line]> = [];
  for (const l of plines) {
    if (!l.full || l.end || l.words.length < 3) continue;
    const gaps = lineGaps(l);
    if (Math.max(...gaps) > 3) continue;
    spacing.push([median(gaps), l]);
  }
  const sp = spacing.map(([g]) => g).sort((a, b) => a - b);
  const nat = plines
    .filter((l) => Math.abs(l.size - body) < 0.3)
    .flatMap((l) => l.chars.filter((c) => c.text === ' ' && c.x1 - c.x0 > 0.05 * l.size).map((c) => (c.x1 - c.x0) / l.size));
  const natural = nat.length ? median(nat) : null;
  const pct = (v: number[], q: number): number | null => (v.length ? v[Math.min(v.length - 1, Math.max(0, pyRound(q * (v.length - 1))))]! : null);
  const loose = spacing.filter(([g]) => g > 0.5).map(([g, l]) => ({ page: l.page, gapEm: pyRound(g, 3), line: l.text.slice(0, 60) }));

  const runts: TypoReport['runts'] = [];
  for (const l of plines) {
    if (l.end && !l.start && l.words.length === 1) {
      const w = l.words[0]![0];
      if ([...w].filter(isAlnum).length <= 4) {
        runts.push({ page: l.page, word: w, area: l.kind === 'note' ? 'notes' : l.off > 0.5 * l.size && (clsOff.get(l.size) ?? 0) < 0.5 * l.size ? 'list' : 'text' });
      }
    }
  }

  // bad breaks
  const seq: Line[] = [];
  for (const pg of tpages) for (const area of [pg.main, pg.notes]) seq.push(...area.filter((l) => l.kind === 'text' || l.kind === 'note' || l.kind === 'display'));
  const bad: TypoReport['badBreaks'] = [];
  for (let k = 0; k + 1 < seq.length; k++) {
    const a = seq[k]!;
    const b = seq[k + 1]!;
    const same = a.block === b.block || (b.page === a.page + 1 && a.kind === 'text' && !a.end && !b.start);
    if (!same || !a.words.length || !b.words.length) continue;
    const lw = a.words.at(-1)![0];
    const fw = b.words[0]![0];
    const lwl = lw.toLowerCase().replace(/^[(“‘"'[]+/u, '');
    const fwc = fw.replace(/^[(“‘"'[.,;:)”’\]]+|[(“‘"'[.,;:)”’\]]+$/gu, '');
    const isnum = /^\d/.test(fwc) || ROMAN.test(fwc);
    let why: string | null = null;
    if (NUM_AFTER.has(lwl) && isnum) why = 'number cut from its word';
    else if (MONTHS.has(lwl.replace(/,+$/, '')) && /^\d{1,2}\b/.test(fwc)) why = 'month | day';
    else if (/^\d{1,2}$/.test(lw) && MONTHS.has(fwc.toLowerCase())) why = 'day | month';
    else if (/^(?:[A-Z]\.){1,3}$/.test(lw) && lw !== 'I.' && /^[A-Z][a-z]/.test(fwc)) why = 'initial | name';
    else if (TITLES.has(lwl) && /^[A-Z]/.test(fwc)) why = 'title | name';
    if (why) bad.push({ page: a.page, break: `${lw} | ${fw}`, why });
  }

  // ---- note calls against note numbers
  let callsTotal = 0;
  let notesTotal = 0;
  const away: TypoReport['notes']['callWithoutNoteOnPage'] = [];
  for (const pg of tpages) {
    const calls: string[] = [];
    for (const l of pg.main) {
      let runc: Glyph[] = [];
      for (const c of l.chars.filter((c) => c.sup).sort((x, y) => x.x0 - y.x0)) {
        if (runc.length && c.x0 - runc.at(-1)!.x1 > 1.0) {
          calls.push(runc.map((d) => d.text).join(''));
          runc = [];
        }
        runc.push(c);
      }
      if (runc.length) calls.push(runc.map((d) => d.text).join(''));
    }
    const numbers = calls.filter((x) => /^\d+$/.test(x)).map(Number);
    const notes: number[] = [];
    for (const l of pg.notes) {
      const m = /^\W?(\d{1,4})/u.exec(l.text);
      if (l.start && m) notes.push(Number(m[1]));
    }
    callsTotal += numbers.length;
    notesTotal += notes.length;
    for (const n of numbers) if (!notes.includes(n)) away.push({ page: pg.no, call: n });
  }

  // ---- fonts
  const fonts = pdffontsSummary(path);
  const fam = new Map<string, number>();
  const famchars = new Map<string, Map<string, number>>();
  const fampages = new Map<string, Set<number>>();
  for (const pg of pages) {
    for (const l of pg.lines) {
      for (const c of l.chars) {
        if (isSpace(c.text)) continue;
        const f = famOf(c.fontname);
        fam.set(f, (fam.get(f) ?? 0) + 1);
        if (!famchars.has(f)) famchars.set(f, new Map());
        famchars.get(f)!.set(c.text, (famchars.get(f)!.get(c.text) ?? 0) + 1);
        if (!fampages.has(f)) fampages.set(f, new Set());
        fampages.get(f)!.add(pg.no);
      }
    }
  }
  const byCount = [...fam].sort((x, y) => y[1] - x[1]);
  const main = byCount[0]?.[0] ?? null;
  const fallback = byCount
    .filter(([f]) => f !== main)
    .map(([f, n]) => ({
      family: f,
      glyphs: n,
      sample: [...famchars.get(f)!].sort((x, y) => y[1] - x[1]).slice(0, 12).map(([ch]) => ch).join(''),
      pages: [...fampages.get(f)!].sort((x, y) => x - y).slice(0, 10),
    }));

  const r: Omit<TypoReport, 'summary'> = {
    pdf: path,
    pages: npages,
    pageTypes: Object.fromEntries(counter(pages.map((pg) => pg.type!))),
    bodySizePt: body,
    bodyLeadingPt: pyRound(blead, 2),
    runningHeads: allines.filter((l) => l.kind === 'head').length,
    folios: allines.filter((l) => l.kind === 'folio').length,
    notePages: tpages.filter((pg) => pg.notes.length).length,
    fill: { pagesJudged: fill.length, ragged: ragged.length, worst, raggedPages: ragged, all: fill, areaBottomPt: pyRound(areaBottom, 1) },
    widows,
    orphans,
    strandedHeads: stranded,
    hyphen: { lines: plines.length, hyphenated: hyph.size, sharePct: pyRound((100 * hyph.size) / Math.max(1, plines.length), 1), ladders, longestRun: maxrun },
    spacing: {
      justifiedLines: sp.length,
      medianEm: sp.length ? pyRound(pct(sp, 0.5)!, 3) : null,
      p99Em: sp.length ? pyRound(pct(sp, 0.99)!, 3) : null,
      maxEm: sp.length ? pyRound(sp.at(-1)!, 3) : null,
      minEm: sp.length ? pyRound(sp[0]!, 3) : null,
      naturalSpaceEm: natural !== null ? pyRound(natural, 3) : null,
      loose,
    },
    notes: { calls: callsTotal, notesAtFoot: notesTotal, callWithoutNoteOnPage: away },
    runts,
    badBreaks: bad,
    fonts: { type3: fonts.type3, notEmbedded: fonts.unembedded, faces: fonts.names, mainFamily: main, fallback },
    lastMainLines: tpages.filter((pg) => pg.main.length > 0).map((pg) => ({ page: pg.no, text: pg.main.at(-1)!.text })),
    lowestRules: pages.filter((pg) => pg.rules.length > 0).map((pg) => ({ page: pg.no, y: Math.max(...pg.rules.map((r) => r[2])) })),
  };
  return { ...r, summary: summary(r) };
}

function lineGaps(l: Line): number[] {
  const gaps: number[] = [];
  for (let i = 0; i + 1 < l.words.length; i++) gaps.push((l.words[i + 1]![1] - l.words[i]![2]) / l.size);
  return gaps;
}

function pdffontsSummary(path: string): { type3: number; unembedded: number; names: string[] } {
  const out = execFileSync('pdffonts', [path], { encoding: 'utf8' }).split('\n').slice(2);
  let type3 = 0;
  let unembedded = 0;
  const names: string[] = [];
  for (const row of out) {
    if (!row.trim()) continue;
    const m = /\s(yes|no)\s+(yes|no)\s+(yes|no)\s+\d+\s+\d+\s*$/.exec(row);
    if (row.includes('Type 3')) type3++;
    if (m && m[1] === 'no') unembedded++;
    names.push(row.trim().split(/\s+/)[0]!);
  }
  return { type3, unembedded, names };
}

/** Python's str() of a float, for figures printed as typo.py prints them. */
function py(x: number | null): string {
  if (x === null) return 'None';
  return Number.isInteger(x) ? `${x}.0` : String(x);
}

function summary(r: Omit<TypoReport, 'summary'>): string {
  const w = r.fill.worst;
  const worst = w ? ` (worst ${w.emptyLines.toFixed(1)} lines p.${w.page})` : '';
  return (
    `typo: pages ${r.pages}, ragged ${r.fill.ragged}${worst}, widows ${r.widows.length}, ` +
    `orphans ${r.orphans.length}, stranded heads ${r.strandedHeads.length}, ` +
    `hyphen lines ${py(r.hyphen.sharePct)}%, ladders ${r.hyphen.ladders.length}, ` +
    `word gap median ${py(r.spacing.medianEm)} em p99 ${py(r.spacing.p99Em)} em, ` +
    `loose lines ${r.spacing.loose.length}, runts ${r.runts.length}, bad breaks ${r.badBreaks.length}, ` +
    `type3 ${r.fonts.type3}, not embedded ${r.fonts.notEmbedded}, ` +
    `fallback ${r.fonts.fallback.length}`
  );
}
