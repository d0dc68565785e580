/**
 * The page margins of the pamphlet: pamphlet.yaml's `page.margins` first, then the
 * `--margin-top`, `--margin-bottom`, `--margin-inside` and `--margin-outside` custom
 * properties the theme's print.css and the manuscript's styles/print.css declare on
 * `:root` (the last declaration wins), then the page size's own margins. A percentage is
 * of the page's height (top, bottom) or width (inside, outside), so a theme's margins
 * keep their proportions on every page size; a length is taken as it is.
 *
 * Paged.js reads @page margins before any custom property is known, so they are
 * resolved here and written into the @page rules (src/render/page-css.ts).
 */
import type { CssNode } from 'css-tree';
import { cssTree } from './css-tree.js';

export type MarginSide = 'top' | 'bottom' | 'inside' | 'outside';
export const MARGIN_SIDES: readonly MarginSide[] = ['top', 'bottom', 'inside', 'outside'];

export type MarginValue = { percent: number } | { length: string };

/** The `--margin-*` declarations on `:root` or `html` in these sheets, the last one winning. */
export function declaredMargins(sheets: readonly string[]): Partial<Record<MarginSide, MarginValue>> {
  const found: Partial<Record<MarginSide, MarginValue>> = {};
  for (const text of sheets) {
    // css-tree names a declared property as it is written, escapes and all: a sheet without
    // this text declares none that the pattern below takes (the default theme's), and needs no parse.
    if (!text || !text.includes('--margin-')) continue;
    const { generate, parse, walk } = cssTree();
    const ast = parse(text, { parseCustomProperty: false, parseValue: false });
    walk(ast, {
      visit: 'Rule',
      enter(rule: CssNode) {
        if (rule.type !== 'Rule' || !/^(:root|html)$/.test(generate(rule.prelude).trim())) return;
        walk(rule.block, {
          visit: 'Declaration',
          enter(declaration: CssNode) {
            if (declaration.type !== 'Declaration') return;
            const side = /^--margin-(top|bottom|inside|outside)$/.exec(declaration.property)?.[1] as MarginSide | undefined;
            if (!side || declaration.value.type !== 'Raw') return;
            const value = parseMargin(declaration.value.value.trim());
            if (value) found[side] = value;
          },
        });
      },
    });
  }
  return found;
}

function parseMargin(value: string): MarginValue | undefined {
  const percent = /^(\d+(?:\.\d+)?)%$/.exec(value);
  if (percent) return { percent: Number(percent[1]) };
  if (/^(0|\d+(\.\d+)?(mm|cm|in|pt|pc|px))$/.test(value)) return { length: value };
  return undefined;
}

/** The margin as a CSS length in mm, for a page of this width and height (in mm). */
export function marginLength(side: MarginSide, value: MarginValue, page: { width: number; height: number }): string {
  if ('length' in value) return value.length;
  const base = side === 'top' || side === 'bottom' ? page.height : page.width;
  return `${Math.round(base * value.percent * 10) / 1000}mm`;
}
