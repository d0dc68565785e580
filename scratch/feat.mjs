import * as fontkit from 'fontkit';
const dir = 'node_modules/@fontsource/eb-garamond/files/';
for (const s of ['latin','latin-ext','cyrillic','greek']) {
  const f = fontkit.openSync(dir + `eb-garamond-${s}-500-normal.woff2`);
  console.log(s, f.postscriptName, f.availableFeatures.join(' '), f.characterSet.length, f.numGlyphs);
}
const f = fontkit.openSync(dir + 'eb-garamond-latin-400-normal.woff2');
const run = f.layout('Capitalist', ['smcp']);
console.log(run.glyphs.map(g=>g.name).join(' '));
const run2 = f.layout('Capitalist', ['c2sc']);
console.log(run2.glyphs.map(g=>g.name).join(' '));
console.log(f.layout('123', ['onum']).glyphs.map(g=>g.name).join(' '));
