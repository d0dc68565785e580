/**
 * A text node of blanks alone: the line ends and indents between tags, around a picture or in a
 * link. mdast's and hast's text nodes alike, for the plugins of both trees and the EPUB's notes.
 */
export function isBlankText(node: { type: string; value?: unknown } | undefined): boolean {
  return node?.type === 'text' && typeof node.value === 'string' && !node.value.trim();
}
