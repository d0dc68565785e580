/**
 * The cover thread's side (cover-thread.ts is the build's): draws each SVG it is sent with
 * the same function the EPUB packager uses, and sends the PNG back, or nothing when resvg
 * refuses it (the packager then draws it itself and reports what went wrong).
 */
import { parentPort } from 'node:worker_threads';
import { coverPng, loadResvg } from './cover-raster.js';
import type { CoverDrawn } from './cover-thread.js';

// resvg's native addon loaded before the first SVG comes (some 15 ms: the addon, and its
// loader asking Node for a report to tell glibc from musl), while the build reads the manuscript.
try {
  loadResvg();
} catch {
  // Reported where it matters: the packager draws the cover itself and says what failed.
}

// ICU's collation data, which the first locale-aware comparison loads for the whole process
// (5 ms: citeproc-js sorts with `localeCompare` as it makes its engine, on the build's thread),
// loaded here, where the thread waits for its first SVG: the threads of a process share ICU.
'a'.localeCompare('b', 'en-US', { numeric: true });

parentPort?.on('message', (svg: string) => {
  let png: Uint8Array | undefined;
  try {
    png = coverPng(svg);
  } catch {
    png = undefined;
  }
  parentPort?.postMessage({ svg, png } satisfies CoverDrawn);
});
