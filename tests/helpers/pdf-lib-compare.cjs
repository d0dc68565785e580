// Reads each PDF given with the pdf-lib bundled into lib/ (through src/render/pdf-io.ts's
// loadPdf and savePdf, as a build does) and with the package's own, and prints what differs,
// as JSON: the objects (each read, the bundled reader's unread dictionaries too), the
// trailer, and the objects of the two saved files as the package reads them back. Run by tests/pdf-lib-bundled.test.ts:
//   node pdf-lib-compare.cjs <lib-loader.cjs> <chunk of lib/ holding pdf-lib> <file.pdf>...
'use strict';
const { readFileSync } = require('node:fs');
const own = require('pdf-lib');

const [loader, chunk, ...files] = process.argv.slice(2);
const bundled = require(loader).loadLib(chunk);

/** Every indirect object as its reference and its text, in reference order, and the trailer's. */
function objects(document) {
  const listed = document.context.enumerateIndirectObjects().map(([ref, object]) => [ref.tag, object.toString()]);
  listed.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  const trailer = document.context.trailerInfo;
  return { listed, trailer: Object.fromEntries(Object.entries(trailer).map(([key, value]) => [key, value === undefined ? null : String(value)])) };
}

(async () => {
  const report = [];
  for (const file of files) {
    const bytes = readFileSync(file);
    const mine = await bundled.loadPdf(new Uint8Array(bytes));
    const theirs = await own.PDFDocument.load(new Uint8Array(bytes), { updateMetadata: false, parseSpeed: own.ParseSpeeds.Fastest });
    const a = objects(mine);
    const b = objects(theirs);
    const differing = a.listed.filter((entry, index) => JSON.stringify(entry) !== JSON.stringify(b.listed[index])).map(([tag]) => tag);
    // A file too damaged to save (its page tree lost) fails the same way in both.
    // (esbuild renames pdf-lib's classes in the bundle, PDFDict to PDFDict2: the names are read without that.)
    const save = (saving) => saving.then((bytes) => Buffer.from(bytes), (error) => new Error(error.message.replace(/\b(PDF[A-Za-z]*)2\b/g, '$1')));
    const saved = [await save(bundled.savePdf(mine, { useObjectStreams: false })), await save(theirs.save({ useObjectStreams: false, objectsPerTick: Infinity }))];
    // The bundled pdf-lib writes a plain dictionary nothing looked up as the file had it, the
    // package as it reads it: the saved files are compared by what the package reads in them.
    const reread = async (one) => objects(await own.PDFDocument.load(new Uint8Array(one), { updateMetadata: false, parseSpeed: own.ParseSpeeds.Fastest }));
    const same = saved.every((one) => one instanceof Error) ? saved[0].message === saved[1].message : saved.every(Buffer.isBuffer) && JSON.stringify(await reread(saved[0])) === JSON.stringify(await reread(saved[1]));
    // How many of the bundled reader's objects were never read: kept as bytes, and saved as such.
    const unread = mine.context.enumerateIndirectObjects().filter(([, object]) => object.pamphletUnread === true).length;
    report.push({
      file,
      objects: [a.listed.length, b.listed.length],
      differing: differing.slice(0, 10),
      trailer: JSON.stringify(a.trailer) === JSON.stringify(b.trailer),
      savedSame: same,
      unread,
      saveError: saved[0] instanceof Error ? saved[0].message : undefined,
    });
  }
  process.stdout.write(JSON.stringify(report));
})().catch((error) => {
  process.stderr.write(String(error && error.stack));
  process.exit(1);
});
