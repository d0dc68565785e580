/**
 * CSS `unicode-range` values as code point intervals, for the print faces (fonts.ts) and the
 * coverage check (font-coverage.ts).
 */

/** `U+0000-00FF,U+0131,U+4??` → inclusive code point ranges. */
export function parseUnicodeRange(range: string): Array<[number, number]> {
  return range.split(',').flatMap((part) => {
    const match = /^\s*U\+([0-9A-Fa-f?]{1,6})(?:-([0-9A-Fa-f]{1,6}))?\s*$/.exec(part);
    if (!match?.[1]) return [];
    const first = match[1];
    if (first.includes('?')) return [[parseInt(first.replace(/\?/g, '0'), 16), parseInt(first.replace(/\?/g, 'F'), 16)]];
    const start = parseInt(first, 16);
    return [[start, match[2] ? parseInt(match[2], 16) : start]];
  });
}

/** The part of a range inside `within`, as a `unicode-range` value; undefined where nothing is. */
export function intersectUnicodeRange(range: string, within: ReadonlyArray<readonly [number, number]>): string | undefined {
  const hex = (codePoint: number): string => codePoint.toString(16).toUpperCase();
  const parts = parseUnicodeRange(range).flatMap(([start, end]) =>
    within.flatMap(([from, to]): string[] => {
      const a = Math.max(start, from);
      const b = Math.min(end, to);
      if (a > b) return [];
      return [a === b ? `U+${hex(a)}` : `U+${hex(a)}-${hex(b)}`];
    }),
  );
  return parts.length > 0 ? parts.join(',') : undefined;
}
