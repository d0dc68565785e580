/**
 * A worker thread of pamphlet's bundle (`lib/<name>.js`, an entry of scripts/build.mjs),
 * started for a build: the EPUB cover's (render/epub/cover-thread.ts). Undefined where there
 * is no such file, when pamphlet runs from src/ (the tests' in-process builds): that work is
 * then done on the build's own thread, as it always may be.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';

/** The EPUB cover's thread: render/epub/cover-worker.ts. */
export const COVER_WORKER = 'cover-worker';

/** Threads started ahead by `startEarly`, each waiting for the build that asks for it. */
const early = new Map<string, Worker | undefined>();

/**
 * Starts a build's thread before the build needs it. A thread takes 50–60 ms to start (a V8
 * isolate, Node's bootstrap, its modules), and a build that starts it when it first has work
 * for it waits that long; started by the CLI as it loads the pipeline's modules, it is ready
 * by the time the manuscript is read. A thread nobody takes stops with the process.
 */
export function startEarly(name: string): void {
  if (!early.has(name)) early.set(name, spawn(name));
}

export function startBundledWorker(name: string): Worker | undefined {
  if (early.has(name)) {
    const worker = early.get(name);
    early.delete(name);
    return worker;
  }
  return spawn(name);
}

function spawn(name: string): Worker | undefined {
  // lib/ is flat: whichever chunk this module is bundled into, the entry is beside it.
  const script = fileURLToPath(new URL(`./${name}.js`, import.meta.url));
  if (!existsSync(script)) return undefined;
  const worker = new Worker(script);
  // Never what keeps a build's process alive; a thread that fails shows as a missing answer.
  worker.unref();
  worker.on('error', () => undefined);
  return worker;
}
