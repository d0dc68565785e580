// Five builds of a manuscript with a table, an image and a link, each from a copy in
// its own folder, must give byte-identical PDFs (pamphlet, handout, booklet): Chromium
// names the tag tree's table header cells after DOM node counters, which vary.
import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { PDFArray, PDFDict, PDFDocument, PDFName, PDFString, PDFHexString, PDFRef, type PDFObject } from 'pdf-lib';
import { afterAll, expect, test } from 'vitest';
import { copyFixture, pamphlet } from './helpers/cli.js';

const BUILDS = 5;
const NAMES = ['a-test-series-1.pdf', 'a-test-series-1-handout.pdf', 'a-test-series-1-booklet.pdf'];
const roots: string[] = [];
afterAll(() => {
  for (const root of roots) rmSync(root, { recursive: true, force: true });
});

const text = (value: PDFObject | undefined): string | undefined =>
  value instanceof PDFString || value instanceof PDFHexString ? value.decodeText() : undefined;

test(`${BUILDS} builds of a part with a table, an image and a link are byte-identical`, async () => {
  const outputs: Array<Record<string, Buffer>> = [];
  for (let i = 0; i < BUILDS; i++) {
    const root = copyFixture('table-image-link');
    roots.push(root);
    const result = pamphlet(['build', 'manuscript', '--format', 'pdf,handout,booklet', '--out', 'dist', '--quiet'], root);
    expect(result.status, result.stderr).toBe(0);
    outputs.push(Object.fromEntries(NAMES.map((name) => [name, readFileSync(path.join(root, 'dist', name))])));
  }
  for (const name of NAMES) {
    for (let i = 1; i < BUILDS; i++) expect(outputs[i]![name]!.equals(outputs[0]![name]!), `${name}, build ${i + 1} against build 1`).toBe(true);
  }

  // The fixture does what it says: a picture, a link annotation and a tagged table, in both PDFs.
  for (const name of NAMES.slice(0, 2)) {
    const file = path.join(roots[0]!, 'dist', name);
    expect(execFileSync('pdfimages', ['-list', file], { encoding: 'utf8' }).trim().split('\n').slice(2)).toHaveLength(1);
    const pdf = await PDFDocument.load(outputs[0]![name]!);
    const links = pdf.getPages().flatMap((page) => page.node.Annots()?.asArray() ?? []).map((ref) => pdf.context.lookup(ref, PDFDict));
    expect(links.some((annot) => annot.lookupMaybe(PDFName.of('A'), PDFDict)?.lookupMaybe(PDFName.of('URI'), PDFString)?.decodeText() === 'https://example.org/archive')).toBe(true);

    // The renamed ids still tie each data cell to its header cell through the /IDTree.
    const elements = [...pdf.context.enumerateIndirectObjects()].map(([, object]) => object).filter((o): o is PDFDict => o instanceof PDFDict && o.get(PDFName.of('S')) !== undefined);
    const headerCells = elements.filter((e) => e.get(PDFName.of('S')) === PDFName.of('TH'));
    expect(headerCells.map((e) => text(e.get(PDFName.of('ID'))))).toEqual(['node00000001', 'node00000002', 'node00000003']);
    const tree = pdf.catalog.lookup(PDFName.of('StructTreeRoot'), PDFDict).lookup(PDFName.of('IDTree'), PDFDict);
    const names = tree.lookup(PDFName.of('Names'), PDFArray);
    const byId = new Map<string, PDFDict>();
    for (let i = 0; i < names.size(); i += 2) byId.set(text(names.get(i))!, pdf.context.lookup(names.get(i + 1) as PDFRef, PDFDict));
    const cited = elements
      .filter((e) => e.get(PDFName.of('S')) === PDFName.of('TD'))
      .flatMap((e) => (e.lookupMaybe(PDFName.of('A'), PDFArray)?.asArray() ?? []).map((a) => pdf.context.lookup(a)))
      .flatMap((a) => (a instanceof PDFDict ? a.lookupMaybe(PDFName.of('Headers'), PDFArray)?.asArray() ?? [] : []))
      .map((id) => text(id)!);
    expect(cited.length).toBeGreaterThan(0);
    for (const id of cited) expect(byId.get(id)?.get(PDFName.of('S')), id).toBe(PDFName.of('TH'));
  }
});
