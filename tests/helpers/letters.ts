// Letters and figures, counted: how the every-letter tests compare what a reader of the EPUB
// reads with what the PDF prints. Counting letters, not words, reads a word the layout broke
// without a hyphen (`literal` / `Brackets` in a narrow table cell) as whole.
import { readFileSync } from 'node:fs';
import { strFromU8, unzipSync } from 'fflate';
import { fromHtml } from 'hast-util-from-html';
import { toString } from 'hast-util-to-string';

/** How many times each letter or figure occurs. */
export function letters(text: string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const ch of text.toLowerCase()) {
    if (!/[\p{L}\p{N}]/u.test(ch)) continue;
    counts.set(ch, (counts.get(ch) ?? 0) + 1);
  }
  return counts;
}

/** The letters `read` has more of than `printed`, as `ch: how many`. */
export function missingLetters(read: Map<string, number>, printed: Map<string, number>): string[] {
  return [...read].filter(([ch, n]) => (printed.get(ch) ?? 0) < n).map(([ch, n]) => `${ch}: ${n - (printed.get(ch) ?? 0)}`);
}

/** The text of an EPUB's chapters: navigation, cover, title page and colophon left out. */
export function epubChapterText(file: string): string {
  const files = unzipSync(new Uint8Array(readFileSync(file)));
  return Object.entries(files)
    .filter(([name]) => name.endsWith('.xhtml') && !/nav|cover|colophon|titlepage/.test(name))
    .map(([, bytes]) => {
      const html = fromHtml(strFromU8(bytes)).children.find((node) => node.type === 'element' && node.tagName === 'html');
      const body = html?.type === 'element' ? html.children.find((node) => node.type === 'element' && node.tagName === 'body') : undefined;
      return body ? toString(body) : '';
    })
    .join(' ');
}
