// SVG images (src/files/svg-policy.ts). An SVG can script, fetch and embed HTML, and every
// output carries the file as it is. Until 2026-12-02 an SVG with a script or a web address
// built, and its EPUB failed epubcheck (`scripted`, `remote-resources`). Now each attack below,
// written as an attacker would, is refused at its image with the SVG's own line, by `check`
// and `build` alike, with nothing written and nothing reaching the attacker's server. And the
// drawings real people made (the 271 flags of flag-icons, npm: gradients, clip paths, `use`,
// markers) all pass `check` and build, and their EPUB passes epubcheck: five of them failed it
// until the EPUB mended what its SVG 1.1 schema refuses, without changing what is drawn.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Resvg } from '@resvg/resvg-js';
import { unzipSync } from 'fflate';
import { copyFixture, pamphlet } from './helpers/cli.js';
import { epubcheck } from './helpers/epubcheck.js';
import { listen, type Listener } from './helpers/listener.js';

let server: Listener;
beforeAll(async () => {
  server = await listen();
});
afterAll(async () => {
  await server?.close();
});

const OPEN = '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="40" height="20" viewBox="0 0 40 20">';
const PART = '---\ntitle: A Picture\npart: 1\n---\n\nA picture of the result:\n\n![The result](images/drawing.svg)\n';
/** A 1 × 1 red PNG, as an editor embeds a raster in an SVG. */
const RED_PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVR4nGP4z8AAAAMBAQDJ/pLvAAAAAElFTkSuQmCC';

/** Each attack: the SVG's lines after its root tag, the SVG line refused, and what the error says. */
function attacks(port: number): Array<[string, string, number, string]> {
  const http = `http://127.0.0.1:${port}`;
  const ws = `ws://127.0.0.1:${port}`;
  const svgInSvg = Buffer.from(`${OPEN}<script>new WebSocket('${ws}/nested')</script></svg>`).toString('base64');
  return [
    ['a script', `<rect width="40" height="20"/>\n<script>new WebSocket('${ws}/script')</script>`, 3, '<script> is not allowed in an SVG image'],
    ['an event handler on a shape', `<rect width="40" height="20" onload="fetch('${http}/onload')"/>`, 2, 'the event handler `onload`'],
    ['HTML in a foreignObject', `<foreignObject width="40" height="20"><iframe xmlns="http://www.w3.org/1999/xhtml" src="${http}/iframe"/></foreignObject>`, 2, '<foreignObject> is not allowed'],
    ['an HTML script by its namespace', `<h:script xmlns:h="http://www.w3.org/1999/xhtml">fetch('${http}/h')</h:script>`, 2, "HTML's <script>"],
    ['an animation that rewrites a link', `<a xlink:href="#x"><animate attributeName="href" to="javascript:fetch('${http}/animate')"/><text y="10">x</text></a>`, 2, '<animate> is not allowed'],
    ['a picture from the network', `<image href="${http}/image.png" width="10" height="10"/>`, 2, `<image> loads “${http}/image.png”`],
    ['a file of the machine by xlink:href', '<image xlink:href="file:///etc/passwd" width="10" height="10"/>', 2, '<image> loads “file:///etc/passwd”'],
    ['a sprite from the network', `<use href="${http}/sprite.svg#a"/>`, 2, '<use> points to'],
    ['a javascript: link', `<a xlink:href="javascript:fetch('${http}/a')"><text y="10">x</text></a>`, 2, '<a> points to “javascript:'],
    ['an SVG embedded in an SVG, with its own script', `<image href="data:image/svg+xml;base64,${svgInSvg}" width="10" height="10"/>`, 2, '<image> loads “data:image/svg+xml'],
    ['@import in a <style>', `<style>@import url(${http}/import.css); rect { fill: red }</style>`, 2, 'its CSS has `@import`'],
    ['url() escaped in a style attribute', `<rect width="40" height="20" style="fill: u\\rl(${http}/escaped)"/>`, 2, 'which cannot be read as a CSS value'],
    ['a paint server on the network', `<rect width="40" height="20" fill="url(${http}/paint.svg#p)"/>`, 2, '`fill`: its CSS loads'],
    ['image-set() in a <style>', `<style>rect { fill: image-set("${http}/set.png" 1x) }</style>`, 2, 'its CSS uses `image-set()`'],
    ['xml:base pointing references away', `<g xml:base="${http}/"><use href="#a"/></g>`, 2, '`xml:base`'],
  ];
}

describe('an SVG image that does more than draw', () => {
  test.each(attacks(0).map((attack, index) => [index, attack[0]] as const))('attack %i (%s): refused at the image with its line in the SVG, by check and build, with nothing reaching the server', (index) => {
    const [name, body, line, expected] = attacks(server.port)[index]!;
    const root = copyFixture('basic');
    writeFileSync(path.join(root, 'manuscript', 'part-1.md'), PART);
    mkdirSync(path.join(root, 'manuscript', 'images'), { recursive: true });
    writeFileSync(path.join(root, 'manuscript', 'images', 'drawing.svg'), `${OPEN}\n${body}\n</svg>\n`);
    const before = server.hits.length;
    for (const command of [['check', 'manuscript'], ['build', 'manuscript', '--out', 'dist', '--format', 'pdf,epub,html']]) {
      const result = pamphlet(command, root);
      expect(result.status, `${name}: ${result.stderr}`).toBe(1);
      expect(result.stderr, name).toContain(`manuscript/part-1.md:8:1: error: image images/drawing.svg (its line ${line}, column `);
      expect(result.stderr, name).toContain(expected);
    }
    expect(existsSync(path.join(root, 'dist')) ? readdirSync(path.join(root, 'dist')).filter((f) => !f.startsWith('.')) : [], name).toEqual([]);
    expect(server.hits.slice(before), name).toEqual([]);
  });
});

// Found by a red-team pass, 2026-12-04: each passed the allow-list, was packaged in the EPUB
// byte for byte, and when that file was opened in Chromium it ran or fetched. A DOCTYPE's
// `<!ATTLIST>` gives elements attributes the file does not spell (a browser's XML parser
// applies the defaults; saxes does not), and a <style>'s text split by a comment or a CDATA
// section was checked piece by piece, each piece harmless alone.
describe('an SVG that hides what it does from a reading piece by piece', () => {
  const svg = () => `<svg xmlns="http://www.w3.org/2000/svg" width="100" height="100"><rect width="100" height="100"/><image width="10" height="10"/></svg>`;
  const cases = (port: number): Array<[string, string, number, string]> => [
    ['attribute defaults in the DOCTYPE', `<?xml version="1.0"?>\n<!DOCTYPE svg [\n  <!ATTLIST svg onload CDATA "fetch('http://127.0.0.1:${port}/attlist-onload')">\n  <!ATTLIST image href CDATA "http://127.0.0.1:${port}/attlist-image">\n]>\n${svg()}\n`, 5, 'its DOCTYPE declares entities or attributes'],
    ['a DTD on the network', `<?xml version="1.0"?>\n<!DOCTYPE svg SYSTEM "http://127.0.0.1:${port}/svg.dtd">\n${svg()}\n`, 2, 'its DOCTYPE names a DTD other than the W3C'],
    ['a <style> split by a comment', `<svg xmlns="http://www.w3.org/2000/svg" width="100" height="100">\n<style>rect{content:"<!-- split -->/*"; fill:url(http://127.0.0.1:${port}/split)}</style><rect width="100" height="100"/></svg>\n`, 2, 'its CSS loads `url(http://127.0.0.1:'],
    ['a <style> split by a CDATA section', `<svg xmlns="http://www.w3.org/2000/svg" width="100" height="100">\n<style>rect{content:"<![CDATA[/*"; fill:url(http://127.0.0.1:${port}/cdata)}]]></style><rect width="100" height="100"/></svg>\n`, 2, 'its CSS loads `url(http://127.0.0.1:'],
  ];
  test.each(cases(0).map((c, index) => [index, c[0]] as const))('case %i (%s): refused at the image with its line in the SVG, by check and build', (index) => {
    const [name, text, line, expected] = cases(server.port)[index]!;
    const root = copyFixture('basic');
    writeFileSync(path.join(root, 'manuscript', 'part-1.md'), PART);
    mkdirSync(path.join(root, 'manuscript', 'images'), { recursive: true });
    writeFileSync(path.join(root, 'manuscript', 'images', 'drawing.svg'), text);
    for (const command of [['check', 'manuscript'], ['build', 'manuscript', '--out', 'dist', '--format', 'epub,html', '--no-print-pages']]) {
      const result = pamphlet(command, root);
      expect(result.status, `${name}: ${result.stderr}`).toBe(1);
      expect(result.stderr, name).toContain(`manuscript/part-1.md:8:1: error: image images/drawing.svg (its line ${line}, column `);
      expect(result.stderr, name).toContain(expected);
    }
    expect(existsSync(path.join(root, 'dist')) ? readdirSync(path.join(root, 'dist')).filter((f) => !f.startsWith('.')) : [], name).toEqual([]);
  });

  test('the W3C’s own DOCTYPE, as Inkscape and Illustrator write it, still builds, and a <style> in pieces that are CSS together', async () => {
    const root = copyFixture('basic');
    writeFileSync(path.join(root, 'manuscript', 'part-1.md'), PART);
    mkdirSync(path.join(root, 'manuscript', 'images'), { recursive: true });
    writeFileSync(
      path.join(root, 'manuscript', 'images', 'drawing.svg'),
      '<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">\n<svg xmlns="http://www.w3.org/2000/svg" width="40" height="20"><style><![CDATA[rect { fill: ]]>red<!-- a note -->; }</style><rect width="40" height="20"/></svg>\n',
    );
    const result = pamphlet(['build', 'manuscript', '--out', 'dist', '--format', 'epub', '--no-print-pages'], root);
    expect(result.status, result.stderr).toBe(0);
  });
});

/** Flags whose SVG epubcheck's SVG 1.1 schema refused until the EPUB mended them (src/render/epub/svg-mend.ts). */
const MENDED = ['bo.svg', 'eac.svg', 'gb-nir.svg', 'gu.svg', 'sh-ac.svg'];

// The same SVG named by the manuscript's own stylesheet went into the EPUB unread until
// 2026-12-02 (any file a sheet named did): it meets the same allow-list, at the sheet's place.
describe('an SVG or another file named by a stylesheet of the manuscript', () => {
  test.each([
    ['styles/epub.css', 'body { background: url(../images/drawing.svg); }\n', 'manuscript/styles/epub.css:1:20: error: url(../images/drawing.svg): image images/drawing.svg (its line 2, column '],
    ['styles/print.css', '.text {\n  background-image: url("../images/drawing.svg");\n}\n', 'manuscript/styles/print.css:2:21: error: url(../images/drawing.svg): image images/drawing.svg (its line 2, column '],
  ])('%s: an SVG with a script is refused at the url(), by check and build, with nothing reaching the server', (sheet, css, expected) => {
    const root = copyFixture('basic');
    mkdirSync(path.join(root, 'manuscript', 'images'), { recursive: true });
    mkdirSync(path.join(root, 'manuscript', 'styles'), { recursive: true });
    writeFileSync(path.join(root, 'manuscript', 'images', 'drawing.svg'), `${OPEN}\n<script>new WebSocket('ws://127.0.0.1:${server.port}/sheet')</script>\n</svg>\n`);
    writeFileSync(path.join(root, 'manuscript', sheet), css);
    const before = server.hits.length;
    for (const command of [['check', 'manuscript'], ['build', 'manuscript', '--out', 'dist', '--format', 'pdf,epub,html']]) {
      const result = pamphlet(command, root);
      expect(result.status, result.stderr).toBe(1);
      expect(result.stderr).toContain(expected);
      expect(result.stderr).toContain('<script> is not allowed in an SVG image');
    }
    expect(existsSync(path.join(root, 'dist')) ? readdirSync(path.join(root, 'dist')).filter((f) => !f.startsWith('.')) : []).toEqual([]);
    expect(server.hits.slice(before)).toEqual([]);
  });

  test('a file that is neither a font nor an image is refused', () => {
    const root = copyFixture('basic');
    mkdirSync(path.join(root, 'manuscript', 'styles'), { recursive: true });
    writeFileSync(path.join(root, 'manuscript', 'styles', 'epub.css'), 'body { background: url(../part-1.md); }\n');
    const result = pamphlet(['check', 'manuscript'], root);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('manuscript/styles/epub.css:1:20: error: url(../part-1.md): a stylesheet may name fonts (.ttf, .otf, .woff2, .woff) and images (PNG, JPEG, GIF or SVG), not part-1.md');
  });
});

describe('drawings real people made: the 271 flags of flag-icons', () => {
  const FLAGS = path.resolve(import.meta.dirname, '..', 'node_modules', 'flag-icons', 'flags', '4x3');
  let root: string;
  let flags: string[];
  let result: ReturnType<typeof pamphlet>;
  beforeAll(() => {
    flags = readdirSync(FLAGS).filter((f) => f.endsWith('.svg')).sort();
    root = copyFixture('basic');
    writeFileSync(path.join(root, 'manuscript', 'pamphlet.yaml'), 'series: Flags\nauthor: Their Makers\nlang: en\n');
    const images = path.join(root, 'manuscript', 'images');
    mkdirSync(images, { recursive: true });
    for (const flag of flags) writeFileSync(path.join(images, flag), readFileSync(path.join(FLAGS, flag)));
    // And what an editor leaves in a file: Inkscape's metadata, a gradient named in CSS, an embedded raster, a link.
    writeFileSync(
      path.join(images, 'edited.svg'),
      `<?xml version="1.0" encoding="UTF-8"?>\n<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" xmlns:inkscape="http://www.inkscape.org/namespaces/inkscape" xmlns:sodipodi="http://sodipodi.sourceforge.net/DTD/sodipodi-0.dtd" width="40" height="20" viewBox="0 0 40 20" inkscape:version="1.3">\n<sodipodi:namedview id="view" pagecolor="#ffffff"/>\n<defs><linearGradient id="g"><stop offset="0" stop-color="#c33"/><stop offset="1" stop-color="#33c"/></linearGradient></defs>\n<style>.a { fill: url(#g); }</style>\n<rect class="a" width="40" height="20"/>\n<image xlink:href="data:image/png;base64,${RED_PNG}" width="4" height="4"/>\n<a xlink:href="https://example.org/"><title>Example</title><text x="2" y="15">x</text></a>\n</svg>\n`,
    );
    // And a flag to mend named by the manuscript's own stylesheet, packaged beside it.
    mkdirSync(path.join(root, 'manuscript', 'styles'), { recursive: true });
    writeFileSync(path.join(root, 'manuscript', 'styles', 'epub.css'), `aside { background: url(../images/${MENDED[0]}) no-repeat; }\n`);
    const pictures = [...flags, 'edited.svg'].map((file) => `![Flag ${file.replace(/\.svg$/, '')}](images/${file})`).join('\n\n');
    writeFileSync(path.join(root, 'manuscript', 'part-1.md'), `---\ntitle: Flags\npart: 1\n---\n\n${pictures}\n`);
    result = pamphlet(['build', 'manuscript', '--out', 'dist', '--format', 'epub,html', '--no-print-pages', '--quiet'], root);
  });

  test('holds what the test is about: every flag, many with gradients, clip paths and references inside the file', () => {
    expect(flags.length).toBeGreaterThanOrEqual(250);
    for (const flag of MENDED) expect(flags).toContain(flag);
    const text = flags.map((flag) => readFileSync(path.join(FLAGS, flag), 'utf8')).join('\n');
    for (const element of ['<use', '<clipPath', '<linearGradient', '<radialGradient', '<defs']) expect(text).toContain(element);
  });

  test('builds, with no error nor warning', () => {
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
  });

  test('packages every flag in the EPUB: as it was drawn, byte for byte, or mended and drawn the same; the EPUB passes epubcheck', () => {
    const epub = path.join(root, 'dist', 'flags-1.epub');
    const files = unzipSync(readFileSync(epub));
    const packaged = new Map(Object.entries(files).filter(([name]) => name.endsWith('.svg') && name.includes('/images/')).map(([name, data]) => [path.posix.basename(name), Buffer.from(data)]));
    expect(packaged.size).toBe(flags.length + 1);
    const changed: string[] = [];
    for (const flag of flags) {
      const drawn = readFileSync(path.join(FLAGS, flag));
      const inEpub = packaged.get(flag)!;
      if (inEpub.equals(drawn)) continue;
      changed.push(flag);
      // The same pixels, as resvg draws both at 4× the flag's size.
      const render = (svg: Buffer): Buffer => Buffer.from(new Resvg(svg, { fitTo: { mode: 'width', value: 2560 } }).render().pixels);
      expect(render(inEpub).equals(render(drawn)), flag).toBe(true);
    }
    expect(changed).toEqual(MENDED);
    const fromSheet = Object.entries(files).find(([name]) => name.includes('/res/') && name.endsWith(MENDED[0]!));
    expect(fromSheet, 'the stylesheet’s SVG, packaged').toBeDefined();
    expect(Buffer.from(fromSheet![1]).equals(packaged.get(MENDED[0]!)!)).toBe(true);
    const checked = epubcheck(epub);
    expect(checked.errors, checked.output).toBe(0);
  });
});
