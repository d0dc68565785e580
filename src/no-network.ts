/**
 * What the bundle holds in place of the network clients its dependencies import
 * (scripts/bundle-options.mjs): `node-fetch` and `sync-fetch`, with which @citation-js/core
 * reads a bibliography from a URL, and `proxy-agent`, with which Puppeteer's browser installer
 * downloads a browser. pamphlet never fetches from the network (README, Security); with no
 * HTTP client in the bundle, no input can lead that code to one, and a build does not load
 * code it never runs (proxy-agent alone brings a JavaScript engine for proxy scripts).
 */

/** Only named, as the importers' `instanceof` checks need a class; never made. */
export class Headers {}

function refuse(): never {
  throw new Error('pamphlet never fetches from the network');
}

/** `proxy-agent`'s agent, made only for a download. */
export class ProxyAgent {
  constructor() {
    refuse();
  }
}

/** `sync-fetch` is used as `syncFetch(url)` and `syncFetch.Headers`, `node-fetch` as its default export. */
const fetch = Object.assign(refuse, { Headers });
export default fetch;
