/**
 * Optimal line breaking (Knuth & Plass, "Breaking paragraphs into lines", 1981): the
 * breaks of a whole paragraph chosen together so that its word spaces are as even as
 * the measure allows, rather than line by line as the browser does.
 *
 * The paragraph is a list of boxes (unbreakable material), glue (a space, which may
 * stretch or shrink) and penalties (a place to break at a cost: a soft hyphen, the
 * end of the paragraph). This is TeX's algorithm with two hard rules TeX only
 * discourages: never more than `maxHyphens` hyphenated lines in a row (a "ladder"),
 * and never a line whose spaces would have to shrink below their minimum; and two
 * extra demerits: a paragraph whose last line is one short word (a "runt"), and a
 * hyphen on a chosen line (`avoidHyphenAtLine`, the line a page will end with). A line
 * that ends where a mark may hang into the margin (`hang`) may be that much longer.
 *
 * `knuthPlass` runs in the page (line-breaker.ts puts its source there) and in the
 * unit tests: it must not refer to anything outside its own body.
 */

export interface BreakItem {
  /** 0 box, 1 glue, 2 penalty. */
  type: 0 | 1 | 2;
  width: number;
  /** Glue only. */
  stretch?: number;
  shrink?: number;
  /** Penalty only: the cost of breaking here; >= 10000 forbids it, <= -10000 forces it. */
  cost?: number;
  /** Penalty only: a break here ends the line with a hyphen. */
  flagged?: boolean;
  /** Box only: letters and digits in it, for the runt rule. */
  letters?: number;
  /**
   * Glue or penalty: how much of the line's last mark (a comma, a full stop, a hyphen)
   * hangs past the measure when a line ends here, so that the line may be that much longer.
   */
  hang?: number;
}

export interface BreakOptions {
  /** The widest adjustment ratio allowed: 1 uses all of every space's stretch. */
  tolerance: number;
  /** Demerits added to every line: fewer lines are better. */
  linePenalty: number;
  /** Two hyphenated lines in a row. */
  doubleHyphenDemerits: number;
  /** A hyphen on the last full line (the one before the paragraph's last). */
  finalHyphenDemerits: number;
  /** Neighbouring lines of very different tightness. */
  fitnessDemerits: number;
  /** At most this many hyphenated lines in a row. */
  maxHyphens: number;
  /** A last line of one word of at most `runtLetters` letters. */
  runtDemerits: number;
  runtLetters: number;
  /** No breaking that ends in a runt at all (a retry for a paragraph whose best one did). */
  forbidRunt?: boolean;
  /** The line (0-based) that should not end with a hyphen, with the demerits it costs when it does. */
  avoidHyphenAtLine?: number;
  avoidHyphenDemerits?: number;
}

export interface BreakResult {
  /** Indexes of the items where the lines end (the last is the paragraph's end). */
  breaks: number[];
  /** Each line's adjustment ratio: 0 natural, 1 all the stretch used, -1 all the shrink. */
  ratios: number[];
  demerits: number;
  /** The last line is a runt: no breaking within the tolerance avoids it. */
  runt: boolean;
}

/**
 * The best breaks, or null when no set of breaks keeps every line within `tolerance`
 * (and every line's spaces above their minimum). `lineWidths[i]` is the width of line
 * i; the last one serves for every line after.
 */
export function knuthPlass(items: readonly BreakItem[], lineWidths: readonly number[], options: BreakOptions): BreakResult | null {
  const INFINITY = 10000;
  interface Node {
    position: number;
    /** Where the line after this break starts. */
    start: number;
    line: number;
    fitness: number;
    hyphens: number;
    demerits: number;
    ratio: number;
    runt: boolean;
    previous: Node | null;
  }
  const widthOf = (line: number): number => lineWidths[Math.min(line, lineWidths.length - 1)] ?? 0;
  const n = items.length;
  // Sums of width, stretch and shrink of the items before each index. Plain arrays: a
  // typed array this size lives outside V8's heap, and allocating three per call (some
  // 2,400 calls for the x10 book) cost more than the arithmetic.
  const sumWidth: number[] = [0];
  const sumStretch: number[] = [0];
  const sumShrink: number[] = [0];
  for (let i = 0; i < n; i++) {
    const item = items[i]!;
    const isBoxOrGlue = item.type !== 2;
    sumWidth.push(sumWidth[i]! + (isBoxOrGlue ? item.width : 0));
    sumStretch.push(sumStretch[i]! + (item.type === 1 ? (item.stretch ?? 0) : 0));
    sumShrink.push(sumShrink[i]! + (item.type === 1 ? (item.shrink ?? 0) : 0));
  }
  // The next line starts after the glue and penalties that follow a break.
  const lineStart = (position: number): number => {
    let i = position + 1;
    while (i < n && items[i]!.type !== 0 && !(items[i]!.type === 2 && (items[i]!.cost ?? 0) <= -INFINITY)) i++;
    return i;
  };
  // Letters of the last line when it is a single word, else -1 (runt rule).
  const singleWordLetters = (from: number, to: number): number => {
    let letters = 0;
    for (let i = from; i < to; i++) {
      const item = items[i]!;
      if (item.type === 1) {
        // The glue that fills the last line is not a word space.
        if (i === to - 1 || (item.stretch ?? 0) >= INFINITY) continue;
        return -1;
      }
      if (item.type === 0) letters += item.letters ?? 0;
    }
    return letters;
  };

  let active: Node[] = [{ position: -1, start: 0, line: 0, fitness: 1, hyphens: 0, demerits: 0, ratio: 0, runt: false, previous: null }];
  // The best new node for each fitness class and count of hyphens in a row, at one break;
  // one map cleared at each (insertion order is the order the nodes go on in).
  const candidates = new Map<number, Node>();

  for (let b = 0; b < n; b++) {
    const item = items[b]!;
    let isBreak = false;
    let penalty = 0;
    let flagged = false;
    let extra = 0;
    if (item.type === 1) {
      isBreak = b > 0 && items[b - 1]!.type === 0;
    } else if (item.type === 2) {
      penalty = item.cost ?? 0;
      isBreak = penalty < INFINITY;
      flagged = Boolean(item.flagged);
      extra = item.width;
    }
    extra -= item.hang ?? 0;
    if (!isBreak) continue;
    const forced = penalty <= -INFINITY;
    candidates.clear();
    const survivors: Node[] = [];
    for (const node of active) {
      const natural = sumWidth[b]! - sumWidth[node.start]! + extra;
      const target = widthOf(node.line);
      let ratio: number;
      if (natural < target) {
        const stretch = sumStretch[b]! - sumStretch[node.start]!;
        ratio = stretch > 0 ? (target - natural) / stretch : INFINITY;
      } else if (natural > target) {
        const shrink = sumShrink[b]! - sumShrink[node.start]!;
        ratio = shrink > 0 ? (target - natural) / shrink : -INFINITY;
      } else ratio = 0;
      // Too long even at full shrink: no line from this node reaches any further.
      if (ratio < -1) continue;
      if (!forced) survivors.push(node);
      if (ratio > options.tolerance) continue;
      const hyphens = flagged ? node.hyphens + 1 : 0;
      if (hyphens > options.maxHyphens) continue;
      const badness = 100 * Math.abs(ratio) ** 3;
      let demerits = (options.linePenalty + badness) ** 2;
      if (penalty >= 0) demerits += penalty * penalty;
      else if (!forced) demerits -= penalty * penalty;
      if (flagged && node.hyphens > 0) demerits += options.doubleHyphenDemerits;
      if (forced && node.hyphens > 0) demerits += options.finalHyphenDemerits;
      const fitness = ratio < -0.5 ? 0 : ratio <= 0.5 ? 1 : ratio <= 1 ? 2 : 3;
      if (node.position >= 0 && Math.abs(fitness - node.fitness) > 1) demerits += options.fitnessDemerits;
      if (flagged && options.avoidHyphenAtLine === node.line) demerits += options.avoidHyphenDemerits ?? 0;
      let runt = false;
      if (forced && options.runtDemerits > 0 && node.line > 0) {
        const letters = singleWordLetters(node.start, b);
        runt = letters >= 0 && letters <= options.runtLetters;
        if (runt) demerits += options.runtDemerits;
      }
      if (runt && options.forbidRunt) continue;
      demerits += node.demerits;
      const key = fitness * 8 + hyphens;
      const best = candidates.get(key);
      if (!best || demerits < best.demerits) {
        candidates.set(key, { position: b, start: lineStart(b), line: node.line + 1, fitness, hyphens, demerits, ratio, runt, previous: node });
      }
    }
    if (forced) {
      // Every line must end here: only the new nodes go on.
      active = [...candidates.values()];
    } else {
      active = survivors;
      for (const candidate of candidates.values()) active.push(candidate);
    }
    if (active.length === 0) return null;
  }

  let best: Node | null = null;
  for (const node of active) if (node.position >= 0 && (!best || node.demerits < best.demerits)) best = node;
  if (!best) return null;
  const breaks: number[] = [];
  const ratios: number[] = [];
  for (let node: Node | null = best; node && node.position >= 0; node = node.previous) {
    breaks.push(node.position);
    ratios.push(node.ratio);
  }
  return { breaks: breaks.reverse(), ratios: ratios.reverse(), demerits: best.demerits, runt: best.runt };
}
