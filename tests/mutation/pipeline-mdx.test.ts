// MDX as Docusaurus writes it (src/pipeline/remark-mdx.ts), in process: Redux's tutorial (reduxjs/redux,
// docs/tutorials/essentials, MIT) and Docusaurus's guide (CC BY 4.0) as written, then as an attacker
// writes it. Their pages as whole books are in tests/any-manuscript.test.ts (docusaurus-mdx).
import { describe, expect, test } from 'vitest';
import { fromHtml } from 'hast-util-from-html';
import { selectAll } from 'hast-util-select';
import { body, load, onePart, PNG_1x1, SERIES } from './helpers.js';

const warnings = (messages: string[]) => messages.filter((m) => / (error|warning): /.test(m));

describe("Redux's tutorial, a Docusaurus `.md` page", () => {
  // part-1-overview-concepts.md, its first lines and its first <DetailedExplanation>, as written.
  const REDUX = [
    "import { DetailedExplanation } from '../../components/DetailedExplanation'",
    '',
    'Reducers can use any kind of logic inside to decide what the new state should be: `if/else`, `switch`, loops, and so on.',
    '',
    '<DetailedExplanation title="Detailed Explanation: Why Are They Called \'Reducers?\'" >',
    '',
    'The [`Array.reduce()`](https://developer.mozilla.org/en-US/docs/Web/JavaScript/Reference/Global_Objects/Array/reduce) method lets you take an array of values, process each item in the array one at a time, and return a single final result.',
    '',
    '</DetailedExplanation>',
    '',
    '#### Store',
    '',
  ].join('\n');

  test("its import line goes; a component with a title is a note titled so, the Markdown it holds inside; said once", () => {
    const { doc, messages } = onePart(REDUX);
    const text = body(doc);
    expect(text).not.toMatch(/import|DetailedExplanation/);
    expect(text).toMatch(/<div class="callout callout-note" role="note">\n<p class="callout-title">Detailed Explanation: Why Are They Called ‘Reducers\?’<\/p>\n<p id="p2" data-pn="2">The <a href="https:\/\/developer\.mozilla\.org[^"]+"><code>Array\.reduce\(\)<\/code><\/a> method lets you/);
    expect(warnings(messages).filter((m) => m.includes('MDX'))).toEqual([
      'part-1.md:6:1: warning: MDX: React components (`<DetailedExplanation>`) run in a browser, which pamphlet does not do: the Markdown they hold is printed, a `title` as a note\'s, a tab\'s `label` before its text, and their `import` lines and `{/* comments */}` left out',
    ]);
  });

  test('an `.mdx` file is a part, read the same way', () => {
    const loaded = load({ 'pamphlet.yaml': SERIES, 'chapter.mdx': `---\ntitle: T\n---\n\n${REDUX}` });
    expect(loaded.manuscript.parts).toHaveLength(1);
    expect(body(loaded.manuscript.parts[0]!)).toContain('<p class="callout-title">Detailed Explanation');
  });
});

describe("Docusaurus's guide: components in a line, comments, exports", () => {
  test('inline, the tags go and the words stay; `{/* … */}` and `export` declarations go; a self-closing component shows nothing', () => {
    // markdown-features-react.mdx writes these.
    const { doc, messages } = onePart(
      "export const Highlight = ({children, color}) => (\n  <span style={{backgroundColor: color}}>{children}</span>\n);\n\n<Highlight color=\"#25c2a0\">Docusaurus green</Highlight> and <Highlight color=\"#1877F2\">Facebook blue</Highlight> are my favorite colors.\n\n{/* A comment for the editors */}\n\n<DocCardList />\n\nThe end.\n",
    );
    const text = body(doc);
    expect(text).toBe('<p id="p1" data-pn="1">Docusaurus green and Facebook blue are my favorite colors.</p>\n<p id="p2" data-pn="2">The end.</p>');
    expect(warnings(messages)).toEqual([expect.stringMatching(/^part-1\.md:6:1: warning: MDX: React components \(`<Highlight>`, `<DocCardList>`\)/)]);
  });

  test("prose that begins like a declaration stays, and so does Go's `import \"fmt\"`: only what acorn reads as a module's declarations, naming what they import, goes", () => {
    // The last, Go's, as Google Docs exports code: paragraphs (tests/fixtures/any-manuscript/google-docs).
    const { doc, messages } = onePart('import duties rose in 1930, and export fell.\n\nexport\n\nimport { broken from\n\n{/* one */} and more\n\npackage main\n\nimport "fmt"\n');
    const text = body(doc);
    expect(text).toContain('import duties rose in 1930, and export fell.');
    expect(text).toContain('<p id="p2" data-pn="2">export</p>');
    expect(text).toContain('import { broken from');
    expect(text).toContain('{/* one */} and more');
    expect(text).toContain('<p id="p6" data-pn="6">import “fmt”</p>');
    expect(warnings(messages)).toEqual([]);
  });

  test('a `title` an attacker wrote is words, and the component names no element of the page', () => {
    const { doc } = onePart('<Note title="</summary><script>alert(1)</script><img src=x onerror=alert(2)>">\n\nInside.\n\n</Note>\n\n<Tabs><TabItem label="<b onclick=alert(3)>x</b>">Tab</TabItem></Tabs>\n');
    const text = body(doc);
    // Words, not elements: none of them is an element of the page, and none of its attributes a handler.
    expect(selectAll('script, img, [onerror], [onclick], note, tabs, tabitem', fromHtml(text, { fragment: true }))).toEqual([]);
    expect(text).toContain('<p class="callout-title">&#x3C;/summary>&#x3C;script>');
    expect(text).toContain('Inside.');
    expect(text).toContain('Tab');
  });

  test('a tag with no partner is no component and stays as typed; a type in prose is never one', () => {
    const { doc, messages } = onePart('<Wrapper>\n\nFirst.\n\n</Wrapper>\n\n</Wrapper>\n\n<Open>\n\nLast, and a `Promise<Buffer>` is Promise<Buffer>, with <Highlight>words</Highlight>.\n');
    const text = body(doc);
    expect(text).toContain('<p id="p1" data-pn="1">First.</p>');
    expect(text).toContain('&#x3C;/Wrapper>');
    expect(text).toContain('&#x3C;Open>');
    expect(text).toContain('is Promise&#x3C;Buffer>, with words.');
    // HTML in capitals, as old pages write it, is HTML: its picture stays.
    const old = onePart('<P ALIGN="center"><IMG SRC="a.png" ALT="A map"/><BR/></P>\n', { files: { 'a.png': PNG_1x1 } });
    expect(body(old.doc)).toContain('alt="A map"');
    expect(old.messages.filter((m) => m.includes('MDX'))).toEqual([]);
    expect(messages.filter((m) => / error: /.test(m))).toEqual([]);
    expect(messages.filter((m) => m.includes('MDX'))).toEqual([expect.stringMatching(/React components \(`<Wrapper>`, `<Highlight>`\)/)]);
  });
});
