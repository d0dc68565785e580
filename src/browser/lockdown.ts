/**
 * The browser's half of the lock-down. The Content-Security-Policy (src/csp.ts) is the
 * page's half: it refuses scripts without our nonce, connections, frames and workers.
 * What a CSP cannot reach is refused here, by Chromium itself:
 * - the network: every connection goes to a proxy that is not there, and no host name
 *   resolves, so even a WebSocket (which request interception never sees) or a
 *   preconnect cannot leave the machine, loopback included;
 * - reads: every request is intercepted, and only data: URLs and files whose real
 *   path is inside the allowed folders are let through (url-policy.ts);
 * - navigation: the page loads its one document once; a meta refresh, a link, a frame
 *   or `location =` after that is aborted;
 * - popups: a window the page opens is closed as it appears.
 */
import { readFileSync, realpathSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import type { Browser, HTTPRequest, Page, Target } from 'puppeteer-core';
import { allowedUrlTest } from './url-policy.js';

export const LOCKDOWN_FLAGS: readonly string[] = [
  // A dead proxy for every scheme Chromium proxies (http, https, ws, wss), and
  // `<-loopback>` takes away the implicit exception for localhost: 127.0.0.1 too goes
  // to the dead proxy. file: and data: are never proxied.
  '--proxy-server=127.0.0.1:9',
  '--proxy-bypass-list=<-loopback>',
  // And should anything not use the proxy, no host name (nor address) resolves.
  '--host-resolver-rules=MAP * ~NOTFOUND',
  // WebRTC may send UDP around a proxy; this forbids it.
  '--force-webrtc-ip-handling-policy=disable_non_proxied_udp',
  '--webrtc-ip-handling-policy=disable_non_proxied_udp',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-domain-reliability',
  '--no-pings',
];

export interface PageLockdown {
  /** The one document the page may load. */
  documentPath: string;
  /** Folders the page may read files from, by their real path. */
  allowedRoots: readonly string[];
  /** Sent with the document as its Content-Security-Policy header. */
  csp: string;
  /**
   * Our own markup (scripts carrying the page's nonce), served right after the document's
   * `<head>` tag, so that the browser fetches and compiles them while it loads the page.
   * A document without that tag is served as it is.
   */
  prelude?: string;
}

/**
 * Intercepts every request of `page` before its first navigation, and returns the URL
 * to navigate to. The document is served by us with its CSP header, so the policy holds
 * from the first byte whatever the HTML says (a policy in a <meta> could only add to it).
 */
export async function lockDownPage(page: Page, lockdown: PageLockdown): Promise<string> {
  const documentUrl = pathToFileURL(lockdown.documentPath).href;
  let documentServed = false;
  const allowed = allowedUrlTest(lockdown.allowedRoots);
  await page.setRequestInterception(true);
  page.on('request', (request: HTTPRequest) => {
    if (request.isInterceptResolutionHandled()) return;
    if (request.isNavigationRequest()) {
      const first = !documentServed && request.url() === documentUrl && request.frame() === page.mainFrame();
      if (!first) {
        // "204 No Content" tells the browser to stay where it is. An aborted navigation
        // would replace the document with an error page in the middle of pagination.
        void request.respond({ status: 204, body: '' });
        return;
      }
      documentServed = true;
      const body = readDocument(lockdown, documentUrl, allowed);
      if (body === undefined) {
        void request.abort('accessdenied');
        return;
      }
      void request.respond({
        status: 200,
        contentType: 'text/html; charset=utf-8',
        headers: { 'Content-Security-Policy': lockdown.csp },
        body,
      });
      return;
    }
    if (allowed(request.url())) void request.continue();
    else void request.abort('blockedbyclient');
  });
  return documentUrl;
}

function readDocument(lockdown: PageLockdown, documentUrl: string, allowed: (url: string) => boolean): Buffer | undefined {
  if (!allowed(documentUrl)) return undefined;
  let bytes: Buffer;
  try {
    bytes = readFileSync(realpathSync(lockdown.documentPath));
  } catch {
    return undefined;
  }
  const head = bytes.indexOf('<head>');
  if (!lockdown.prelude || head < 0) return bytes;
  const at = head + '<head>'.length;
  return Buffer.concat([bytes.subarray(0, at), Buffer.from(lockdown.prelude), bytes.subarray(at)]);
}

/** Closes every window a page opens (window.open, target=_blank) as soon as it exists. */
export function closePopups(browser: Browser): void {
  browser.on('targetcreated', (target: Target) => {
    if (!target.opener()) return;
    void target.page().then((popup) => popup?.close()).catch(() => undefined);
  });
}
