import * as fontkit from 'fontkit';
import { readFileSync } from 'node:fs';
let t=performance.now();
for (const f of ['node_modules/@fontsource/eb-garamond/files/eb-garamond-latin-400-normal.woff','node_modules/@fontsource/eb-garamond/files/eb-garamond-latin-ext-400-normal.woff','node_modules/@fontsource/noto-serif/files/noto-serif-math-400-normal.woff']) {
  const font = fontkit.create(readFileSync(f));
  console.log(f, font.hasGlyphForCodePoint(0x41), font.hasGlyphForCodePoint(0x2192), performance.now()-t); t=performance.now();
}
