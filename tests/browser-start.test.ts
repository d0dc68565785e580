// Starting Chromium (src/browser/session.ts): a browser killed by a signal while it starts is
// started once more, in a fresh profile; one that cannot start, or keeps dying, fails with the
// reason. The "Chromium" here is a script in front of the real one that counts its starts.
import { chmodSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { openBrowser } from '../src/browser/session.js';

let dir: string;
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** A wrapper that appends a line to `starts` each time, then does `body`. */
function fakeChromium(body: (starts: string) => string): { path: string; starts: () => number } {
  dir = mkdtempSync(join(tmpdir(), 'pamphlet-fake-chromium-'));
  const starts = join(dir, 'starts');
  const path = join(dir, 'chromium');
  writeFileSync(path, `#!/bin/sh\necho start >> '${starts}'\n${body(starts)}\n`);
  chmodSync(path, 0o755);
  return { path, starts: () => readFileSync(starts, 'utf8').split('\n').filter(Boolean).length };
}

/** The browser profiles in the temp folder, which this test gives the browser a folder of its own for. */
const profiles = () => readdirSync(tmpdir()).filter((name) => name.startsWith('pamphlet-chromium-')).length;

describe('starting the browser', () => {
  test('killed by a signal at its first start: started again, and it works', async () => {
    const fake = fakeChromium((starts) => `if [ "$(wc -l < '${starts}')" -eq 1 ]; then kill -KILL $$; fi\nexec /usr/bin/chromium "$@"`);
    // Profiles go to os.tmpdir(): a folder of this test's own, so other test files' browsers do not count.
    // (Short: Chromium's sockets go in it, and a socket's path has at most 107 bytes.)
    const sharedTmp = process.env.TMPDIR;
    const own = mkdtempSync(join(tmpdir(), 'p-'));
    process.env.TMPDIR = own;
    try {
      const session = await openBrowser({ executablePath: fake.path, timeout: 60_000 });
      try {
        expect(fake.starts()).toBe(2);
        // The first attempt's profile folder went with it; the second is in use.
        expect(profiles()).toBe(1);
      } finally {
        await session.close();
      }
      expect(profiles()).toBe(0);
    } finally {
      if (sharedTmp === undefined) delete process.env.TMPDIR;
      else process.env.TMPDIR = sharedTmp;
      rmSync(own, { recursive: true, force: true });
    }
  });

  test('killed at every start: two attempts, then the reason', async () => {
    const fake = fakeChromium(() => 'kill -KILL $$');
    await expect(openBrowser({ executablePath: fake.path, timeout: 60_000 })).rejects.toThrow(/^Could not start Chromium \(.*\): Failed to launch the browser process[\s\S]*Code: null/);
    expect(fake.starts()).toBe(2);
  });

  test('one that exits with an error is not started again', async () => {
    const fake = fakeChromium(() => 'echo "no display" >&2; exit 3');
    await expect(openBrowser({ executablePath: fake.path, timeout: 60_000 })).rejects.toThrow(/Code: 3[\s\S]*no display/);
    expect(fake.starts()).toBe(1);
  });
});
