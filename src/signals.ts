/**
 * Ctrl-C and `kill` at any moment of a run: undo what is registered in cleanup.ts
 * (Chromium's process group, temporary folders, staged outputs) and exit with the
 * shell's status for the signal, 128 + its number.
 */
import { runCleanups } from './cleanup.js';

export const SIGNAL_EXIT_CODES = { SIGINT: 130, SIGTERM: 143, SIGHUP: 129 } as const;

type HandledSignal = keyof typeof SIGNAL_EXIT_CODES;

let installed = false;

/** Installs the handlers once; the CLI calls this before doing anything else. */
export function exitCleanlyOnSignals(): void {
  if (installed) return;
  installed = true;
  for (const signal of Object.keys(SIGNAL_EXIT_CODES) as HandledSignal[]) {
    process.on(signal, () => {
      runCleanups();
      process.exit(SIGNAL_EXIT_CODES[signal]);
    });
  }
}
