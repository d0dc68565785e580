/**
 * Pages laid out so far, told to Node as Paged.js lays each one out: the build's
 * progress line ("Part I · pdf · 12 pages"). `countPages` runs inside the page
 * (puppeteer serialises it), so it refers to nothing outside its own body.
 */

/** The function the page calls; exposed by the session through puppeteer. */
export const PAGE_BINDING = '__pamphletPageLaidOut';

export function countPages(binding: string): void {
  interface Paged {
    Handler: new (chunker: unknown, polisher: unknown, caller: unknown) => object;
    registerHandlers(...handlers: unknown[]): void;
  }
  const paged = (window as unknown as { Paged: Paged }).Paged;
  // A CDP binding (session.ts): one string argument, nothing returned.
  const tell = (window as unknown as Record<string, (pages: string) => void>)[binding];
  let pages = 0;
  class PageCounter extends paged.Handler {
    afterPageLayout(): void {
      pages += 1;
      tell?.(String(pages));
    }
  }
  paged.registerHandlers(PageCounter);
}
