/**
 * The reader stylesheet of the EPUB and the web page: pamphlet's epub.css, the imprint
 * rules (house-epub.css), the theme's epub.css, the embedded faces (EPUB only, with
 * `epub: { embed-fonts: true }`), then the manuscript's styles/epub.css. The files the
 * manuscript's sheet names with url() are packaged in the EPUB beside the sheet (and
 * become data: URLs in the web page, whose policy loads nothing).
 *
 * Fonts are embedded only when asked: reading systems let readers choose their faces,
 * and most readers do. Embedded, a bundled family comes in the faces its role uses (roman,
 * italic, bold, bold italic for the text; bold for headings; roman for code) and only in
 * the subsets the part's characters need; a face from the manuscript's files in the faces
 * found beside it.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { ResolvedConfig } from '../../config/types.js';
import { fontMediaType, imageMediaType } from '../../files/media-types.js';
import { bytesForEpub } from './svg-mend.js';
import { packagePath } from '../../package-root.js';
import { sheetWithUrls } from '../../style/manuscript-css.js';
import { bundledFamily, nearestWeight } from '../../style/families.js';
import { themeSheetText } from '../../style/themes.js';
import { fontPackageDir, fontsourceSubsets, type FontChoice } from '../fonts.js';
import { cssString } from '../../style/css-text.js';

export interface ReaderFile {
  id: string;
  /** Relative to the OPF. */
  href: string;
  mediaType: string;
  data: Uint8Array;
}

export interface ReaderStyles {
  css: string;
  /** Files the stylesheet names (fonts, the manuscript's url()s), to package beside it (EPUB only). */
  files: ReaderFile[];
}

export function mediaTypeOf(file: string): string {
  return fontMediaType(file) ?? imageMediaType(file) ?? 'application/octet-stream';
}

let baseSheets: string | undefined;
/** pamphlet's epub.css and house-epub.css, read once. */
export function baseReaderCss(): string {
  baseSheets ??= [readFileSync(packagePath('styles', 'epub.css'), 'utf8'), readFileSync(packagePath('styles', 'house-epub.css'), 'utf8')].join('\n');
  return baseSheets;
}

let mathSheet: string | undefined;
/** The rules of a book with TeX math (styles/epub-math.css): only such a book carries them. */
function mathReaderCss(): string {
  mathSheet ??= readFileSync(packagePath('styles', 'epub-math.css'), 'utf8');
  return mathSheet;
}

/**
 * The reader stylesheet of `config`. `stylesheetDir`: the sheet's folder inside the
 * package (relative to the OPF), where its files go; `text`: the characters the part
 * sets, for the subsets of embedded faces; `format`: the web page inlines its files.
 */
export function readerStyles(config: ResolvedConfig, options: { format: 'epub' | 'html'; stylesheetDir?: string; text?: string; hasCode?: boolean; hasMath?: boolean; baseCss?: string }): ReaderStyles {
  const files: ReaderFile[] = [];
  const sheets = [options.baseCss ?? baseReaderCss(), ...(options.hasMath ? [mathReaderCss()] : []), themeSheetText(config.theme, 'epub')];
  const dir = options.stylesheetDir ?? 'styles';
  if (options.format === 'epub' && config.epub.embedFonts) sheets.push(embeddedFonts(config, options.text ?? '', dir, files, options.hasCode ?? true));
  const own = config.styles.epub;
  if (own) {
    const named = new Map<string, string>();
    sheets.push(sheetWithUrls(own, (real) => {
      if (options.format === 'html') return `data:${mediaTypeOf(real)};base64,${readFileSync(real).toString('base64')}`;
      let href = named.get(real);
      if (!href) {
        href = `res/${named.size + 1}-${path.basename(real).replace(/[^A-Za-z0-9._-]/g, '_')}`;
        named.set(real, href);
        const mediaType = mediaTypeOf(real);
        // As the text's images are packaged: an SVG mended where epubcheck's schema would refuse it.
        files.push({ id: `style-res-${named.size}`, href: `${dir}/${href}`, mediaType, data: bytesForEpub(mediaType, readFileSync(real)) });
      }
      return href;
    }));
  }
  return { css: sheets.filter((s) => s.trim()).join('\n'), files };
}

interface EmbeddedFace {
  weight: number;
  style: 'normal' | 'italic';
}

const ROLE_FACES: Readonly<Record<'text' | 'headings' | 'mono', readonly EmbeddedFace[]>> = {
  text: [{ weight: 400, style: 'normal' }, { weight: 400, style: 'italic' }, { weight: 700, style: 'normal' }, { weight: 700, style: 'italic' }],
  headings: [{ weight: 700, style: 'normal' }],
  mono: [{ weight: 400, style: 'normal' }],
};
const GENERIC: Readonly<Record<'text' | 'headings' | 'mono', string>> = { text: 'serif', headings: 'serif', mono: 'monospace' };

function embeddedFonts(config: ResolvedConfig, text: string, dir: string, files: ReaderFile[], hasCode: boolean): string {
  const rules: string[] = [];
  const declared = new Set<string>();
  const points = new Set([...text].map((char) => char.codePointAt(0) ?? 0));
  // The code face only for a book with code: a reader's download carries no face it never shows.
  for (const role of hasCode ? (['text', 'headings', 'mono'] as const) : (['text', 'headings'] as const)) {
    const choice = config.fonts[role];
    const familyCss = cssString(choice.family);
    // A face from the manuscript's files comes in every face it gave, as in print (src/render/fonts.ts).
    const faces = choice.kind === 'file' ? choice.faces.map(({ weight, style }) => ({ weight, style })) : ROLE_FACES[role];
    for (const face of faces) {
      const key = `${choice.kind}:${choice.family}:${face.weight}:${face.style}`;
      if (declared.has(key)) continue;
      declared.add(key);
      for (const source of faceSources(choice, face, points)) {
        const href = `fonts/${source.name}`;
        if (!files.some((file) => file.href === `${dir}/${href}`)) files.push({ id: `font-${files.length + 1}`, href: `${dir}/${href}`, mediaType: mediaTypeOf(source.name), data: readFileSync(source.path) });
        rules.push(`@font-face { font-family: ${familyCss}; font-style: ${face.style}; font-weight: ${face.weight}; src: url("${href}");${source.range ? ` unicode-range: ${source.range};` : ''} }`);
      }
    }
    const generic = GENERIC[role] === 'serif' && bundledFamily(choice.family)?.kind === 'sans' ? 'sans-serif' : GENERIC[role];
    const selector = role === 'text' ? 'body' : role === 'headings' ? 'h1, h2, h3, h4, h5, h6' : 'pre, code, kbd, samp';
    rules.push(`${selector} { font-family: ${familyCss}, ${generic}; }`);
  }
  return rules.join('\n');
}

function faceSources(choice: FontChoice, face: EmbeddedFace, points: ReadonlySet<number>): Array<{ name: string; path: string; range?: string }> {
  if (choice.kind === 'file') {
    // Only the faces the manuscript gave: for a missing bold or italic the reading system makes
    // one from the roman, which a bold declared with the roman's file would prevent (the bold
    // words would show as roman).
    const exact = choice.faces.find((f) => f.weight === face.weight && f.style === face.style);
    return exact ? [{ name: path.basename(exact.path).replace(/[^A-Za-z0-9._-]/g, '_'), path: exact.path }] : [];
  }
  const family = bundledFamily(choice.family);
  if (!family) return [];
  const style = family.italic ? face.style : 'normal';
  const weight = nearestWeight(family, face.weight);
  return fontsourceSubsets(family.stem)
    .filter(([subset, range]) => /^latin/.test(subset) || [...points].some((cp) => inRanges(range, cp)))
    .map(([subset, range]) => {
      const name = `${family.stem}-${subset}-${weight}-${style}.woff2`;
      return { name, path: path.join(fontPackageDir(family.stem), 'files', name), range };
    });
}

function inRanges(range: string, cp: number): boolean {
  return range.split(',').some((part) => {
    const [from = '', to] = part.trim().replace(/^U\+/i, '').split('-');
    const start = parseInt(from.replace(/\?/g, '0'), 16);
    const end = to !== undefined ? parseInt(to, 16) : parseInt(from.replace(/\?/g, 'F'), 16);
    return cp >= start && cp <= end;
  });
}
