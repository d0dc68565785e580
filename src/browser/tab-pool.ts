/**
 * How the print jobs of a build share the one Chromium: a small pool of tabs, one per
 * core. Pagination is single-threaded JavaScript in each tab's renderer process, so
 * tabs beyond the cores only wait for each other (and each costs a renderer's memory);
 * Chromium is told the same number (`--renderer-process-limit`), so it never starts
 * more renderer processes than the pool can keep busy.
 */
import { availableParallelism } from 'node:os';

/** A tab lays out a part at a time; more than this many would not be fed even on a big machine. */
const MAX_TABS = 8;

/** The number of tabs that paginate at once: the cores, at least one, at most MAX_TABS. */
export function tabPoolSize(cores: number = availableParallelism()): number {
  return Math.max(1, Math.min(MAX_TABS, Math.floor(cores)));
}

/** A print job and what it is expected to cost (the length of its HTML, say): the dearest go first. */
export interface PoolTask {
  run: () => Promise<void>;
  cost: number;
}

/**
 * Runs `tasks` with at most `size` in flight, the dearest first (so that a long part does
 * not start last and leave the other tabs idle at the end). The first failure is thrown
 * once every started task has settled: no task is left running behind the error, and no
 * further task starts after it.
 */
export async function runOnPool(tasks: readonly PoolTask[], size: number): Promise<void> {
  const queue = [...tasks].sort((a, b) => b.cost - a.cost);
  let failure: { reason: unknown } | undefined;
  const lane = async (): Promise<void> => {
    for (let task = queue.shift(); task && !failure; task = queue.shift()) {
      try {
        await task.run();
      } catch (reason) {
        failure ??= { reason };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(size, queue.length)) }, lane));
  if (failure) throw failure.reason;
}

/**
 * Chromium's processes, fewest that keep the pool's tabs paginating side by side: a
 * renderer per tab (Chromium's own headless address bar, which took one more, is switched
 * off in session.ts); the GPU and network services as threads of the browser
 * process (nothing is drawn on a screen, and the lock-down's proxy and resolver rules are
 * the same switches either way); no zygote (there is no sandbox to fork into) and no
 * spare renderer kept warm for a tab that will not come. Three processes on two cores with
 * the headless shell (the browser, two renderers; the full Chromium adds its storage
 * service), where Chromium's defaults start eleven.
 */
const LEAN_PROCESS_FLAGS: readonly string[] = [
  '--no-zygote',
  '--in-process-gpu',
  '--enable-features=NetworkServiceInProcess2',
  '--disable-features=SpareRendererForSitePerProcess',
];

/**
 * The process switches for `tabs` tabs laying out at once. One tab (a build with one print
 * job: one part's pamphlet, with or without its booklet and EPUB) runs in one process
 * (`--single-process`: the renderer, the GPU and every service as threads of the browser),
 * since a second renderer would have nothing to do in parallel: the x10 PDF's peak memory
 * fell from 1402 to 917 MiB (summed RSS of the tree; each process maps its own copy of
 * Chromium's data) for the same PDF to the byte, at some 8 % more time on that long part
 * (docs/speed.md). More tabs keep a renderer each, so that they paginate side by side.
 */
export function processFlags(tabs: number): readonly string[] {
  if (tabs <= 1) return ['--single-process', ...LEAN_PROCESS_FLAGS];
  return [`--renderer-process-limit=${tabs}`, ...LEAN_PROCESS_FLAGS];
}
