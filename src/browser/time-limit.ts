/**
 * Every browser step gets its own deadline: a stuck Paged.js layout or a font that
 * never loads must end the build with a message that says which part and which step,
 * not hang a CI job until it is killed from outside.
 */

export function formatDuration(ms: number): string {
  return ms < 1000 ? `${ms} ms` : `${Number((ms / 1000).toFixed(1))} s`;
}

export interface StepLimit {
  /** The part being rendered, e.g. "celebrating-red-october-1". */
  label: string;
  /** What was happening, e.g. "Paged.js pagination". */
  step: string;
  ms: number;
  /** What the user can do about it. */
  hint?: string;
}

export function timeoutMessage({ label, step, ms, hint }: StepLimit): string {
  const advice = hint ?? 'raise --timeout';
  return `${label}: ${step} did not finish within ${formatDuration(ms)} (${advice})`;
}

/**
 * Node's timers hold a signed 32-bit count of ms: a longer delay (`timeout: 1e300`)
 * is not an error to Node but a warning and a 1 ms timer, so every step would "time
 * out" at once. Anything longer waits this long (24.8 days), which is as good as forever.
 */
export const MAX_TIMER_MS = 2 ** 31 - 1;

/** A delay Node's setTimeout honours: at least 1 ms, at most MAX_TIMER_MS; NaN is an error. */
export function timerDelay(ms: number): number {
  if (Number.isNaN(ms)) throw new RangeError('a time limit must be a number of milliseconds, not NaN');
  return Math.min(Math.max(Math.ceil(ms), 1), MAX_TIMER_MS);
}

/**
 * Settles like `work`, or rejects with a time-out Error once `limit.ms` have passed.
 * The work is not cancelled here (the caller closes the page, which cancels it); its
 * late rejection is swallowed so that it cannot surface as an unhandled rejection.
 */
export function withTimeLimit<T>(work: Promise<T>, limit: StepLimit): Promise<T> {
  work.catch(() => undefined);
  const delay = timerDelay(limit.ms);
  let timer: NodeJS.Timeout | undefined;
  const expiry = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(timeoutMessage(limit))), delay);
  });
  return Promise.race([work, expiry]).finally(() => clearTimeout(timer));
}
