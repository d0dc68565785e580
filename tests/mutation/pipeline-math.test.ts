// TeX math (src/pipeline/dollar-math.ts, remark-math.ts), in process: GitHub's help page on it
// and MyST-Parser's (tests/fixtures/any-manuscript/github-math, CC BY 4.0; myst-math, MIT), the
// dollar signs of money that Pandoc's rule keeps as text (the cases of Pandoc's manual and issue
// tracker), and formulas as an attacker would write them.
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { fromHtml } from 'hast-util-from-html';
import { selectAll } from 'hast-util-select';
import { toString as hastToString } from 'hast-util-to-string';
import { body, epubOf, load, onePart, onePartRefused } from './helpers.js';

const fixture = (name: string): Record<string, string> => {
  const dir = path.resolve(import.meta.dirname, '../fixtures/any-manuscript', name);
  return Object.fromEntries(readdirSync(dir).filter((file) => file !== 'LICENSE').map((file) => [file, readFileSync(path.join(dir, file), 'utf8')]));
};

/** Each formula of a body: its TeX (the `alttext`) and whether it is set apart. */
function formulas(html: string): string[] {
  return selectAll('math', fromHtml(html, { fragment: true })).map((math) => `${math.properties['display'] === 'block' ? 'block' : 'inline'}: ${String(math.properties['alttext'])}`);
}

/** What a reader reads outside the formulas. */
function prose(html: string): string {
  const tree = fromHtml(html, { fragment: true });
  for (const math of selectAll('math', tree)) math.children = [];
  return hastToString(tree);
}

describe("GitHub's help page on mathematical expressions", () => {
  test('each example a formula, its display blocks apart, its dollar of money text; the prose about delimiters printed as written, with a warning', () => {
    const loaded = load(fixture('github-math'));
    const html = body(loaded.manuscript.parts[0]!);
    expect(formulas(html)).toEqual([
      'inline: \\sqrt{3x-1}+(1+x)^2',
      // GitHub's $`…`$.
      'inline: \\sqrt{3x-1}+(1+x)^2',
      // $$…$$ on a line of a paragraph is set apart, as GitHub and Pandoc set it.
      'block: \\left( \\sum_{k=1}^n a_k b_k \\right)^2 \\leq \\left( \\sum_{k=1}^n a_k^2 \\right) \\left( \\sum_{k=1}^n b_k^2 \\right)',
      'block: \\left( \\sum_{k=1}^n a_k b_k \\right)^2 \\leq \\left( \\sum_{k=1}^n a_k^2 \\right) \\left( \\sum_{k=1}^n b_k^2 \\right)',
      'inline: \\sqrt{\\$4}',
      'inline: 100/2',
    ]);
    const text = prose(html);
    expect(text).toContain('This sentence uses $` and `$ delimiters to show math inline:');
    // Typography glues the number to its word (a no-break space).
    expect(text).toMatch(/To split \$100\s+in half, we calculate/);
    expect(text).not.toMatch(/\$\$|\\sqrt|```/);
    expect(loaded.messages.filter((m) => / (error|warning): /.test(m))).toEqual([
      "mathematical-expressions.md:10:20: warning: `$\\` and \\`$` is not TeX math pamphlet can set (Expected group as argument to '\\`'): printed as written; a dollar sign of money is written `\\$`",
    ]);
  });

  test('the EPUB declares its MathML, with the TeX as the annotation and alt text', () => {
    const loaded = load(fixture('github-math'));
    const epub = epubOf(loaded);
    expect(epub['OEBPS/package.opf']).toMatch(/<item id="text" href="text.xhtml" media-type="application\/xhtml\+xml" properties="mathml"\/>/);
    expect(epub['OEBPS/text.xhtml']).toContain('<math xmlns="http://www.w3.org/1998/Math/MathML" alttext="100/2"><semantics><mrow><mn>100</mn><mi>/</mi><mn>2</mn></mrow><annotation encoding="application/x-tex">100/2</annotation></semantics></math>');
  });
});

describe("MyST-Parser's page on math", () => {
  test('its role, its directive of two equations (the second aligned), its labelled display, its escapes, as MyST sets them', () => {
    const loaded = load(fixture('myst-math'));
    const html = body(loaded.manuscript.parts[0]!);
    const twoLines = '\\begin{aligned}(a + b)^2  &=  (a + b)(a + b) \\\\\n           &=  a^2 + 2ab + b^2\\end{aligned}';
    expect(formulas(html)).toEqual([
      'inline: a^2 + b^2 = c^2',
      'block: (a + b)^2 = a^2 + 2ab + b^2',
      `block: ${twoLines}`,
      // `$$ … $$ (mymath2)`: aligned as Sphinx aligns it, and the label its anchor.
      `block: ${twoLines}`,
      'inline: a=\\$3',
      'inline: a',
    ]);
    // Numbered, as MyST numbers a labelled formula, and `{eq}` to it is that number.
    expect(html).toMatch(/<div class="math-display math-numbered" id="mymath2"><math [^]*?<\/math><span class="equation-number">\(1\)<\/span><\/div>/);
    expect(html).toMatch(/<p id="p\d+" data-pn="\d+">The equation <a href="#mymath2">\(1\)<\/a> is also a quadratic equation.<\/p>/);
    const text = prose(html);
    expect(text).toContain('renders as $a$.');
    expect(text).toContain('so \\\\$a$ renders as \\');
    expect(text).not.toMatch(/\{math\}|:label:|\(mymath2\)/);
    // Its `{{role}}`, a substitution of MyST's, is named once: printed as typed.
    expect(loaded.messages.filter((m) => / (error|warning): /.test(m))).toEqual([
      "math.md:9:12: warning: `{{role}}` is a template's variable (Jekyll's Liquid, MyST's substitutions), which pamphlet does not fill: printed as typed",
    ]);
  });
});

describe('dollar signs of money stay text (Pandoc’s rule)', () => {
  const cases: Array<[string, string[]]> = [
    ['$22,000 is a *lot* of money. So is $34,000.', []],
    ['Shoes ($20) and socks ($5).', []],
    ['"$20,000 and $30,000" should not parse as math.', []],
    ['We spent $5.99 today, and $ 3 $ is no formula either.', []],
    ['Escaped: $73 *this should be emphasized* 23\\$.', []],
    ['$a$ and $x$1: the second is money.', ['inline: a']],
    ['`$e = mc^2$` is code.', []],
    ['$2+2=4$, $x \\in y$, $\\alpha \\wedge \\omega$ and a $p$-Tree.', ['inline: 2+2=4', 'inline: x \\in y', 'inline: \\alpha \\wedge \\omega', 'inline: p']],
    ['Split over\nlines: $a +\nb$.', ['inline: a +\nb']],
  ];
  test.each(cases)('%s', (text, expected) => {
    const { doc, messages } = onePart(text);
    expect(messages.filter((m) => / (error|warning): /.test(m))).toEqual([]);
    const html = body(doc);
    expect(formulas(html)).toEqual(expected);
    if (text.includes('*lot*')) expect(html).toContain('<em>lot</em>');
    if (text.includes('*this')) expect(html).toContain('<em>this should be emphasized</em>');
  });
});

describe('formulas as an attacker would write them', () => {
  test('a link, a picture or raw HTML in TeX is refused at its place, and nothing of it reaches the book', () => {
    const errors = onePartRefused('$$\n\\href{javascript:alert(1)}{x}\n$$\n\n$$\\includegraphics{../../etc/passwd}$$\n\n$$\n\\htmlClass{x}{y} \\url{https://example.com}\n$$\n');
    expect(errors).toEqual([
      "part-1.md:7:1: error: TeX math that cannot be set: Unsupported function name: \\href",
      'part-1.md:10:3: error: TeX math that cannot be set: Function "\\includegraphics" is not trusted',
      'part-1.md:13:1: error: TeX math that cannot be set: Unsupported function name: \\htmlClass',
    ]);
  });

  test('a macro that expands itself forever, and braces 20,000 deep, stop at once with their place', () => {
    const started = performance.now();
    const errors = onePartRefused(`$$\\def\\a{\\a\\a}\\a$$\n\n$$${'{'.repeat(20000)}x${'}'.repeat(20000)}$$\n\n$$${'\\left('.repeat(3000)}x${'\\right)'.repeat(3000)}$$\n`);
    expect(errors).toEqual([
      'part-1.md:6:1: error: TeX math that cannot be set: Too many expansions: infinite loop or need to increase maxExpand setting',
      'part-1.md:8:103: error: TeX math that cannot be set: nested more than 100 deep',
      'part-1.md:10:603: error: TeX math that cannot be set: nested more than 100 deep',
    ]);
    expect(performance.now() - started).toBeLessThan(20_000);
  });

  test('a formula between single dollars that TeX cannot read is printed as written, never as markup', () => {
    const { doc, messages } = onePart('Costs $<img src=x onerror=alert(1)>\\frac{$ today.');
    expect(formulas(body(doc))).toEqual([]);
    expect(selectAll('img', fromHtml(body(doc), { fragment: true }))).toEqual([]);
    expect(prose(body(doc))).toContain('Costs $<img src=x onerror=alert(1)>\\frac{$ today.');
    expect(messages.some((m) => / warning: .* printed as written/.test(m))).toBe(true);
  });

  test("MyST's `$$ (label)`: only a formula's closing fence; in code it stays, and a label no id can be is no anchor", () => {
    const { doc, messages } = onePart('```md\n$$\nx\n$$ (in-code)\n```\n\n$$\ny\n$$ (eq-y)\n\nText $$ (not-a-fence).\n\n$$\nz\n$$ (bad"onload="x)\n');
    expect(messages.filter((m) => / (error|warning): /.test(m))).toEqual([]);
    const html = body(doc);
    expect(html).toContain('$$ (in-code)');
    expect(formulas(html)).toEqual(['block: y', 'block: z']);
    expect(html).toContain('<div class="math-display math-numbered" id="eq-y">');
    // The label no id can be numbers nothing: `(1)` is y's alone.
    expect(html.match(/class="equation-number"/g)).toHaveLength(1);
    expect(html).not.toMatch(/onload|id="bad/);
    expect(prose(html)).toContain('Text $$ (not-a-fence).');
  });

  test('MathML written by hand is still refused: only TeX makes formulas', () => {
    expect(onePartRefused('A <math><mi>x</mi></math> by hand.').join('\n')).toMatch(/error: .*<math>/);
  });
});
