/**
 * A warning for the characters that no embedded face of the print PDF has: Chromium
 * would set them in a system face (or as blank boxes), which no one chose and which may
 * come out as Type 3. One warning per script and part (a quotation in Arabic is one
 * warning, not one per letter), at the first place in the source of its first character;
 * code is checked too, since it is printed in the same faces.
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

/**
 * Scripts a manuscript may quote that no bundled face has, by the names an author knows them by;
 * the engine's own Unicode data decides (a regex property), in this order.
 */
const SCRIPT_NAMES = ['Arabic', 'Hebrew', 'Syriac', 'Thaana', 'Armenian', 'Georgian', 'Ethiopic', 'Thai', 'Lao', 'Khmer', 'Myanmar', 'Tibetan', 'Bengali', 'Gurmukhi', 'Gujarati', 'Oriya', 'Tamil', 'Telugu', 'Kannada', 'Malayalam', 'Sinhala', 'Han', 'Hiragana', 'Katakana', 'Hangul', 'Bopomofo', 'Mongolian', 'Tifinagh', 'Runic', 'Ogham', 'Cherokee', 'Canadian_Aboriginal', 'Yi', 'Vai', 'Nko', 'Coptic', 'Gothic', 'Braille'] as const;
/**
 * A letter's own script; and the scripts a shared mark is used with (the Arabic comma, the
 * ideographic full stop). Made at the first character no face has: its 76 expressions, each a
 * Unicode property set built by ICU, took 4–5 ms of every command that loads the pipeline.
 */
/** MathML's elements that hold text (remark-math.ts), and the TeX annotation. */
const MATHML_TEXT = new Set(['mi', 'mn', 'mo', 'ms', 'mtext', 'annotation']);

let scripts: Array<[string, RegExp, RegExp]> | undefined;

/** The group a character is reported in: its script; a shared mark goes with a script of the part already reported, else its first. */
function scriptOf(char: string, reported: ReadonlyMap<string, unknown>): string {
  const all = (scripts ??= SCRIPT_NAMES.map((name) => [name.replace('_', ' '), new RegExp(`\\p{Script=${name}}`, 'u'), new RegExp(`\\p{Script_Extensions=${name}}`, 'u')]));
  for (const [name, own] of all) if (own.test(char)) return name;
  const shared = all.filter(([, , extended]) => extended.test(char)).map(([name]) => name);
  // Anything else (a symbol, a letter of a rarer script) is named as itself.
  return shared.find((name) => reported.has(name)) ?? shared[0] ?? char;
}

function message(chars: readonly string[], script: string): string {
  if (chars.length === 1) return `no embedded font has the character ${describe(chars[0]!)}: the PDF would set it in a system face; use another character, or an image`;
  const shown = chars.slice(0, 5).map(describe).join(', ');
  const more = chars.length > 5 ? ` and ${chars.length - 5} more` : '';
  return `no embedded font has these ${chars.length} ${script} characters: ${shown}${more}; the PDF would set them in a system face; use other characters, or an image`;
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
    /** The characters found uncovered, by script, in the order met, with the first one's place. */
    const uncovered = new Map<string, { chars: string[]; place: Point | Position | undefined }>();
    let lines: ReturnType<typeof location> | undefined;
    const toPoint = (offset: number): Point | undefined => {
      lines ??= location(file);
      const point = lines.toPoint(offset);
      return point ? { line: point.line, column: point.column, offset } : undefined;
    };
    visitParents(tree, 'text', (node: Text, ancestors) => {
      // A formula's text is set in the math face (fonts.ts), which covers what TeX makes; its TeX annotation is never shown.
      const parent = ancestors[ancestors.length - 1];
      if (parent?.type === 'element' && MATHML_TEXT.has(parent.tagName)) return;
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
        const script = scriptOf(char, uncovered);
        const known = uncovered.get(script);
        if (known) {
          known.chars.push(char);
          continue;
        }
        // Generated text (citations) has no place of its own; its element may.
        const positioned = node.position ?? [...ancestors].reverse().find((a): a is Element => a.type === 'element' && a.position !== undefined)?.position;
        uncovered.set(script, { chars: [char], place: placeOf(char, positioned, file, toPoint) });
      }
    });
    for (const [script, { chars, place }] of uncovered) {
      file.message(message(chars, script), { place, ruleId: 'uncovered-character', source: 'pamphlet' });
    }
  };
}
