/**
 * The text of a PDF name or string, whatever its length. pdf-lib's `decodeText` passes
 * every byte or code point to one call (`String.fromCharCode.apply`), which overflows the
 * stack past some 100,000 of them: a 200 KB heading, or an anchor of that length with a
 * link to it, failed the whole build with "Maximum call stack size exceeded". Short
 * values, nearly all of them, still go through pdf-lib, so nothing reads otherwise.
 */
import { pdfDocEncodingDecode, utf16Decode, type PDFHexString, type PDFName, type PDFString } from 'pdf-lib';

/** Far below the arguments a call may take. */
const CHUNK = 8192;

/** A name's bytes, one character each (what PDFName.decodeText gives). */
export function nameText(name: PDFName): string {
  return Buffer.from(name.asBytes()).toString('latin1');
}

/** A text string: UTF-16 after its byte-order mark, else PDFDocEncoding (what decodeText gives). */
export function stringText(value: PDFString | PDFHexString): string {
  const bytes = value.asBytes();
  if (bytes.length <= CHUNK) return value.decodeText();
  const bigEndian = bytes[0] === 0xfe && bytes[1] === 0xff;
  const littleEndian = bytes[0] === 0xff && bytes[1] === 0xfe;
  if (!bigEndian && !littleEndian) {
    let text = '';
    for (let at = 0; at < bytes.length; at += CHUNK) text += pdfDocEncodingDecode(bytes.subarray(at, at + CHUNK));
    return text;
  }
  // Big-endian code units after the mark; a chunk never ends between a surrogate pair's halves.
  const units = bytes.slice(2);
  if (littleEndian) for (let at = 0; at + 1 < units.length; at += 2) [units[at], units[at + 1]] = [units[at + 1]!, units[at]!];
  let text = '';
  for (let at = 0; at < units.length; ) {
    let end = Math.min(units.length, at + CHUNK);
    const high = end < units.length ? ((units[end - 2]! << 8) | units[end - 1]!) : 0;
    if (high >= 0xd800 && high <= 0xdbff) end += 2;
    text += utf16Decode(units.subarray(at, end), false);
    at = end;
  }
  return text;
}
