/**
 * The EPUB's generated cover drawn on a thread of its own, for a build. resvg draws it on
 * libuv's pool but encodes the PNG on the thread that asks (70 ms for 1200 × 1800), which was
 * the build's own, between the EPUB's text and its zip. Here the drawing begins as soon as a
 * part's metadata is known, before its pipeline runs, and the packager finds it done
 * (cover-raster.ts, `drawingAhead`). Keyed by the SVG itself: whatever the packager asks for
 * that was not drawn here, it draws as before; so does a build without the bundled worker
 * (running from src/, in tests).
 */
import type { Worker } from 'node:worker_threads';
import { COVER_WORKER, startBundledWorker } from '../../bundled-worker.js';
import type { TitlePage } from '../../manuscript.js';
import { trace } from '../../trace.js';
import { coverSvg } from './cover.js';
import { drawingAhead, forgetDrawing } from './cover-raster.js';

/** The thread's answer to an SVG; no PNG when resvg refused it. */
export interface CoverDrawn {
  svg: string;
  png: Uint8Array | undefined;
}

export class CoverThread {
  private worker: Worker | undefined;
  private started = false;
  private readonly waiting = new Map<string, { resolve: (png: Uint8Array | undefined) => void; slug: string; since: number }>();
  private readonly begun = new Set<string>();

  /** Begins drawing the part's generated cover (a part with a cover image has none). */
  draw(meta: TitlePage): void {
    if (meta.cover) return;
    const svg = coverSvg(meta);
    if (this.begun.has(svg)) return;
    const worker = this.start();
    if (!worker) return;
    this.begun.add(svg);
    const since = performance.now();
    drawingAhead(svg, new Promise((resolve) => this.waiting.set(svg, { resolve, slug: meta.slug, since })));
    // Held while a drawing is awaited: an unanswered promise alone would let the process end.
    worker.ref();
    worker.postMessage(svg);
  }

  /** At the build's end: the thread stops, and what no EPUB took is dropped. */
  close(): void {
    void this.worker?.terminate();
    for (const svg of this.begun) forgetDrawing(svg);
  }

  private start(): Worker | undefined {
    if (this.started) return this.worker;
    this.started = true;
    const worker = startBundledWorker(COVER_WORKER);
    worker?.on('message', ({ svg, png }: CoverDrawn) => this.settle(svg, png));
    // A thread that fails or is closed answers what it still owes with nothing.
    worker?.on('exit', () => {
      for (const svg of [...this.waiting.keys()]) this.settle(svg, undefined);
    });
    this.worker = worker;
    return worker;
  }

  private settle(svg: string, png: Uint8Array | undefined): void {
    const drawing = this.waiting.get(svg);
    if (!drawing) return;
    this.waiting.delete(svg);
    trace(`${drawing.slug}: cover ${png ? 'drawn' : 'not drawn'} on its thread`, drawing.since);
    drawing.resolve(png);
    if (!this.waiting.size) this.worker?.unref();
  }
}
