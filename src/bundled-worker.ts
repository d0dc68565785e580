/**
 * A worker thread of pamphlet's bundle (`lib/<name>.js`, an entry of scripts/build.mjs),
 * started for a build: the EPUB cover's (render/epub/cover-thread.ts). Undefined where there
 * is no such file, when pamphlet runs from src/ (the tests' in-process builds): that work is
 * then done on the build's own thread, as it always may be.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker, type WorkerOptions } from 'node:worker_threads';

export function startBundledWorker(name: string, options: WorkerOptions): Worker | undefined {
  // lib/ is flat: whichever chunk this module is bundled into, the entry is beside it.
  const script = fileURLToPath(new URL(`./${name}.js`, import.meta.url));
  if (!existsSync(script)) return undefined;
  const worker = new Worker(script, options);
  // Never what keeps a build's process alive; a thread that fails shows as a missing answer.
  worker.unref();
  worker.on('error', () => undefined);
  return worker;
}
