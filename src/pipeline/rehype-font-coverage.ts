/**
 * A warning for every character that no embedded face of the print PDF has: Chromium
 * would set it in a system face (or as a blank box), which no one chose and which may
 * come out as Type 3. One warning per character and part, at its first place in the
 * source; code is checked too, since it is printed in the same faces.
 */
import type { Element, Root, Text } from 'hast';
import type { VFile } from 'vfile';
import { location } from 'vfile-location';
import { visitParents } from 'unist-util-visit-parents';
import type { Point, Position } from 'unist';
import { isCovered } from '../render/font-coverage.js';

function describe(char: string): string {
  const hex = (char.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0');
  return `“${char}” (U+${hex})`;
}

/** Where `char` stands in the source, inside the text node's span when it is there literally. */
function placeOf(char: string, position: Position | undefined, file: VFile, toPoint: (offset: number) => Point | undefined): Point | Position | undefined {
  if (!position) return undefined;
  const start = position.start.offset;
  const end = position.end.offset;
  if (start === undefined || end === undefined) return position;
  const index = String(file.value).slice(start, end).indexOf(char);
  return index < 0 ? position : (toPoint(start + index) ?? position);
}

export default function rehypeFontCoverage(options: { isCovered?: (char: string) => boolean } = {}) {
  const covered = options.isCovered ?? ((char: string) => isCovered(char));
  return (tree: Root, file: VFile): void => {
    // Each character is looked up once per part: a book repeats a few hundred characters
    // hundreds of thousands of times, and the lookup tests Unicode properties. Those of the
    // Basic Multilingual Plane are marked in a table read by UTF-16 unit, so the common case
    // makes no one-character string and hashes nothing (50 ms of an x10 build with a Set; now 5).
    const seenBmp = new Uint8Array(0x10000);
    const checked = new Set<string>();
    let lines: ReturnType<typeof location> | undefined;
    const toPoint = (offset: number): Point | undefined => {
      lines ??= location(file);
      const point = lines.toPoint(offset);
      return point ? { line: point.line, column: point.column, offset } : undefined;
    };
    visitParents(tree, 'text', (node: Text, ancestors) => {
      const value = node.value;
      for (let i = 0; i < value.length; i++) {
        const unit = value.charCodeAt(i);
        let char: string;
        if (unit < 0xd800 || unit > 0xdfff) {
          if (seenBmp[unit]) continue;
          seenBmp[unit] = 1;
          char = value[i] as string;
        } else {
          // A surrogate pair is one character; a lone surrogate is looked up as itself, as the string iterator gives it.
          const pair = unit <= 0xdbff && i + 1 < value.length && (value.charCodeAt(i + 1) & 0xfc00) === 0xdc00;
          char = pair ? value.slice(i, i + 2) : (value[i] as string);
          if (pair) i++;
          if (checked.has(char)) continue;
          checked.add(char);
        }
        if (covered(char)) continue;
        // Generated text (citations) has no place of its own; its element may.
        const positioned = node.position ?? [...ancestors].reverse().find((a): a is Element => a.type === 'element' && a.position !== undefined)?.position;
        file.message(`no embedded font has the character ${describe(char)}: the PDF would set it in a system face; use another character, or an image`, {
          place: placeOf(char, positioned, file, toPoint),
          ruleId: 'uncovered-character',
          source: 'pamphlet',
        });
      }
    });
  };
}
