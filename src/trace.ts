/**
 * `PAMPHLET_TRACE=1` prints when each stage of a build ends, in ms since the process
 * started, to stderr: the way to see where a slow build spends its time.
 */
const enabled = Boolean(process.env.PAMPHLET_TRACE);

export function trace(what: string, since?: number): void {
  if (!enabled) return;
  const now = performance.now();
  const took = since === undefined ? '' : ` (${(now - since).toFixed(0)} ms)`;
  process.stderr.write(`[${now.toFixed(0).padStart(5)} ms] ${what}${took}\n`);
}
