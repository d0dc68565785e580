import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
const doc = await getDocument({ url: '/tmp/cov/out/a-test-series-1.pdf', disableFontFace: true, verbosity: 0 }).promise;
for (let p = 1; p <= doc.numPages; p++) {
  const page = await doc.getPage(p);
  await page.getOperatorList();
  const tc = await page.getTextContent();
  for (const it of tc.items) {
    const f0 = page.commonObjs.get(it.fontName); if (/Noto|DejaVu/.test(f0.name) || /[а-я]|λ|→/.test(it.str)) { const f = page.commonObjs.get(it.fontName); console.log(p, it.str.slice(0,60), f.name); }
  }
}
