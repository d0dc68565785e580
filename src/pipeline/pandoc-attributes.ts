/**
 * Pandoc's attribute blocks, `{#id .class key=value key="a value"}`, as written after a
 * heading (remark-heading-ids.ts) and after a bracketed span (remark-pandoc-spans.ts).
 * Written small: micromark-extension-directive reads the same shape only after a directive's
 * name, and no maintained micromark extension reads Pandoc's.
 */

import { VALID_ID } from './ids.js';

/** One attribute: `#id`, `.class`, `-` (Pandoc's short `.unnumbered`), or `key=value`, the value bare or quoted. */
const ATTRIBUTE = String.raw`(?:#[^\s{}#"'=]+|\.[^\s{}#"'=]+|-|[A-Za-z_][\w:.-]*=(?:"[^"]*"|'[^']*'|[^\s{}"']+))`;
const BLOCK = String.raw`\{[ \t]*(${ATTRIBUTE}(?:[ \t]+${ATTRIBUTE})*)[ \t]*\}`;
const EACH_ATTRIBUTE = new RegExp(ATTRIBUTE, 'gu');

/** A block ending a text, after a space or as all of it; group 2 is what the braces hold. */
export const ATTRIBUTES_AT_END = new RegExp(String.raw`(^|[ \t]+)${BLOCK}[ \t]*$`, 'u');
/** A block opening a text; group 1 is what the braces hold. */
export const ATTRIBUTES_AT_START = new RegExp(String.raw`^${BLOCK}`, 'u');

export interface PandocAttributes {
  id?: string;
  classes: string[];
  /** `key=value` pairs, the value unquoted, in the order written. */
  pairs: Array<[string, string]>;
}

/** What a block's braces hold, read; undefined when it names two ids, which Pandoc reads as text. */
export function readAttributes(inner: string): PandocAttributes | undefined {
  const read: PandocAttributes = { classes: [], pairs: [] };
  for (const attribute of inner.match(EACH_ATTRIBUTE) ?? []) {
    if (attribute.startsWith('#')) {
      if (read.id !== undefined) return undefined;
      read.id = attribute.slice(1);
    } else if (attribute === '-') read.classes.push('unnumbered');
    else if (attribute.startsWith('.')) read.classes.push(attribute.slice(1));
    else {
      const at = attribute.indexOf('=');
      const value = attribute.slice(at + 1);
      read.pairs.push([attribute.slice(0, at), /^(["']).*\1$/s.test(value) ? value.slice(1, -1) : value]);
    }
  }
  return read;
}

/** The block's id where it can be an anchor in every format (ids.ts); undefined otherwise. */
export function anchorIdOf(attributes: PandocAttributes | undefined): string | undefined {
  const id = attributes?.id;
  return id !== undefined && VALID_ID.test(id) ? id : undefined;
}
