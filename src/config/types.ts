/** The validated, defaulted settings of one manuscript folder (pamphlet.yaml + CLI). */
import type { PrintFonts } from '../render/fonts.js';
import type { CoverImage, Imprint } from '../style/imprint.js';
import type { ManuscriptSheets } from '../style/manuscript-css.js';
import type { Theme } from '../style/themes.js';

export type PageSizeName = 'A5' | 'A4' | 'letter' | 'half-letter' | 'B5' | 'royal' | 'demy' | 'pocket';

export interface PageGeometry {
  /** CSS lengths, e.g. "148mm". */
  width: string;
  height: string;
  /** The name given in the config, or "custom". */
  name: PageSizeName | 'custom';
  margins: { top: string; bottom: string; inside: string; outside: string };
}

/** A place in pamphlet.yaml, 1-based. */
export interface ConfigPlace {
  line: number;
  column: number;
}

export interface ResolvedConfig {
  /** Absolute path of the manuscript folder. */
  dir: string;
  /** Absolute path of pamphlet.yaml. */
  configPath: string;
  series: string;
  subtitle?: string;
  authors: string[];
  publisher?: string;
  lang: string;
  /** Absolute path of the bibliography file (.bib or .json), if any. */
  bibliography?: string;
  /** CSL style id or absolute path of a .csl file. */
  citationStyle: string;
  /** Folders searched for `<id>.csl`, in order. */
  styleDirs: string[];
  /** Folder of CSL locales (locales-en-US.xml …). */
  localeDir: string;
  page: PageGeometry;
  baseUrl?: string;
  questions: 'everywhere' | 'handout-only';
  /** Heading of the bibliography; default by language ("Works Cited"). */
  bibliographyTitle?: string;
  /** Heading of the discussion questions; default by language. */
  questionsTitle?: string;
  /** Smart quotes, dashes and ellipses by language (`smart: false` keeps the text as typed). */
  smart: boolean;
  /** Small marginal ¶ numbers in the print PDF too. */
  paragraphNumbers: boolean;
  /** Print-ready output: bleed (CSS length, "0mm" for none) and crop marks. */
  print: { bleed: string; marks: boolean };
  handout: { size: 'A4' | 'letter' };
  booklet: { creep: number };
  /** Time limit for each browser step, ms. */
  timeout: number;
  /** Chromium executable from config, if given. */
  browser?: string;
  /** `cache-dir`: absolute path of the build cache, inside the manuscript folder. */
  cacheDir?: string;
  /** `theme:` (classic by default). */
  theme: Theme;
  /** The faces of the three roles: the theme's, with `fonts:` over them. */
  fonts: PrintFonts;
  epub: { embedFonts: boolean };
  /** The series' imprint (rights, ISBN, …); a part's front matter may replace any of it. */
  imprint: Imprint;
  /** `cover:` for every part that names none of its own. */
  cover?: CoverImage;
  /** The manuscript's own styles/print.css, handout.css, epub.css, checked. */
  styles: ManuscriptSheets;
  /** Where each top-level key's value is in pamphlet.yaml, for errors found after loading. */
  places?: Record<string, ConfigPlace>;
}
