// The pdf-lib bundled into lib/ reads PDFs as the package does. Its parser is patched as it is
// bundled, for speed (scripts/bundle-options.mjs, PDF_LIB_PARSE: each object read at once, names
// without escapes, references looked up without building a string, and a plain dictionary kept
// as its bytes until it is looked up, and saved as such if it never is): every PDF a build
// finishes goes through it. Read with the bundled pdf-lib (src/render/pdf-io.ts, as a build
// reads) and with the package's own, the same PDFs must give the same objects and, saved, files
// the package reads the same objects from: the real manuscript's PDF, a print of Chromium's own,
// the real manuscript's PDF again with object streams (which the patched parser still awaits),
// the same with an object stream damaged two ways, and a damaged file.
import { beforeAll, describe, expect, test } from 'vitest';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PDFDocument, PDFHexString, PDFName, PDFNumber, PDFRef, PDFString } from 'pdf-lib';
import { findChromium } from '../src/browser/find-chromium.js';
import { pamphlet } from './helpers/cli.js';

const REPO = path.resolve(import.meta.dirname, '..');
const LIB = path.join(REPO, 'lib');
const work = mkdtempSync(path.join(os.tmpdir(), 'pamphlet-pdf-lib-'));

/** The file of lib/ esbuild put pdf-lib's parser in (scripts/build.mjs writes lib/bundle-meta.json). */
function pdfLibChunk(): string {
  const meta = JSON.parse(readFileSync(path.join(LIB, 'bundle-meta.json'), 'utf8')) as Record<string, { inputs: string[] }>;
  const files = Object.keys(meta).filter((file) => meta[file]!.inputs.includes('node_modules/pdf-lib/es/core/parser/PDFParser.js'));
  expect(files).toHaveLength(1);
  return path.join(LIB, files[0]!);
}

interface Compared {
  file: string;
  objects: [number, number];
  differing: string[];
  trailer: boolean;
  savedSame: boolean;
  /** How many of the bundled reader's objects were never read (kept as their bytes). */
  unread: number;
  /** Why the bundled pdf-lib could not save it (the package's gave the same reason, or savedSame is false). */
  saveError?: string;
}

function compare(files: string[]): { report: Compared[]; stderr: string } {
  const run = spawnSync(process.execPath, [path.join(REPO, 'tests', 'helpers', 'pdf-lib-compare.cjs'), path.join(LIB, 'lib-loader.cjs'), pdfLibChunk(), ...files], { cwd: REPO, encoding: 'utf8', timeout: 120_000 });
  expect(run.status, run.stderr).toBe(0);
  return { report: JSON.parse(run.stdout) as Compared[], stderr: run.stderr };
}

/**
 * A PDF with what the patches touch at their edges, then damaged by hand: names with `#xx`
 * escapes, references at and past the numbers the pool keys by number (object numbers of
 * 2^37 - 1 and 2^40, generations of 3, 65,535 and 70,000), strings and dictionaries a scan for
 * a dictionary's end must read past, and between two objects a line of junk, an object whose
 * body does not parse (pdf-lib keeps it as an invalid object) and one with a comment inside.
 */
async function damaged(): Promise<Buffer> {
  const doc = await PDFDocument.create();
  doc.addPage([200, 200]);
  const dict = doc.context.obj({});
  dict.set(PDFName.of('A B'), PDFString.of('space in a name'));
  dict.set(PDFName.of('Hash#Sign'), PDFNumber.of(1));
  // Past 2^37 the pool keys by the string: as numbers, these two would be one key.
  dict.set(PDFName.of('Far'), PDFRef.of(2 ** 40, 0));
  dict.set(PDFName.of('FarNext'), PDFRef.of(2 ** 40, 1));
  // The top of the numeric keys, 2^53 - 1 and the one below: still two.
  dict.set(PDFName.of('Top'), PDFRef.of(2 ** 37 - 1, 65_535));
  dict.set(PDFName.of('BelowTop'), PDFRef.of(2 ** 37 - 1, 65_534));
  dict.set(PDFName.of('Generation'), PDFRef.of(7, 3));
  dict.set(PDFName.of('BigGeneration'), PDFRef.of(9, 70_000));
  // What the scan for a dictionary's end must read past: parentheses, escapes, `>>` and
  // `endobj` inside strings, hex strings, a dictionary inside, an array of them.
  dict.set(PDFName.of('Tricky'), PDFString.of('a \\) b \\( c (nested >> endobj) d \\\\'));
  // An escaped parenthesis alone: read as one that closes, the dictionary would end inside the string.
  dict.set(PDFName.of('Close'), PDFString.of('a \\) >> endobj b'));
  dict.set(PDFName.of('Hex'), PDFHexString.of('3E3E20656E646F626A'));
  dict.set(PDFName.of('Inner'), doc.context.obj({ Depth: PDFString.of('<< not a dict'), More: [doc.context.obj({ Deeper: PDFNumber.of(3) })] }));
  doc.catalog.set(PDFName.of('Extra'), doc.context.register(dict));
  const text = Buffer.from(await doc.save({ useObjectStreams: false })).toString('latin1');
  const at = text.indexOf('endobj') + 'endobj'.length;
  expect(at).toBeGreaterThan(10);
  return Buffer.from(`${text.slice(0, at)}\n% a comment\n@@@ junk between objects @@@\n900 0 obj\n<< /Broken ) >>\nendobj\n901 0 obj\n<< /Plain 1 % a comment, with >> in it (left to pdf-lib's own parser)\n/After 2 >>\nendobj\n${text.slice(at)}`, 'latin1');
}

describe('the bundled pdf-lib reads PDFs as the package does', () => {
  const files: Record<string, string> = {};

  beforeAll(async () => {
    // The real manuscript's PDF, as pamphlet finishes it (a tag tree, an outline, links).
    const out = path.join(work, 'real');
    const built = pamphlet(['build', 'manuscript', '--format', 'pdf', '--out', out, '--quiet', '--no-cache'], REPO);
    expect(built.status, built.stderr).toBe(0);
    files.real = path.join(out, readdirSync(out).find((name) => name.endsWith('.pdf'))!);
    // Chromium's own bytes, as Skia writes them and a build's print hands them to pdf-lib.
    const html = path.join(work, 'print.html');
    writeFileSync(html, `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Print</title><style>@page { size: A5 } section { break-after: page }</style></head><body>${[1, 2, 3].map((k) => `<section><h1 id="s${k}">Section ${k}</h1><p>Text of section ${k}, with <a href="#s${(k % 3) + 1}">a link</a>.</p></section>`).join('')}</body></html>`);
    files.chromium = path.join(work, 'chromium.pdf');
    execFileSync(findChromium(), ['--headless', '--no-sandbox', '--disable-gpu', '--no-pdf-header-footer', '--generate-pdf-document-outline', `--print-to-pdf=${files.chromium}`, html], { stdio: 'ignore', timeout: 60_000 });
    // The real manuscript's PDF with object streams and a cross-reference stream.
    const reread = await PDFDocument.load(readFileSync(files.real), { updateMetadata: false });
    files.objectStreams = path.join(work, 'object-streams.pdf');
    writeFileSync(files.objectStreams, await reread.save({ useObjectStreams: true }));
    // And with its first object stream damaged, two ways. Its data with no zlib header: pdf-lib
    // fails as it opens the stream. Its count of objects (/N) past what it holds: pdf-lib fails
    // while it reads the stream, which the patched parser must still await to catch.
    const streamed = readFileSync(files.objectStreams).toString('latin1');
    const objStm = streamed.indexOf('/Type /ObjStm');
    expect(objStm).toBeGreaterThan(0);
    const data = streamed.indexOf('stream\n', objStm) + 'stream\n'.length;
    files.brokenStreamData = path.join(work, 'broken-object-stream-data.pdf');
    writeFileSync(files.brokenStreamData, Buffer.from(`${streamed.slice(0, data)}xx${streamed.slice(data + 2)}`, 'latin1'));
    const count = /\/N (\d+)/y;
    count.lastIndex = streamed.indexOf('/N ', objStm);
    expect(count.test(streamed)).toBe(true);
    files.brokenStreamCount = path.join(work, 'broken-object-stream-count.pdf');
    writeFileSync(files.brokenStreamCount, Buffer.from(`${streamed.slice(0, count.lastIndex).replace(/\/N \d+$/, '/N 99999')}${streamed.slice(count.lastIndex)}`, 'latin1'));
    files.damaged = path.join(work, 'damaged.pdf');
    writeFileSync(files.damaged, await damaged());
  }, 180_000);

  test('the same objects, trailer and saved objects from every file', () => {
    const { report, stderr } = compare(Object.values(files));
    expect(report).toHaveLength(6);
    for (const entry of report) {
      expect(entry.objects[0], entry.file).toBe(entry.objects[1]);
      expect(entry.differing, entry.file).toEqual([]);
      expect(entry.trailer, entry.file).toBe(true);
      expect(entry.savedSame, entry.file).toBe(true);
    }
    const by = Object.fromEntries(report.map((entry) => [path.basename(entry.file), entry]));
    // The real manuscript's tag tree makes it a PDF of well over a thousand objects.
    expect(by[path.basename(files.real!)]!.objects[0]).toBeGreaterThan(1000);
    // Its tag tree's elements, which the finishing never looks at, stay unread and are saved as Chromium wrote them.
    expect(by[path.basename(files.real!)]!.unread).toBeGreaterThan(1000);
    expect(by['chromium.pdf']!.unread).toBeGreaterThan(10);
    // Object streams hold most objects; both parsers unpacked them.
    expect(by['object-streams.pdf']!.objects[0]).toBeGreaterThan(1000);
    // The broken object and the two broken streams were met, by both (pdf-lib warns at each),
    // and the broken object again in each saved copy of the damaged file, read back.
    expect(stderr.match(/Trying to parse invalid object/g)).toHaveLength(8);
    // The objects a broken stream held are missing, from both, the page tree with them: neither can save it.
    for (const name of ['broken-object-stream-data.pdf', 'broken-object-stream-count.pdf']) {
      expect(by[name]!.objects[0], name).toBeLessThan(by['object-streams.pdf']!.objects[0]);
      expect(by[name]!.saveError, name).toMatch(/Expected instance of PDFDict/);
    }
    for (const name of ['object-streams.pdf', 'damaged.pdf', 'chromium.pdf']) expect(by[name]!.saveError, name).toBeUndefined();
  });

  test('the bundle carries the four patches (else this file would compare pdf-lib with itself)', () => {
    const text = readFileSync(pdfLibChunk(), 'utf8');
    expect(text).toContain('parseIndirectObjectAtOnce');
    expect(text).toContain('PDFUnreadDict');
    expect(text).toMatch(/indexOf\("#"\)\s*===\s*-1/);
    expect(text).toMatch(/objectNumber\s*\*\s*65536\s*\+\s*generationNumber/);
  });
});
