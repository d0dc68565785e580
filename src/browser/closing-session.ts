/**
 * A browser that closes as soon as its last layout is done. A build knows how many print
 * jobs it gives the tabs; once the last has its PDF bytes (or its page starts), what is
 * left is Node's work (the PDF post-processing, the EPUB, the booklet), and Chromium can
 * shut down beside it instead of after it: the x1 PDF spent some 50 ms at its end waiting
 * for Chromium to exit.
 */
import type { BrowserSession, PaginateRequest } from './session.js';

/** `session`, closed (in the background) once `jobs` paginations have settled, failed ones too. */
export function closingAfter(session: BrowserSession, jobs: number): BrowserSession {
  let left = jobs;
  const settled = (): void => {
    left -= 1;
    // The build still awaits close() at its end: this only starts it earlier.
    if (left === 0) void session.close().catch(() => undefined);
  };
  return {
    paginate: (request: PaginateRequest) => {
      const paginating = session.paginate(request);
      paginating.then(settled, settled);
      return paginating;
    },
    close: () => session.close(),
  };
}
