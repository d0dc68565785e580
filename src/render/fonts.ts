/**
 * @font-face rules for the print PDF. Chromium embeds woff2 web fonts as TrueType
 * subsets, whereas Debian's OpenType (CFF) system fonts come out as Type 3, which print
 * shops reject; so the print CSS names only these faces and never a system family.
 */

export const PRINT_FONT_FAMILY = 'EB Garamond';
/**
 * Code's face. Noto Sans Mono, because its @fontsource subsets cover Latin, Cyrillic and
 * Greek including polytonic Greek, as EB Garamond's do: a code block in any script the
 * text can hold is set in one face, never in a system fallback.
 */
export const MONO_FONT_FAMILY = 'Noto Sans Mono';

export interface FontFace {
  weight: 400 | 500 | 600 | 700;
  style: 'normal' | 'italic';
}

/**
 * Only the faces print.css uses: Paged.js loads every declared face before it lays
 * out, so each unused one costs time for nothing. Bold (700) requests resolve to 600.
 */
export const PRINT_FACES: readonly FontFace[] = [
  { weight: 400, style: 'normal' },
  { weight: 400, style: 'italic' },
  { weight: 500, style: 'normal' },
  { weight: 600, style: 'normal' },
  { weight: 600, style: 'italic' },
];

/** Code is set in one weight: print.css asks for no bold or italic inside it. */
export const MONO_FACES: readonly FontFace[] = [{ weight: 400, style: 'normal' }];

/**
 * Unicode ranges of the @fontsource subsets (the unicode.json of EB Garamond 5.3.0 and
 * of Noto Sans Mono 5.3.0, which are the same).
 */
export const SUBSET_RANGES = {
  latin:
    'U+0000-00FF,U+0131,U+0152-0153,U+02BB-02BC,U+02C6,U+02DA,U+02DC,U+0304,U+0308,U+0329,' +
    'U+2000-206F,U+20AC,U+2122,U+2191,U+2193,U+2212,U+2215,U+FEFF,U+FFFD',
  'latin-ext':
    'U+0100-02BA,U+02BD-02C5,U+02C7-02CC,U+02CE-02D7,U+02DD-02FF,U+0304,U+0308,U+0329,' +
    'U+1D00-1DBF,U+1E00-1E9F,U+1EF2-1EFF,U+2020,U+20A0-20AB,U+20AD-20C0,U+2113,U+2C60-2C7F,U+A720-A7FF',
  cyrillic: 'U+0301,U+0400-045F,U+0490-0491,U+04B0-04B1,U+2116',
  'cyrillic-ext': 'U+0460-052F,U+1C80-1C8A,U+20B4,U+2DE0-2DFF,U+A640-A69F,U+FE2E-FE2F',
  greek: 'U+0370-0377,U+037A-037F,U+0384-038A,U+038C,U+038E-03A1,U+03A3-03FF',
  'greek-ext': 'U+1F00-1FFF',
  vietnamese:
    'U+0102-0103,U+0110-0111,U+0128-0129,U+0168-0169,U+01A0-01A1,U+01AF-01B0,U+0300-0301,' +
    'U+0303-0304,U+0308-0309,U+0323,U+0329,U+1EA0-1EF9,U+20AB',
} as const;

export type Subset = keyof typeof SUBSET_RANGES;

/** Always declared: the manuscript has "ę" and other Central European letters in names. */
export const BASE_SUBSETS: readonly Subset[] = ['latin', 'latin-ext'];

function parseRanges(spec: string): Array<[number, number]> {
  return spec.split(',').map((part) => {
    const [from, to] = part.replace(/^U\+/, '').split('-');
    const start = parseInt(from ?? '', 16);
    return [start, to === undefined ? start : parseInt(to, 16)];
  });
}

const PARSED = Object.fromEntries(Object.entries(SUBSET_RANGES).map(([name, spec]) => [name, parseRanges(spec)])) as Record<
  Subset,
  Array<[number, number]>
>;

/**
 * The subsets `text` needs beyond the base ones, so that Cyrillic or Greek (a quoted
 * title, a table cell, a code comment) is set in our face rather than in whatever the
 * system falls back to. A subset is declared only when some character needs it:
 * Paged.js loads every declared face before it lays out.
 */
export function subsetsFor(text: string, base: readonly Subset[] = BASE_SUBSETS): Subset[] {
  const needed = new Set<Subset>(base);
  const covered = (cp: number, subset: Subset): boolean => PARSED[subset].some(([a, b]) => cp >= a && cp <= b);
  const seen = new Set<number>();
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    if (cp < 0x100 || seen.has(cp)) continue;
    seen.add(cp);
    if ([...needed].some((subset) => covered(cp, subset))) continue;
    const subset = (Object.keys(SUBSET_RANGES) as Subset[]).find((name) => covered(cp, name));
    if (subset) needed.add(subset);
  }
  // In the order of SUBSET_RANGES, so the same text always gives the same CSS.
  return (Object.keys(SUBSET_RANGES) as Subset[]).filter((name) => needed.has(name));
}

export interface FontFamilySpec {
  family: string;
  /** The file name prefix of the @fontsource package, e.g. `eb-garamond`. */
  filePrefix: string;
  faces: readonly FontFace[];
}

export const TEXT_FONT: FontFamilySpec = { family: PRINT_FONT_FAMILY, filePrefix: 'eb-garamond', faces: PRINT_FACES };
export const MONO_FONT: FontFamilySpec = { family: MONO_FONT_FAMILY, filePrefix: 'noto-sans-mono', faces: MONO_FACES };

/** `filesUrl`: URL of the package's files/ folder, with a trailing slash. */
export function familyCss(font: FontFamilySpec, filesUrl: string, subsets: readonly Subset[] = BASE_SUBSETS): string {
  const rules: string[] = [];
  for (const face of font.faces) {
    for (const subset of subsets) {
      const file = `${font.filePrefix}-${subset}-${face.weight}-${face.style}.woff2`;
      rules.push(
        `@font-face { font-family: '${font.family}'; font-style: ${face.style}; ` +
          `font-weight: ${face.weight}; font-display: block; ` +
          `src: url("${filesUrl}${file}") format('woff2'); unicode-range: ${SUBSET_RANGES[subset]}; }`,
      );
    }
  }
  return rules.join('\n');
}

/** EB Garamond's rules (kept for callers that set only the text face). */
export function fontFaceCss(
  filesUrl: string,
  faces: readonly FontFace[] = PRINT_FACES,
  subsets: readonly Subset[] = BASE_SUBSETS,
): string {
  return familyCss({ ...TEXT_FONT, faces }, filesUrl, subsets);
}
