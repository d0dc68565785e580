/**
 * The stylesheets of each output, in the order they are read: pamphlet's base sheet,
 * the theme's, the faces `fonts:` chose (as custom properties), then the manuscript's
 * own. The print page gets them inline (its policy allows no <link>): the manuscript's
 * url()s become file: URLs of the files inside its folder, which the print renderer's
 * request policy allows, and nothing else.
 */
import { pathToFileURL } from 'node:url';
import type { ResolvedConfig } from '../config/types.js';
import { FALLBACK_FAMILY, SMALL_CAPS_FAMILY, usesSmallCaps, type FontChoice, type PrintFonts } from '../render/fonts.js';
import { sheetWithUrls, type ManuscriptSheet } from './manuscript-css.js';
import type { Theme } from './themes.js';
import { cssString } from './css-text.js';

const family = (choice: FontChoice): string => cssString(choice.family);

/**
 * The faces as the custom properties print.css and handout.css read. Headings in EB
 * Garamond take its small caps; in any other face they are set as written (a face
 * without small caps would otherwise show them as lower case), unless a later sheet
 * says otherwise.
 */
export function fontProperties(fonts: PrintFonts): string {
  const fallback = `'${FALLBACK_FAMILY}'`;
  const smallCaps = usesSmallCaps(fonts) && fonts.headings.kind === 'bundled' && fonts.headings.family === 'EB Garamond';
  const heading = smallCaps
    ? `'${SMALL_CAPS_FAMILY}', ${family(fonts.headings)}, ${fallback}`
    : `${family(fonts.headings)}, ${family(fonts.text)}, ${fallback}`;
  // The text's small caps (Pandoc's `.smallcaps`) come from the same whole font when the text is EB Garamond.
  const textSmallCaps = usesSmallCaps(fonts) && fonts.text.kind === 'bundled' && fonts.text.family === 'EB Garamond';
  return [
    ':root {',
    `  --text-font: ${family(fonts.text)}, ${fallback};`,
    `  --smallcaps-font: ${textSmallCaps ? `'${SMALL_CAPS_FAMILY}', ` : ''}${family(fonts.text)}, ${fallback};`,
    `  --heading-font: ${heading};`,
    // Code too falls back to our faces: without them Chromium took a system font for what
    // the mono face lacks (the CommonMark spec's '→' in DejaVu Sans), which differs by machine.
    `  --mono-font: ${family(fonts.mono)}, ${fallback};`,
    ...(smallCaps ? [] : ['  --heading-caps: normal;']),
    '}',
  ].join('\n');
}

export interface PrintSheetSources {
  /** The base sheets, as PrintAssets reads them. */
  printCss: string;
  handoutCss: string;
  houseCss: string;
  themeCss: (theme: Theme, name: 'print' | 'pamphlet' | 'handout') => string;
}

/** The print page's stylesheets, in order (the @page rules from pamphlet.yaml come after them). */
export function printSheets(config: ResolvedConfig, variant: 'pamphlet' | 'handout', sources: PrintSheetSources, manuscriptUrl?: (real: string) => string): string[] {
  const own = (sheet: ManuscriptSheet | undefined): string[] => (sheet ? [sheetWithUrls(sheet, manuscriptUrl ?? ((real) => pathToFileURL(real).href))] : []);
  const handout = variant === 'handout';
  return [
    sources.printCss,
    sources.houseCss,
    sources.themeCss(config.theme, 'print'),
    ...(handout ? [sources.handoutCss, sources.themeCss(config.theme, 'handout')] : [sources.themeCss(config.theme, 'pamphlet')]),
    fontProperties(config.fonts),
    ...own(config.styles.print),
    ...(handout ? own(config.styles.handout) : []),
  ].filter((text) => text.trim() !== '');
}
