/**
 * Paragraphs broken as a whole, in the page, before Paged.js lays out pages.
 *
 * The browser breaks lines one at a time (first fit): a line takes as many words as
 * fit, whatever that leaves for the next, so some lines stretch their spaces wide and
 * hyphens pile up. This pass measures every justified paragraph with the real fonts
 * (Range rects of the laid-out text: kerning, ligatures, note calls, italics as the
 * browser sets them), chooses its breaks with Knuth–Plass (knuth-plass.ts), and writes
 * them into the DOM so that Paged.js, which breaks pages by measuring the DOM, lays
 * out exactly those lines:
 *
 * - the paragraph gets `white-space: nowrap` (class `lines-set`), so no line breaks by
 *   itself, and each chosen break point (the space, the soft hyphen, the hyphen and the
 *   letters after it) is wrapped in a `<span class="line-break">` with `white-space:
 *   normal`, the only places a line may end. Nothing is added to the text: the PDF's
 *   text layer reads as before, with a hyphen only where a word is broken;
 * - `text-align: justify` still stretches each line to the measure, so the right edge
 *   is exact; a line whose spaces must shrink gets a negative `word-spacing` on its
 *   words (`<span class="line-tight">`), which the browser cannot do by itself;
 * - a line that ends in a full stop, comma, colon, dash or closing quote before its
 *   space may be longer by part of that mark's width (`hang`): the mark is wrapped in a
 *   `<span class="line-hang">` whose negative right margin lets it stand in the margin
 *   (hanging punctuation, as Typst and microtype do); the text layer is unchanged;
 * - a paragraph Paged.js splits across pages splits between two of these lines, since
 *   the break spans are its only break points; a continued paragraph has no indent,
 *   and neither has any line after the first in the breaking.
 *
 * A paragraph of the running text that a house style sets ragged-right (`text-align: left`)
 * is chosen the same way, with rigid spaces and a stretch at each line's end instead
 * (`raggedRight`, TeX's `\raggedright`): the lines are left short where the whole paragraph
 * is better for it, not wherever the next word did not fit, so that hyphens come only where
 * the rag would otherwise gape, and never pile up. Nothing is stretched, shrunk or hung.
 *
 * Notes (`span.footnote`, which Paged.js moves to the page foot) are broken at the
 * width of the note area, with their number ("12. ") on the first line; in the
 * paragraph they stand as their call, a raised number. A paragraph the pass cannot
 * set (a line that no breaking keeps within the tolerance, a structure it does not
 * know) keeps the browser's breaking, with `text-wrap: pretty` from print.css; so does
 * one whose lines would not fit after all (read on the pages once Paged.js has made them,
 * `linesTooWide`; the session then lays the book out again without that paragraph's breaks).
 *
 * `breakParagraphLines` runs in the page (puppeteer serialises it): it must not refer to
 * anything outside its own body; it finds `knuthPlass` on `window`, put there first.
 */
import type { BreakItem, BreakOptions, BreakResult } from './knuth-plass.js';

export interface LineBreakSettings extends BreakOptions {
  /** A space may stretch by this share of its natural width (at ratio 1), and shrink by `shrink`. */
  stretch: number;
  shrink: number;
  /** Breaking at a soft hyphen, after a hyphen in a compound, after a dash, at a <wbr>. */
  hyphenPenalty: number;
  /** Breaking a capitalised word (a name): only where no other breaking keeps within the tolerance. */
  namePenalty: number;
  explicitHyphenPenalty: number;
  dashPenalty: number;
  wbrPenalty: number;
  /**
   * Breaking at a `<wbr>` inside code in the text (src/render/print-blocks.ts): dear, and only
   * in the tries that may hyphenate, like a hyphen, so that a name is cut only where every
   * breaking without a cut leaves spaces past the tolerance.
   */
  codeBreakPenalty: number;
  /**
   * Breaking between two letters of a long run of an address or of code, which has no other
   * place to break (a hash, a long path segment): dearer than a hyphen, in the tries that
   * may hyphenate, so that it is taken only where the line before would otherwise be left
   * with its spaces stretched past the tolerance.
   */
  cutPenalty: number;
  /**
   * A line that ends inside a web address or code (at a `<wbr>` or a cut) may end short of
   * the measure, set with its natural spaces, by up to this many em at a ratio of 1: in the
   * tries that may hyphenate, such a break carries this much stretch of its own (TeX's
   * ragged-right glue, taken back after the break). "See https://…" has one space, which no
   * justification could stretch across the room an address leaves. A line set so is left
   * unjustified only where its own spaces would stretch past the tolerance.
   */
  raggedAddress: number;
  /**
   * A block of the running text set ragged-right (`text-align: left`, or `start` left to
   * right, in `main.text`): its spaces keep their width, and each line may end short of the
   * measure by this many em at a ratio of 1 (TeX's `\raggedright` stretches 2 em). 0 leaves
   * such blocks to the browser's breaking, as before 2026-12-06 (a test's, of Chromium's lines).
   */
  raggedRight: number;
  /** First try without hyphens: taken when every line stays within this ratio. */
  pretolerance: number;
  /** A try only to avoid a runt (a last line of one short word): a little looser than `tolerance`. */
  runtTolerance: number;
  /** Last try, before the paragraph is left to the browser. */
  emergencyTolerance: number;
  /**
   * A paragraph whose breaking hyphenates more than this share of its lines (long
   * compounds, a narrow measure: German on A5) tries again at `denseTolerance`, and takes
   * that breaking when it has fewer hyphens and no word gap wider than `denseMaxGap` em
   * (or than the first breaking's widest). Looser lines are bought only where hyphens are
   * thick, so English text keeps its even spacing.
   */
  denseHyphens: number;
  denseTolerance: number;
  denseMaxGap: number;
  /** Lines are set this many CSS px short of the measure: justification takes up the rest, never a rounding overflow. */
  slack: number;
  /**
   * Hanging punctuation: the share of the width of a line's last mark (before the space
   * the line ends at) set past the measure, into the right margin, so that the edge
   * looks straight to the eye and the line has that much more room. Typst's shares for
   * full stops, commas, colons and dashes; closing quotes half their width.
   */
  hang: Record<string, number>;
  /**
   * Soft hyphens out of a set paragraph once its lines are chosen, the hyphen of a line
   * ending at one written out (settleSoftHyphens below). Off only to compare with the pages as
   * Chromium printed them with the soft hyphens in (tests/soft-hyphens.test.ts).
   */
  settleSoftHyphens: boolean;
}

export interface LineBreakReport {
  /** Blocks looked at, set by the pass, left to the browser. */
  blocks: number;
  set: number;
  left: number;
  /** Of those left: set, then given back because a line came out wider than the measure. */
  overflowed: number;
  lines: number;
  hyphenated: number;
  /** Blocks that needed the last try's wider tolerance. */
  emergency: number;
  ms: number;
}

/** Where knuthPlass waits in the page for this pass. */
export const KNUTH_PLASS_GLOBAL = '__pamphletKnuthPlass';
/** And breakParagraphLines, for the session to run it and hold the rendering in the same task (render-hold.ts). */
export const LINE_BREAKER_GLOBAL = '__pamphletBreakLines';

/** A stylesheet of the pass's own, by the id it has in the page. */
export interface MeasuringStyle {
  id: string;
  css: string;
}

/**
 * The page as this pass measures it: the body at the measure, every paragraph, list item
 * and note on one long line (`text-align-last: auto` sets that line from the start, as
 * `left` would, without changing the `text-align: justify` that makes a block a
 * candidate). The print page is served with it (session.ts), so the page's first layout
 * (made once its fonts are in: render-hold.ts) is already the one measured: set here with
 * style attributes, it cost two more layouts of the whole book (x10: some 200 ms). The
 * pass takes it out once everything is measured (the body's rule, first, once the lines
 * are checked), and puts it in first when the page came without it.
 */
export const MEASURING_STYLE: MeasuringStyle = {
  id: 'pamphlet-line-measuring',
  css: [
    'body[data-measure] { width: attr(data-measure type(<length>)) !important; }',
    'body[data-measure] :is(p, li, span.footnote) { white-space: nowrap !important; text-align-last: auto !important; }',
    // Chromium breaks a line at a <wbr> even where white-space forbids breaking: the one long
    // line would go on under itself after the first <wbr> past the measure, and every place
    // after it be measured from the left edge again (four READMEs of our dependencies, with
    // break hints in their code: 8 paragraphs came out too wide). Without a box it is no
    // break; its place is still found (below).
    'body[data-measure] :is(p, li, span.footnote) wbr { display: none !important; }',
  ].join('\n'),
};

/** The settings print uses (README, "Print typography"). */
export const LINE_BREAKING: LineBreakSettings = {
  stretch: 0.6,
  shrink: 0.33,
  tolerance: 1.6,
  pretolerance: 1.2,
  runtTolerance: 2.2,
  emergencyTolerance: 3,
  denseHyphens: 0.3,
  denseTolerance: 2.2,
  denseMaxGap: 0.45,
  linePenalty: 10,
  // Spaces stretch by 0.6 and shrink by a third (TeX's), within a ratio of 1.6: no gap
  // above 0.4 em in this face; a hyphen is dear, so a line is hyphenated mainly where no
  // breaking without one keeps within that (issue 9: at most 6 % of lines, none in ladders).
  hyphenPenalty: 1500,
  namePenalty: 9000,
  explicitHyphenPenalty: 1000,
  dashPenalty: 50,
  wbrPenalty: 50,
  codeBreakPenalty: 1000,
  cutPenalty: 2000,
  raggedAddress: 2,
  raggedRight: 2,
  doubleHyphenDemerits: 10000,
  finalHyphenDemerits: 20000,
  fitnessDemerits: 10000,
  maxHyphens: 2,
  runtDemerits: 50000,
  runtLetters: 4,
  slack: 0.1,
  settleSoftHyphens: true,
  hang: { '.': 0.8, ',': 0.8, ':': 0.3, ';': 0.3, '\u2013': 0.2, '\u2014': 0.2, '\u2019': 0.5, '\u201D': 0.5, '\u201C': 0.5, '\u2018': 0.5, '\u00BB': 0.2, '\u00AB': 0.2 },
};

/**
 * Sets the paragraphs' lines. The blocks numbered in `leave` (their `data-seq`) keep the
 * browser's breaking: a layout before found a line of theirs wider than the measure
 * (`linesTooWide`), and they count among those given back.
 */
export async function breakParagraphLines(settings: LineBreakSettings, globalName: string, measuringStyle: MeasuringStyle, leave: readonly number[] = []): Promise<LineBreakReport> {
  const started = performance.now();
  const knuthPlass = (window as unknown as Record<string, (items: BreakItem[], widths: number[], options: BreakOptions) => BreakResult | null>)[globalName];
  const report: LineBreakReport = { blocks: 0, set: 0, left: 0, overflowed: 0, lines: 0, hyphenated: 0, emergency: 0, ms: 0 };
  const body = document.body;
  const measure = body.dataset['measure'];
  let measuring = document.getElementById(measuringStyle.id);
  if (!knuthPlass || !measure) {
    measuring?.remove();
    return report;
  }

  /**
   * Moves a walker past everything inside `node`: what a walker's filter would reject, skipped
   * in the loop instead (a filter is a call from Chromium into the page's JavaScript for
   * every node, some 17,000 in the x10 book).
   */
  const skipInside = (walker: TreeWalker, node: Node): void => {
    let last: Node = node;
    while (last.lastChild) last = last.lastChild;
    walker.currentNode = last;
  };

  const SET = 'lines-set';
  const BREAK = 'line-break';
  const TIGHT = 'line-tight';
  const HANG = 'line-hang';
  const LINE_HYPHEN = 'line-hyphen';
  const INFINITY = 10000;
  const NOTE = 'span.footnote';
  const SKIP = '.title-page, .contents, .handout-title, pre, table, figcaption, .bibliography, nav, h1, h2, h3, h4, h5, h6, .no-hyphens, .verse';
  const px = (value: string): number => parseFloat(value) || 0;
  const isSpace = (ch: string): boolean => ch === ' ' || ch === '\n' || ch === '\t' || ch === '\r';
  const LETTER = /[\p{L}\p{N}]/u;
  const CAPITAL = /\p{Lu}/u;
  const FIGURE = /\p{N}/u;
  const ONE_LETTER = /^\p{L}$/u;
  /**
   * Where the letters (soft hyphens skipped) that end `data` before `end` begin, or -1 when a
   * letter does not end it. Read back from `end`, not matched over all the text before it: one
   * long run of text with many numbers in it took time in the square of its length.
   */
  const lastLettersStart = (data: string, end: number): number => {
    let start = -1;
    for (let k = end; k > 0; ) {
      if (data[k - 1] === '\u00AD') {
        k--;
        continue;
      }
      // The code point ending at k: two units when they are a surrogate pair.
      const low = data.charCodeAt(k - 1);
      const high = k >= 2 ? data.charCodeAt(k - 2) : 0;
      const pair = low >= 0xdc00 && low <= 0xdfff && high >= 0xd800 && high <= 0xdbff;
      const letter = data.slice(pair ? k - 2 : k - 1, k);
      if (!ONE_LETTER.test(letter)) break;
      k -= letter.length;
      start = k;
    }
    return start;
  };
  /**
   * Runs of text longer than this are cut, after a space, into pieces of about `TEXT_PIECE`
   * characters before they are measured: the browser finds where an offset falls by reading
   * its text node from the start, so measuring each word with figures in one long node took
   * time in the square of its length (one paragraph of 70 KB: 15 s). The longest run of the
   * real manuscript is 2,534 characters; a cut changes nothing of how the text is set.
   */
  const LONG_TEXT = 4096;
  const TEXT_PIECE = 1024;
  const cutLongText = (el: Element): void => {
    const long: Text[] = [];
    const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) if ((node as Text).data.length > LONG_TEXT) long.push(node as Text);
    for (let text of long) {
      while (text.data.length > 2 * TEXT_PIECE) {
        const cut = text.data.indexOf(' ', TEXT_PIECE);
        if (cut < 0 || cut >= text.data.length - 1) break;
        text = text.splitText(cut + 1);
      }
    }
  };
  /** German capitalises every noun: there a capital says nothing of a name. */
  const nounsCapitalised = (el: Element): boolean => /^(de|lb)(-|$)/i.test(el.closest('[lang]')?.getAttribute('lang') ?? document.documentElement.lang);
  // Asked of every character of the text: comparisons, and the letter's regular expression only outside ASCII.
  const isHyphen = (ch: string): boolean => ch === '-' || ch === '\u2010';
  const isDash = (ch: string): boolean => ch === '\u2013' || ch === '\u2014';
  const isLetter = (ch: string): boolean => {
    const code = ch.charCodeAt(0);
    if (code < 128) return (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
    return LETTER.test(ch);
  };

  /** One place a line may end, in the DOM, and its x extent on the one long line. */
  interface Opportunity {
    kind: 'space' | 'nbsp' | 'shy' | 'hyphen' | 'dash' | 'wbr' | 'br';
    /** The characters to wrap when a line ends here (the DOM is only touched once all is measured). */
    startNode: Node;
    startOffset: number;
    endNode: Node;
    endOffset: number;
    left: number;
    right: number;
    hyphenWidth: number;
    /** A soft hyphen in a capitalised word (a name, in most languages): `namePenalty`. */
    name?: boolean;
    /** A `<wbr>` inside code: `codeBreakPenalty`. */
    code?: boolean;
    /** Between two letters of a long run in an address or code (an empty `span.cut`, src/render/print-blocks.ts `CUT_CLASS`): `cutPenalty`. */
    cut?: boolean;
    /** A space never to break at (a capitalised word and the number after it). */
    glued?: boolean;
    /** How far the mark before this place hangs past the measure when a line ends here. */
    hang?: number;
  }
  interface Block {
    el: HTMLElement;
    note: boolean;
    opportunities: Opportunity[];
    /** Letters between opportunities (one more than opportunities). */
    letters: number[];
    /** Where the first line's text begins, past the content box's left edge (none with `hanging`, which indents the other lines). */
    indent: number;
    start: number;
    end: number;
    widths: number[];
    /** The paragraph's last mark, when it may hang: a full last line hangs it too. */
    endMark?: { node: Text; offset: number; hang: number };
    /** Set ragged-right (`raggedRight`): rigid spaces, nothing hung. */
    raggedRight: boolean;
    /** Its font size in px, which the settings in em are reckoned in. */
    em: number;
  }

  const canvas = document.createElement('canvas').getContext('2d');

  // ---------- Which blocks ----------

  const isInlineOnly = (el: Element, note: boolean): boolean => {
    for (const child of Array.from(el.children)) {
      if (!note && child.matches(NOTE)) continue;
      if (note && (child.classList.contains('fn-block') || (child.classList.contains('fn-p') && child.previousElementSibling))) return false;
      const display = getComputedStyle(child).display;
      if (display === 'none') continue;
      // A formula in the line (MathML's `display: math`) is one piece of it, as a picture is.
      if (!display.startsWith('inline') && display !== 'math') return false;
      if (!note && child.querySelector('p, div, ul, ol, table, pre, blockquote, figure')) return false;
    }
    return true;
  };

  /**
   * Ragged-right running text: a house style's (the imprint, the handout's questions and
   * the other blocks pamphlet's own sheets set flush left stay the browser's).
   */
  const isRaggedRight = (el: Element, style: CSSStyleDeclaration): boolean =>
    settings.raggedRight > 0 && (style.textAlign === 'left' || style.textAlign === 'start') && el.closest('main.text') !== null;

  let givenBack = 0;
  const candidates = Array.from(body.querySelectorAll<HTMLElement>(`p, li, ${NOTE}`)).filter((el) => {
    if (leave.length > 0 && leave.includes(Number(el.dataset['seq']))) {
      givenBack++;
      return false;
    }
    const note = el.matches(NOTE);
    if (!note && el.closest(NOTE)) return false;
    if (el.closest(SKIP)) return false;
    const style = getComputedStyle(el);
    // Positions are read left to right: a right-to-left block keeps the browser's breaking.
    if (style.direction === 'rtl') return false;
    if (style.textAlign !== 'justify' && !isRaggedRight(el, style)) return false;
    return isInlineOnly(el, note);
  });
  report.blocks = candidates.length + givenBack;
  report.overflowed = givenBack;
  if (candidates.length === 0) {
    report.left = report.blocks;
    measuring?.remove();
    return report;
  }

  // ---------- Measuring: every block on one long line ----------

  if (!measuring) {
    measuring = document.createElement('style');
    measuring.id = measuringStyle.id;
    measuring.textContent = measuringStyle.css;
    document.head.append(measuring);
  }
  // The sheet's body width is a typed attr() (Chromium 133 on); an older browser drops that
  // rule, and gets the measure as a style attribute, as before the sheet.
  const savedBodyWidth = body.style.width;
  const widthFromSheet = CSS.supports('width', 'attr(data-measure type(<length>))');
  if (!widthFromSheet) body.style.width = measure;
  // Notes are measured where Paged.js sets them, at the measure in the note area; in
  // the paragraph, their call stands in their place.
  const shelf = document.createElement('div');
  shelf.setAttribute('aria-hidden', 'true');
  body.appendChild(shelf);
  const standIns = new Map<HTMLElement, HTMLElement>();
  const noteStyles = new Map<HTMLElement, string | null>();
  const markers: HTMLElement[] = [];
  for (const note of Array.from(body.querySelectorAll<HTMLElement>(NOTE))) {
    const call = document.createElement('a');
    call.className = 'line-probe-call';
    call.dataset['number'] = note.dataset['noteNumber'] ?? '0';
    noteStyles.set(note, note.getAttribute('style'));
    note.replaceWith(call);
    standIns.set(note, call);
    shelf.appendChild(note);
  }
  // Laid out at the measure (once, with the notes on their shelf), every face the text
  // needs is asked for; measured once they are in. Reads first, then writes: a read after
  // each write would lay the document out again each time.
  body.getBoundingClientRect();
  await document.fonts.ready;
  const noteWidth = shelf.getBoundingClientRect().width;
  const saved = new Map<HTMLElement, string | null>();
  const blocks: Block[] = candidates.map((el) => {
    const note = el.matches(NOTE);
    const style = getComputedStyle(el);
    const width = note ? noteWidth : el.clientWidth - px(style.paddingLeft) - px(style.paddingRight);
    // A percentage is of the block's own width (CSS Text 3), which the computed value leaves to resolve.
    const indent = style.textIndent.endsWith('%') ? (px(style.textIndent) * width) / 100 : px(style.textIndent);
    const first = note ? width : width - indent;
    const firstLine = note || style.textIndent.includes('hanging') ? 0 : indent;
    return { el, note, opportunities: [], letters: [0], indent: firstLine, start: 0, end: 0, widths: [first - settings.slack, width - settings.slack], raggedRight: style.textAlign !== 'justify', em: parseFloat(style.fontSize) || 16 };
  });
  for (const { el, note } of blocks) {
    if (note) {
      // The note's number, as Paged.js's marker sets it, opens its first line.
      const marker = document.createElement('span');
      marker.className = 'line-probe-marker';
      marker.textContent = `${el.dataset['noteNumber'] ?? '0'}. `;
      el.prepend(marker);
      markers.push(marker);
    }
    cutLongText(el);
    if (note) {
      saved.set(el, el.getAttribute('style'));
      el.style.display = 'block';
    }
  }

  // One Range for all measuring: every live Range is updated on each DOM change, and
  // thousands of them made writing the breaks take seconds.
  const probe = document.createRange();
  const range = (node: Node, from: number, to: number): Range => {
    probe.setStart(node, from);
    probe.setEnd(node, to);
    return probe;
  };
  const at = (startNode: Node, startOffset: number, endNode: Node, endOffset: number) => ({ startNode, startOffset, endNode, endOffset });
  const extent = (r: Range): { left: number; right: number } | null => {
    const rects = r.getClientRects();
    let left = Infinity;
    let right = -Infinity;
    for (const rect of Array.from(rects)) {
      if (rect.height === 0 && rect.width === 0) continue;
      left = Math.min(left, rect.left);
      right = Math.max(right, rect.right);
    }
    return left === Infinity ? null : { left, right };
  };

  // Widths inside a run of text from the canvas, in the run's font: one Range rect per
  // text node is what the browser is asked (each costs about a tenth of a millisecond).
  /** Widths measured, by font (a key per run of text would be a long string to hash each time). */
  const widthsByFont = new Map<string, Map<string, number>>();
  let widths = new Map<string, number>();
  let font = '';
  const fontOf = new Map<Element, string>();
  /** The text as the browser draws it, for `text-transform` (the canvas draws what it is given). */
  let transform = (text: string): string => text;
  /** The house style's word spacing, in the current font's run: added to each space. */
  let spaceWidth = 0;
  const lang = document.documentElement.lang || undefined;
  const TRANSFORMS: Record<string, (text: string) => string> = {
    uppercase: (text) => text.toLocaleUpperCase(lang),
    lowercase: (text) => text.toLocaleLowerCase(lang),
    // Each word's first letter, as CSS does it; the ink's scaling absorbs what this misses.
    capitalize: (text) => text.replace(/(^|[\s\u00A0\-\u2010\u2013\u2014])(\p{L})/gu, (_, before: string, letter: string) => before + letter.toLocaleUpperCase(lang)),
  };
  function useFont(el: Element): void {
    let key = fontOf.get(el);
    if (key === undefined) {
      const style = getComputedStyle(el);
      // What the page draws the text with: the face, letter and word spacing, small capitals, kerning, case, ligatures.
      key = [`${style.fontStyle} ${style.fontWeight} ${style.fontSize} ${style.fontFamily}`, style.letterSpacing, style.fontVariantCaps, style.fontKerning, style.wordSpacing, style.textTransform, style.fontVariantLigatures].join('\u0001');
      fontOf.set(el, key);
    }
    if (key === font || !canvas) return;
    font = key;
    let known = widthsByFont.get(key);
    if (!known) widthsByFont.set(key, (known = new Map()));
    widths = known;
    const [shorthand, letterSpacing, caps, kerning, wordSpacing, textTransform, ligatures] = key.split('\u0001');
    // Added by hand: Chromium's canvas leaves its measure of a text unchanged when only its word spacing changes.
    spaceWidth = px(wordSpacing ?? '');
    canvas.font = shorthand!;
    canvas.letterSpacing = letterSpacing === 'normal' ? '0px' : letterSpacing!;
    // The canvas has no ligature setting of its own: 'optimizeSpeed' drops them (and kerning, which fontKerning gives back).
    canvas.textRendering = ligatures === 'none' || ligatures?.includes('no-common-ligatures') ? 'optimizeSpeed' : 'auto';
    canvas.fontKerning = kerning === 'none' ? 'none' : 'normal';
    canvas.fontVariantCaps = (caps as CanvasFontVariantCaps | undefined) ?? 'normal';
    transform = TRANSFORMS[textTransform ?? ''] ?? ((text) => text);
  }
  function width(text: string): number {
    let w = widths.get(text);
    if (w === undefined) {
      w = canvas ? canvas.measureText(transform(text)).width : text.length;
      widths.set(text, w);
    }
    return w;
  }
  /** How far the mark at `data[index]` hangs past the measure, in the current font (0: not a hanging mark). */
  function hangOf(data: string, index: number, scale: number): number {
    const share = settings.hang[data[index] ?? ''] ?? 0;
    return share > 0 ? width(data[index]!) * scale * share : 0;
  }
  /**
   * x of every offset from `from` to `to` where something may break, from `from`, white space
   * collapsed: in two parts, the canvas's widths (to be scaled to the browser's ink) and the
   * widths the browser measured itself (words with figures), which are not to be scaled again.
   * Written into `canvasXs` and `measuredXs` at `offset - from`, 0 where nothing may break:
   * two arrays reused from one run of text to the next, where a map per run of text and a
   * lookup per character cost the x10 book some 200 ms.
   */
  let canvasXs = new Float64Array(1024);
  let measuredXs = new Float64Array(1024);
  function canvasPositions(data: string, from: number, to: number, domWidth: (from: number, to: number) => number | null): void {
    const size = to - from + 1;
    if (canvasXs.length < size) {
      canvasXs = new Float64Array(size * 2);
      measuredXs = new Float64Array(size * 2);
    } else {
      canvasXs.fill(0, 0, size);
      measuredXs.fill(0, 0, size);
    }
    let x = 0;
    let m = 0;
    let i = from;
    while (i < to) {
      canvasXs[i - from] = x;
      measuredXs[i - from] = m;
      if (isSpace(data[i]!)) {
        let j = i + 1;
        while (j < to && isSpace(data[j]!)) j++;
        x += width(' ') + spaceWidth;
        i = j;
        continue;
      }
      // The word, and in the same pass whether it has figures or anything a line may break inside.
      let j = i;
      let digit = false;
      let wide = false;
      let inside = false;
      for (; j < to; j++) {
        const ch = data[j]!;
        if (isSpace(ch)) break;
        const code = ch.charCodeAt(0);
        if (code >= 48 && code <= 57) digit = true;
        else if (code >= 128) wide = true;
        if (ch === '\u00AD' || ch === '\u00A0' || isHyphen(ch) || isDash(ch)) inside = true;
      }
      const word = data.slice(i, j);
      // Figures are set with the text's numeric features (proportional, old-style),
      // which the canvas cannot apply: a word with figures is measured by the browser.
      const canvasWord = width(word);
      const measured = digit || (wide && FIGURE.test(word)) ? domWidth(i, j) : null;
      const scale = measured !== null && canvasWord > 0 ? measured / canvasWord : 1;
      // Inside the word: soft hyphens, no-break spaces, hyphens and dashes.
      for (let k = 1; inside && k < word.length; k++) {
        const c = word[k]!;
        const p = word[k - 1]!;
        if (c === '\u00AD' || c === '\u00A0' || p === '\u00A0' || isHyphen(p) || isDash(p)) {
          const inside = width(word.slice(0, k)) * scale;
          canvasXs[i + k - from] = measured === null ? x + inside : x;
          measuredXs[i + k - from] = measured === null ? m : m + inside;
        }
      }
      if (measured === null) x += canvasWord;
      else m += measured;
      i = j;
    }
    canvasXs[to - from] = x;
    measuredXs[to - from] = m;
  }

  for (const block of blocks) {
    const { el } = block;
    const style = getComputedStyle(el);
    const markerEl = block.note ? el.querySelector(':scope > .line-probe-marker') : null;
    const contentLeft = el.getBoundingClientRect().left + px(style.borderLeftWidth) + px(style.paddingLeft);
    // The first line's text, on the one long line, begins past the indent, or after a note's number.
    block.start = markerEl ? markerEl.getBoundingClientRect().right : contentLeft + block.indent;
    // A note's number takes its room from the first line.
    if (markerEl) block.widths[0] = block.widths[0]! - (block.start - contentLeft);
    let inkEnd = block.start;
    let pendingSpace: Opportunity | null = null;
    const push = (opportunity: Opportunity): void => {
      block.opportunities.push(opportunity);
      block.letters.push(0);
    };
    /** An element set as one piece (a picture, a note call): the space before it ends where its ink begins. */
    const inkOf = (element: Element): void => {
      probe.selectNode(element);
      const x = extent(probe);
      if (pendingSpace) {
        pendingSpace.right = x ? x.left : pendingSpace.left;
        push(pendingSpace);
        pendingSpace = null;
      }
      if (x) inkEnd = Math.max(inkEnd, x.right);
      if (x) block.endMark = undefined;
    };
    // No filter on the walker (skipInside): what it would reject, the loop skips whole.
    const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT | NodeFilter.SHOW_ELEMENT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (node.nodeType === 1) {
        const element = node as HTMLElement;
        const tag = element.tagName;
        // A <wbr> is hidden while measuring (MEASURING_STYLE), not from the page.
        if (element === markerEl || (tag !== 'WBR' && getComputedStyle(element).display === 'none')) {
          skipInside(walker, element);
          continue;
        }
        if (tag === 'BR' || tag === 'WBR') {
          const parent = element.parentNode!;
          const index = Array.prototype.indexOf.call(parent.childNodes, element) as number;
          if (tag === 'BR') {
            if (pendingSpace) pendingSpace = null;
            push({ kind: 'br', ...at(parent, index, parent, index + 1), left: inkEnd, right: inkEnd, hyphenWidth: 0 });
          } else if (element.nextSibling?.nodeType === 3 && (element.nextSibling as Text).data.length > 0 && !pendingSpace) {
            push({ kind: 'wbr', ...at(parent, index, element.nextSibling, 1), left: inkEnd, right: inkEnd, hyphenWidth: 0, ...(element.parentElement?.closest('code') ? { code: true } : {}) });
          }
        } else if (tag === 'SPAN' && element.classList.contains('cut') && !element.firstChild) {
          // A place a long run of an address or code may break (src/render/print-blocks.ts):
          // no break for Chromium, so that it cannot end a line there on its own; a <wbr>
          // once chosen (below).
          const parent = element.parentNode!;
          const index = Array.prototype.indexOf.call(parent.childNodes, element) as number;
          if (element.nextSibling?.nodeType === 3 && (element.nextSibling as Text).data.length > 0 && !pendingSpace) {
            push({ kind: 'wbr', ...at(parent, index, element.nextSibling, 1), left: inkEnd, right: inkEnd, hyphenWidth: 0, cut: true });
          }
        } else if (tag === 'IMG' || tag === 'math' || getComputedStyle(element).display.startsWith('inline-')) {
          // An atom: part of the word it stands in.
          inkOf(element);
          block.letters[block.letters.length - 1]! += 1;
          // Its inside is not text of this paragraph's lines.
          skipInside(walker, element);
        } else if (element.classList.contains('line-probe-call')) {
          inkOf(element);
        }
        continue;
      }
      const text = node as Text;
      const data = text.data;
      let f = 0;
      while (f < data.length && (isSpace(data[f]!) || data[f] === '\u00AD')) f++;
      if (f === data.length) {
        // Only white space: one space between the ink before and after, if any.
        if (data.length > 0 && !pendingSpace && !(block.opportunities.length === 0 && inkEnd === block.start)) {
          pendingSpace = { kind: 'space', ...at(text, 0, text, data.length), left: inkEnd, right: inkEnd, hyphenWidth: 0 };
        }
        continue;
      }
      let l = data.length - 1;
      while (isSpace(data[l]!) || data[l] === '\u00AD') l--;
      // The text's ink, from the browser; where each break falls inside it, from the
      // canvas in the same font, scaled to that extent.
      const ink = extent(range(text, f, l + 1));
      if (!ink) continue;
      const parent = text.parentElement ?? el;
      useFont(parent);
      canvasPositions(data, f, l + 1, (from, to) => {
        const r = extent(range(text, from, to));
        return r ? r.right - r.left : null;
      });
      // The canvas's widths scaled to what the browser's ink leaves them.
      const total = canvasXs[l + 1 - f]!;
      const scale = total > 0 ? Math.max(0, ink.right - ink.left - measuredXs[l + 1 - f]!) / total : 1;
      const x = (offset: number): number => ink.left + canvasXs[offset - f]! * scale + measuredXs[offset - f]!;
      if (f > 0 && !pendingSpace && !(block.opportunities.length === 0 && inkEnd === block.start)) {
        const last = block.opportunities[block.opportunities.length - 1];
        if (!(last && last.kind === 'br' && block.letters[block.letters.length - 1] === 0)) {
          pendingSpace = { kind: 'space', ...at(text, 0, text, f), left: inkEnd, right: inkEnd, hyphenWidth: 0 };
        }
      }
      for (let i = f; i <= l; i++) {
        const ch = data[i]!;
        if (isSpace(ch)) {
          let j = i + 1;
          while (j < data.length && isSpace(data[j]!)) j++;
          if (!pendingSpace) {
            const left = x(i);
            pendingSpace = { kind: 'space', startNode: text, startOffset: i, endNode: text, endOffset: j, left, right: left, hyphenWidth: 0, hang: hangOf(data, i - 1, scale) };
          }
          i = j - 1;
          continue;
        }
        if (pendingSpace) {
          pendingSpace.right = x(i);
          // A number after a capitalised word ("October 26", "Article 5") stays with it.
          if (FIGURE.test(ch) && pendingSpace.startNode === text) {
            const name = lastLettersStart(data, pendingSpace.startOffset);
            if (name >= 0 && CAPITAL.test(data[name]!)) pendingSpace.glued = true;
          }
          push(pendingSpace);
          pendingSpace = null;
        }
        if (ch === '\u00AD') {
          let start = i;
          while (start > 0 && (isLetter(data[start - 1]!) || data[start - 1] === '\u00AD')) start--;
          const name = CAPITAL.test(data[start] ?? '') && !nounsCapitalised(parent);
          const left = x(i);
          push({ kind: 'shy', startNode: text, startOffset: i, endNode: text, endOffset: i + 1, left, right: left, hyphenWidth: width('-') * scale, name });
          continue;
        }
        if (ch === '\u00A0') {
          push({ kind: 'nbsp', ...at(text, i, text, i + 1), left: x(i), right: x(i + 1), hyphenWidth: 0 });
          continue;
        }
        if (isLetter(ch)) block.letters[block.letters.length - 1]! += 1;
        // After a hyphen or dash inside a word: wrapped with the letter after it, since
        // the common ancestor of the two decides whether a line may end there (CSS Text 3),
        // and with the letters after that but the word part's last: a ligature split
        // between two elements ("rank-and-<span>-f</span>ile") reads in poppler without its
        // second letter ("fle"), though it looks the same; and a span that ends where a
        // space begins lets Chromium end a line at that space too.
        if ((isHyphen(ch) || isDash(ch)) && i > 0 && i < l && isLetter(data[i - 1]!) && isLetter(data[i + 1]!)) {
          const left = x(i + 1);
          let end = i + 2;
          while (end + 1 <= l && isLetter(data[end]!) && isLetter(data[end + 1]!)) end++;
          push({ kind: isHyphen(ch) ? 'hyphen' : 'dash', startNode: text, startOffset: i, endNode: text, endOffset: end, left, right: left, hyphenWidth: 0 });
        }
      }
      inkEnd = Math.max(inkEnd, ink.right);
      const hang = hangOf(data, l, scale);
      block.endMark = hang > 0 ? { node: text, offset: l, hang } : undefined;
      if (l < data.length - 1 && !pendingSpace) {
        let j = l + 1;
        while (j < data.length && !isSpace(data[j]!)) j++;
        if (j < data.length) pendingSpace = { kind: 'space', ...at(text, j, text, data.length), left: ink.right, right: ink.right, hyphenWidth: 0, hang: hangOf(data, j - 1, scale) };
      }
    }
    block.end = inkEnd;
  }

  // ---------- Breaking ----------

  /** A breaking of one block, with the items it was found on. */
  interface Chosen {
    result: BreakResult;
    owner: number[];
    items: BreakItem[];
  }
  interface Choice {
    block: Block;
    result: BreakResult;
    /** Opportunity index of each item, or -1. */
    owner: number[];
    naturals: number[];
    spaces: number[];
    /** Lines set short of the measure with their natural spaces, ending at a forced break (`raggedAddress`). */
    ragged: Set<number>;
  }

  function itemsOf(block: Block, hyphenate: boolean): { items: BreakItem[]; owner: number[] } {
    const items: BreakItem[] = [];
    const owner: number[] = [];
    let x = block.start;
    const ragged = hyphenate && settings.raggedAddress > 0 ? settings.raggedAddress * block.em : 0;
    const flush = block.raggedRight ? settings.raggedRight * block.em : 0;
    const { opportunities, letters } = block;
    /**
     * A place opportunity `k` may end a line that falls short by up to `stretch` at a ratio of
     * 1 (TeX's ragged break): the glue after it, `width` wide, takes the stretch back when the
     * line goes on; no line ends at the first glue (the penalty before it).
     */
    const raggedBreak = (k: number, stretch: number, penalty: BreakItem, width: number): void => {
      items.push({ type: 2, width: 0, cost: INFINITY }, { type: 1, width: 0, stretch, shrink: 0 }, penalty, { type: 1, width, stretch: -stretch, shrink: 0 });
      owner.push(-1, -1, k, -1);
    };
    for (let k = 0; k < opportunities.length; k++) {
      const o = opportunities[k]!;
      items.push({ type: 0, width: Math.max(0, o.left - x), letters: letters[k] ?? 0 });
      owner.push(-1);
      const space = o.right - o.left;
      if (flush > 0 && o.kind !== 'br') {
        // Ragged-right: a space keeps its width, and a line ending here may fall short.
        const cost = costOf(o, hyphenate);
        const rigid = o.kind === 'space' || o.kind === 'nbsp' ? space : 0;
        if (cost < INFINITY) {
          raggedBreak(k, flush, { type: 2, width: o.kind === 'shy' ? o.hyphenWidth : 0, cost, flagged: o.kind === 'shy' || o.kind === 'hyphen' }, rigid);
        } else {
          items.push({ type: 2, width: 0, cost: INFINITY }, { type: 1, width: rigid, stretch: 0, shrink: 0 });
          owner.push(-1, k);
        }
        x = o.right;
        continue;
      }
      switch (o.kind) {
        case 'space':
          if (o.glued) {
            items.push({ type: 2, width: 0, cost: INFINITY });
            owner.push(-1);
          }
          items.push({ type: 1, width: space, stretch: space * settings.stretch, shrink: space * settings.shrink, hang: o.hang ?? 0 });
          break;
        case 'nbsp':
          // Stretched and shrunk like a space by the browser, but never a break.
          items.push({ type: 2, width: 0, cost: INFINITY });
          owner.push(-1);
          items.push({ type: 1, width: space, stretch: space * settings.stretch, shrink: space * settings.shrink });
          break;
        case 'shy':
          items.push({ type: 2, width: o.hyphenWidth, cost: costOf(o, hyphenate), flagged: true });
          break;
        case 'hyphen':
          items.push({ type: 2, width: 0, cost: costOf(o, hyphenate), flagged: true });
          break;
        case 'dash':
          items.push({ type: 2, width: 0, cost: costOf(o, hyphenate) });
          break;
        case 'wbr': {
          const cost = costOf(o, hyphenate);
          if (ragged > 0 && cost < INFINITY) {
            // An address's place: its line may end short; none of it kept after a break.
            raggedBreak(k, ragged, { type: 2, width: 0, cost }, 0);
            x = o.right;
            continue;
          }
          items.push({ type: 2, width: 0, cost });
          break;
        }
        case 'br':
          items.push({ type: 2, width: 0, cost: INFINITY });
          owner.push(-1);
          items.push({ type: 1, width: 0, stretch: INFINITY, shrink: 0 });
          owner.push(-1);
          items.push({ type: 2, width: 0, cost: -INFINITY });
          break;
      }
      owner.push(k);
      x = o.right;
    }
    items.push({ type: 0, width: Math.max(0, block.end - x), letters: letters[opportunities.length] ?? 0 });
    owner.push(-1);
    // The end of the paragraph: no break before the fill, which takes up the last line.
    items.push({ type: 2, width: 0, cost: INFINITY });
    owner.push(-1);
    items.push({ type: 1, width: 0, stretch: INFINITY, shrink: 0 });
    owner.push(-1);
    items.push({ type: 2, width: 0, cost: -INFINITY, hang: block.raggedRight ? 0 : (block.endMark?.hang ?? 0) });
    owner.push(-1);
    return { items, owner };
  }

  /** What a line ending at `o` costs (INFINITY: no line ends there), in a try that may hyphenate or not. */
  function costOf(o: Opportunity, hyphenate: boolean): number {
    switch (o.kind) {
      case 'space':
        return o.glued ? INFINITY : 0;
      case 'nbsp':
        return INFINITY;
      case 'shy':
        return hyphenate ? (o.name ? settings.namePenalty : settings.hyphenPenalty) : INFINITY;
      case 'hyphen':
        return hyphenate ? settings.explicitHyphenPenalty : INFINITY;
      case 'dash':
        return settings.dashPenalty;
      case 'wbr':
        return o.cut ? (hyphenate ? settings.cutPenalty : INFINITY) : o.code ? (hyphenate ? settings.codeBreakPenalty : INFINITY) : settings.wbrPenalty;
      case 'br':
        return -INFINITY;
    }
  }

  /** Hyphenated line ends of a breaking. */
  const hyphensOf = (result: BreakResult, items: BreakItem[]): number =>
    result.breaks.slice(0, -1).filter((end) => items[end]!.type === 2 && items[end]!.flagged === true).length;
  /** The widest word gap of a breaking's justified lines, in em of the block's type. */
  const widestGap = (block: Block, result: BreakResult, items: BreakItem[]): number => {
    let widest = 0;
    let from = 0;
    result.breaks.forEach((end, line) => {
      const ratio = result.ratios[line] ?? 0;
      if (ratio > 0 && line < result.breaks.length - 1) {
        for (let i = from; i < end; i++) {
          const item = items[i]!;
          // A word space that stretches: a ragged-right block's are rigid (itemsOf), and make no gap wider.
          if (item.type === 1 && item.width > 0 && (item.stretch ?? 0) >= 0 && (item.stretch ?? 0) < INFINITY) widest = Math.max(widest, item.width + ratio * (item.stretch ?? 0));
        }
      }
      from = end + 1;
    });
    return widest / block.em;
  };
  /** A densely hyphenated breaking traded for a looser one with fewer hyphens (`denseHyphens`). */
  function thinnerHyphens(block: Block, chosen: Chosen): Chosen {
    const lines = chosen.result.breaks.length;
    const hyphens = hyphensOf(chosen.result, chosen.items);
    if (!knuthPlass || lines < 2 || hyphens / lines <= settings.denseHyphens) return chosen;
    const { items, owner } = itemsOf(block, true);
    const result = knuthPlass(items, block.widths, { ...settings, tolerance: settings.denseTolerance, forbidRunt: true });
    if (!result || result.runt || hyphensOf(result, items) >= hyphens) return chosen;
    const limit = Math.max(settings.denseMaxGap, widestGap(block, chosen.result, chosen.items));
    return widestGap(block, result, items) <= limit ? { result, owner, items } : chosen;
  }

  const choices: Choice[] = [];
  /** Paragraphs only the last try's tolerance could set, and the hyphens each set paragraph's lines end in: the report counts those that keep their lines. */
  const atEmergency = new Set<HTMLElement>();
  const hyphenCount = new Map<HTMLElement, number>();
  for (const block of blocks) {
    if (block.opportunities.length === 0 && block.end - block.start <= (block.widths[0] ?? 0)) {
      // One line: nothing to choose.
      continue;
    }
    const tries: Array<[boolean, number]> = [
      [false, settings.pretolerance],
      [true, settings.tolerance],
      [true, settings.runtTolerance],
      [true, settings.emergencyTolerance],
    ];
    let chosen: Chosen | null = null;
    for (const [hyphenate, tolerance] of tries) {
      // The runt's try is only for a paragraph whose breaking so far ends in a runt.
      if (tolerance === settings.runtTolerance && !chosen) continue;
      if (tolerance === settings.emergencyTolerance && chosen) break;
      const { items, owner } = itemsOf(block, hyphenate);
      const result = knuthPlass(items, block.widths, { ...settings, tolerance, forbidRunt: chosen !== null });
      // A runt is worth a hyphen or a slightly wider try (not the emergency one): the
      // first breaking that avoids it is taken, else the first found.
      if (result && (!chosen || !result.runt)) {
        chosen = { result, owner, items };
        if (tolerance === settings.emergencyTolerance) atEmergency.add(block.el);
        if (!result.runt) break;
      }
    }
    if (chosen) chosen = thinnerHyphens(block, chosen);
    if (!chosen) continue;
    // Each line's natural width and spaces, for the lines that must shrink; and the lines
    // that end inside an address with more room than their own spaces could take.
    const naturals: number[] = [];
    const spaces: number[] = [];
    const ragged = new Set<number>();
    let from = 0;
    // A ragged-right block's lines neither shrink nor end short at an address: nothing to read.
    for (const [line, end] of block.raggedRight ? [] : chosen.result.breaks.entries()) {
      let width = 0;
      let count = 0;
      let stretch = 0;
      let i = from;
      while (i < end && chosen.items[i]!.type !== 0) i++;
      for (; i < end; i++) {
        const item = chosen.items[i]!;
        if (item.type !== 2) width += item.width;
        // A word space; not the zero-width glue of a place in an address (itemsOf).
        if (item.type === 1 && item.width > 0 && (item.stretch ?? 0) < INFINITY) {
          count++;
          stretch += item.stretch ?? 0;
        }
      }
      const last = chosen.items[end]!;
      if (last.type === 2) width += last.width;
      width -= last.hang ?? 0;
      naturals.push(width);
      spaces.push(count);
      const before = chosen.items[end - 1];
      const target = block.widths[Math.min(line, block.widths.length - 1)] ?? 0;
      if (last.type === 2 && before?.type === 1 && before.width === 0 && (before.stretch ?? 0) > 0 && (before.stretch ?? 0) < INFINITY && width < target) {
        if (stretch === 0 || (target - width) / stretch > settings.tolerance) ragged.add(line);
      }
      from = end + 1;
    }
    choices.push({ block, result: chosen.result, owner: chosen.owner, naturals, spaces, ragged });
  }

  // ---------- Writing the breaks into the DOM ----------

  // Back to the page's own layout first: measuring styles off, notes home. The body stays at
  // the measure (the sheet's first rule) until the lines are checked.
  const sheet = (measuring as HTMLStyleElement).sheet;
  while (sheet && sheet.cssRules.length > 1) sheet.deleteRule(sheet.cssRules.length - 1);
  for (const [el, style] of saved) {
    if (style != null) el.setAttribute('style', style);
    else el.removeAttribute('style');
  }

  /** The widest hang in each block, which its overflow check allows. */
  const hanging = new Map<Block, number>();
  /** Wraps the mark at `offset` in a span whose negative right margin sets it `hang` px into the margin. */
  function hangMark(block: Block, node: Node, offset: number, hang: number): void {
    if (node.nodeType !== 3 || offset < 0 || offset >= (node as Text).data.length) return;
    const span = document.createElement('span');
    span.className = HANG;
    span.style.marginRight = `${(-hang).toFixed(3)}px`;
    probe.setStart(node, offset);
    probe.setEnd(node, offset + 1);
    probe.surroundContents(span);
    hanging.set(block, Math.max(hanging.get(block) ?? 0, hang));
  }
  for (const choice of choices) {
    const { block, result, owner } = choice;
    // The paragraph's last mark first: wrapping it leaves every earlier offset where it was.
    if (block.endMark && !block.raggedRight) hangMark(block, block.endMark.node, block.endMark.offset, block.endMark.hang);
    // Last first: wrapping a break splits its text node, which would move later offsets.
    const lineEnds = result.breaks.slice(0, -1);
    let hyphens = 0;
    for (let line = lineEnds.length - 1; line >= 0; line--) {
      const index = owner[lineEnds[line]!] ?? -1;
      const o = block.opportunities[index];
      if (!o || o.kind === 'br' || o.kind === 'nbsp') continue;
      const span = document.createElement('span');
      span.className = BREAK;
      if (o.kind === 'wbr' && (o.cut || choice.ragged.has(line))) {
        // The cut's marker becomes the <wbr> the line breaks at, in the same place among its
        // siblings; a line set short, a <br>: justification leaves a line before a forced
        // break with its natural spaces.
        const marker = o.startNode.childNodes[o.startOffset];
        if (marker) marker.replaceWith(document.createElement(choice.ragged.has(line) ? 'br' : 'wbr'));
      }
      try {
        probe.setStart(o.startNode, o.startOffset);
        probe.setEnd(o.endNode, o.endOffset);
        probe.surroundContents(span);
      } catch {
        continue;
      }
      if (o.kind === 'shy' || o.kind === 'hyphen') hyphens++;
      if (o.kind === 'space' && o.hang && !block.raggedRight) {
        // The mark ending the line, just before the space: still the end of the text node
        // the break was cut from. A negative margin takes its hanging share out of the
        // line, so justification sets it that far past the edge. (Only before a space: a
        // hyphen hung the same way, a compound's or a soft hyphen's, let Chromium run some
        // later lines past the measure, and saved no hyphen.)
        hangMark(block, o.startNode, o.startOffset - 1, o.hang);
      }
    }
    block.el.classList.add(SET);
    hyphenCount.set(block.el, hyphens);
    // Lines that must shrink: a negative word-spacing on their words.
    // The last line too: it is not justified, but its spaces may have to shrink to fit.
    const tight = result.ratios.map((ratio, line) => (ratio < 0 ? line : -1)).filter((line) => line >= 0);
    if (tight.length === 0) continue;
    const lineOf = new Map<Text, number>();
    let line = 0;
    // Notes and note calls skipped whole, in the loop rather than by a filter (skipInside).
    const walker = document.createTreeWalker(block.el, NodeFilter.SHOW_TEXT | NodeFilter.SHOW_ELEMENT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (node.nodeType === 1) {
        if ((node as Element).matches(`${NOTE}, .line-probe-call`)) skipInside(walker, node);
        continue;
      }
      // The text of a break span ends its line; it has no space to shrink.
      if ((node.parentElement as Element).classList.contains(BREAK)) line++;
      else lineOf.set(node as Text, line);
    }
    for (const [text, at] of lineOf) {
      if (!tight.includes(at) || !/[ \u00A0]/.test(text.data)) continue;
      const count = choice.spaces[at] ?? 0;
      const natural = choice.naturals[at] ?? 0;
      const target = block.widths[Math.min(at, 1)] ?? 0;
      if (count === 0 || natural <= target) continue;
      const wrap = document.createElement('span');
      wrap.className = TIGHT;
      wrap.style.wordSpacing = `${(-(natural - target) / count).toFixed(3)}px`;
      text.replaceWith(wrap);
      wrap.appendChild(text);
    }
  }

  // Every paragraph read before any is changed: no style recalculation between.
  if (settings.settleSoftHyphens) {
    const ownHyphens = mayHaveOwnHyphens();
    const settled = choices.map(({ block }) => settleSoftHyphens(block.el, ownHyphens));
    for (const changes of settled) {
      for (const { text, after, hyphen } of changes) {
        text.data = after;
        hyphen?.classList.add(LINE_HYPHEN);
      }
    }
  }

  // ---------- What the check for lines wider than the measure needs ----------

  // Whether a line came out wider than the measure is read on the laid-out pages
  // (linesTooWide, below), and such a paragraph is given back to the browser by laying the
  // book out again without it. Read here, it cost a layout of the whole book that pagination
  // then threw away (x10: line breaking 1,447 -> 1,188 ms, median of 7 interleaved builds).
  // The hung marks it must allow for go with the paragraph, and with each part of it on a page.
  for (const { block } of choices) {
    const hang = hanging.get(block) ?? 0;
    if (hang > 0) block.el.dataset['linesHang'] = hang.toFixed(3);
    if (block.endMark && !block.raggedRight) block.el.dataset['linesEndHang'] = block.endMark.hang.toFixed(3);
  }
  for (const marker of markers) marker.remove();
  for (const [note, call] of standIns) {
    const style = noteStyles.get(note);
    if (style != null) note.setAttribute('style', style);
    else note.removeAttribute('style');
    call.replaceWith(note);
  }
  shelf.remove();
  measuring.remove();
  if (!widthFromSheet) body.style.width = savedBodyWidth;

  /**
   * Whether any rule or inline style of the page sets `hyphenate-character`: without one, every
   * element's is `auto`, and settling asks no break span's style. The first such question
   * restyled the whole book just set into lines (x10: some 40 ms), which Paged.js then moves
   * into its template and styles again on the pages. A sheet it cannot read counts as one.
   */
  function mayHaveOwnHyphens(): boolean {
    const sets = (rules: CSSRuleList): boolean => Array.from(rules).some((rule) => {
      if (rule instanceof CSSStyleRule && rule.style.getPropertyValue('hyphenate-character') !== '') return true;
      // Grouping rules (@media, @supports, @layer, nesting) hold rules of their own.
      return 'cssRules' in rule && sets((rule as CSSGroupingRule).cssRules);
    });
    for (const sheet of Array.from(document.styleSheets)) {
      try {
        if (sets(sheet.cssRules)) return true;
      } catch {
        return true;
      }
    }
    return Array.from(document.querySelectorAll<HTMLElement>('[style]')).some((el) => el.style.getPropertyValue('hyphenate-character') !== '');
  }

  /** A text node's soft hyphens as settling finds them and leaves them. */
  interface Settled { text: Text; after: string; hyphen: HTMLElement | null }
  /**
   * A set paragraph's soft hyphens out of its text, and the hyphen of each line ending at
   * one written as a character. Its lines break only at the break spans now, so the others
   * are no break anyone can take; and Chromium prints every U+00AD as an invisible glyph in
   * an ActualText span, which the PDF pass (src/render/pdf-soft-hyphens.ts) had to take
   * out of nearly every page again, re-compressing it. The hyphen is a hyphen-minus, the
   * glyph Chromium draws for a soft hyphen in our fonts (a few justified lines differ by
   * under 0.3 pt: Chromium drew its hyphen into the letter before), marked so that the
   * page-list's reading of the pages (print-pages.ts) does not count it as a letter. Only
   * reads: every paragraph is read before any is changed, with no style recalculation between.
   */
  function settleSoftHyphens(el: HTMLElement, ownHyphens: boolean): Settled[] {
    // Notes are on the shelf by now (blocks of their own); one still inside is left as it is.
    const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    const changes: Settled[] = [];
    for (let text = walker.nextNode() as Text | null; text; text = walker.nextNode() as Text | null) {
      if (!text.data.includes('\u00AD')) continue;
      const note = text.parentElement?.closest(NOTE);
      if (note && note !== el && el.contains(note)) continue;
      const parent = text.parentElement as HTMLElement;
      if (parent.classList.contains(BREAK) && text.data === '\u00AD') {
        // A hyphen of the house style's own (`hyphenate-character`) is left for Chromium to draw.
        if (ownHyphens && getComputedStyle(parent).hyphenateCharacter !== 'auto') continue;
        changes.push({ text, after: '-', hyphen: parent });
      } else changes.push({ text, after: text.data.replaceAll('\u00AD', ''), hyphen: null });
    }
    return changes;
  }
  // Every chosen paragraph is set: one too wide is given back by the next layout (`leave`).
  for (const { block, result } of choices) {
    report.set++;
    report.lines += result.breaks.length;
    report.hyphenated += hyphenCount.get(block.el) ?? 0;
    if (atEmergency.has(block.el)) report.emergency++;
  }
  report.left = report.blocks - report.set;
  report.ms = performance.now() - started;
  return report;
}

/**
 * After pagination, in the page: the `data-seq` of each paragraph the line breaker set that
 * has a line wider than its measure, read on the pages as they print (a paragraph cut
 * between pages is checked in each part; a note at the foot, at the note area's width with
 * its number). None should have one; a house style the canvas cannot follow (a
 * `::first-line` rule) makes some. When a paragraph's box overflows by no more than a pixel
 * (rounding), it fits; but a hung mark overflows it on purpose, so a paragraph with one is
 * read line by line: a line's text ends where its break begins (the hung mark's negative
 * margin pulls the space after it back to the edge), or at the right of the hyphen it ends
 * in; the last line's text may pass the edge by its own hung mark only.
 *
 * Runs in the page (puppeteer serialises it): it must not refer to anything outside its own body.
 */
export function linesTooWide(): number[] {
  const BREAK = 'line-break';
  const px = (value: string): number => parseFloat(value) || 0;
  const isSpace = (ch: string): boolean => ch === ' ' || ch === '\n' || ch === '\t' || ch === '\r';
  const range = document.createRange();
  const rightOf = (r: Range): number | null => {
    let right = -Infinity;
    for (const rect of Array.from(r.getClientRects())) {
      if (rect.height === 0 && rect.width === 0) continue;
      right = Math.max(right, rect.right);
    }
    return right === -Infinity ? null : right;
  };
  const tooWide = (el: HTMLElement): boolean => {
    const over = el.scrollWidth - el.clientWidth;
    if (over <= 1 || el.clientWidth === 0) return false;
    if (over > 1 + Math.ceil(px(el.dataset['linesHang'] ?? ''))) return true;
    const style = getComputedStyle(el);
    const right = el.getBoundingClientRect().right - px(style.borderRightWidth) - px(style.paddingRight) + 1;
    const spans = Array.from(el.querySelectorAll(`.${BREAK}`));
    for (const span of spans) {
      const first = span.getClientRects()[0];
      if (first && (isSpace(span.textContent?.[0] ?? '') ? first.left : first.right) > right) return true;
    }
    const last = spans[spans.length - 1];
    if (last) range.setStartAfter(last);
    else range.setStart(el, 0);
    range.setEnd(el, el.childNodes.length);
    const lastLine = rightOf(range);
    return lastLine !== null && lastLine > right + px(el.dataset['linesEndHang'] ?? '');
  };
  const wide = new Set<number>();
  for (const el of Array.from(document.querySelectorAll<HTMLElement>('.pagedjs_pages .lines-set[data-seq]'))) {
    const seq = Number(el.dataset['seq']);
    if (!wide.has(seq) && tooWide(el)) wide.add(seq);
  }
  return [...wide];
}
