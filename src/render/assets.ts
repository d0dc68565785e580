/**
 * Where the print renderer's own files are: our stylesheet, the EB Garamond and Noto
 * Sans Mono woff2 files and Paged.js. Found from this module's location (the same depth in src/ and
 * lib/) and through Node's resolution, so an installed pamphlet finds hoisted packages.
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { PACKAGE_ROOT } from '../package-root.js';

export interface PrintAssets {
  /** The package's styles/ folder. */
  stylesDir: string;
  /** styles/print.css as a file: URL. */
  printCssUrl: string;
  /** styles/handout.css, read after print.css for the handout only. */
  handoutCssUrl: string;
  /** Root of @fontsource/eb-garamond. */
  fontPackageDir: string;
  /** URL of its files/ folder, with a trailing slash. */
  fontFilesUrl: string;
  /** Root of @fontsource/noto-sans-mono, the face of code. */
  monoFontPackageDir: string;
  /** URL of its files/ folder, with a trailing slash. */
  monoFontFilesUrl: string;
  /** Root of the pagedjs package. */
  pagedjsDir: string;
}

const require = createRequire(import.meta.url);

export function printAssets(): PrintAssets {
  const packageRoot = PACKAGE_ROOT;
  const stylesDir = join(packageRoot, 'styles');
  // Its exports map offers ./LICENSE but not package.json.
  const fontPackageDir = dirname(require.resolve('@fontsource/eb-garamond/LICENSE'));
  const monoFontPackageDir = dirname(require.resolve('@fontsource/noto-sans-mono/LICENSE'));
  // pagedjs's exports map only offers its entry points; lib/index.cjs is one level down.
  const pagedjsDir = dirname(dirname(require.resolve('pagedjs')));
  return {
    stylesDir,
    printCssUrl: pathToFileURL(join(stylesDir, 'print.css')).href,
    handoutCssUrl: pathToFileURL(join(stylesDir, 'handout.css')).href,
    fontPackageDir,
    fontFilesUrl: pathToFileURL(join(fontPackageDir, 'files')).href + '/',
    monoFontPackageDir,
    monoFontFilesUrl: pathToFileURL(join(monoFontPackageDir, 'files')).href + '/',
    pagedjsDir,
  };
}
