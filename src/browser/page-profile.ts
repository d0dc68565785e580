/**
 * A CPU profile of a print tab's JavaScript, for finding where a layout spends its time:
 * `PAMPHLET_PAGE_PROFILE=DIR` writes one `.cpuprofile` per layout (Chrome DevTools and
 * `scripts/profile-summary.mjs` read it), from the tab's opening to the end of its print.
 * Chromium's own work (style, layout, the print) shows in it as the JavaScript call that
 * forced it, or as "(program)". Off unless asked for: sampling slows the page down.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'puppeteer-core';

const DIR = process.env.PAMPHLET_PAGE_PROFILE;
/** Sampling every 200 µs: fine enough for the per-page work of Paged.js, coarse enough to keep the page's pace. */
const INTERVAL_US = 200;

export interface PageProfile {
  /** Stops the sampling and writes the profile; never fails a build. */
  stop(): Promise<void>;
}

/** The profile of `page` begun, or undefined when none is asked for. */
export async function startPageProfile(page: Page, name: string): Promise<PageProfile | undefined> {
  if (!DIR) return undefined;
  const client = await page.createCDPSession();
  await client.send('Profiler.enable');
  await client.send('Profiler.setSamplingInterval', { interval: INTERVAL_US });
  // And how often each function ran: the samples say where the time went, not how many calls it took.
  await client.send('Profiler.startPreciseCoverage', { callCount: true, detailed: false });
  await client.send('Profiler.start');
  return {
    async stop() {
      try {
        const { profile } = await client.send('Profiler.stop');
        const { result } = await client.send('Profiler.takePreciseCoverage');
        const calls: Record<string, number> = {};
        for (const script of result) {
          for (const fn of script.functions) {
            if (fn.functionName && fn.ranges[0]!.count > 0) calls[fn.functionName] = (calls[fn.functionName] ?? 0) + fn.ranges[0]!.count;
          }
        }
        mkdirSync(DIR, { recursive: true });
        const file = join(DIR, name.replace(/[^\w.-]+/g, '_'));
        writeFileSync(`${file}.cpuprofile`, JSON.stringify(profile));
        writeFileSync(`${file}.calls.json`, JSON.stringify(calls, null, 1));
      } catch {
        // A profile is an aid to reading, not part of the build.
      }
    },
  };
}
