/**
 * One build at a time writes into an output folder: a lock file created with an
 * exclusive create (O_EXCL), holding the writer's process id. A second build waits for
 * it; a lock whose process is gone (killed with SIGKILL, which no handler sees) is
 * taken over. Held only while outputs are moved into place, so builds into one folder
 * still render side by side.
 */
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { registerCleanup } from './cleanup.js';

export const LOCK_NAME = '.pamphlet.lock';

/** How long a build waits for another one to finish writing, ms. */
export const LOCK_WAIT_MS = 120_000;

const POLL_MS = 50;

function holderOf(lockPath: string): number | undefined {
  try {
    const pid = Number.parseInt(readFileSync(lockPath, 'utf8'), 10);
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Takes the lock of `outDir` (which must exist), waiting up to `waitMs` for another
 * build to release it; resolves to the function that releases it.
 */
export async function lockOutputFolder(outDir: string, waitMs: number = LOCK_WAIT_MS): Promise<() => void> {
  const lockPath = path.join(outDir, LOCK_NAME);
  const deadline = Date.now() + waitMs;
  for (;;) {
    try {
      writeFileSync(lockPath, `${process.pid}\n`, { flag: 'wx' });
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const holder = holderOf(lockPath);
    // A lock being written has no pid yet: give its writer a moment.
    if (holder !== undefined && !isRunning(holder)) {
      rmSync(lockPath, { force: true });
      continue;
    }
    if (Date.now() >= deadline) {
      throw new Error(
        `another pamphlet build${holder ? ` (process ${holder})` : ''} is writing into ${outDir}; ` +
          `try again when it has finished, or remove ${lockPath} if no build is running`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
  const release = (): void => {
    // Only our own lock: never one another build took over.
    if (holderOf(lockPath) === process.pid) rmSync(lockPath, { force: true });
  };
  const unregister = registerCleanup(release);
  return () => {
    unregister();
    release();
  };
}
