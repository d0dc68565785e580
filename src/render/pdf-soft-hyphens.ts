/**
 * Soft hyphens out of the PDF's text layer. Chromium draws every U+00AD of the
 * hyphenated text as an invisible glyph wrapped in `/Span <</ActualText <FEFF00AD>>>`,
 * so copying "revolution" out of the PDF gives "rev\u00ADo\u00ADlu\u00ADtion" and
 * searching for the word can fail. The visible hyphen at a line end is a glyph of its
 * own, so dropping these spans changes nothing on the page.
 */
import { promisify } from 'node:util';
import { deflate, inflateSync } from 'node:zlib';
import { decodePDFRawStream, PDFArray, PDFDocument, PDFName, PDFRawStream, PDFRef } from 'pdf-lib';

const SHY_UNIT = '00ad';
const ACTUAL_TEXT = Buffer.from('/ActualText', 'latin1');
const deflateAsync = promisify(deflate);

// The span as Skia writes it: positioning and one glyph inside, nothing nested.
const ACTUAL_TEXT_SPAN = /\/Span\s*<<\s*\/ActualText\s*<([0-9A-Fa-f]+)>\s*>>\s*BDC([^]*?)EMC/g;
// Operators that paint glyphs; Skia writes hex strings, so no ")" can hide in them.
const SHOW_TEXT = /(<[0-9A-Fa-f\s]*>|\[[^\]]*\])\s*(Tj|TJ)|<[0-9A-Fa-f\s]*>\s*['"]/g;

/** UTF-16BE hex (with its FEFF mark) without any U+00AD. */
function withoutShy(hex: string): string {
  const units = hex.toLowerCase().match(/.{4}/g) ?? [];
  return units.filter((unit) => unit !== SHY_UNIT).join('');
}

/**
 * Content-stream text with every soft hyphen taken out of ActualText spans; a span
 * that stood for nothing else loses its (zero-width) glyph and its markers too.
 * Skia places each glyph with its own Td from the line start, so no later glyph moves.
 */
export function stripSoftHyphenSpans(content: string): string {
  return content.replace(ACTUAL_TEXT_SPAN, (span: string, hex: string, inner: string) => {
    if (!hex.toLowerCase().match(/.{4}/g)?.includes(SHY_UNIT)) return span;
    const rest = withoutShy(hex);
    if (rest === '' || rest === 'feff') return inner.replace(SHOW_TEXT, '');
    return `/Span<</ActualText <${rest}> >> BDC${inner}EMC`;
  });
}

function contentStreamRefs(pdf: PDFDocument): PDFRef[] {
  const refs: PDFRef[] = [];
  for (const page of pdf.getPages()) {
    // The entry itself, not what it points to: the streams are replaced by reference.
    const contents = page.node.get(PDFName.of('Contents'));
    if (contents instanceof PDFRef) refs.push(contents);
    else if (contents instanceof PDFArray) {
      for (let i = 0; i < contents.size(); i++) {
        const item = contents.get(i);
        if (item instanceof PDFRef) refs.push(item);
      }
    }
  }
  return refs;
}

/** The stream's bytes; Chromium's content streams are plain FlateDecode, which zlib reads fast. */
function inflate(stream: PDFRawStream): Uint8Array {
  const filter = stream.dict.get(PDFName.of('Filter'));
  if (filter === PDFName.of('FlateDecode') && !stream.dict.has(PDFName.of('DecodeParms'))) return inflateSync(stream.contents);
  return decodePDFRawStream(stream).decode();
}

/** Rewrites each page's content streams in place (same object numbers). */
export async function removeSoftHyphens(pdf: PDFDocument): Promise<void> {
  const pending: Array<Promise<void>> = [];
  for (const ref of contentStreamRefs(pdf)) {
    const stream = pdf.context.lookup(ref);
    if (!(stream instanceof PDFRawStream)) continue;
    const bytes = Buffer.from(inflate(stream));
    // Searched in the bytes, not decoded: most pages have no span left to clean (the print
    // page takes out the soft hyphens no line broke at, src/browser/page-break-text.ts).
    if (!bytes.includes(ACTUAL_TEXT)) continue;
    // latin1 keeps every byte as one char, so binary bytes survive the round trip.
    const text = bytes.toString('latin1');
    const cleaned = stripSoftHyphenSpans(text);
    if (cleaned === text) continue;
    // Node's zlib off the main thread: the streams of a long part compress on all cores
    // while the next page's text is cleaned.
    pending.push(
      deflateAsync(Buffer.from(cleaned, 'latin1')).then((bytes) => {
        pdf.context.assign(ref, pdf.context.stream(bytes, { Filter: 'FlateDecode' }));
      }),
    );
  }
  await Promise.all(pending);
}
