/** Small queries over hast shared by the EPUB modules. */
import type { Element, ElementContent, Nodes, Root } from 'hast';

export function isElement(node: Nodes | undefined, tagName?: string): node is Element {
  return node !== undefined && node.type === 'element' && (tagName === undefined || node.tagName === tagName);
}

export function hasClass(node: Element, name: string): boolean {
  // Typed as string[], but hand-built trees sometimes carry a plain string.
  const value: unknown = node.properties.className;
  return Array.isArray(value) ? value.includes(name) : typeof value === 'string' && value.split(/\s+/).includes(name);
}

/**
 * Every element under `nodes`, depth-first in document order. A stack of its own rather than
 * a generator per level: each element of a recursive `yield*` is passed up through every level
 * above it. An element's children are read once it has been yielded, as before.
 */
export function* elements(nodes: readonly Nodes[]): Generator<Element> {
  const stack: Array<{ list: readonly Nodes[]; next: number }> = [{ list: nodes, next: 0 }];
  while (stack.length > 0) {
    const top = stack[stack.length - 1]!;
    if (top.next >= top.list.length) {
      stack.pop();
      continue;
    }
    const node = top.list[top.next++]!;
    if (node.type === 'element') yield node;
    if (node.type === 'element' || node.type === 'root') stack.push({ list: node.children, next: 0 });
  }
}

/** Deep copy, so renderers never change the shared PartDocument. */
export function clone<T extends Root | ElementContent | ElementContent[]>(value: T): T {
  return structuredClone(value);
}

/** Every id used under `nodes`. */
export function idsIn(nodes: readonly Nodes[]): Set<string> {
  const ids = new Set<string>();
  for (const el of elements(nodes)) {
    const id = el.properties.id;
    if (typeof id === 'string') ids.add(id);
  }
  return ids;
}

/** `base`, or `base-2`, `base-3`… whichever is not yet taken; marks it taken. */
export function uniqueId(base: string, taken: Set<string>): string {
  let id = base;
  for (let n = 2; taken.has(id); n++) id = `${base}-${n}`;
  taken.add(id);
  return id;
}

