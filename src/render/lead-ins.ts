/**
 * A paragraph that ends in a colon and is followed by a quotation leads into it ("…, as
 * Trotsky recalls:"): the quotation gets the class `after-lead-in`, whose
 * `break-before: avoid` (print.css) the page-break rules (src/browser/paged-rules.ts)
 * keep by taking the lead-in's last lines along to the quotation's page, so the colon
 * is never left at the foot of the page before it. Print-only and pure.
 */
import type { Element, ElementContent, Root } from 'hast';

export const AFTER_LEAD_IN = 'after-lead-in';

const classes = (el: Element): string[] => {
  const value = el.properties['className'];
  return Array.isArray(value) ? value.map(String) : [];
};

/** The paragraph's own text: a note set in it (span.footnote, moved to the page foot) is not. */
function ownText(node: Element): string {
  let text = '';
  for (const child of node.children) {
    if (child.type === 'text') text += child.value;
    else if (child.type === 'element' && !classes(child).includes('footnote')) text += ownText(child);
  }
  return text;
}

const isQuotation = (el: Element): boolean => {
  return el.tagName === 'blockquote' || (el.tagName === 'figure' && classes(el).includes('quote'));
};

/** Mutates `tree`: every quotation led into by a paragraph ending in a colon is marked. */
export function markLeadIns(tree: Root | Element): void {
  let previous: Element | null = null;
  for (const child of tree.children as ElementContent[]) {
    if (child.type === 'text' && child.value.trim() === '') continue;
    if (child.type !== 'element') {
      previous = null;
      continue;
    }
    if (previous && previous.tagName === 'p' && isQuotation(child) && /:\s*$/.test(ownText(previous))) {
      child.properties['className'] = [...classes(child), AFTER_LEAD_IN];
    }
    markLeadIns(child);
    previous = child;
  }
}
