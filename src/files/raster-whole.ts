/**
 * Whether a PNG, JPEG or GIF file is whole: what makes a reader's decoder show a broken
 * image, or half of one, found before the build rather than by a reader.
 *
 * image-size reads a file's header only, so a file cut short by an interrupted download or
 * copy, or damaged on the way, passed `check` and printed as nothing (2026-12-04: a PNG cut
 * at byte 60, and one whose compressed data was garbled, both built without a word). The
 * decoders on npm either tolerate exactly these damages, as browsers do for JPEG (the Rust
 * `image` crate through @napi-rs/image decoded a JPEG missing its last 200 KB "ok"), or
 * hold every pixel in memory (pngjs, jpeg-js: 400 MB for a 100-megapixel image `check`
 * would otherwise never decode). So this walks each format's structure, small, and leaves
 * the compressed data to zlib: a PNG's chunks with their checksums, its header's values and
 * its image data inflated and measured, as libpng does before it draws; a JPEG's markers to
 * its end marker, with the frame, Huffman tables and scan headers libjpeg-turbo checks; a
 * GIF's blocks to its last image. Damage inside a JPEG's compressed picture data is not
 * looked for: only decoding every pixel finds it. tests/damaged-images.test.ts holds the
 * verdicts to Chromium's own decoders on 1,650 corpus files and their halves.
 */
import { constants, crc32, inflateRawSync } from 'node:zlib';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/** image-size's names of the raster types a manuscript may use. */
export type RasterType = 'png' | 'jpg' | 'gif';

/** What is wrong with the file, in words for its author, or undefined when it is whole. */
export function rasterProblem(bytes: Uint8Array, type: RasterType): string | undefined {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (type === 'png') return pngProblem(buffer);
  if (type === 'jpg') return jpegProblem(buffer);
  return gifProblem(buffer);
}

const CUT_SHORT = 'is cut short (an interrupted download or copy?): copy the file again from where it came';

/** Whether a reason of `rasterProblem` is that the file ends too soon. */
export function isCutShort(reason: string): boolean {
  return reason.endsWith(CUT_SHORT);
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** Bit depths the PNG specification allows for each colour type. */
const PNG_DEPTHS: Readonly<Record<number, readonly number[]>> = { 0: [1, 2, 4, 8, 16], 2: [8, 16], 3: [1, 2, 4, 8], 4: [8, 16], 6: [8, 16] };
const PNG_CHANNELS: Readonly<Record<number, number>> = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 };

function pngProblem(file: Buffer): string | undefined {
  if (file.length < 8 || !file.subarray(0, 8).equals(PNG_SIGNATURE)) {
    return 'is a damaged PNG image: its first eight bytes are not the PNG signature (a transfer in text mode changes them)';
  }
  let header: { width: number; height: number; depth: number; colour: number; interlaced: boolean } | undefined;
  let palette = false;
  const data: Buffer[] = [];
  let idatRun: 'before' | 'in' | 'after' = 'before';
  let ended = false;
  /** The walk stopped at a chunk cut short or garbled, after image data. */
  let cut = false;
  let pos = 8;
  while (pos < file.length) {
    const problem = chunkProblem(file, pos);
    if (problem) {
      // A decoder draws the rows it has: a file cut or garbled after its image data, or inside
      // it, shows whole if they are all there (image-png's fuzz corpus), as judged below.
      if (header && idatRun !== 'after' && pos + 12 <= file.length && file.toString('latin1', pos + 4, pos + 8) === 'IDAT') data.push(file.subarray(pos + 8));
      if (data.length) {
        cut = true;
        break;
      }
      return problem;
    }
    const length = file.readUInt32BE(pos);
    const type = file.toString('latin1', pos + 4, pos + 8);
    const body = file.subarray(pos + 8, pos + 8 + length);
    // A damaged optional chunk is skipped by decoders, a damaged header or palette stops them.
    // Image data is judged by what it inflates to, as Chromium does: it draws an IDAT whose
    // checksum fails but whose data is whole (PngSuite's xcsn0g01).
    const critical = type.charCodeAt(0) < 0x61 && type !== 'IDAT';
    if (critical && crc32(file.subarray(pos + 4, pos + 8 + length)) !== file.readUInt32BE(pos + 8 + length)) {
      return `is a damaged PNG image: its ${type} chunk (at byte ${pos}) fails its checksum, so readers show no picture: copy the file again from where it came`;
    }
    if (!header) {
      if (type === 'CgBI') return 'is an Apple-optimized PNG (taken from an iPhone app), which only Apple\'s software can show: open it and save it again as a standard PNG';
      if (type !== 'IHDR' || length !== 13) return 'is a damaged PNG image: it does not begin with its header chunk (IHDR)';
      header = { width: body.readUInt32BE(0), height: body.readUInt32BE(4), depth: body[8] as number, colour: body[9] as number, interlaced: body[12] === 1 };
      if (!PNG_DEPTHS[header.colour]?.includes(header.depth)) return `is a damaged PNG image: its header gives colour type ${header.colour} with bit depth ${header.depth}, which no PNG has`;
      if (body[10] !== 0 || body[11] !== 0 || (body[12] !== 0 && body[12] !== 1)) return 'is a damaged PNG image: its header names a compression, filter or interlace method PNG does not have';
    } else if (type === 'IHDR') {
      return 'is a damaged PNG image: it has two headers (IHDR chunks)';
    } else if (type === 'PLTE') {
      palette = true;
    } else if (type === 'IDAT') {
      // Decoders read the first run of IDAT chunks: Chromium draws nothing of data split by
      // another chunk (image-png's x_consecutive_idat), which then falls short below.
      if (idatRun !== 'after') {
        idatRun = 'in';
        data.push(body);
      }
    } else if (idatRun === 'in') {
      idatRun = 'after';
    } else if (type === 'IEND') {
      ended = true;
      break;
    }
    pos += 12 + length;
  }
  if (!header) return `is a damaged PNG image: it ${CUT_SHORT}`;
  if (header.colour === 3 && !palette) return 'is a damaged PNG image: it has no palette (PLTE), which its colour type needs';
  if (!data.length) return ended ? 'is a damaged PNG image: it holds no image data (IDAT)' : `is a damaged PNG image: it ${CUT_SHORT}`;
  const problem = imageDataProblem(Buffer.concat(data), header);
  return problem && cut ? `is a damaged PNG image: it ${CUT_SHORT}` : problem;
}

/** What is wrong with the frame of the chunk at `pos`: cut short, or not a chunk. */
function chunkProblem(file: Buffer, pos: number): string | undefined {
  if (pos + 12 > file.length) return `is a damaged PNG image: it ${CUT_SHORT}`;
  const length = file.readUInt32BE(pos);
  if (length > 0x7fffffff || !/^[A-Za-z]{4}$/.test(file.toString('latin1', pos + 4, pos + 8))) return `is a damaged PNG image: its content is garbled at byte ${pos}`;
  return pos + 12 + length > file.length ? `is a damaged PNG image: it ${CUT_SHORT}` : undefined;
}

/** The rows a PNG's inflated data must hold, pass by pass: each row's byte count, filter byte included. */
function pngRows(width: number, height: number, bitsPerPixel: number, interlaced: boolean): { rows: number; rowBytes: number }[] {
  const rowBytes = (w: number) => 1 + Math.ceil((w * bitsPerPixel) / 8);
  if (!interlaced) return [{ rows: height, rowBytes: rowBytes(width) }];
  // Adam7: each pass's first column and row, and its steps.
  const passes = [[0, 0, 8, 8], [4, 0, 8, 8], [0, 4, 4, 8], [2, 0, 4, 4], [0, 2, 2, 4], [1, 0, 2, 2], [0, 1, 1, 2]] as const;
  return passes
    .map(([x0, y0, dx, dy]) => ({ w: Math.ceil((width - x0) / dx), h: Math.ceil((height - y0) / dy) }))
    .filter(({ w, h }) => w > 0 && h > 0)
    .map(({ w, h }) => ({ rows: h, rowBytes: rowBytes(w) }));
}

/** Past this many inflated bytes, image data is inflated piece by piece: memory stays small, at half zlib's speed. */
const WHOLE_INFLATE_BYTES = 64 * 1024 * 1024;

function imageDataProblem(compressed: Buffer, header: { width: number; height: number; depth: number; colour: number; interlaced: boolean }): string | undefined {
  const passes = pngRows(header.width, header.height, header.depth * (PNG_CHANNELS[header.colour] as number), header.interlaced);
  const expected = passes.reduce((sum, pass) => sum + pass.rows * pass.rowBytes, 0);
  // The zlib stream's two-byte header, then its deflate data, inflated raw: Chromium draws
  // data whose closing checksum is wrong (image-png's fuzz corpus), and so does this.
  const cmf = compressed[0] ?? 0;
  const flg = compressed[1] ?? 0;
  if ((cmf & 0x0f) !== 8 || ((cmf << 8) | flg) % 31 !== 0 || flg & 0x20) return 'is a damaged PNG image: its image data does not begin as compressed data does';
  const rows = new RowFilters(passes);
  try {
    if (expected <= WHOLE_INFLATE_BYTES) {
      // At most the bytes the header promises (more is data a decoder ignores); a stream cut
      // short after the last row still draws whole (Z_SYNC_FLUSH: no error for its lost end).
      rows.take(inflateRawSync(compressed.subarray(2), { maxOutputLength: Math.max(1, expected), finishFlush: constants.Z_SYNC_FLUSH }));
    } else {
      const { Inflate } = fflate();
      const inflate = new Inflate((chunk) => {
        rows.take(chunk);
        if (rows.seen >= expected) throw ENOUGH;
      });
      inflate.push(compressed.subarray(2), false);
    }
  } catch (cause) {
    // More data than its rows need: a decoder draws them and ignores the rest.
    if ((cause as { code?: unknown }).code === 'ERR_BUFFER_TOO_LARGE') return undefined;
    if (cause !== ENOUGH) {
      return `is a damaged PNG image: its compressed image data cannot be read (${(cause as Error).message}), so readers show no picture: copy the file again from where it came`;
    }
  }
  if (rows.badFilter) return 'is a damaged PNG image: its image data is garbled (a row names a filter PNG does not have)';
  if (rows.seen < expected) return `is a damaged PNG image: it holds ${rows.seen.toLocaleString('en')} bytes of image data where its size needs ${expected.toLocaleString('en')}, so readers show part of the picture or none`;
  return undefined;
}

/**
 * fflate, loaded only for the rare picture too big to inflate whole: loading it builds its
 * Huffman tables, 3–6 ms of every build's start when it was bundled and loaded with this module.
 */
function fflate(): typeof import('fflate') {
  return require('fflate') as typeof import('fflate');
}

/** Thrown to stop inflating once every row is in. */
const ENOUGH = Symbol('enough');

/** Reads inflated image data as it comes, checking the filter byte that begins each row (0–4). */
class RowFilters {
  seen = 0;
  badFilter = false;
  private pass = 0;
  private row = 0;
  private next = 0;
  constructor(private readonly passes: readonly { rows: number; rowBytes: number }[]) {}

  take(chunk: Uint8Array): void {
    const end = this.seen + chunk.length;
    while (!this.badFilter && this.pass < this.passes.length && this.next < end) {
      const pass = this.passes[this.pass] as { rows: number; rowBytes: number };
      if ((chunk[this.next - this.seen] as number) > 4) this.badFilter = true;
      this.next += pass.rowBytes;
      if (++this.row === pass.rows) {
        this.pass++;
        this.row = 0;
      }
    }
    this.seen = end;
  }
}

/** JPEG markers that stand alone, without a length: TEM, RST0–7. */
const isStandalone = (marker: number): boolean => marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7);
/** Start-of-frame markers: C0–CF but DHT (C4), JPG (C8) and DAC (CC). */
const isFrame = (marker: number): boolean => marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;

/**
 * Frame kinds browsers' libjpeg-turbo does not draw: lossless and hierarchical JPEG (Chromium
 * fails on jpeg-decoder's lossless files, and draws arithmetic-coded ones, SOF9 and SOF10).
 */
const UNDRAWN_FRAMES: Readonly<Record<number, string>> = {
  0xc3: 'lossless', 0xcb: 'lossless', 0xc5: 'hierarchical', 0xc6: 'hierarchical', 0xc7: 'hierarchical', 0xcd: 'hierarchical', 0xce: 'hierarchical', 0xcf: 'hierarchical',
};

/** Markers whose segments libjpeg reads for their content: a length under 2 there stops it. */
const READ_SEGMENTS = new Set([0xc4, 0xcc, 0xda, 0xdb, 0xdd]);

/**
 * A JPEG's picture size as its frame header gives it, read as libjpeg reads (stray bytes
 * between segments skipped), for files whose header image-size cannot read though browsers
 * draw them (40 of jpeg-decoder's fuzzed and test-suite files).
 */
export function jpegFrameSize(bytes: Uint8Array): { width: number; height: number } | undefined {
  const walk = walkJpeg(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  return walk.size;
}

function jpegProblem(file: Buffer): string | undefined {
  return walkJpeg(file).problem;
}

function walkJpeg(file: Buffer): { problem?: string; size?: { width: number; height: number } } {
  let size: { width: number; height: number } | undefined;
  const result = (problem: string | undefined) => ({ ...(problem ? { problem } : {}), ...(size ? { size } : {}) });
  if (file.length < 4 || file[0] !== 0xff || file[1] !== 0xd8) return result('is a damaged JPEG image: it does not begin with a JPEG start marker');
  /** A sequential picture whose every component has been scanned. */
  let drawn = false;
  const damaged = (what: string, garbled = true) => result(drawn && garbled ? undefined : `is a damaged JPEG image: ${what}`);
  /** The frame's components: id → quantization table; undefined before the frame header. */
  let frame: Map<number, number> | undefined;
  let progressive = false;
  let scans = 0;
  /** Components whose scans have ended. */
  const scanned = new Set<number>();
  const quantTables = new Set<number>();
  let pos = 2;
  while (pos < file.length) {
    // Between segments decoders skip stray bytes and fill bytes (0xFF) to the next marker.
    const next = file.indexOf(0xff, pos);
    if (next < 0) break;
    pos = next;
    while (file[pos] === 0xff) pos++;
    if (pos >= file.length) break;
    const marker = file[pos] as number;
    pos++;
    if (marker === 0x00 || isStandalone(marker) || marker === 0xd8) continue;
    if (marker === 0xd9) return scans ? result(undefined) : damaged('it ends before any picture data');
    if (pos + 2 > file.length) break;
    let length = file.readUInt16BE(pos);
    if (length < 2) {
      // After a scan the picture is there to draw, and Chromium draws it (imagetestsuite's 8e5e74…);
      // a skipped segment's short length skips nothing (libjpeg's skip_variable; imagetestsuite's a7326b…).
      if (scans) return result(undefined);
      if (READ_SEGMENTS.has(marker) || isFrame(marker)) return damaged(`its content is garbled at byte ${pos}`);
      length = 2;
    }
    if (pos + length > file.length) break;
    const segment = file.subarray(pos + 2, pos + length);
    pos += length;
    if (marker === 0xc4) {
      const problem = huffmanProblem(segment);
      if (problem) return damaged(problem);
    } else if (marker === 0xdb) {
      // Quantization tables: a byte of precision and id, then 64 values of 8 or 16 bits.
      for (let at = 0; at < segment.length; ) {
        const pq = (segment[at] as number) >> 4;
        quantTables.add((segment[at] as number) & 15);
        at += 1 + 64 * (pq ? 2 : 1);
      }
    } else if (isFrame(marker)) {
      // A second frame header is one more picture decoders never reach (imagetestsuite's 2c9e7a…).
      if (frame) continue;
      const kind = UNDRAWN_FRAMES[marker];
      if (kind) return result(`is a ${kind} JPEG, a kind browsers and e-readers do not show: save it again as an ordinary (baseline or progressive) JPEG`);
      if (segment[0] !== 8) return result(`is a ${segment[0]}-bit JPEG, which browsers and e-readers do not show: save it again as an ordinary 8-bit JPEG`);
      if (segment.length >= 5) size = { width: segment.readUInt16BE(3), height: segment.readUInt16BE(1) };
      const count = segment[5] ?? 0;
      if (count < 1 || count > 4 || segment.length !== 6 + 3 * count) return damaged('its frame header is garbled');
      frame = new Map();
      for (let c = 0; c < count; c++) {
        const sampling = segment[7 + 3 * c] as number;
        const table = segment[8 + 3 * c] as number;
        if (sampling >> 4 < 1 || sampling >> 4 > 4 || (sampling & 15) < 1 || (sampling & 15) > 4 || table > 3) return damaged('its frame header is garbled');
        frame.set(segment[6 + 3 * c] as number, table);
      }
      progressive = marker === 0xc2 || marker === 0xca;
    } else if (marker === 0xda) {
      const problem = scanProblem(segment, frame, progressive, quantTables);
      if (problem) return damaged(problem);
      scans++;
      for (let c = 0; c < (segment[0] ?? 0); c++) scanned.add(segment[1 + 2 * c] as number);
      // The scan's coded data runs to the next marker that is not a stuffed 0xFF00 or a restart.
      for (;;) {
        const ff = file.indexOf(0xff, pos);
        if (ff < 0 || ff + 1 >= file.length) return damaged(`it ${CUT_SHORT}`, false);
        const after = file[ff + 1] as number;
        if (after === 0x00 || after === 0xff || (after >= 0xd0 && after <= 0xd7)) {
          pos = ff + 1;
          continue;
        }
        pos = ff;
        break;
      }
      // A sequential picture is whole once each component's scan has ended: Chromium draws it
      // and reads no further, so tables garbled after it do not matter (imagetestsuite's f006e9…).
      drawn = !progressive && frame !== undefined && [...frame.keys()].every((id) => scanned.has(id));
    }
  }
  return damaged(`it ends without its end marker: it ${CUT_SHORT}`, false);
}

/** What libjpeg-turbo refuses in Huffman tables (jpeg_make_d_derived_tbl): more codes than their lengths hold. */
function huffmanProblem(segment: Buffer): string | undefined {
  for (let at = 0; at < segment.length; ) {
    const id = segment[at] as number;
    if (id >> 4 > 1 || (id & 15) > 3 || at + 17 > segment.length) return 'a Huffman table is garbled';
    let symbols = 0;
    let code = 0;
    for (let bits = 1; bits <= 16; bits++) {
      const count = segment[at + bits] as number;
      symbols += count;
      code += count;
      // No code may be all ones: codes of this length must end below 2^bits - 1.
      if (count && code >= 2 ** bits) return 'a Huffman table is garbled';
      code *= 2;
    }
    if (symbols > 256 || at + 17 + symbols > segment.length) return 'a Huffman table is garbled';
    if (id >> 4 === 0 && segment.subarray(at + 17, at + 17 + symbols).some((symbol) => symbol > 15)) return 'a Huffman table is garbled';
    at += 17 + symbols;
  }
  return undefined;
}

/** What libjpeg-turbo refuses in a scan header, as Chromium shows: components the frame lacks, spectral bands out of order, tables never given. */
function scanProblem(segment: Buffer, frame: Map<number, number> | undefined, progressive: boolean, quantTables: ReadonlySet<number>): string | undefined {
  if (!frame) return 'its picture data comes before its frame header';
  const count = segment[0] ?? 0;
  if (count < 1 || count > 4 || segment.length !== 4 + 2 * count) return 'a scan header is garbled';
  for (let c = 0; c < count; c++) {
    const table = frame.get(segment[1 + 2 * c] as number);
    if (table === undefined) return 'a scan names a colour component its frame does not have';
    if (!quantTables.has(table)) return `its quantization table ${table} is never given`;
  }
  const start = segment[1 + 2 * count] as number;
  const end = segment[2 + 2 * count] as number;
  const approximation = segment[3 + 2 * count] as number;
  if (progressive && (start > end || end > 63 || (start === 0 && end !== 0) || (start > 0 && count !== 1) || (approximation & 15) > 13 || (approximation >> 4 !== 0 && (approximation & 15) !== (approximation >> 4) - 1))) {
    return 'a scan of its progressive picture is garbled';
  }
  return undefined;
}

function gifProblem(file: Buffer): string | undefined {
  if (file.length < 13 || !/^GIF8[79]a$/.test(file.toString('latin1', 0, 6))) return 'is a damaged GIF image: it does not begin with a GIF header';
  const flags = file[10] as number;
  let pos = 13 + (flags & 0x80 ? 3 * 2 ** ((flags & 7) + 1) : 0);
  let images = 0;
  /** Skips data sub-blocks (a length byte, then that many bytes) to their zero terminator; -1 when the file ends first. */
  const skipSubBlocks = (at: number): number => {
    let p = at;
    while (p < file.length) {
      const size = file[p] as number;
      if (size === 0) return p + 1;
      p += 1 + size;
    }
    return -1;
  };
  while (pos < file.length) {
    const block = file[pos] as number;
    if (block === 0x3b) return images ? undefined : 'is a damaged GIF image: it holds no picture';
    if (block === 0x21) {
      if (pos + 2 > file.length) break;
      pos = skipSubBlocks(pos + 2);
    } else if (block === 0x2c) {
      if (pos + 10 > file.length) break;
      const local = file[pos + 9] as number;
      pos += 10 + (local & 0x80 ? 3 * 2 ** ((local & 7) + 1) : 0);
      // The LZW minimum code size (codes are at most 12 bits), then the picture's data.
      if (pos < file.length && (file[pos] as number) > 11) return `is a damaged GIF image: its content is garbled at byte ${pos}`;
      pos = pos + 1 <= file.length ? skipSubBlocks(pos + 1) : -1;
      if (pos >= 0) images++;
    } else {
      // Decoders stop at anything else, as at the trailer: what came before is shown.
      return images ? undefined : `is a damaged GIF image: its content is garbled at byte ${pos}`;
    }
    if (pos < 0) break;
  }
  // No trailer after whole pictures is common (some encoders leave it out) and shown as it is.
  return images && pos >= 0 ? undefined : `is a damaged GIF image: it ${CUT_SHORT}`;
}
