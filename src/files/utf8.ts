/**
 * Manuscript text is UTF-8. A file in another encoding (Latin-1, Windows-1252) must be
 * an error at the first byte that is not UTF-8, not text quietly turned into U+FFFD.
 * The platform's decoder does the judging; this module only finds where it fails.
 */
import { isUtf8 } from 'node:buffer';

export type Decoded =
  | { ok: true; text: string }
  | { ok: false; line: number; column: number; byte: number; reason: string };

const BOM = 0xfeff;

export function decodeUtf8(bytes: Uint8Array): Decoded {
  if (isUtf8(bytes)) {
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
    // A byte-order mark is UTF-8 still; dropped so that `---` and YAML keys are found on line 1.
    return { ok: true, text: text.charCodeAt(0) === BOM ? text.slice(1) : text };
  }
  const bad = firstInvalidByte(bytes);
  const lineStart = bytes.lastIndexOf(0x0a, bad - 1) + 1;
  let line = 1;
  for (let i = 0; i < lineStart; i++) if (bytes[i] === 0x0a) line++;
  // Columns count characters, as every other diagnostic does.
  const column = [...new TextDecoder('utf-8').decode(bytes.subarray(lineStart, bad))].length + 1;
  const value = bytes[bad] ?? 0;
  return {
    ok: false,
    line,
    column,
    byte: value,
    reason: `not UTF-8: byte 0x${value.toString(16).padStart(2, '0')} cannot start or continue a UTF-8 character (is the file Latin-1 or Windows-1252? save it as UTF-8)`,
  };
}

/**
 * The offset of the first byte that makes the file invalid: the shortest prefix the
 * strict decoder rejects, found by bisection (a prefix that ends inside a character
 * is not rejected in streaming mode, so only real errors count).
 */
function firstInvalidByte(bytes: Uint8Array): number {
  const rejects = (length: number): boolean => {
    try {
      new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(0, length), { stream: true });
      return false;
    } catch {
      return true;
    }
  };
  let low = 0;
  let high = bytes.length;
  // A file whose only fault is a truncated last character is rejected only when the stream ends.
  if (!rejects(high)) return Math.max(0, lastCharacterStart(bytes));
  while (low + 1 < high) {
    const mid = (low + high) >>> 1;
    if (rejects(mid)) high = mid;
    else low = mid;
  }
  // The decoder notices a broken character at the byte after its lead ("caf\xe9\n" fails
  // at the newline): point at the lead byte, which is the one the author must fix.
  const noticed = high - 1;
  const start = lastCharacterStart(bytes.subarray(0, noticed));
  const lead = bytes[start] ?? 0;
  const expected = lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : lead >= 0xc0 ? 2 : 1;
  return start < noticed && expected > noticed - start ? start : noticed;
}

function lastCharacterStart(bytes: Uint8Array): number {
  let i = bytes.length - 1;
  while (i > 0 && ((bytes[i] ?? 0) & 0xc0) === 0x80) i--;
  return i;
}
