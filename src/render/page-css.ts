/**
 * The @page rules that come from pamphlet.yaml rather than from print.css: size,
 * margins mirrored for facing pages, and the printer's bleed and crop marks.
 */
import type { PageGeometry, ResolvedConfig } from '../config/types.js';

/** A CSS length as the config gives it; anything else would inject CSS. */
function cssLength(value: string, what: string): string {
  const trimmed = value.trim();
  if (!/^(0|\d+(\.\d+)?(mm|cm|in|pt|pc|px|q))$/i.test(trimmed)) {
    throw new Error(`page ${what}: "${value}" is not a CSS length such as 15mm or 0.75in`);
  }
  return trimmed;
}

function isZero(length: string): boolean {
  return /^0(\.0+)?[a-z]*$/i.test(length.trim());
}

export function pageCss(page: PageGeometry, print: ResolvedConfig['print']): string {
  const width = cssLength(page.width, 'width');
  const height = cssLength(page.height, 'height');
  const { top, bottom, inside, outside } = page.margins;
  const m = {
    top: cssLength(top, 'top margin'),
    bottom: cssLength(bottom, 'bottom margin'),
    inside: cssLength(inside, 'inside margin'),
    outside: cssLength(outside, 'outside margin'),
  };
  const rules = [
    `@page { size: ${width} ${height}; margin: ${m.top} ${m.outside} ${m.bottom} ${m.inside}; }`,
    // The inside (gutter) margin is on the right of a left-hand page.
    `@page :left { margin-left: ${m.outside}; margin-right: ${m.inside}; }`,
    `@page :right { margin-left: ${m.inside}; margin-right: ${m.outside}; }`,
  ];
  const bleed = cssLength(print.bleed, 'bleed');
  if (!isZero(bleed) || print.marks) {
    const parts = [isZero(bleed) ? '' : `bleed: ${bleed};`, print.marks ? 'marks: crop;' : ''];
    rules.push(`@page { ${parts.filter(Boolean).join(' ')} }`);
  }
  return rules.join('\n');
}
