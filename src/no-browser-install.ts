/**
 * What the bundle holds in place of `@puppeteer/browsers` (Puppeteer's installer: it
 * downloads, finds and starts browsers) and of `ws` (the WebSocket client Puppeteer uses for
 * a browser reached over a DevTools port) (scripts/bundle-options.mjs). pamphlet never
 * downloads a browser, finds its own (src/browser/find-chromium.ts), starts it itself and
 * speaks to it over a pipe (src/browser/chromium-process.ts): none of that code ever runs,
 * and every PDF build compiled it (with `semver`, some 300 KB) before Chromium could start.
 *
 * Puppeteer imports these names at the top of its launcher modules and uses them only
 * inside the functions pamphlet does not call; the enums keep their values so that a
 * comparison with one still reads right, and anything that would act refuses.
 */

function refuse(): never {
  throw new Error('pamphlet never installs, looks up or launches a browser through Puppeteer, nor opens a WebSocket');
}

export const Browser = {
  CHROME: 'chrome',
  CHROMEHEADLESSSHELL: 'chrome-headless-shell',
  CHROMIUM: 'chromium',
  FIREFOX: 'firefox',
  CHROMEDRIVER: 'chromedriver',
} as const;

export const ChromeReleaseChannel = { STABLE: 'stable', DEV: 'dev', CANARY: 'canary', BETA: 'beta' } as const;

export const CDP_WEBSOCKET_ENDPOINT_REGEX = /^DevTools listening on (ws:\/\/.*)$/;
export const WEBDRIVER_BIDI_WEBSOCKET_ENDPOINT_REGEX = /^WebDriver BiDi listening on (ws:\/\/.*)$/;

export class TimeoutError extends Error {}

export const computeExecutablePath = refuse;
export const computeSystemExecutablePath = refuse;
export const createProfile = refuse;
export const detectBrowserPlatform = refuse;
export const getInstalledBrowsers = refuse;
export const launch = refuse;
export const resolveBuildId = refuse;
export const uninstall = refuse;

/** `ws`'s WebSocket, Puppeteer's default import from it: never made. */
export default class WebSocket {
  constructor() {
    refuse();
  }
}
