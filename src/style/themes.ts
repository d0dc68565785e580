/**
 * The built-in themes. Each is a set of stylesheets layered after the base ones
 * (styles/themes/<name>/print.css, handout.css, epub.css, read after styles/print.css,
 * styles/handout.css and styles/epub.css), its faces (below), and its page margins as
 * proportions of the page, declared in its print.css as `--margin-*` percentages
 * (src/style/margins.ts reads them).
 *
 *   classic  today's look: EB Garamond, centred small-caps headings, A5 proportions.
 *   modern   a sans-serif for headings, running heads and the title page (IBM Plex Sans,
 *            left-aligned, numbered by weight rather than caps), Source Serif 4 for the
 *            text, a taller text block with a wide outer margin, and an accent colour.
 *   plain    for photocopied handouts and zines: Literata (sturdy serifs and a large
 *            x-height that survive a copier) at 11 pt on generous lines, bold Fira Sans
 *            headings, solid black only (no greys or hairlines, which a copier drops or
 *            dithers), heavy rules and bars, even margins.
 */
import { existsSync, readFileSync } from 'node:fs';
import { packagePath } from '../package-root.js';

export const THEMES = ['classic', 'modern', 'plain'] as const;
export type Theme = (typeof THEMES)[number];

/** `pamphlet`: a theme's rules for the pamphlet (and booklet) only, after its print.css; the others as the base's. */
export type StyleSheetName = 'print' | 'pamphlet' | 'handout' | 'epub';

/** Each theme's faces, by family name (src/style/families.ts), before `fonts:` overrides them. */
export const THEME_FONTS: Readonly<Record<Theme, { text: string; headings: string; mono: string }>> = {
  classic: { text: 'EB Garamond', headings: 'EB Garamond', mono: 'Noto Sans Mono' },
  modern: { text: 'Source Serif 4', headings: 'IBM Plex Sans', mono: 'JetBrains Mono' },
  plain: { text: 'Literata', headings: 'Fira Sans', mono: 'Fira Mono' },
};

export function isTheme(name: string): name is Theme {
  return (THEMES as readonly string[]).includes(name);
}

/** The theme's stylesheet file, if it has one of this name. */
export function themeSheetPath(theme: Theme, name: StyleSheetName): string | undefined {
  const file = packagePath('styles', 'themes', theme, `${name}.css`);
  return existsSync(file) ? file : undefined;
}

const texts = new Map<string, string>();
/** The text of a theme's stylesheet ('' when it has none), read once. */
export function themeSheetText(theme: Theme, name: StyleSheetName): string {
  const key = `${theme}/${name}`;
  let text = texts.get(key);
  if (text === undefined) {
    const file = themeSheetPath(theme, name);
    text = file ? readFileSync(file, 'utf8') : '';
    texts.set(key, text);
  }
  return text;
}
