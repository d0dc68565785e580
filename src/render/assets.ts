/**
 * Where the print renderer's own files are: our stylesheet, the font files
 * (fonts.ts) and Paged.js. Found from this module's location (the same depth in src/ and
 * lib/) and through Node's resolution, so an installed pamphlet finds hoisted packages.
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { PACKAGE_ROOT } from '../package-root.js';
import { FONT_PACKAGES, fontPackageDir, type FontPackage } from './fonts.js';

export interface PrintAssets {
  /** The package's styles/ folder. */
  stylesDir: string;
  /** styles/print.css as a file: URL. */
  printCssUrl: string;
  /** styles/handout.css, read after print.css for the handout only. */
  handoutCssUrl: string;
  /** Folder of each font package (fonts.ts lists the faces). */
  fontDirs: Record<FontPackage, string>;
  /** The same folders as URLs, with a trailing slash. */
  fontUrls: Record<FontPackage, string>;
  /** Root of the pagedjs package. */
  pagedjsDir: string;
}

const require = createRequire(import.meta.url);

export function printAssets(): PrintAssets {
  const packageRoot = PACKAGE_ROOT;
  const stylesDir = join(packageRoot, 'styles');
  const fontDirs = Object.fromEntries(FONT_PACKAGES.map((pkg) => [pkg, fontPackageDir(pkg)])) as Record<FontPackage, string>;
  const fontUrls = Object.fromEntries(FONT_PACKAGES.map((pkg) => [pkg, pathToFileURL(fontDirs[pkg]).href + '/'])) as Record<FontPackage, string>;
  // pagedjs's exports map only offers its entry points; lib/index.cjs is one level down.
  const pagedjsDir = dirname(dirname(require.resolve('pagedjs')));
  return {
    stylesDir,
    printCssUrl: pathToFileURL(join(stylesDir, 'print.css')).href,
    handoutCssUrl: pathToFileURL(join(stylesDir, 'handout.css')).href,
    fontDirs,
    fontUrls,
    pagedjsDir,
  };
}
