// The esbuild options every bundle of pamphlet's TypeScript shares: scripts/build.mjs (lib/)
// and scripts/measure-pagedjs-patches.mjs (its own copy of the print modules).
import { fileURLToPath } from 'node:url';

/**
 * node-fetch and sync-fetch (imported by @citation-js/core to read a bibliography from a URL)
 * and proxy-agent (imported by Puppeteer's browser installer for its downloads) are replaced
 * by src/no-network.ts: the bundle holds no HTTP client at all.
 */
const NO_NETWORK = {
  name: 'no-network',
  setup(build) {
    const stub = fileURLToPath(new URL('../src/no-network.ts', import.meta.url));
    build.onResolve({ filter: /^(node-fetch|sync-fetch|proxy-agent)$/ }, () => ({ path: stub }));
  },
};

/**
 * Puppeteer's browser installer (`@puppeteer/browsers`, with `semver`) and its WebSocket
 * client (`ws`) are replaced by src/no-browser-install.ts: pamphlet starts Chromium itself and
 * speaks to it over a pipe, so a PDF build no longer compiles 300 KB it never runs before
 * Chromium can start.
 */
const NO_BROWSER_INSTALL = {
  name: 'no-browser-install',
  setup(build) {
    const stub = fileURLToPath(new URL('../src/no-browser-install.ts', import.meta.url));
    build.onResolve({ filter: /^(@puppeteer\/browsers|ws)$/ }, () => ({ path: stub }));
  },
};

export const BUNDLE_OPTIONS = {
  plugins: [NO_NETWORK, NO_BROWSER_INSTALL],
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  // Puppeteer is bundled too (into the chunks only a build with a layout loads): from
  // node_modules Node resolved and compiled its 470-odd modules one by one, some 150 ms
  // before Chromium could even be started. Its run-time imports are all literal paths.
  // css-tree reads its JSON data with a runtime require() that a bundle cannot follow.
  // resvg-js loads its native addon (a per-platform npm package) at run time.
  // fontkit is required only for a manuscript's own font (src/render/font-cmaps.ts).
  external: ['css-tree', '@resvg/resvg-js', 'fontkit'],
  mainFields: ['module', 'main'],
  // CommonJS dependencies (citeproc, pdf-lib) call require(); ESM output needs one made.
  banner: { js: "import { createRequire as __pamphletRequire } from 'node:module'; const require = __pamphletRequire(import.meta.url);" },
  logLevel: 'warning',
};
