// The line-breaking algorithm itself (src/browser/knuth-plass.ts), on paragraphs built
// by hand: the hard rules issue 9 asks for hold whatever the demerits would prefer.
import { describe, expect, it } from 'vitest';
import { knuthPlass, type BreakItem, type BreakOptions } from '../src/browser/knuth-plass.js';

const OPTIONS: BreakOptions = {
  tolerance: 1.6,
  linePenalty: 10,
  doubleHyphenDemerits: 10000,
  finalHyphenDemerits: 20000,
  fitnessDemerits: 10000,
  maxHyphens: 2,
  runtDemerits: 50000,
  runtLetters: 4,
};

const box = (width: number, letters = width): BreakItem => ({ type: 0, width, letters });
const space = (): BreakItem => ({ type: 1, width: 1, stretch: 0.6, shrink: 0.33 });
const shy = (cost: number): BreakItem => ({ type: 2, width: 0.5, cost, flagged: true });
const end = (): BreakItem[] => [
  { type: 2, width: 0, cost: 10000 },
  { type: 1, width: 0, stretch: 10000, shrink: 0 },
  { type: 2, width: 0, cost: -10000 },
];

/** Lines that end on a flagged penalty (a hyphen), in order. */
function hyphenated(items: BreakItem[], breaks: number[]): boolean[] {
  return breaks.map((b) => items[b]!.type === 2 && Boolean(items[b]!.flagged) && (items[b]!.cost ?? 0) < 10000);
}

describe('knuthPlass', () => {
  it('never sets three hyphenated lines in a row, even when hyphens are free and would fit exactly', () => {
    // Words of 4 + 5 letters with a free soft hyphen between: at a measure of 24 the
    // cheapest breaking hyphenates the first three lines.
    const items: BreakItem[] = [];
    for (let i = 0; i < 8; i++) {
      if (i > 0) items.push(space());
      items.push(box(4), shy(0), box(5));
    }
    items.push(...end());
    const result = knuthPlass(items, [24], { ...OPTIONS, tolerance: 10 });
    expect(result).not.toBeNull();
    const flags = hyphenated(items, result!.breaks);
    for (let i = 2; i < flags.length; i++) expect(flags[i - 2]! && flags[i - 1]! && flags[i]!).toBe(false);
    // With the rule off (as many in a row as there are lines) the ladder is what it chooses.
    const free = knuthPlass(items, [24], { ...OPTIONS, tolerance: 10, maxHyphens: 100, doubleHyphenDemerits: 0 })!;
    const freeFlags = hyphenated(items, free.breaks);
    expect(freeFlags.some((_, i) => i >= 2 && freeFlags[i - 2]! && freeFlags[i - 1]! && freeFlags[i]!)).toBe(true);
  });

  it('reports a runt, and with forbidRunt finds a breaking without one or none', () => {
    // "aaaaaaaaa bbbbbbbbb cc": at width 19.5 the only breaking leaves "cc" alone.
    const items: BreakItem[] = [box(9), space(), box(9), space(), box(2), ...end()];
    const best = knuthPlass(items, [19.5], OPTIONS)!;
    expect(best.runt).toBe(true);
    expect(knuthPlass(items, [19.5], { ...OPTIONS, forbidRunt: true })).toBeNull();
    // With a place to hyphenate the second word, the runt is avoided.
    const hyphenable: BreakItem[] = [box(9), space(), box(5), shy(50), box(4), space(), box(2), ...end()];
    expect(knuthPlass(hyphenable, [15.5], OPTIONS)!.runt).toBe(false);
    const avoided = knuthPlass(hyphenable, [15.5], { ...OPTIONS, forbidRunt: true });
    expect(avoided).not.toBeNull();
    expect(avoided!.runt).toBe(false);
  });

  it('never shrinks a space below its minimum: a line too long at full shrink is no line', () => {
    // Two words of 10 and a space cannot fit in 20.5 (needs 21 - 0.33 = 20.67).
    const items: BreakItem[] = [box(10), space(), box(10), ...end()];
    expect(knuthPlass(items, [20.5], OPTIONS)).toBeNull();
    const fits = knuthPlass(items, [20.7], OPTIONS)!;
    expect(fits.breaks).toHaveLength(1);
    expect(fits.ratios[0]!).toBeLessThan(0);
    expect(fits.ratios[0]!).toBeGreaterThanOrEqual(-1);
  });
  it('lets a line end in a mark that hangs into the margin be longer by the hang, and no more', () => {
    // "aaaaa bbbbb, cccccccc" at a measure of 11: "aaaaa bbbbb," is 11.6 wide, too long
    // even with its one space shrunk; with 0.5 of its comma hanging, 11.1 shrinks to fit.
    const paragraph = (hang: number): BreakItem[] => [box(5), space(), box(5.6), { ...space(), hang }, box(8), ...end()];
    const hung = knuthPlass(paragraph(0.5), [11], OPTIONS);
    expect(hung?.breaks).toEqual([3, 7]);
    expect(hung?.ratios[0]).toBeCloseTo(-0.1 / 0.33, 5);
    expect(knuthPlass(paragraph(0), [11], OPTIONS)).toBeNull();
    // A hang counts only where the line ends: the same mark inside a line changes nothing.
    const inside = knuthPlass([box(5), { ...space(), hang: 0.5 }, box(5), space(), box(2), ...end()], [11], OPTIONS);
    expect(inside?.breaks).toEqual([3, 7]);
    expect(inside?.ratios[0]).toBe(0);
  });
});
