/**
 * The one URL policy. Every URL a manuscript can write — Markdown links and images,
 * link reference definitions, inline HTML attributes, CSS `url()`, front matter
 * `href`, `base-url` — is classified here, so there is exactly one place that decides
 * what may be clicked, what may be loaded and what is refused.
 *
 * URLs are read as a browser reads them (WHATWG URL parsing, which strips tabs and
 * newlines and lower-cases the scheme), after entities are decoded by the parser that
 * produced them, so `&#106;avascript:` or `java\tscript:` cannot slip past a pattern.
 */

import { posix } from 'node:path';
import { normalizeUri } from 'micromark-util-sanitize-uri';

/** What a URL is, once read the way a browser reads it. */
export type UrlClass =
  | { kind: 'fragment'; id: string }
  | { kind: 'relative'; path: string; fragment?: string }
  | { kind: 'web'; href: string }
  | { kind: 'mailto'; href: string }
  | { kind: 'refused'; reason: string; outside?: true };

/** A scheme no manuscript can name, used as the base to tell relative references apart. */
const BASE = 'pamphlet-manuscript://folder/';

/** Schemes a reader may follow from a link. */
const LINK_SCHEMES = new Set(['http:', 'https:', 'mailto:']);

export function classifyUrl(raw: string): UrlClass {
  const value = raw.trim();
  if (value === '') return { kind: 'refused', reason: 'an empty URL' };
  if (value.startsWith('#')) {
    return { kind: 'fragment', id: safeDecode(value.slice(1)) };
  }
  // A reference with a scheme of its own is absolute; anything else is read against a base
  // no manuscript can name (`//host/…` included: it names another host on that scheme).
  const url = parseUrl(value);
  if (!url) {
    if (!parseUrl(value, BASE)) return { kind: 'refused', reason: `\`${shorten(value)}\` is not a valid URL` };
    // Protocol-relative (`//host/x`) resolves to another host.
    if (/^[\\/]{2}/.test(value)) return { kind: 'refused', reason: `\`${shorten(value)}\` points to another host (write https://…)` };
    if (/^[\\/]/.test(value)) return { kind: 'refused', reason: `\`${shorten(value)}\` is an absolute path: files are named relative to the manuscript folder`, outside: true };
    // The URL parser would silently drop a `..` that climbs out; read the path as written.
    const hashAt = value.indexOf('#');
    const beforeHash = hashAt < 0 ? value : value.slice(0, hashAt);
    const written = safeDecode(beforeHash.replace(/\?.*$/, ''));
    const normal = posix.normalize(written === '' ? '.' : written);
    // `./#notes` is this document, as `#notes` is.
    const path = normal === './' ? '.' : normal;
    if (path === '..' || path.startsWith('../')) return { kind: 'refused', reason: `\`${shorten(value)}\` lies outside the manuscript folder`, outside: true };
    const fragment = hashAt < 0 ? undefined : safeDecode(value.slice(hashAt + 1));
    if (path === '.' && fragment !== undefined) return { kind: 'fragment', id: fragment };
    return { kind: 'relative', path, ...(fragment ? { fragment } : {}) };
  }
  if (url.protocol === 'mailto:') return { kind: 'mailto', href: uriOf(url) };
  if (url.protocol === 'http:' || url.protocol === 'https:') {
    if (url.username || url.password) return { kind: 'refused', reason: `\`${shorten(value)}\` carries a user name or password` };
    if (!validHost(url.hostname)) return { kind: 'refused', reason: `\`${shorten(value)}\` has no valid host name` };
    return { kind: 'web', href: uriOf(url) };
  }
  return { kind: 'refused', reason: `\`${url.protocol}\` URLs are not allowed (only http, https and mailto links, and files inside the manuscript folder)` };
}

/**
 * A URL as the URI an EPUB may carry, for the address a browser follows. WHATWG's serialization
 * (`url.href`) leaves what browsers accept and RFC 3986 does not: a space or `|` in a raw
 * `<a href>`, and a second `#` in the fragment, as every Matrix room link has
 * (`https://matrix.to/#/#room:example.org`), which epubcheck refuses (RSC-020). micromark's
 * `normalizeUri` (what a Markdown link's address goes through) percent-encodes the first kind
 * and keeps `#`, the fragment's own delimiter; a `#` after it can only be data, `%23`, which is
 * the same address to the page that reads it.
 */
export function uriOf(url: URL): string {
  // The scheme and host as the URL parser wrote them (an IPv6 host's brackets are its own).
  const rest = url.pathname + url.search;
  const head = url.href.slice(0, url.href.length - rest.length - url.hash.length);
  const fragment = url.hash ? `#${normalizeUri(url.hash.slice(1)).replaceAll('#', '%23')}` : '';
  return head + normalizeUri(rest) + fragment;
}

/** A web address a reader may follow (front matter `next.href`), as `uriOf` writes it; undefined where `isWebUrl` says no. */
export function webUri(raw: string): string | undefined {
  return isWebUrl(raw) ? uriOf(new URL(raw.trim())) : undefined;
}

function parseUrl(value: string, base?: string): URL | undefined {
  try {
    return new URL(value, base);
  } catch {
    return undefined;
  }
}

/** A DNS name of letters, digits and hyphens (as the URL parser leaves it: punycode), or an IP address. */
function validHost(host: string): boolean {
  if (/^\[[0-9a-f:.]+\]$/i.test(host)) return true;
  if (/^(\d{1,3}\.){3}\d{1,3}$/.test(host)) return true;
  const labels = host.replace(/\.$/, '').split('.');
  return labels.length > 0 && labels.every((label) => /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/i.test(label)) && /[a-z]/i.test(labels.at(-1) ?? '');
}

/** Whether a reader may follow this absolute URL from a link (front matter `href`, `base-url`). */
export function isWebUrl(raw: string): boolean {
  try {
    const url = new URL(raw.trim());
    return LINK_SCHEMES.has(url.protocol) && url.protocol !== 'mailto:' && !url.username && !url.password && validHost(url.hostname);
  } catch {
    return false;
  }
}

/** %-decoded, or as written when it is not valid %-encoding (a file may be named `50%.png`). */
function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

function shorten(text: string): string {
  return text.length > 60 ? `${text.slice(0, 57)}…` : text;
}
