// PDF post-processing on bytes, without a browser: a tiny PDF made with pdf-lib,
// finished, and read back with poppler's pdfinfo and pdftotext and with pdf-lib.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PDFDict, PDFDocument, PDFHexString, PDFName, PDFString, StandardFonts } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cssLengthToPt, pdfMetadataFor, type PdfMetadata } from '../src/render/pdf-metadata.js';
import { finishPdf } from '../src/render/pdf-post.js';
import { stripSoftHyphenSpans } from '../src/render/pdf-soft-hyphens.js';
import { samplePart } from './fixtures/pdf-sample.js';

let scratch: string;
beforeAll(() => {
  scratch = mkdtempSync(join(tmpdir(), 'pamphlet-pdf-post-'));
});
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const METADATA: PdfMetadata = {
  title: 'How the Working Class came to Power',
  authors: ['Ada One', 'Bo Two'],
  subject: 'The Russian Revolution in Historical Perspective',
  keywords: ['Celebrating Red October', 'Part I'],
  lang: 'en-GB',
  creator: 'pamphlet 9.9.9',
  modified: '2017-11-07T12:00:00Z',
  outlineTitles: ['Capitalist Development & World War'],
};

/** A one-page PDF as Chromium would leave it: a rounded page size, an outline in capitals. */
async function tinyPdf(): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  pdf.setProducer('Skia/PDF m156');
  const page = pdf.addPage([420, 594.96]);
  const font = await pdf.embedFont(StandardFonts.TimesRoman);
  page.drawText('Plain text on the page.', { x: 50, y: 500, size: 12, font });
  const item = pdf.context.obj({ Title: PDFHexString.fromText('CAPITALIST DEVELOPMENT & WORLD WAR') });
  const itemRef = pdf.context.register(item);
  const outlines = pdf.context.obj({ Type: 'Outlines', First: itemRef, Last: itemRef, Count: 1 });
  const outlinesRef = pdf.context.register(outlines);
  item.set(PDFName.of('Parent'), outlinesRef);
  pdf.catalog.set(PDFName.of('Outlines'), outlinesRef);
  return pdf.save({ useObjectStreams: false });
}

function pdfinfo(file: string): Record<string, string> {
  const out = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
  return Object.fromEntries(out.split('\n').flatMap((line) => {
    const m = /^([^:]+):\s*(.*)$/.exec(line);
    return m ? [[m[1]!, m[2]!]] : [];
  }));
}

describe('finishPdf', () => {
  let file: string;
  let original: string;

  beforeAll(async () => {
    const before = await tinyPdf();
    const beforeFile = join(scratch, 'before.pdf');
    writeFileSync(beforeFile, before);
    original = execFileSync('pdftotext', [beforeFile, '-'], { encoding: 'utf8' });
    const after = (await finishPdf(before, METADATA, { pageSize: { width: 419.53, height: 595.28 } })).bytes;
    file = join(scratch, 'after.pdf');
    writeFileSync(file, after);
  });

  it('writes the document information that pdfinfo shows', () => {
    const info = pdfinfo(file);
    expect(info['Title']).toBe(METADATA.title);
    expect(info['Author']).toBe('Ada One, Bo Two');
    expect(info['Subject']).toBe(METADATA.subject);
    expect(info['Keywords']).toBe('Celebrating Red October Part I');
    expect(info['Creator']).toBe('pamphlet 9.9.9');
    expect(info['Producer']).toBe('Skia/PDF m156');
    expect(info['CreationDate']).toMatch(/Nov\s+7 12:00:00 2017/);
    expect(info['ModDate']).toMatch(/Nov\s+7 12:00:00 2017/);
  });

  it('sets the exact page size, the language, and the outline as written', async () => {
    expect(pdfinfo(file)['Page size']).toMatch(/^419\.53 x 595\.28 pts/);
    const pdf = await PDFDocument.load(readFileSync(file), { updateMetadata: false });
    expect(pdf.catalog.lookupMaybe(PDFName.of('Lang'), PDFString, PDFHexString)?.decodeText()).toBe('en-GB');
    const first = pdf.catalog.lookup(PDFName.of('Outlines'), PDFDict).lookup(PDFName.of('First'), PDFDict);
    expect(first.lookup(PDFName.of('Title'), PDFHexString).decodeText()).toBe('Capitalist Development & World War');
    // The top edge stays where the layout put it.
    expect(pdf.getPage(0).getMediaBox().y + pdf.getPage(0).getMediaBox().height).toBeCloseTo(594.96, 2);
  });

  it('leaves the text as it was', () => {
    expect(execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' })).toBe(original);
  });

  it('gives the same bytes for the same input', async () => {
    const before = await tinyPdf();
    const a = (await finishPdf(before, METADATA)).bytes;
    const b = (await finishPdf(before, METADATA)).bytes;
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
  });

  it('gives the same bytes whatever order Chromium wrote the named destinations in', async () => {
    // Chromium once wrote a heading's and the bibliography's destinations swapped, for the same pages.
    const names = ['the-congress-of-soviets', 'pamphlet-bibliography', 'note-5d1c2a3b-1111-4222-8333-944455556666', 'zhizn'];
    const withDests = async (order: string[]): Promise<Uint8Array> => {
      const pdf = await PDFDocument.load(await tinyPdf(), { updateMetadata: false });
      const page = pdf.getPage(0);
      const dests = pdf.context.obj({});
      order.forEach((name) => dests.set(PDFName.of(name), pdf.context.obj([page.ref, PDFName.of('XYZ'), 51, 500 - 10 * names.indexOf(name), 0])));
      pdf.catalog.set(PDFName.of('Dests'), pdf.context.register(dests));
      return pdf.save({ useObjectStreams: false });
    };
    const a = (await finishPdf(await withDests(names), METADATA)).bytes;
    const b = (await finishPdf(await withDests([...names].reverse()), METADATA)).bytes;
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
    const destFile = join(scratch, 'dests.pdf');
    writeFileSync(destFile, a);
    // What a reader can jump to: every name, the random one renamed, each on its page.
    const listed = execFileSync('pdfinfo', ['-dests', destFile], { encoding: 'utf8' });
    for (const name of ['the-congress-of-soviets', 'pamphlet-bibliography', 'note-1', 'zhizn']) expect(listed).toMatch(new RegExp(`^\\s*1 \\[ XYZ\\s.*"${name}"$`, 'm'));
  });

  it('leaves a page size it was not asked about', async () => {
    const after = (await finishPdf(await tinyPdf(), METADATA, { pageSize: { width: 595.28, height: 841.89 } })).bytes;
    const pdf = await PDFDocument.load(after, { updateMetadata: false });
    expect(pdf.getPage(0).getSize()).toEqual({ width: 420, height: 594.96 });
  });
});

describe('stripSoftHyphenSpans', () => {
  it('drops spans that stand for a soft hyphen, glyph and all', () => {
    const content = '3.4 0 Td <004e> Tj\n/Span<</ActualText <feff00ad> >> BDC\n4.52 0 Td <00cd> Tj\nEMC\n0 0 Td <0056> Tj';
    // The positioning stays (it moves nothing later: each glyph has its own Td).
    expect(stripSoftHyphenSpans(content)).toBe('3.4 0 Td <004e> Tj\n\n4.52 0 Td \n\n0 0 Td <0056> Tj');
  });

  it('keeps the rest of a ligature span without the soft hyphen', () => {
    const content = '/Span<</ActualText <feff006600ad0069> >> BDC\n1 0 Td <0101> Tj\nEMC';
    expect(stripSoftHyphenSpans(content)).toBe('/Span<</ActualText <feff00660069> >> BDC\n1 0 Td <0101> Tj\nEMC');
  });

  it('leaves other spans and marked content alone', () => {
    const content = '/Span<</ActualText <feff0066> >> BDC <01> Tj EMC /P <</MCID 0 >>BDC <02> Tj EMC';
    expect(stripSoftHyphenSpans(content)).toBe(content);
  });
});

describe('pdfMetadataFor', () => {
  it('takes title, authors, subject, series and dates from the part', () => {
    const meta = pdfMetadataFor(samplePart(), 'pamphlet 1.2.3');
    expect(meta).toMatchObject({
      title: 'How the Working Class came to Power',
      authors: ['Pamphlet Test Collective'],
      subject: 'The Russian Revolution in Historical Perspective',
      keywords: ['Celebrating Red October', 'Part I'],
      lang: 'en',
      creator: 'pamphlet 1.2.3',
      modified: '2017-11-07T12:00:00Z',
    });
    expect(meta.outlineTitles).toContain('The February Revolution & Dual Power');
    expect(meta.outlineTitles).toContain('Works Cited');
  });
});

describe('cssLengthToPt', () => {
  it('converts the units page sizes come in', () => {
    expect(cssLengthToPt('148mm')).toBeCloseTo(419.53, 2);
    expect(cssLengthToPt('8.5in')).toBe(612);
    expect(cssLengthToPt('3mm')).toBeCloseTo(8.504, 3);
    expect(cssLengthToPt('0')).toBe(0);
    expect(() => cssLengthToPt('12em')).toThrow(/not a CSS length/);
  });
});
