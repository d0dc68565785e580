// The EPUB's container (src/render/epub/zip.ts), in process: each entry as a reader's zip
// library meets it, read from the local file headers — `mimetype` first, stored and without
// an extra field (OCF), the rest deflated, and every entry stamped with the part's date,
// never the clock's: SOURCE_DATE_EPOCH read as UTC, clamped to what a zip date can hold.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import type { PartDocument } from '../../src/document.js';
import { renderEpub } from '../../src/render/epub/index.js';
import { zipEpub } from '../../src/render/epub/zip.js';
import { load, part } from './helpers.js';

/** "name method date time extra" for each local file header: method 0 stored, 8 deflated; DOS date and time as Y-M-D h:m:s. */
function entries(bytes: Uint8Array): string[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const out: string[] = [];
  for (let at = 0; view.getUint32(at, true) === 0x04034b50; ) {
    const method = view.getUint16(at + 8, true);
    const time = view.getUint16(at + 10, true);
    const date = view.getUint16(at + 12, true);
    const size = view.getUint32(at + 18, true);
    const nameLength = view.getUint16(at + 26, true);
    const extraLength = view.getUint16(at + 28, true);
    const name = new TextDecoder().decode(bytes.subarray(at + 30, at + 30 + nameLength));
    const pad = (n: number) => String(n).padStart(2, '0');
    const when = `${(date >> 9) + 1980}-${pad((date >> 5) & 15)}-${pad(date & 31)} ${pad(time >> 11)}:${pad((time >> 5) & 63)}:${pad((time & 31) * 2)}`;
    out.push(`${name} ${method} ${when} ${extraLength}`);
    at += 30 + nameLength + extraLength + size;
  }
  return out;
}

function epubAt(epoch: string): Uint8Array {
  const loaded = load({ 'pamphlet.yaml': 'series: S\n', 'part-1.md': part('title: T\npart: 1', 'Text.\n') }, { SOURCE_DATE_EPOCH: epoch });
  return renderEpub(loaded.manuscript.parts[0] as PartDocument, loaded.manuscript.config, { css: 'p{}' });
}

describe('the container', () => {
  test('mimetype first and stored; the rest deflated; every entry at the part’s date (2020-01-02 03:04:05 UTC, to the zip’s two seconds)', () => {
    const names = ['mimetype', 'META-INF/container.xml', 'OEBPS/package.opf', 'OEBPS/nav.xhtml', 'OEBPS/toc.ncx', 'OEBPS/cover.xhtml', 'OEBPS/cover.svg', 'OEBPS/cover.png', 'OEBPS/text.xhtml', 'OEBPS/styles/epub.css'];
    expect(entries(epubAt('1577934245'))).toEqual(names.map((name) => `${name} ${name === 'mimetype' ? 0 : 8} 2020-01-02 03:04:04 0`));
  });

  test('dates a zip cannot hold are clamped: before 1980 to 1980-01-01 noon, after 2099 to 2099-12-31 noon', () => {
    expect(new Set(entries(epubAt('0')).map((entry) => entry.split(' ').slice(2, 4).join(' ')))).toEqual(new Set(['1980-01-01 12:00:00']));
    expect(new Set(entries(epubAt('4102444800')).map((entry) => entry.split(' ').slice(2, 4).join(' ')))).toEqual(new Set(['2099-12-31 12:00:00']));
    // Within the range, as it is: 1999-12-31 23:59:58 UTC.
    expect(new Set(entries(epubAt('946684798')).map((entry) => entry.split(' ').slice(2, 4).join(' ')))).toEqual(new Set(['1999-12-31 23:59:58']));
    // After 2043 the DOS date's top bit is set: adm-zip's own date setter wrote 0 for those.
    expect(new Set(entries(epubAt('2538000000')).map((entry) => entry.split(' ').slice(2, 4).join(' ')))).toEqual(new Set(['2050-06-05 00:00:00']));
  });

  // The zip deflates with Node's zlib (adm-zip), whose bytes could differ where its hashing
  // followed the CPU. This digest was the same on Node 20.12, 20.20, 22.12 and 24.11 on x86-64,
  // on 20.20 under qemu as a Core 2 (no SSE4.2, PCLMUL or AVX2), and on 20.19 for arm64 under
  // qemu (README, "Reproducible output"). A Node whose deflate writes other bytes fails here.
  test('the same bytes on every Node and CPU checked: the CommonMark spec, deflated, and 1,000 bytes stored as a JPEG', () => {
    const spec = readFileSync(path.resolve(import.meta.dirname, '..', '..', 'node_modules/commonmark-spec/spec.txt'));
    const bytes = zipEpub([{ path: 'OEBPS/spec.txt', data: spec }, { path: 'OEBPS/cover.jpg', data: spec.subarray(0, 1000) }], '2020-01-02T03:04:05Z');
    expect(createHash('sha256').update(bytes).digest('hex')).toBe('d5d7c1ff347bd2b4148cbaca80c5313e13b953b2db7add2a9e6f35d04a6e8325');
  });
});
