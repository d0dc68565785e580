/**
 * @font-face rules for the print PDF. Chromium embeds woff2 web fonts as TrueType
 * subsets, whereas Debian's OpenType (CFF) system fonts come out as Type 3, which print
 * shops reject; so the print CSS names only these faces and never a system family.
 */

export const PRINT_FONT_FAMILY = 'EB Garamond';

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

/**
 * Unicode ranges of the @fontsource subsets (its unicode.json for EB Garamond 5.3.0).
 * latin-ext is needed as well as latin: the manuscript has "ę" and other
 * Central European letters in names.
 */
export const SUBSET_RANGES = {
  latin:
    'U+0000-00FF,U+0131,U+0152-0153,U+02BB-02BC,U+02C6,U+02DA,U+02DC,U+0304,U+0308,U+0329,' +
    'U+2000-206F,U+20AC,U+2122,U+2191,U+2193,U+2212,U+2215,U+FEFF,U+FFFD',
  'latin-ext':
    'U+0100-02BA,U+02BD-02C5,U+02C7-02CC,U+02CE-02D7,U+02DD-02FF,U+0304,U+0308,U+0329,' +
    'U+1D00-1DBF,U+1E00-1E9F,U+1EF2-1EFF,U+2020,U+20A0-20AB,U+20AD-20C0,U+2113,U+2C60-2C7F,U+A720-A7FF',
} as const;

export type Subset = keyof typeof SUBSET_RANGES;

/** `filesUrl`: URL of @fontsource/eb-garamond/files/, with a trailing slash. */
export function fontFaceCss(
  filesUrl: string,
  faces: readonly FontFace[] = PRINT_FACES,
  subsets: readonly Subset[] = ['latin', 'latin-ext'],
): string {
  const rules: string[] = [];
  for (const face of faces) {
    for (const subset of subsets) {
      const file = `eb-garamond-${subset}-${face.weight}-${face.style}.woff2`;
      rules.push(
        `@font-face { font-family: '${PRINT_FONT_FAMILY}'; font-style: ${face.style}; ` +
          `font-weight: ${face.weight}; font-display: block; ` +
          `src: url("${filesUrl}${file}") format('woff2'); unicode-range: ${SUBSET_RANGES[subset]}; }`,
      );
    }
  }
  return rules.join('\n');
}
