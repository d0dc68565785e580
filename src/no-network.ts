/**
 * What the bundle holds in place of `node-fetch` and `sync-fetch` (scripts/bundle-options.mjs),
 * the HTTP clients @citation-js/core imports to read a bibliography from a URL. pamphlet never
 * fetches from the network (README, Security); with no HTTP client in the bundle, no input can
 * lead the citation code to one, and a build does not load some 250 KB of code it never runs.
 */

/** Only named, as the importers' `instanceof` checks need a class; never made. */
export class Headers {}

function refuse(): never {
  throw new Error('pamphlet never fetches from the network');
}

/** `sync-fetch` is used as `syncFetch(url)` and `syncFetch.Headers`, `node-fetch` as its default export. */
const fetch = Object.assign(refuse, { Headers });
export default fetch;
