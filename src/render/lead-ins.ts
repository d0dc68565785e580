/**
 * A paragraph that leads into the block after it is never left at the foot of the page
 * before that block:
 * - one that ends in a colon ("…, as Trotsky recalls:", "Install it with npm:") before a
 *   quotation, a code block, a list, a table or a paragraph, and a list whose last item
 *   does: the block gets the class `after-lead-in`;
 * - one set wholly in bold (`**Examples**`), which authors write as a heading of its own, and
 *   a code block's title (`p.code-title`, the file the code is): the block gets `after-bold-line`.
 * Both classes' `break-before: avoid` (print.css) the page-break rules
 * (src/browser/paged-rules.ts) keep by taking the paragraph's last lines along to the
 * block's page. They differ in the gap between the two, which may grow to fill a page
 * after a lead-in but not under a bold line, as under a heading
 * (src/browser/vertical-justify.ts). Print-only and pure.
 *
 * Code blocks and lists were left out at first: 21 colons ended a page, away from what
 * they introduced, in five READMEs of our dependencies (tests/print-blocks.test.ts).
 */
import type { Element, ElementContent, Root } from 'hast';

export const AFTER_LEAD_IN = 'after-lead-in';
export const AFTER_BOLD_LINE = 'after-bold-line';

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

const endsInColon = (el: Element): boolean => /:\s*$/.test(ownText(el));

/** A paragraph all in bold: `**Examples**` standing alone, a heading in all but name. */
function isBoldLine(p: Element): boolean {
  const significant = p.children.filter((c) => !(c.type === 'text' && c.value.trim() === ''));
  const only = significant[0];
  return significant.length === 1 && only?.type === 'element' && (only.tagName === 'strong' || only.tagName === 'b') && ownText(only).trim() !== '';
}

/** The class the block after `el` gets, if `el` leads into it. */
function leadInClass(el: Element): string | undefined {
  if (el.tagName === 'p') {
    // A code block's title (remark-code-meta.ts) belongs to its code, as a bold line to what it heads.
    if (classes(el).includes('code-title')) return AFTER_BOLD_LINE;
    if (endsInColon(el)) return AFTER_LEAD_IN;
    return isBoldLine(el) ? AFTER_BOLD_LINE : undefined;
  }
  // A list whose last item leads into what follows the list ("- `global`: … where a different set of file names is checked:").
  if (el.tagName === 'ul' || el.tagName === 'ol') {
    const last = el.children.filter((c): c is Element => c.type === 'element' && c.tagName === 'li').at(-1);
    return last && endsInColon(last) ? AFTER_LEAD_IN : undefined;
  }
  return undefined;
}

/** What a lead-in may introduce. Not a heading, nor a picture: a figure that does not fit floats to the next page, and the text fills the page it left. */
const LED_INTO = new Set(['p', 'blockquote', 'pre', 'ul', 'ol', 'dl', 'table']);
const isLedInto = (el: Element): boolean => LED_INTO.has(el.tagName) || (el.tagName === 'figure' && classes(el).includes('quote'));

/** Mutates `tree`: every block led into by the paragraph before it is marked. */
export function markLeadIns(tree: Root | Element): void {
  let previous: Element | null = null;
  for (const child of tree.children as ElementContent[]) {
    if (child.type === 'text' && child.value.trim() === '') continue;
    if (child.type !== 'element') {
      previous = null;
      continue;
    }
    const led = previous && isLedInto(child) ? leadInClass(previous) : undefined;
    if (led) child.properties['className'] = [...classes(child), led];
    markLeadIns(child);
    previous = child;
  }
}
