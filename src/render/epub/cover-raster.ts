/**
 * The generated cover as a PNG, for the reading systems and conversions that ignore an
 * SVG cover (Kindle's and Kobo's take the `cover-image` as a raster). Drawn by resvg
 * (@resvg/resvg-js: the Rust SVG renderer, its native addon shipped in a per-platform npm
 * package, nothing downloaded at install), not by Chromium: an EPUB build starts no
 * browser, and resvg draws the same bytes from the same SVG on every machine (it is
 * given EB Garamond itself and never looks at the system's fonts), which keeps the EPUB
 * reproducible.
 */
import { createRequire } from 'node:module';
import { fontPackageDir } from '../fonts.js';
import { opaquePng } from './cover-png.js';

const require = createRequire(import.meta.url);

let fontFiles: string[] | undefined;
/**
 * The last cover drawn. A rebuild in watch mode after an edit to the text asks for the same
 * SVG again (its lines are the series, title and part): drawing it takes some 40 ms, and each drawing
 * holds a 1200 × 1800 pixmap (8.6 MB) outside V8's heap until the event loop next turns
 * (resvg-js frees it in a finalizer), which a synchronous loop of builds never lets happen.
 */
let last: { svg: string; png: Uint8Array } | undefined;

export function coverPng(svg: string): Uint8Array {
  // Shared, not copied: the packager only reads it (it deflates a copy into the zip).
  if (last?.svg === svg) return last.png;
  const { Resvg } = resvg();
  last = { svg, png: encoded(new Resvg(svg, renderOptions()).render()) };
  return last.png;
}

/**
 * Drawings begun on the cover thread (cover-thread.ts) as the part's pipeline started, by
 * SVG; undefined is the answer of a thread that failed, and the cover is then drawn here.
 */
const ahead = new Map<string, Promise<Uint8Array | undefined>>();

export function drawingAhead(svg: string, drawing: Promise<Uint8Array | undefined>): void {
  ahead.set(svg, drawing);
}

/** A drawing no EPUB took (its build failed): not kept for the next build of a watch. */
export function forgetDrawing(svg: string): void {
  ahead.delete(svg);
}

/**
 * The same PNG, drawn on libuv's thread pool: a build draws the cover while its main thread
 * writes the EPUB's text, instead of before or after. It is encoded on this thread, though
 * (20 ms of some 40): a build that began the drawing on the cover
 * thread takes that one.
 */
export async function coverPngAsync(svg: string): Promise<Uint8Array> {
  const early = ahead.get(svg);
  if (early) {
    ahead.delete(svg);
    const png = await early;
    if (png) {
      last = { svg, png };
      return png;
    }
  }
  if (last?.svg === svg) return last.png;
  const { renderAsync } = resvg();
  const png = encoded(await renderAsync(svg, renderOptions()));
  last = { svg, png };
  return png;
}

/** The same bytes from either way of drawing: ours where the picture is opaque, resvg's otherwise (cover-png.ts). */
function encoded(image: import('@resvg/resvg-js').RenderedImage): Uint8Array {
  return opaquePng(image.width, image.height, image.pixels) ?? new Uint8Array(image.asPng());
}

/** Loads the native addon ahead of the first drawing (the cover thread does, as it starts). */
export function loadResvg(): void {
  resvg();
}

// Loaded on first use: only EPUB builds need the native addon.
function resvg(): typeof import('@resvg/resvg-js') {
  return require('@resvg/resvg-js') as typeof import('@resvg/resvg-js');
}

function renderOptions(): import('@resvg/resvg-js').ResvgRenderOptions {
  const dir = fontPackageDir('eb-garamond-full');
  fontFiles ??= ['400Regular/EBGaramond_400Regular.ttf', '400Regular_Italic/EBGaramond_400Regular_Italic.ttf'].map((file) => `${dir}/${file}`);
  return {
    font: { fontFiles, loadSystemFonts: false, defaultFontFamily: 'EB Garamond', serifFamily: 'EB Garamond' },
    // The SVG's own 1200 × 1800: a size stores and readers take as it is.
    fitTo: { mode: 'original' },
  };
}
