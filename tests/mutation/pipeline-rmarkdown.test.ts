// R Markdown and Quarto (remark-code-cells.ts, remark-cross-references.ts, parts-bibliography.ts),
// in process: bookdown's demo book as `bookdown` starts one (tests/fixtures/any-manuscript/bookdown-demo,
// CC0), and Quarto's cells, options and references as its guide writes them.
import { readFileSync, readdirSync, symlinkSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { toString } from 'hast-util-to-string';
import { EPOCH, body, calloutTitles, folder, load, onePart, onePartRefused, outsideCode } from './helpers.js';
import { loadManuscript } from '../../src/manuscript.js';

const FIXTURE = path.resolve(import.meta.dirname, '../fixtures/any-manuscript/bookdown-demo');
const bookdown = (): Record<string, string> => Object.fromEntries(readdirSync(FIXTURE).filter((file) => file !== 'LICENSE').map((file) => [file, readFileSync(path.join(FIXTURE, file), 'utf8')]));

// Loaded in each test that reads it: no cache across tests (tests/mutation/helpers.ts says why).
const demo = (): ReturnType<typeof load> => load(bookdown());
const worksOf = (doc: ReturnType<typeof load>['manuscript']['parts'][number]): string => (doc.bibliography?.entries ?? []).map((entry) => toString(entry)).join('\n');

describe("bookdown's demo book", () => {

  test('its Rmd files are its parts, index.Rmd first, each titled by its front matter or its first heading without the label', () => {
    const parts = demo().manuscript.parts;
    expect(parts.map((doc) => doc.meta.title)).toEqual(['A Minimal Book Example', 'Introduction', 'Literature', 'Methods', 'Applications', 'Final Words', '06-references']);
    expect(parts[1]!.meta.sourcePath).toMatch(/01-intro\.Rmd$/);
    // The title keeps the label written after its heading, so `\@ref(intro)` lands on it.
    expect(parts[1]!.meta.titleId).toBe('intro');
  });

  test('its cells are R as written, the set-up cell (`include=FALSE`) left out; one warning that no code runs', () => {
    const loaded = demo();
    const parts = loaded.manuscript.parts;
    const first = body(parts[0]!);
    expect(first).toContain('<pre><code class="language-r">install.packages("bookdown")\n# or the development version\n# devtools::install_github("rstudio/bookdown")\n</code></pre>');
    expect(first).not.toContain('write_bib');
    const intro = body(parts[1]!);
    expect(intro).toContain('<pre><code class="language-r">par(mar = c(4, 4, .1, .1))\nplot(pressure, type = \'b\', pch = 19)\n</code></pre>');
    expect(intro).not.toMatch(/\{r|fig\.cap=/);
    expect(loaded.messages.filter((m) => m.includes('runs no code'))).toEqual([
      '01-intro.Rmd:7:1: warning: pamphlet runs no code: what these 2 R code cells would show (a plot, a table, a number) is not printed; render the part to Markdown with Quarto or knitr first (`quarto render --to gfm`) and give pamphlet that',
    ]);
  });

  test('`\\@ref()` to a chapter is its numeral, a link; to a figure a cell would draw, ?? with a warning', () => {
    const loaded = demo();
    const parts = loaded.manuscript.parts;
    const intro = body(parts[1]!);
    expect(intro).toContain('we can reference Chapter <a href="#intro">II</a>.');
    // Another part, and no `base-url`: its numeral, as text.
    expect(intro).toContain('e.g., Chapter IV.');
    expect(intro).toContain('see Figure ??.');
    expect(intro).toContain('see Table ??.');
    expect(outsideCode(intro)).not.toContain('@ref');
    expect(loaded.messages.filter((m) => m.includes('names no heading'))).toEqual([
      '01-intro.Rmd:12:85: warning: `\\@ref(fig:nice-fig)` names no heading, labelled figure, table or formula of the book (a figure or table a code cell draws is numbered by bookdown or Quarto, which pamphlet does not run): printed as ?? (and 1 more after it)',
    ]);
  });

  test("index.Rmd's `bibliography: [book.bib, packages.bib]` is the series' bibliography: book.bib read, packages.bib (knitr's) said not to be", () => {
    const loaded = demo();
    const parts = loaded.manuscript.parts;
    expect(loaded.messages).toContain("index.Rmd:8:15: warning: `bibliography` names `packages.bib`, not read: the series' bibliography, book.bib, is every part's");
    expect(worksOf(parts[1]!)).toContain('Dynamic Documents with R and Knitr');
    expect(loaded.messages.filter((m) => / error: /.test(m))).toEqual([]);
  });

  test('its math, in the text and in a note, is MathML', () => {
    const parts = demo().manuscript.parts;
    const methods = body(parts[3]!);
    expect(methods).toMatch(/<math [^>]*display="block"[^>]*alttext="\s*SE = \\sqrt/);
    expect(methods).not.toContain('$$');
  });
});

describe('TeX environments written bare, as bookdown and Jupyter write them', () => {
  test("`\\begin{equation}` … and `\\begin{align}` … are display formulas read from the source (Markdown's escapes would eat `\\\\`); bookdown's `(\\#eq:label)` is the formula's id and number, not printed in the TeX", () => {
    const { doc, messages } = onePart('\\begin{equation}\nf(k) = \\binom{n}{k} p^k_1 (\\#eq:binom)\n\\end{equation}\n\n\\begin{align}\na_1 &= b_1 \\\\\nc_2 &= d_2\n\\end{align}\n\n\\begin{eqnarray}\nx &=& y\n\\end{eqnarray}\n\n> \\begin{equation}\n> x\n> \\end{equation}\n');
    expect(messages).toEqual([]);
    const html = body(doc);
    const displays = html.match(/<div class="math-display[^"]*"[^>]*>/g) ?? [];
    // The third, MathJax's eqnarray, set as the array of right, centred and left columns it is.
    expect(displays).toEqual(['<div class="math-display math-numbered" id="eq-binom">', '<div class="math-display">', '<div class="math-display">']);
    // Set unnumbered by TeX, so no number column with HTML in the MathML: the labelled one's number, "(1)", is set beside it, as bookdown numbers it.
    expect(html).toContain('alttext="\\begin{equation*}\nf(k) = \\binom{n}{k} p^k_1\n\\end{equation*}"');
    expect(html.match(/<span[^>]*>[^<]*<\/span>/g)).toEqual(['<span class="equation-number">(1)</span>']);
    // The equation's one row, the alignment's two (the `\\\\` between them kept) and the array's one.
    expect(html.match(/<mtr>/g)?.length).toBe(4);
    expect(html).not.toContain('#eq:binom');
    // One in a quotation stays text.
    expect(html).toMatch(/<blockquote>\n<p id="p1" data-pn="1">\\begin\{equation\}/);
  });
});

describe('a formula as an attacker writes one', () => {
  test('a `$$` never closed is an error at it, not the rest of the part made one formula (the fuzz test, 2026-12-07)', () => {
    expect(onePartRefused('$$\n\n| the | the |\n|:--|--:|\n| the | the |\n\nTable: the\n')).toEqual([
      'part-1.md:6:1: error: a `$$` formula with no closing `$$`: it would run on to the end of the part (or of its quotation or list item); close it with `$$` on a line of its own, or write a dollar sign as `\\$`',
    ]);
  });

  test('a run of 300,000 blanks before no bookdown label is read once (a pattern tried at every blank took 2 s on 50,000)', () => {
    const { doc, messages } = onePart(`$$\nx${' '.repeat(300_000)}y\n$$\n`);
    expect(messages).toEqual([]);
    expect(body(doc)).toContain('<div class="math-display">');
  });
});

describe('a bare environment TeX cannot set', () => {
  test('stays the paragraph it was, with a warning at it (it was written in no math delimiters)', () => {
    const { doc, messages } = onePart('\\begin{equation}\nx = \\frac{1}\n\\end{equation}\n');
    expect(messages).toEqual(['part-1.md:6:1: warning: `\\begin{equation}` is not a TeX environment pamphlet can set: printed as written']);
    expect(body(doc)).toContain('<p id="p1" data-pn="1">\\begin{equation}');
  });
});

describe('Quarto', () => {
  test('a cell with `#|` options: the options out, `echo: false` hides the code, `include: false` the cell, `eval: false` warns of nothing', () => {
    const text = [
      '## Data {#sec-data}',
      '',
      '```{r}',
      '#| label: fig-cars',
      '#| fig-cap: "Speed and distance"',
      'plot(cars)',
      '```',
      '',
      '```{python}',
      '#| echo: false',
      'print("hidden")',
      '```',
      '',
      '```{r}',
      '#| include: false',
      'library(ggplot2)',
      'x <- 1',
      '```',
      '',
      '```{r, eval=FALSE}',
      'install.packages("quarto")',
      '```',
      '',
      'As @sec-data shows, and @fig-cars draws.',
      '',
    ].join('\n');
    const { doc, messages } = onePart(text);
    const html = body(doc);
    expect(html).toContain('<pre><code class="language-r">plot(cars)\n</code></pre>');
    expect(html).toContain('<pre><code class="language-r">install.packages("quarto")\n</code></pre>');
    expect(html).not.toMatch(/#\||hidden|ggplot2/);
    // `@fig-cars` in a `.md` part names no heading: Quarto's form outside Quarto's files is left as typed.
    expect(html).toContain('As <a href="#sec-data">Data</a> shows, and @fig-cars draws.');
    expect(messages).toEqual(['part-1.md:8:1: warning: pamphlet runs no code: what these 2 R, Python code cells would show (a plot, a table, a number) is not printed; render the part to Markdown with Quarto or knitr first (`quarto render --to gfm`) and give pamphlet that']);
  });

  test('a `.qmd` part: `execute: echo: false` hides every cell\'s code, `{{< pagebreak >}}` breaks the page, callouts are notes, an unresolved reference is ??', () => {
    const files = {
      'pamphlet.yaml': 'series: S\n',
      'report.qmd': [
        '---',
        'title: "Report"',
        'execute:',
        '  echo: false',
        '---',
        '',
        '```{r}',
        'summary(cars)',
        '```',
        '',
        '::: {.callout-tip}',
        '## Before you start',
        'Install R.',
        ':::',
        '',
        '{{< pagebreak >}}',
        '',
        'See @fig-missing and `r 1 + 1`.',
        '',
      ].join('\n'),
    };
    const loaded = load(files);
    const html = body(loaded.manuscript.parts[0]!);
    expect(html).not.toContain('summary(cars)');
    expect(html).toContain('<div class="pagebreak"></div>');
    expect(calloutTitles(html)).toEqual(['tip: Before you start']);
    expect(html).toContain('See ?? and <code>r 1 + 1</code>.');
    expect(loaded.messages.filter((m) => / warning: /.test(m))).toEqual([
      'report.qmd:7:1: warning: pamphlet runs no code: what these 2 R code cells would show (a plot, a table, a number) is not printed; render the part to Markdown with Quarto or knitr first (`quarto render --to gfm`) and give pamphlet that',
      'report.qmd:18:5: warning: `@fig-missing` names no heading, labelled figure, table or formula of the book (a figure or table a code cell draws is numbered by bookdown or Quarto, which pamphlet does not run): printed as ??',
    ]);
  });

  test("two columns' fenced divs with no blank line between them: two paragraphs, as Pandoc reads them", () => {
    const { doc } = onePart(':::: {.columns}\n::: {.column width="40%"}\nLeft\n:::\n::: {.column width="60%"}\nRight\n:::\n::::\n');
    expect(body(doc)).toBe('<p id="p1" data-pn="1">Left</p>\n<p id="p2" data-pn="2">Right</p>');
  });

  test('a part that names a bibliography where pamphlet.yaml names none: it is the series\'; one that is not there is said to be', () => {
    const files = {
      'pamphlet.yaml': 'series: S\n',
      'refs.bib': '@book{knuth1984, title = {The TeXbook}, author = {Knuth, Donald}, year = {1984}, publisher = {Addison-Wesley}}\n',
      'paper.qmd': '---\ntitle: Paper\nbibliography: refs.bib\n---\n\nAs @knuth1984 wrote.\n',
      'appendix.qmd': '---\ntitle: Appendix\nbibliography: [refs.bib, missing.bib]\n---\n\nSee [@knuth1984, p. 3].\n',
    };
    const loaded = load(files);
    expect(loaded.manuscript.parts.map((doc) => doc.meta.title)).toEqual(['Appendix', 'Paper']);
    expect(loaded.manuscript.parts.every((doc) => worksOf(doc).includes('TeXbook'))).toBe(true);
    expect(loaded.messages.filter((m) => / (warning|error): /.test(m))).toEqual(["appendix.qmd:3:15: warning: `bibliography` names `missing.bib`, not read: the series' bibliography, refs.bib, is every part's"]);
    // Chicago's notes, pamphlet's style where none is named: a note call, no "(Knuth 1984)".
    expect(body(loaded.manuscript.parts[1]!)).toContain('class="noteref"');
  });

  test("a part's `csl:` is the series' citation style where pamphlet.yaml names none; another part's other one is said not to be read", () => {
    const files = {
      'pamphlet.yaml': 'series: S\n',
      'refs.bib': '@book{knuth1984, title = {The TeXbook}, author = {Knuth, Donald}, year = {1984}, publisher = {Addison-Wesley}}\n',
      'apa.csl': readFileSync('/usr/share/citation-style-language/styles/apa.csl'),
      'paper.qmd': '---\ntitle: Paper\nbibliography: refs.bib\ncsl: apa.csl\n---\n\nAs @knuth1984 wrote, [@knuth1984, p. 3].\n',
      'zappendix.qmd': '---\ntitle: Appendix\ncsl: chicago.csl\n---\n\nText.\n',
    };
    const loaded = load(files);
    // APA's author-date form (a no-break space after "p.").
    expect(body(loaded.manuscript.parts[0]!)).toMatch(/As Knuth <span class="citation">\(1984\)<\/span> wrote, <span class="citation">\(Knuth, 1984, p\.\s3\)<\/span>\./u);
    expect(loaded.messages.filter((m) => / (warning|error): /.test(m))).toEqual(['zappendix.qmd:3:6: warning: `csl` names `chicago.csl`, not read: it is no .csl file in the folder']);
  });
});

describe("a part's bibliography, named as an attacker would", () => {
  test('outside the folder, by a path or through a link: never read, said not to be, the citation left as text', () => {
    const dir = folder({
      'outside.bib': '@book{secret, title = {Outside}, author = {Nobody}, year = {2000}}\n',
      'book/pamphlet.yaml': 'series: S\n',
      'book/a.qmd': '---\ntitle: A\nbibliography: ../outside.bib\n---\n\nAs @secret wrote.\n',
      'book/b.qmd': '---\ntitle: B\nbibliography: [linked.bib, /etc/passwd]\n---\n\nText.\n',
    });
    symlinkSync(path.join(dir, 'outside.bib'), path.join(dir, 'book', 'linked.bib'));
    const manuscript = loadManuscript(path.join(dir, 'book'), EPOCH);
    expect(manuscript.config.bibliography).toBeUndefined();
    expect(manuscript.parts.every((doc) => doc.bibliography === null)).toBe(true);
    expect(manuscript.parts.map((doc) => body(doc)).join('\n')).toContain('As @secret wrote.');
    expect(manuscript.messages.filter((m) => m.ruleId === 'frontmatter-bibliography').map((m) => `${path.basename(m.file ?? '')}: ${m.reason}`)).toEqual([
      'a.qmd: `bibliography` names `../outside.bib`, not read: no file it names is a .bib or .json file in the folder',
      'b.qmd: `bibliography` names `linked.bib`, `/etc/passwd`, not read: no file it names is a .bib or .json file in the folder',
    ]);
  });
});
