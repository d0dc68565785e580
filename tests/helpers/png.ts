import { crc32, deflateSync } from 'node:zlib';

/**
 * A real PNG of `width` × `height` grey pixels, made here so that the test owns every
 * byte. `padding` bytes of a text chunk make a file as heavy as wanted without
 * changing the picture.
 */
export function png(width: number, height: number, padding = 0): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([length, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 0, 0, 0, 0], 8);
  const row = Buffer.concat([Buffer.from([0]), Buffer.alloc(width, 0x90)]);
  const rows = Buffer.concat(Array.from({ length: height }, () => row));
  const text = padding ? [chunk('tEXt', Buffer.concat([Buffer.from('Comment\0', 'latin1'), Buffer.alloc(padding, 0x61)]))] : [];
  return Buffer.concat([Buffer.from('89504e470d0a1a0a', 'hex'), chunk('IHDR', header), ...text, chunk('IDAT', deflateSync(rows)), chunk('IEND', Buffer.alloc(0))]);
}
