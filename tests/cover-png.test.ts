// The generated cover's PNG, written by src/render/epub/cover-png.ts instead of resvg's own
// encoder. Read back by another decoder (resvg's, the `png` crate, through an SVG <image>),
// it must give every pixel resvg drew, for covers in several scripts; a picture that is not
// opaque keeps resvg's own bytes.
import { createRequire } from 'node:module';
import { describe, expect, test } from 'vitest';
import { coverSvg } from '../src/render/epub/cover.js';
import { coverPng } from '../src/render/epub/cover-raster.js';
import { opaquePng } from '../src/render/epub/cover-png.js';
import { fontPackageDir } from '../src/render/fonts.js';
import type { TitlePage } from '../src/manuscript.js';

const { Resvg } = createRequire(import.meta.url)('@resvg/resvg-js') as typeof import('@resvg/resvg-js');

const FONTS = ['400Regular/EBGaramond_400Regular.ttf', '400Regular_Italic/EBGaramond_400Regular_Italic.ttf'].map((file) => `${fontPackageDir('eb-garamond-full')}/${file}`);

/** What resvg draws of the SVG, as coverPng is given it. */
function drawn(svg: string) {
  return new Resvg(svg, { font: { fontFiles: FONTS, loadSystemFonts: false, defaultFontFamily: 'EB Garamond', serifFamily: 'EB Garamond' }, fitTo: { mode: 'original' } }).render();
}

/** The PNG's pixels as resvg's PNG decoder reads them: the picture drawn one to one. */
function decoded(png: Uint8Array, width: number, height: number): Buffer {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}"><image width="${width}" height="${height}" image-rendering="pixelated" href="data:image/png;base64,${Buffer.from(png).toString('base64')}"/></svg>`;
  return Buffer.from(new Resvg(svg, { fitTo: { mode: 'original' } }).render().pixels);
}

const COVERS: Array<[string, TitlePage]> = [
  ['the real manuscript', { series: 'Celebrating Red October', subtitle: 'The Russian Revolution in Historical Perspective', title: 'How the Working Class came to Power', partLabel: 'Part I', authors: ['International Bolshevik Tendency'], lang: 'en', slug: 'celebrating-red-october-1' }],
  ['Russian', { series: 'Празднуя Красный Октябрь', title: 'Как рабочий класс пришёл к власти', partLabel: 'Часть I', authors: ['Интернациональная большевистская тенденция'], lang: 'ru', slug: 'ru-1' }],
  ['German, a long title', { series: 'Der Rote Oktober', title: 'Wie die Arbeiterklasse an die Macht kam: Sowjets, Fabrikkomitees und die Verteidigung der Revolution gegen Kornilow', partLabel: 'Teil II', authors: ['Rosa Luxemburg', 'Karl Liebknecht'], lang: 'de', slug: 'de-2' }],
];

describe("the generated cover's PNG", () => {
  test.each(COVERS)('%s: every pixel resvg drew, read back by another decoder, and smaller than resvg’s own', (_, title) => {
    const svg = coverSvg(title);
    const image = drawn(svg);
    const png = coverPng(svg);
    expect([...png.slice(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    expect(decoded(png, image.width, image.height).equals(Buffer.from(image.pixels))).toBe(true);
    expect(png.length).toBeLessThan(image.asPng().length);
  });

  test('a damaged PNG reads back otherwise (the comparison can fail)', () => {
    const svg = coverSvg(COVERS[0]![1]);
    const image = drawn(svg);
    const png = Uint8Array.from(coverPng(svg));
    // A byte of the deflated rows, well inside the IDAT chunk.
    png[Math.floor(png.length / 2)]! ^= 0xff;
    let same = false;
    try {
      same = decoded(png, image.width, image.height).equals(Buffer.from(image.pixels));
    } catch {
      same = false;
    }
    expect(same).toBe(false);
  });

  test('a picture that is not opaque keeps resvg’s own encoding, which unpremultiplies its pixels', () => {
    const svg = '<svg xmlns="http://www.w3.org/2000/svg" width="40" height="30"><rect x="5" y="5" width="20" height="10" fill="#8c1c13" fill-opacity="0.5"/></svg>';
    const image = drawn(svg);
    expect(opaquePng(image.width, image.height, image.pixels)).toBeUndefined();
    expect(Buffer.from(coverPng(svg)).equals(Buffer.from(image.asPng()))).toBe(true);
  });
});
