/**
 * `pamphlet build --watch`: builds, then rebuilds whenever a file of the manuscript
 * folder changes (chokidar watches it), through the cache, so only the outputs whose
 * inputs changed are rendered again. One Chromium serves every rebuild; it starts the
 * first time something must be printed. Changes that arrive during a build are
 * gathered and built next. Prints nothing itself: the CLI is told what happened.
 */
import path from 'node:path';
import { watch } from 'chokidar';
import { build, cacheDirFor, type BuildOptions, type BuildResult } from './api.js';
import type { BrowserSession } from './browser/session.js';
import { loadConfig } from './config/load.js';
import { spelledInside } from './files/inside.js';

export interface WatchHooks {
  /** Files changed since the last build (paths relative to the manuscript folder). */
  changed(files: string[]): void;
  built(result: BuildResult): void;
  /** A manuscript error or a failed render: the watch goes on. */
  failed(cause: unknown): void;
  /** Waiting for the next change. */
  watching(dir: string): void;
}

/** How long to wait after a change for the rest of a save (editors write several files). */
const SETTLE_MS = 80;

export async function watchBuild(options: BuildOptions, hooks: WatchHooks, stop: Promise<void>): Promise<void> {
  const dir = path.resolve(options.dir);
  let browser: Promise<BrowserSession> | undefined;
  const session = async (): Promise<BrowserSession> => {
    if (!browser) {
      const { openBrowser } = await import('./browser/session.js');
      const config = loadConfig(dir);
      browser = openBrowser({ executablePath: config.browser, timeout: options.timeout ?? config.timeout });
      // A browser that failed to start is tried again at the next build.
      browser.catch(() => (browser = undefined));
    }
    return browser;
  };

  const runOnce = async (): Promise<void> => {
    try {
      hooks.built(await build({ ...options, browser: session }));
    } catch (cause) {
      hooks.failed(cause);
    }
    hooks.watching(dir);
  };

  // What the build writes must not start another build: the output folder and the cache, when inside.
  const written = [path.resolve(options.out)];
  try {
    written.push(cacheDirFor(loadConfig(dir), options.out));
  } catch {
    // An unreadable pamphlet.yaml: the first build reports it.
  }
  const watcher = watch(dir, {
    ignoreInitial: true,
    // A link out of the folder is never followed, not even to watch it.
    followSymlinks: false,
    ignored: (file: string) => {
      const name = path.basename(file);
      return (file !== dir && (name.startsWith('.') || name === 'node_modules')) || written.some((folder) => spelledInside(folder, file));
    },
  });
  const ready = new Promise<void>((resolve) => watcher.once('ready', () => resolve()));

  let pending = new Set<string>();
  let timer: NodeJS.Timeout | undefined;
  // Watching before the first build: a save during it is built next, never missed.
  await ready;
  let running: Promise<void> = runOnce();
  const schedule = () => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      running = running.then(async () => {
        if (!pending.size) return;
        const files = [...pending].sort();
        pending = new Set();
        hooks.changed(files);
        await runOnce();
      });
    }, SETTLE_MS);
  };
  watcher.on('all', (_event, file) => {
    pending.add(path.relative(dir, file) || '.');
    schedule();
  });
  watcher.on('error', (cause) => hooks.failed(cause));

  await stop;
  clearTimeout(timer);
  await watcher.close();
  await running;
  await browser?.then((session) => session.close(), () => undefined);
}
