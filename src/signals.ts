/**
 * Ctrl-C and `kill` at any moment of a run: undo what is registered in cleanup.ts
 * (Chromium's process group, temporary folders, staged outputs) and exit with the
 * shell's status for the signal, 128 + its number.
 */
import { runCleanups } from './cleanup.js';

export const SIGNAL_EXIT_CODES = { SIGINT: 130, SIGTERM: 143, SIGHUP: 129 } as const;

type HandledSignal = keyof typeof SIGNAL_EXIT_CODES;

let installed = false;
/** Set while a command's normal way to end is Ctrl-C (preview, build --watch). */
let graceful: (() => void) | undefined;

/**
 * For commands that run until Ctrl-C: the first SIGINT or SIGTERM ends them the way
 * they end (`handler` closes what they hold, exit 0); a second one exits at once.
 */
export function stopGracefully(handler: (() => void) | undefined): void {
  graceful = handler;
}

/** Installs the handlers once; the CLI calls this before doing anything else. */
export function exitCleanlyOnSignals(): void {
  if (installed) return;
  installed = true;
  for (const signal of Object.keys(SIGNAL_EXIT_CODES) as HandledSignal[]) {
    process.on(signal, () => {
      if (graceful && signal !== 'SIGHUP') {
        const stop = graceful;
        graceful = undefined;
        stop();
        return;
      }
      runCleanups();
      process.exit(SIGNAL_EXIT_CODES[signal]);
    });
  }
}
