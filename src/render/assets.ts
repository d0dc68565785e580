/**
 * Where the print renderer's own files are: our stylesheets, the font files (fonts.ts)
 * and Paged.js. Found from this module's location (the same depth in src/ and
 * lib/) and through Node's resolution, so an installed pamphlet finds hoisted packages.
 * The stylesheets are read here and go into the page inline: Paged.js would read a
 * <link> with XMLHttpRequest, which the page's policy (connect-src 'none') refuses.
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { PACKAGE_ROOT } from '../package-root.js';
import { FONT_PACKAGES, fontPackageDir, type FontPackage } from './fonts.js';
import { stylesheetWithUrls } from './stylesheet-table.js';
import { themeSheetPath, type StyleSheetName, type Theme } from '../style/themes.js';

export interface PrintAssets {
  /** The package's styles/ folder. */
  stylesDir: string;
  /** The text of styles/print.css. */
  printCss: string;
  /** The text of styles/handout.css, which follows print.css in the handout only. */
  handoutCss: string;
  /** The text of styles/house.css: the imprint page and line, after print.css. */
  houseCss: string;
  /** Folder of each font package (fonts.ts lists the faces). */
  fontDirs: Record<FontPackage, string>;
  /** The same folders as URLs, with a trailing slash. */
  fontUrls: Record<FontPackage, string>;
  /** Root of the pagedjs package. */
  pagedjsDir: string;
  /** A theme's stylesheet (styles/themes/<theme>/<name>.css, '' when it has none), its url()s made absolute like the others'. */
  themeCss: (theme: Theme, name: StyleSheetName) => string;
  /** How the page names a manuscript file its stylesheets or cover use; default its file: URL. */
  manuscriptUrl?: (real: string) => string;
}

const require = createRequire(import.meta.url);

const stylesheets = new Map<string, string>();
/**
 * A stylesheet's text, read once per process, with its relative `url()`s (the wrap
 * mark of code lines) made absolute against `base`: inline in the page, they would
 * otherwise resolve against the page's own folder (stylesheet-table.ts).
 */
function stylesheet(file: string, base: string): string {
  const key = `${file}\u0000${base}`;
  let text = stylesheets.get(key);
  if (text === undefined) {
    text = stylesheetWithUrls(file, base);
    stylesheets.set(key, text);
  }
  return text;
}

/** `stylesUrl`: where the page finds styles/ (a file: URL; the preview serves it over http). */
export function printAssets(stylesUrl?: string): PrintAssets {
  const packageRoot = PACKAGE_ROOT;
  const stylesDir = join(packageRoot, 'styles');
  const fontDirs = Object.fromEntries(FONT_PACKAGES.map((pkg) => [pkg, fontPackageDir(pkg)])) as Record<FontPackage, string>;
  const fontUrls = Object.fromEntries(FONT_PACKAGES.map((pkg) => [pkg, pathToFileURL(fontDirs[pkg] as string).href + '/'])) as Record<FontPackage, string>;
  // pagedjs's exports map only offers its entry points; lib/index.cjs is one level down.
  const pagedjsDir = dirname(dirname(require.resolve('pagedjs')));
  return {
    stylesDir,
    printCss: stylesheet(join(stylesDir, 'print.css'), stylesUrl ?? `${pathToFileURL(stylesDir).href}/`),
    handoutCss: stylesheet(join(stylesDir, 'handout.css'), stylesUrl ?? `${pathToFileURL(stylesDir).href}/`),
    houseCss: stylesheet(join(stylesDir, 'house.css'), stylesUrl ?? `${pathToFileURL(stylesDir).href}/`),
    fontDirs,
    fontUrls,
    pagedjsDir,
    themeCss: (theme, name) => {
      const file = themeSheetPath(theme, name);
      // A theme's url()s are relative to its own folder, as the base sheets' are to styles/.
      return file ? stylesheet(file, stylesUrl ? `${stylesUrl}themes/${theme}/` : `${pathToFileURL(dirname(file)).href}/`) : '';
    },
  };
}
