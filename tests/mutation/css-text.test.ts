// CSS written from words pamphlet did not choose: a font's family name comes from the font
// file's name table, and until 2026-12-04 only quotes and backslashes were escaped, so a name
// holding a newline ended its string and wrote rules of its own into the EPUB's stylesheet
// (a red-team font named "Evil⏎} @font-face { … src: url(http://…) }" made a reader fetch).
// What a CSS parser reads back is asserted, not the escapes.
import { describe, expect, test } from 'vitest';
import * as cssTree from 'css-tree';
import { cssString, styleElementText } from '../../src/style/css-text.js';

const NAMES = [
  'EB Garamond',
  "O'Reilly Sans",
  'Back\\slash',
  "Evil\n} @font-face { font-family: Z; src: url(http://127.0.0.1:1/x) } body { font-family: Z; x: '",
  'Tab\tand\rreturn\fand\u0000nul',
  '</style><script>alert(1)</script>',
  '"double" and \'single\'',
  '\u2028line separator\u2029',
];

describe('cssString', () => {
  test.each(NAMES.map((name) => [JSON.stringify(name), name]))('%s is one string that reads back as written (NUL as U+FFFD, as CSS reads it)', (_label, name) => {
    for (const quote of ["'", '"'] as const) {
      const sheet = `@font-face { font-family: ${cssString(name, quote)}; src: url("a.woff2"); }`;
      const ast = cssTree.parse(sheet) as cssTree.StyleSheet;
      const rules = ast.children.toArray();
      expect(rules.map((rule) => rule.type === 'Atrule' ? rule.name : rule.type)).toEqual(['font-face']);
      const strings: string[] = [];
      const urls: string[] = [];
      cssTree.walk(ast, (node) => {
        if (node.type === 'String') strings.push(node.value);
        if (node.type === 'Url') urls.push(node.value);
      });
      expect(strings).toEqual([name.replace(/\u0000/g, '\uFFFD')]);
      expect(urls).toEqual(['a.woff2']);
    }
  });
});

describe('styleElementText', () => {
  test('leaves no `</` for an HTML parser to end the <style> at, and reads as the same CSS', () => {
    const css = 'p::after { content: "</style><meta http-equiv=refresh content=0>"; } /* </STYLE> */ @media (width < 600px) { p { color: red } }';
    const text = styleElementText(css);
    expect(text).not.toMatch(/<\//);
    const strings = (source: string): string[] => {
      const found: string[] = [];
      cssTree.walk(cssTree.parse(source), (node) => {
        if (node.type === 'String') found.push(node.value);
      });
      return found;
    };
    expect(strings(text)).toEqual(strings(css));
  });
});
