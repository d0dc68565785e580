/**
 * Where the EPUB's "Next: Part II: …" line links: to the part's `href` when it has one,
 * else to the next part's EPUB file under `base-url`.
 *
 * Not to a bare `${slug}.epub`: a relative URL resolves inside the container, so
 * reading systems cannot follow it and epubcheck reports RSC-007 (resource not found).
 * Without a base URL the line stays text.
 */
import type { NextPart } from '../../document.js';
import { uriOf } from '../../pipeline/url-policy.js';

export function nextPartHref(next: NextPart, baseUrl: string | undefined): string | undefined {
  return next.href ?? (next.slug && baseUrl ? siblingUrl(baseUrl, `${next.slug}.epub`) : undefined);
}

/** `file` beside the parts published at `baseUrl` ("https://x.org/parts" means the folder). */
function siblingUrl(baseUrl: string, file: string): string | undefined {
  try {
    return uriOf(new URL(file, baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`));
  } catch {
    return undefined; // not an absolute URL: nothing a reader could follow
  }
}
