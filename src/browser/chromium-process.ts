/**
 * Chromium started by us and spoken to over a pipe (`--remote-debugging-pipe`, the
 * child's file descriptors 3 and 4), never over a DevTools port.
 *
 * Puppeteer's default launch opens a DevTools port on 127.0.0.1 for as long as the
 * browser runs, with no authentication: any process of any user of the machine could
 * connect during a build, open a tab our lock-down does not guard and read through
 * file: URLs whatever the building user may read. A pipe belongs to this process alone,
 * and it closes when this process ends, however it ends (even by SIGKILL, when no
 * cleanup can run): Chromium quits when its pipe closes.
 *
 * Puppeteer can launch over a pipe too (`pipe: true`), but a Chromium that dies while
 * starting then surfaces only as "Target closed": its exit code, the signal that killed
 * it and its own words on stderr are lost, and the build must say why Chromium did not
 * start (and start it once more when a signal killed it, session.ts). So the process is
 * spawned here and handed to Puppeteer as a transport; Puppeteer's own list of switches
 * is kept (`defaultArgs`), so Chromium runs as Puppeteer would start it.
 */
import { spawn } from 'node:child_process';
import type { Readable, Writable } from 'node:stream';
import { setTimeout as delay } from 'node:timers/promises';
import puppeteer, { type Browser } from 'puppeteer-core';
// Puppeteer's own framing of CDP over a pipe (NUL-separated JSON), internal but exported.
import { PipeTransport } from 'puppeteer-core/internal/node/PipeTransport.js';
import { isHeadlessShell } from './find-chromium.js';

export interface ChromiumExit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

/** Chromium ended, or could not be run, before it answered. */
export class ChromiumStartError extends Error {
  constructor(
    message: string,
    /** Undefined when the executable could not be run at all. */
    readonly exit: ChromiumExit | undefined,
  ) {
    super(message);
  }

  /** Killed by a signal (code null) rather than ending with an error of its own. */
  get killed(): boolean {
    return this.exit !== undefined && this.exit.code === null;
  }
}

export interface StartedChromium {
  /** The process group's leader (spawned detached), known as soon as it is spawned. */
  pid: number | undefined;
  /** Connected, with its first tab attached. */
  browser: Promise<Browser>;
  /** Settles when the process has ended, however it ended. */
  exited: Promise<ChromiumExit>;
}

export interface StartOptions {
  executablePath: string;
  userDataDir: string;
  /** Ours, after Puppeteer's defaults. */
  args: readonly string[];
  /** Puppeteer's limit for one protocol call. */
  protocolTimeout: number;
  /** How long the first tab may take to appear once connected. */
  firstTabTimeout: number;
}

/** How much of Chromium's stderr an error quotes: the end, where the reason is. */
const STDERR_TAIL = 4_000;
/** After the pipe closes, how long to wait for the exit status that says why. */
const EXIT_GRACE_MS = 2_000;

export function startChromium(options: StartOptions): StartedChromium {
  // defaultArgs merges our --enable-features/--disable-features into its own, and takes them out of the list it is given.
  const args = [...puppeteer.defaultArgs({ headless: isHeadlessShell(options.executablePath) ? 'shell' : true, userDataDir: options.userDataDir, args: [...options.args] }), '--remote-debugging-pipe'];
  const child = spawn(options.executablePath, args, {
    // Its own process group, so that one kill takes its renderers and helpers too.
    detached: true,
    stdio: ['ignore', 'ignore', 'pipe', 'pipe', 'pipe'],
  });
  // A Chromium killed with the pipes still open (session.ts kills it when the build is done)
  // resets them: the reset ends each stream, and is no error of the build's. What went wrong
  // while it ran shows in its exit status and the protocol connection, not here.
  for (const stream of [child.stdio[2], child.stdio[3], child.stdio[4]]) stream?.on('error', () => undefined);
  let stderr = '';
  // Read to the end, or a chatty Chromium would block on a full pipe.
  child.stderr?.setEncoding('utf8');
  child.stderr?.on('data', (chunk: string) => {
    stderr = (stderr + chunk).slice(-STDERR_TAIL);
  });
  const exited = new Promise<ChromiumExit>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  const spawnFailed = new Promise<never>((_, reject) => {
    child.once('error', (error) => reject(new ChromiumStartError(`could not run it: ${error.message}`, undefined)));
  });
  const startError = (exit: ChromiumExit): ChromiumStartError =>
    new ChromiumStartError(`Failed to launch the browser process: Code: ${exit.code}${exit.signal ? ` (killed by ${exit.signal})` : ''}\n\nstderr:\n${stderr.trim()}`, exit);

  const connecting = (async (): Promise<Browser> => {
    const transport = new PipeTransport(child.stdio[3] as Writable, child.stdio[4] as Readable);
    const browser = await puppeteer.connect({ transport, protocolTimeout: options.protocolTimeout });
    await browser.waitForTarget((target) => target.type() === 'page', { timeout: options.firstTabTimeout });
    return browser;
  })().catch(async (error: unknown) => {
    // A closed pipe is how a dead Chromium first shows; its exit status says why.
    const exit = await Promise.race([exited, delay(EXIT_GRACE_MS, undefined, { ref: false })]);
    throw exit ? startError(exit) : error;
  });
  const browser = Promise.race([connecting, spawnFailed, exited.then((exit) => Promise.reject(startError(exit)))]);
  // Only `browser` is awaited; the losers of the race must not surface as unhandled rejections.
  for (const settled of [connecting, spawnFailed]) settled.catch(() => undefined);
  return { pid: child.pid, browser, exited };
}
