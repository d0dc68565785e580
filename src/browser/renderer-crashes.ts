/**
 * Renderer crashes as Chromium reports them browser-wide (`Target.targetCrashed`), for the
 * tabs that cannot report their own. A page reports its renderer's end itself (Puppeteer's
 * "Page crashed!") only once Puppeteer has made the Page and we listen to it; a renderer
 * killed while `browser.newPage()` is still making the tab leaves that call waiting for
 * answers that never come (until the step's time limit, two minutes by default), and one
 * killed under the tab the browser opened at start, before a build takes it, is seen by
 * nobody. Seen in a CI run: a renderer killed as the handout's tab opened held the build
 * until its time limit.
 */
import type { Browser, CDPSession } from 'puppeteer-core';

/** A renderer of the browser's pages ended: Puppeteer's "Page crashed!" or Chromium's own report. */
export class RendererCrash extends Error {}

interface TargetCrashed {
  targetId: string;
  /** Chromium's termination status: "killed", "crashed", "oom", "abnormal", … */
  status: string;
  /** The signal or exit code. */
  errorCode: number;
}

export interface CrashWatch {
  /**
   * Rejects with a RendererCrash when any renderer of the browser ends from now on (never
   * resolves). Once the caller is done, `stop()` lets go of it: a long-lived session
   * (`build --watch`) rebuilds after a crash with tabs of its own.
   */
  from(): { crashed: Promise<never>; stop: () => void };
  /** Whether any renderer has ended since the watch began. */
  readonly seen: boolean;
}

/** How Chromium's termination statuses read in a message; any other is named as it is. */
// A renderer killed just as its tab opens is sometimes reported "crashed", code 0: Chromium
// read no exit status from it (seen in a clean-clone run of 2026-12-07).
const ENDINGS: Record<string, string> = {
  killed: 'was killed',
  oom: 'was out of memory',
  crashed: 'crashed',
  abnormal: 'ended abnormally',
};

/**
 * Starts the watch: a CDP session of the browser's own target told to report targets. One
 * round trip at start (a few ms), beside the rest of the launch.
 */
export async function watchRendererCrashes(browser: Browser): Promise<CrashWatch> {
  const client: CDPSession = await browser.target().createCDPSession();
  const listeners = new Set<(crash: RendererCrash) => void>();
  let seen = false;
  client.on('Target.targetCrashed', ({ status, errorCode }: TargetCrashed) => {
    seen = true;
    const how = ENDINGS[status] ?? `ended (${status})`;
    const crash = new RendererCrash(`a renderer ${how}, code ${errorCode}`);
    for (const listener of listeners) listener(crash);
  });
  await client.send('Target.setDiscoverTargets', { discover: true });
  return {
    get seen() {
      return seen;
    },
    from() {
      let reject!: (crash: RendererCrash) => void;
      const crashed = new Promise<never>((_, settle) => {
        reject = settle;
      });
      crashed.catch(() => undefined);
      listeners.add(reject);
      return { crashed, stop: () => void listeners.delete(reject) };
    },
  };
}
