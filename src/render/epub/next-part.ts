/**
 * The "Next: Part II: …" line. In the EPUB it is a link: to the part's `href`
 * when it has one, else to the next part's EPUB file under `base-url`.
 *
 * Not to a bare `${slug}.epub`: a relative URL resolves inside the container,
 * so reading systems cannot follow it and epubcheck reports RSC-007 (resource
 * not found). Without a base URL the line stays text.
 */
import type { Element, ElementContent } from 'hast';
import type { NextPart } from '../../document.js';
import { clone, elements, hasClass, isElement } from './tree.js';
import { element, text } from './xhtml.js';

export function isNextPartLine(node: ElementContent | undefined): node is Element {
  return isElement(node, 'p') && hasClass(node, 'next-part');
}

/** A copy of `line` whose label links to the next part, where a target is known. */
export function linkNextPart(line: Element, next: NextPart | null, baseUrl: string | undefined): Element {
  const result = clone(line);
  if ([...elements(result.children)].some((el) => el.tagName === 'a')) return result;
  const href = next?.href ?? (next?.slug && baseUrl ? siblingUrl(baseUrl, `${next.slug}.epub`) : undefined);
  if (href === undefined || next === null) return result;

  // Link only the label ("Part II: …"), not "Next: ", when the label is one text node.
  const index = result.children.findIndex((node) => node.type === 'text' && node.value.includes(next.label));
  const node = result.children[index];
  if (node?.type === 'text') {
    const at = node.value.lastIndexOf(next.label);
    const parts: ElementContent[] = [
      text(node.value.slice(0, at)),
      element('a', { href }, [text(next.label)]),
      text(node.value.slice(at + next.label.length)),
    ].filter((part) => part.type !== 'text' || part.value !== '');
    result.children.splice(index, 1, ...parts);
  } else {
    result.children = [element('a', { href }, result.children)];
  }
  return result;
}

/** `file` beside the parts published at `baseUrl` ("https://x.org/parts" means the folder). */
function siblingUrl(baseUrl: string, file: string): string | undefined {
  try {
    return new URL(file, baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`).href;
  } catch {
    return undefined; // not an absolute URL: nothing a reader could follow
  }
}
