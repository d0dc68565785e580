import { describe, expect, it } from 'vitest';
import { findChromium, INSTALL_HINT } from '../src/browser/find-chromium.js';
import { formatDuration, timeoutMessage, withTimeLimit } from '../src/browser/time-limit.js';
import { isAllowedUrl } from '../src/browser/url-policy.js';

describe('findChromium', () => {
  const only = (...paths: string[]) => (path: string): boolean => paths.includes(path);

  it('takes the config first, then PUPPETEER_EXECUTABLE_PATH, then the usual paths', () => {
    const isExecutable = only('/opt/a', '/opt/b', '/usr/bin/chromium');
    expect(findChromium({ explicit: '/opt/a', env: { PUPPETEER_EXECUTABLE_PATH: '/opt/b' }, isExecutable })).toBe('/opt/a');
    expect(findChromium({ env: { PUPPETEER_EXECUTABLE_PATH: '/opt/b' }, isExecutable })).toBe('/opt/b');
    expect(findChromium({ env: {}, isExecutable })).toBe('/usr/bin/chromium');
    expect(findChromium({ env: {}, isExecutable: only('/usr/bin/google-chrome-stable') })).toBe('/usr/bin/google-chrome-stable');
  });

  it('says how to install a browser when there is none', () => {
    expect(() => findChromium({ env: {}, isExecutable: () => false })).toThrow(INSTALL_HINT);
    expect(INSTALL_HINT).toContain('apt-get install chromium');
    expect(INSTALL_HINT).toContain('PUPPETEER_EXECUTABLE_PATH');
  });

  it('does not fall back when a path the user named is wrong', () => {
    const isExecutable = only('/usr/bin/chromium');
    expect(() => findChromium({ explicit: '/nope', env: {}, isExecutable })).toThrow(/browser:.*\/nope/);
    expect(() => findChromium({ env: { PUPPETEER_EXECUTABLE_PATH: '/nope' }, isExecutable })).toThrow(/PUPPETEER_EXECUTABLE_PATH=\/nope/);
  });
});

describe('isAllowedUrl', () => {
  const roots = ['/tmp/work', '/srv/manuscript'];

  it('allows files under the roots and data: URLs', () => {
    expect(isAllowedUrl('file:///tmp/work/part.html', roots)).toBe(true);
    expect(isAllowedUrl('file:///srv/manuscript/images/map%201.png?x#y', roots)).toBe(true);
    expect(isAllowedUrl('data:image/png;base64,AAAA', roots)).toBe(true);
  });

  it('refuses the network, other folders, and climbing out of a root', () => {
    expect(isAllowedUrl('https://example.org/font.woff2', roots)).toBe(false);
    expect(isAllowedUrl('http://127.0.0.1/', roots)).toBe(false);
    expect(isAllowedUrl('file:///etc/passwd', roots)).toBe(false);
    expect(isAllowedUrl('file:///tmp/work/../secret', roots)).toBe(false);
    expect(isAllowedUrl('file:///tmp/work/%2e%2e/secret', roots)).toBe(false);
    expect(isAllowedUrl('file:///tmp/workshop/x', roots)).toBe(false);
    expect(isAllowedUrl('blob:null/1234', roots)).toBe(false);
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

  it('formats limits the way people say them', () => {
    expect(formatDuration(1)).toBe('1 ms');
    expect(formatDuration(60_000)).toBe('60 s');
    expect(formatDuration(1500)).toBe('1.5 s');
    expect(timeoutMessage({ label: 'a', step: 'b', ms: 60_000 })).toBe('a: b did not finish within 60 s (raise --timeout)');
  });
});
