import { getDocument, OPS } from 'pdfjs-dist/legacy/build/pdf.mjs';
const names = Object.fromEntries(Object.entries(OPS).map(([k,v])=>[v,k]));
console.log(Object.entries(OPS).filter(([k,v])=>v>=13&&v<=31).map(([k,v])=>k+'='+v).join(' '));
const doc = await getDocument({ url: '/tmp/before/celebrating-red-october-1.pdf', disableFontFace: true, verbosity: 0 }).promise;
const page = await doc.getPage(4);
const ol = await page.getOperatorList();
ol.fnArray.forEach((fn,i)=>{ const n=names[fn]; if (!['showText','moveText','setFont','setTextMatrix','beginText','endText','dependency','beginMarkedContentProps','endMarkedContent'].includes(n)) console.log(i, n, JSON.stringify(ol.argsArray[i])?.slice(0,300)); });
