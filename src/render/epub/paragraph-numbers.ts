/**
 * The ¶ numbers on screen (`paragraph-numbers: true`): "see ¶ 23" in a reading group
 * finds the paragraph the handout and the print PDF number 23. Each numbered paragraph
 * (`id="p23" data-pn="23"`, the anchor links use) starts with its number in small type;
 * the number is hidden from screen readers, which would otherwise read it before every
 * paragraph, while the paragraph keeps its id for links and the page-list.
 */
import type { ElementContent } from 'hast';
import { PARAGRAPH_NUMBER_CLASS } from './page-list.js';
import { elements } from './tree.js';
import { element, text } from './xhtml.js';

export function showParagraphNumbers(nodes: readonly ElementContent[]): void {
  for (const el of elements(nodes)) {
    const number = el.properties.dataPn;
    if (el.tagName !== 'p' || (typeof number !== 'number' && typeof number !== 'string')) continue;
    el.children.unshift(element('span', { className: [PARAGRAPH_NUMBER_CLASS], ariaHidden: 'true' }, [text(String(number))]), text(' '));
  }
}
