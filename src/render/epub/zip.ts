/**
 * The OCF container as a reproducible zip: `mimetype` first and stored, the
 * other files in the order given, every entry stamped with the book's
 * modification time instead of the clock. Files whose format is compressed
 * already (JPEG, WebP, WOFF, WOFF2) are stored as they are: deflate finds
 * nothing left to take out of them (a 3.6 MB photograph: 0.1 % smaller) and
 * spent some 70 ms per MB of the build's own thread trying.
 */
import { strToU8, zipSync, type Zippable } from 'fflate';

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

export function zipEpub(files: readonly PackageFile[], modified: string): Uint8Array {
  const mtime = zipTimestamp(modified);
  const entries: Zippable = {
    // The OCF spec: first entry, uncompressed, no extra field, so readers can sniff it.
    mimetype: [strToU8('application/epub+zip'), { level: 0, mtime }],
  };
  for (const file of files) {
    if (file.path in entries) throw new Error(`EPUB: ${file.path} is packaged twice`);
    const data = typeof file.data === 'string' ? strToU8(file.data) : file.data;
    entries[file.path] = [data, { level: ALREADY_COMPRESSED.test(file.path) ? 0 : 9, mtime }];
  }
  return zipSync(entries);
}

/**
 * A Date whose *local* fields read as the UTC time of `modified`: fflate
 * writes DOS timestamps from local-time getters, so without this the bytes
 * would depend on the builder's time zone. Zip dates cannot precede 1980
 * (SOURCE_DATE_EPOCH=0 is common), so earlier times are clamped.
 */
export function zipTimestamp(modified: string): Date {
  const parsed = Date.parse(modified);
  const floor = Date.UTC(1980, 0, 1, 12, 0, 0);
  const ceiling = Date.UTC(2099, 11, 31, 12, 0, 0);
  const utc = new Date(Number.isNaN(parsed) ? floor : Math.min(Math.max(parsed, floor), ceiling));
  const local = new Date(
    utc.getUTCFullYear(),
    utc.getUTCMonth(),
    utc.getUTCDate(),
    utc.getUTCHours(),
    utc.getUTCMinutes(),
    utc.getUTCSeconds(),
  );
  if (local.getHours() === utc.getUTCHours() && local.getDate() === utc.getUTCDate()) return local;
  // That wall-clock time does not exist here (a daylight-saving gap); noon always does.
  return new Date(utc.getUTCFullYear(), utc.getUTCMonth(), utc.getUTCDate(), 12, 0, 0);
}
