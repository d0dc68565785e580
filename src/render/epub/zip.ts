/**
 * The OCF container as a reproducible zip: `mimetype` first and stored, the
 * other files in the order given, every entry stamped with the book's
 * modification time instead of the clock. Files whose format is compressed
 * already (JPEG, WebP, WOFF, WOFF2) are stored as they are: deflate finds
 * nothing left to take out of them (a 3.6 MB photograph: 0.1 % smaller) and
 * spent some 70 ms per MB of the build's own thread trying.
 *
 * adm-zip deflates with Node's zlib (C), where fflate's `zipSync` deflated in
 * JavaScript: the x10 text took 100–115 ms of a cold build's thread in fflate,
 * 27 ms in zlib, and comes out 2.5 % smaller (docs/speed.md).
 */
import AdmZip from 'adm-zip';

export interface PackageFile {
  /** Path inside the container, e.g. "OEBPS/package.opf". */
  path: string;
  data: Uint8Array | string;
}

/**
 * PNG (deflate inside, but often with weak settings: the generated cover shrinks by 15 %)
 * and GIF (LZW) are deflated again; these gain nothing.
 */
const ALREADY_COMPRESSED = /\.(?:jpe?g|webp|woff2?)$/i;

/** APPNOTE 4.4.5: the two methods an EPUB reader must read. */
const STORED = 0;
const DEFLATED = 8;

export function zipEpub(files: readonly PackageFile[], modified: string): Uint8Array {
  const timeval = dosTimestamp(modified);
  // In the order given: adm-zip sorts its entries by name unless told not to.
  const zip = new AdmZip({ noSort: true });
  const add = (path: string, data: Uint8Array | string, method: number): void => {
    const entry = zip.addFile(path, typeof data === 'string' ? Buffer.from(data, 'utf8') : Buffer.from(data.buffer, data.byteOffset, data.byteLength));
    entry.header.timeval = timeval;
    // After addFile, which marks every non-empty file deflated; an empty one stays stored
    // (an empty deflate stream is not empty, and adm-zip would write none).
    entry.header.method = data.length === 0 ? STORED : method;
  };
  // The OCF spec: first entry, uncompressed, no extra field, so readers can sniff it.
  add('mimetype', 'application/epub+zip', STORED);
  const seen = new Set(['mimetype']);
  for (const file of files) {
    if (seen.has(file.path)) throw new Error(`EPUB: ${file.path} is packaged twice`);
    seen.add(file.path);
    add(file.path, file.data, ALREADY_COMPRESSED.test(file.path) ? STORED : DEFLATED);
  }
  const bytes = zip.toBuffer();
  return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/**
 * The book's modification time as a zip's DOS date and time (APPNOTE 4.4.6), read as UTC,
 * so that the bytes never depend on the builder's time zone. Written here, not by adm-zip,
 * whose `header.time` reads the local clock fields and writes 0 for any year after 2043 (a
 * signed shift). Zip dates cannot precede 1980 (SOURCE_DATE_EPOCH=0 is common) nor pass
 * 2107, so times outside 1980–2099 are clamped to noon of the first or last day.
 */
function dosTimestamp(modified: string): number {
  const parsed = Date.parse(modified);
  const floor = Date.UTC(1980, 0, 1, 12, 0, 0);
  const ceiling = Date.UTC(2099, 11, 31, 12, 0, 0);
  const utc = new Date(Number.isNaN(parsed) ? floor : Math.min(Math.max(parsed, floor), ceiling));
  const date = ((utc.getUTCFullYear() - 1980) << 9) | ((utc.getUTCMonth() + 1) << 5) | utc.getUTCDate();
  const time = (utc.getUTCHours() << 11) | (utc.getUTCMinutes() << 5) | (utc.getUTCSeconds() >> 1);
  return (date * 0x10000 + time) >>> 0;
}
