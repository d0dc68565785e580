/**
 * What an interrupted run must undo: a registry of synchronous cleanups (kill a
 * Chromium process group, remove a temporary folder, roll back a half-moved output
 * set). Modules register what they create the moment they create it and unregister
 * when they have undone it themselves; the CLI's signal handlers, installed on its first
 * line, run whatever is still registered. Synchronous on purpose: a signal handler
 * exits right after, and a process's 'exit' event runs no asynchronous work.
 */

export type Cleanup = () => void;

const registered = new Set<Cleanup>();
let exitHookInstalled = false;

/** Registers `cleanup`; the returned function unregisters it (without running it). */
export function registerCleanup(cleanup: Cleanup): () => void {
  // Also on an ordinary exit: a library caller's process.exit() in the middle of a
  // build must not leave a browser running either.
  if (!exitHookInstalled) {
    process.on('exit', runCleanups);
    exitHookInstalled = true;
  }
  // A wrapper, so the same function registered twice is two entries.
  const entry: Cleanup = () => cleanup();
  registered.add(entry);
  return () => {
    registered.delete(entry);
  };
}

/**
 * Runs every registered cleanup once, the newest first (a folder is removed after the
 * process writing into it is killed), and forgets them. One failing does not stop the others.
 */
export function runCleanups(): void {
  const pending = [...registered].reverse();
  registered.clear();
  for (const cleanup of pending) {
    try {
      cleanup();
    } catch {
      // Best effort: an interrupted run has nowhere to report to.
    }
  }
}

/** How many cleanups are registered; for tests. */
export function pendingCleanups(): number {
  return registered.size;
}
