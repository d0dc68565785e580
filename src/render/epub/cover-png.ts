/**
 * The generated cover's pixels as a PNG, deflated by Node's zlib. resvg's own encoder (the
 * `png` crate, through `asPng`) takes 33–41 ms for the cover's 1200 × 1800 pixels on this
 * machine and writes 84 KB; this takes 19–21 ms and writes 61 KB (docs/speed.md:
 * the EPUB 21 % smaller, the same pixels). pngjs, the library that
 * would do it, took 60–110 ms for the same pixels (its per-pixel packing in JavaScript). A PNG
 * is four chunks, each a length, a type, its data and a CRC (PNG specification, section 5):
 * here the header, one IDAT of every row unfiltered (filter type 0) and deflated at level 6,
 * and the end.
 */
import { crc32, deflateSync } from 'node:zlib';

const SIGNATURE = Uint8Array.of(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a);
/** 8 bits a sample, colour type 6 (RGBA), compression 0 (deflate), filter method 0 (each row names its filter: here None), no interlace. */
const RGBA8 = Uint8Array.of(8, 6, 0, 0, 0);

/**
 * `rgba` is tiny-skia's pixmap: premultiplied, so it is the PNG's straight RGBA only where every
 * pixel is opaque, as the cover is (its background fills it). Undefined for any other picture:
 * the caller then uses resvg's own encoder, which unpremultiplies.
 */
export function opaquePng(width: number, height: number, rgba: Uint8Array): Uint8Array | undefined {
  const stride = width * 4;
  if (rgba.length !== stride * height || width < 1 || height < 1) return undefined;
  for (let at = 3; at < rgba.length; at += 4) if (rgba[at] !== 255) return undefined;
  const rows = Buffer.allocUnsafe((stride + 1) * height);
  for (let y = 0; y < height; y++) {
    const start = y * (stride + 1);
    rows[start] = 0;
    rows.set(rgba.subarray(y * stride, (y + 1) * stride), start + 1);
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set(RGBA8, 8);
  return Buffer.concat([SIGNATURE, chunk('IHDR', header), chunk('IDAT', deflateSync(rows, { level: 6 })), chunk('IEND', Buffer.alloc(0))]);
}

function chunk(type: string, data: Uint8Array): Buffer {
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  out.write(type, 4, 'latin1');
  out.set(data, 8);
  out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length);
  return out;
}
