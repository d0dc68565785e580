/**
 * Where the print renderer's own files are: our stylesheets, the EB Garamond woff2
 * files and Paged.js. Found from this module's location (the same depth in src/ and
 * lib/) and through Node's resolution, so an installed pamphlet finds hoisted packages.
 * The stylesheets are read here and go into the page inline: Paged.js would read a
 * <link> with XMLHttpRequest, which the page's policy (connect-src 'none') refuses.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { PACKAGE_ROOT } from '../package-root.js';

export interface PrintAssets {
  /** The package's styles/ folder. */
  stylesDir: string;
  /** The text of styles/print.css. */
  printCss: string;
  /** The text of styles/handout.css, which follows print.css in the handout only. */
  handoutCss: string;
  /** Root of @fontsource/eb-garamond. */
  fontPackageDir: string;
  /** URL of its files/ folder, with a trailing slash. */
  fontFilesUrl: string;
  /** Root of the pagedjs package. */
  pagedjsDir: string;
}

const require = createRequire(import.meta.url);

const stylesheets = new Map<string, string>();
/** A stylesheet's text, read once per process. */
function stylesheet(file: string): string {
  let text = stylesheets.get(file);
  if (text === undefined) {
    text = readFileSync(file, 'utf8');
    stylesheets.set(file, text);
  }
  return text;
}

export function printAssets(): PrintAssets {
  const packageRoot = PACKAGE_ROOT;
  const stylesDir = join(packageRoot, 'styles');
  // Its exports map offers ./LICENSE but not package.json.
  const fontPackageDir = dirname(require.resolve('@fontsource/eb-garamond/LICENSE'));
  // pagedjs's exports map only offers its entry points; lib/index.cjs is one level down.
  const pagedjsDir = dirname(dirname(require.resolve('pagedjs')));
  return {
    stylesDir,
    printCss: stylesheet(join(stylesDir, 'print.css')),
    handoutCss: stylesheet(join(stylesDir, 'handout.css')),
    fontPackageDir,
    fontFilesUrl: pathToFileURL(join(fontPackageDir, 'files')).href + '/',
    pagedjsDir,
  };
}
