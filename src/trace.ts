/**
 * `PAMPHLET_TRACE=1` prints when each stage of a build ends, in ms since the process
 * started, to stderr: the way to see where a slow build spends its time.
 */
import { writeSync } from 'node:fs';

const enabled = Boolean(process.env.PAMPHLET_TRACE);

/** Asked only when tracing: loading worker_threads takes 1.4 ms of every command. */
const inWorker = enabled && !process.getBuiltinModule('node:worker_threads').isMainThread;

/**
 * A worker thread's clock starts with the thread; its lines are put on the process's clock,
 * which the main thread passes on in the environment a worker starts with.
 */
const ORIGIN = 'PAMPHLET_TRACE_ORIGIN';
if (enabled && !inWorker) process.env[ORIGIN] = String(performance.timeOrigin);
const offset = inWorker && process.env[ORIGIN] ? performance.timeOrigin - Number(process.env[ORIGIN]) : 0;

export function trace(what: string, since?: number): void {
  if (!enabled) return;
  const now = performance.now();
  const took = since === undefined ? '' : ` (${(now - since).toFixed(0)} ms)`;
  const line = `[${(now + offset).toFixed(0).padStart(5)} ms] ${what}${took}\n`;
  if (!inWorker) {
    process.stderr.write(line);
    return;
  }
  // A worker's stderr goes through the main thread, which may be waiting for that worker, and
  // what is still on its way when the worker is stopped is lost: written directly instead, and
  // dropped rather than thrown when the pipe is full (EAGAIN).
  try {
    writeSync(2, line);
  } catch {
    // A trace line is not worth a failed build.
  }
}
