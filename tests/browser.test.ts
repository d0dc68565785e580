import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { findChromium, INSTALL_HINT } from '../src/browser/find-chromium.js';
import { formatDuration, MAX_TIMER_MS, timeoutMessage, timerDelay, withTimeLimit } from '../src/browser/time-limit.js';
import { isAllowedUrl } from '../src/browser/url-policy.js';

describe('findChromium', () => {
  const only = (...paths: string[]) => (path: string): boolean => paths.includes(path);

  it('takes the config first, then PUPPETEER_EXECUTABLE_PATH, then the usual paths', () => {
    const isExecutable = only('/opt/a', '/opt/b', '/usr/bin/chromium', '/usr/lib/chromium/chromium-headless-shell');
    expect(findChromium({ explicit: '/opt/a', env: { PUPPETEER_EXECUTABLE_PATH: '/opt/b' }, isExecutable })).toBe('/opt/a');
    expect(findChromium({ env: { PUPPETEER_EXECUTABLE_PATH: '/opt/b' }, isExecutable })).toBe('/opt/b');
    expect(findChromium({ env: {}, isExecutable })).toBe('/usr/lib/chromium/chromium-headless-shell');
    expect(findChromium({ env: {}, isExecutable: only('/usr/bin/chromium') })).toBe('/usr/bin/chromium');
    expect(findChromium({ env: {}, isExecutable: only('/usr/bin/google-chrome-stable') })).toBe('/usr/bin/google-chrome-stable');
  });

  it('says how to install a browser when there is none', () => {
    expect(() => findChromium({ env: {}, isExecutable: () => false })).toThrow(INSTALL_HINT);
    expect(INSTALL_HINT).toContain('apt-get install chromium-headless-shell');
    expect(INSTALL_HINT).toContain('PUPPETEER_EXECUTABLE_PATH');
  });

  it('does not fall back when a path the user named is wrong', () => {
    const isExecutable = only('/usr/bin/chromium');
    expect(() => findChromium({ explicit: '/nope', env: {}, isExecutable })).toThrow(/browser:.*\/nope/);
    expect(() => findChromium({ env: { PUPPETEER_EXECUTABLE_PATH: '/nope' }, isExecutable })).toThrow(/PUPPETEER_EXECUTABLE_PATH=\/nope/);
  });
});

describe('isAllowedUrl', () => {
  // Real folders: the policy compares real paths, so what it is asked about must exist.
  const top = mkdtempSync(join(tmpdir(), 'pamphlet-url-policy-'));
  const work = join(top, 'work');
  const manuscript = join(top, 'manuscript');
  const outside = join(top, 'workshop');
  for (const dir of [work, join(manuscript, 'images'), outside]) mkdirSync(dir, { recursive: true });
  writeFileSync(join(work, 'part.html'), '<p>');
  writeFileSync(join(manuscript, 'images', 'map 1.png'), 'png');
  writeFileSync(join(outside, 'secret'), 'secret');
  writeFileSync(join(top, 'secret'), 'secret');
  symlinkSync(join(outside, 'secret'), join(manuscript, 'images', 'escape.png'));
  symlinkSync(outside, join(manuscript, 'linked-folder'));
  symlinkSync(join(work, 'part.html'), join(outside, 'into-work.html'));
  const roots = [work, manuscript];
  const url = (path: string): string => pathToFileURL(path).href;
  afterAll(() => rmSync(top, { recursive: true, force: true }));

  it('allows files under the roots and data: URLs', () => {
    expect(isAllowedUrl(url(join(work, 'part.html')), roots)).toBe(true);
    expect(isAllowedUrl(`${url(join(manuscript, 'images', 'map 1.png'))}?x#y`, roots)).toBe(true);
    expect(isAllowedUrl('data:image/png;base64,AAAA', roots)).toBe(true);
    // A link from outside that points in reads a file inside: allowed.
    expect(isAllowedUrl(url(join(outside, 'into-work.html')), roots)).toBe(true);
  });

  it('refuses the network, other folders, and climbing out of a root', () => {
    expect(isAllowedUrl('https://example.org/font.woff2', roots)).toBe(false);
    expect(isAllowedUrl('http://127.0.0.1/', roots)).toBe(false);
    expect(isAllowedUrl('file:///etc/passwd', roots)).toBe(false);
    expect(isAllowedUrl(`${url(work)}/../secret`, roots)).toBe(false);
    expect(isAllowedUrl(`${url(work)}/%2e%2e/secret`, roots)).toBe(false);
    expect(isAllowedUrl(url(join(outside, 'secret')), roots)).toBe(false);
    expect(isAllowedUrl('blob:null/1234', roots)).toBe(false);
  });

  it('refuses a symlink inside a root that points outside it, file or folder', () => {
    expect(isAllowedUrl(url(join(manuscript, 'images', 'escape.png')), roots)).toBe(false);
    expect(isAllowedUrl(url(join(manuscript, 'linked-folder', 'secret')), roots)).toBe(false);
  });

  it('refuses what does not exist: there is nothing to read', () => {
    expect(isAllowedUrl(url(join(manuscript, 'images', 'missing.png')), roots)).toBe(false);
  });
});

describe('withTimeLimit', () => {
  it('passes a result through', async () => {
    await expect(withTimeLimit(Promise.resolve(42), { label: 'p', step: 's', ms: 1000 })).resolves.toBe(42);
  });

  it('rejects with the part, the step and the limit', async () => {
    const never = new Promise<never>(() => undefined);
    await expect(withTimeLimit(never, { label: 'red-october-1', step: 'Paged.js pagination', ms: 5, hint: 'raise --timeout' })).rejects.toThrow(
      'red-october-1: Paged.js pagination did not finish within 5 ms (raise --timeout)',
    );
  });

  it('does not let a huge limit overflow Node’s timer into an immediate time-out', async () => {
    // Node turns a delay above 2^31 - 1 ms into 1 ms (with a warning): 1e300 would "time out" at once.
    expect(timerDelay(1e300)).toBe(MAX_TIMER_MS);
    expect(timerDelay(Infinity)).toBe(MAX_TIMER_MS);
    expect(timerDelay(0)).toBe(1);
    expect(() => timerDelay(Number.NaN)).toThrow(RangeError);
    const late = new Promise<string>((resolve) => setTimeout(() => resolve('done'), 50));
    await expect(withTimeLimit(late, { label: 'p', step: 's', ms: 1e300 })).resolves.toBe('done');
  });

  it('formats limits the way people say them', () => {
    expect(formatDuration(1)).toBe('1 ms');
    expect(formatDuration(60_000)).toBe('60 s');
    expect(formatDuration(1500)).toBe('1.5 s');
    expect(timeoutMessage({ label: 'a', step: 'b', ms: 60_000 })).toBe('a: b did not finish within 60 s (raise --timeout)');
  });
});
