import type { Element, ElementContent } from 'hast';
import { toString } from 'hast-util-to-string';

/** A heading's words without its note calls or soft hyphens: "Head", not "Head1", in the contents, the navigation and the id. */
export function headingText(node: Element): string {
  const withoutCalls = (children: ElementContent[]): ElementContent[] =>
    children.flatMap((child): ElementContent[] => {
      if (child.type !== 'element') return [child];
      if (child.properties.dataNote !== undefined) return [];
      return [{ ...child, children: withoutCalls(child.children) }];
    });
  return toString({ ...node, children: withoutCalls(node.children) }).replace(/\u00AD/g, '');
}

/** Whether the element is a heading, and its level. */
export function headingDepth(node: Element): number | undefined {
  const depth = /^h([1-6])$/.exec(node.tagName)?.[1];
  return depth ? Number(depth) : undefined;
}
