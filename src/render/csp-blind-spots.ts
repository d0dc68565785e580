/**
 * What a Content-Security-Policy cannot restrain in a page's text: `<link
 * rel=preconnect>` opens a connection no directive governs; Chromium opens one for an
 * `<iframe src>` too before `frame-src 'none'` refuses the frame (both seen in the
 * tests); a `<meta http-equiv=refresh>` navigates; and a `<base>` redirects every
 * relative URL. None of them is text a reader sees, and the pipeline's sanitizer
 * refuses them; this drops them from a finished tree as well, so that the web page
 * fetches nothing when it is opened even if the sanitizer were wrong.
 */
import type { ElementContent, Root } from 'hast';
import { SKIP, visit } from 'unist-util-visit';

const BLIND_SPOTS = new Set(['link', 'meta', 'base', 'iframe', 'frame', 'frameset', 'fencedframe', 'portal']);

/** Removes every such element (and what it holds) under `nodes`, in place. */
export function dropCspBlindSpots(nodes: ElementContent[]): void {
  const root: Root = { type: 'root', children: nodes };
  visit(root, 'element', (node, index, parent) => {
    if (!BLIND_SPOTS.has(node.tagName) || parent === undefined || index === undefined) return undefined;
    parent.children.splice(index, 1);
    return [SKIP, index];
  });
}
