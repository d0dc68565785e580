// A Quarto or bookdown book's chapter list (src/files/book-chapters.ts), Quarto's includes
// (src/files/quarto-includes.ts) and Pandoc's attributes after a link or picture
// (remark-pandoc-link-attributes.ts), in process. Quarto's own test book
// (tests/fixtures/any-manuscript/quarto-book, MIT) first, then its guide's forms, then as an
// attacker writes them: an include out of the folder, through a link, of itself, doubling.
import { readFileSync, readdirSync, symlinkSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { EPOCH, body, folder, load, onePart, PNG_1x1, refused, SERIES } from './helpers.js';
import { formatMessage, ManuscriptError } from '../../src/diagnostics.js';
import { loadManuscript } from '../../src/manuscript.js';

const FIXTURE = path.resolve(import.meta.dirname, '../fixtures/any-manuscript/quarto-book');
const quartoBook = (): Record<string, string> => Object.fromEntries(readdirSync(FIXTURE).filter((file) => file !== 'LICENSE').map((file) => [file, readFileSync(path.join(FIXTURE, file), 'utf8')]));
const titles = (loaded: ReturnType<typeof load>): string[] => loaded.manuscript.parts.map((doc) => doc.meta.title);
const chapter = (heading: string): string => `# ${heading}\n\nText of ${heading}.\n`;
/** A one-part book whose part is `name` (a `.qmd`, an `.Rmd`), with `files` beside it. */
const partNamed = (text: string, name: string, yaml: string = SERIES, files: Record<string, string | Uint8Array> = {}) => {
  const loaded = load({ 'pamphlet.yaml': yaml, [name]: `---\ntitle: T\n---\n\n${text}`, ...files });
  return { ...loaded, doc: loaded.manuscript.parts[0]! };
};

describe("Quarto's own test book", () => {
  test("its chapters in _quarto.yml's order, the partial no part, the include in place, the project's bibliography read", () => {
    const loaded = load(quartoBook());
    expect(titles(loaded)).toEqual(['index', 'Introduction', 'Summary', 'References']);
    const intro = body(loaded.manuscript.parts[1]!);
    expect(intro).toContain('<pre><code class="language-python">print("Hello, world")\n</code></pre>');
    expect(intro).not.toContain('{{&lt;');
    // `[A figure](./cover.png){#fig-1}`: the link, without its block.
    expect(intro).toMatch(/<a href="https:\/\/example\.org\/book\/cover\.png">A figure<\/a><\/p>/);
    expect(loaded.manuscript.parts[1]!.bibliography?.entries).toHaveLength(1);
    expect(loaded.messages).toContain('intro.qmd:9:1: warning: pamphlet runs no code: what this Python code cell would show (a plot, a table, a number) is not printed; render the part to Markdown with Quarto or knitr first (`quarto render --to gfm`) and give pamphlet that');
  });
});

describe("a book's chapter list", () => {
  test("Quarto's parts and appendices, in the list's order; a part file it leaves out is no part, with a warning", () => {
    const loaded = load({
      'pamphlet.yaml': SERIES,
      '_quarto.yml': 'project:\n  type: book\nbook:\n  title: "T"\n  chapters:\n    - index.qmd\n    - part: "Part One"\n      chapters:\n        - zeta.qmd\n        - alpha.qmd\n    - part: part2.qmd\n      chapters: [beta.qmd]\n  appendices:\n    - ./appendix.qmd\n',
      'index.qmd': chapter('Preface'),
      'alpha.qmd': chapter('Alpha'),
      'zeta.qmd': chapter('Zeta'),
      'part2.qmd': chapter('Part Two'),
      'beta.qmd': chapter('Beta'),
      'appendix.qmd': chapter('Appendix'),
      'draft.qmd': chapter('Draft'),
      'notes.md': chapter('Notes'),
    });
    expect(titles(loaded)).toEqual(['Preface', 'Zeta', 'Alpha', 'Part Two', 'Beta', 'Appendix']);
    expect(loaded.messages).toContain("_quarto.yml:6:5: warning: `draft.qmd`, `notes.md` are not among _quarto.yml's chapters: left out of the book, as Quarto leaves them out (list them there to print them)");
    expect(loaded.rules).toContain('pamphlet:book-chapters');
  });

  test('an entry in a folder of its own, or naming no file, is told at its line and skipped', () => {
    const loaded = load({
      'pamphlet.yaml': SERIES,
      '_quarto.yml': 'book:\n  chapters:\n    - index.qmd\n    - chapter2/chapter2.qmd\n    - missing.qmd\n    - summary.qmd\n',
      'index.qmd': chapter('Preface'),
      'chapter2/chapter2.qmd': chapter('Two'),
      'summary.qmd': chapter('Summary'),
    });
    expect(titles(loaded)).toEqual(['Preface', 'Summary']);
    expect(loaded.messages).toEqual(expect.arrayContaining([
      "_quarto.yml:4:7: warning: _quarto.yml's chapter `chapter2/chapter2.qmd` is in a folder of its own: left out (a part is a file of the manuscript folder itself; move it there)",
      "_quarto.yml:5:7: warning: _quarto.yml's chapter `missing.qmd` is no part file of the folder: left out",
    ]));
  });

  test("bookdown's rmd_files, a list or one per output (the print's taken); its `_` files are no parts", () => {
    const files = { 'pamphlet.yaml': SERIES, 'index.Rmd': chapter('Preface'), 'intro.Rmd': chapter('Intro'), 'abstract.Rmd': chapter('Abstract'), '_setup.Rmd': chapter('Setup') };
    expect(titles(load({ ...files, '_bookdown.yml': 'book_filename: "x"\nrmd_files: ["index.Rmd", "abstract.Rmd", "intro.Rmd"]\n' }))).toEqual(['Preface', 'Abstract', 'Intro']);
    expect(titles(load({ ...files, '_bookdown.yml': 'rmd_files:\n  html: ["index.Rmd", "intro.Rmd"]\n  latex: ["index.Rmd", "abstract.Rmd", "intro.Rmd"]\n' }))).toEqual(['Preface', 'Abstract', 'Intro']);
    // No list: by their names, the index first, as bookdown orders them; `_setup.Rmd` is none.
    expect(titles(load(files))).toEqual(['Preface', 'Abstract', 'Intro']);
  });

  test('a list that cannot be read, or names no part file, leaves the order of the names, with a warning', () => {
    const files = { 'pamphlet.yaml': SERIES, 'b.md': chapter('B'), 'a.md': chapter('A') };
    const broken = load({ ...files, '_quarto.yml': 'book:\n  chapters: [b.md\n' });
    expect(titles(broken)).toEqual(['A', 'B']);
    expect(broken.rules).toContain('pamphlet:book-chapters');
    expect(broken.messages[0]).toMatch(/^_quarto\.yml:\d+:\d+: warning: _quarto\.yml is not YAML pamphlet can read \(.+\): its chapter list is not read, the parts are in the order of their names$/);
    const none = load({ ...files, '_quarto.yml': 'book:\n  chapters: [x/b.md]\n' });
    expect(titles(none)).toEqual(['A', 'B']);
    expect(none.messages).toContain("_quarto.yml:2:13: warning: _quarto.yml's chapter list names none of the folder's part files: the parts are in the order of their names");
    // A website's _quarto.yml has no book: nothing said, the names' order.
    const site = load({ ...files, '_quarto.yml': 'project:\n  type: website\n' });
    expect(titles(site)).toEqual(['A', 'B']);
    expect(site.messages.filter((m) => m.startsWith('_quarto'))).toEqual([]);
  });

  test("parts that give `part:` keep their numbers; the list only orders those that do not", () => {
    const loaded = load({ 'pamphlet.yaml': SERIES, '_quarto.yml': 'book:\n  chapters: [b.md, a.md]\n', 'a.md': '---\ntitle: A\npart: 1\n---\nx\n', 'b.md': '---\ntitle: B\npart: 2\n---\nx\n' });
    expect(titles(loaded)).toEqual(['A', 'B']);
  });
});

describe("Quarto's includes", () => {
  test('the file in place, nested, from a folder; its front matter left out; a fenced one is code; messages at the include', () => {
    const loaded = load({
      'pamphlet.yaml': SERIES,
      'part.qmd': '---\ntitle: T\n---\n\nBefore.\n\n{{< include _a.qmd >}}\n\n```markdown\n{{< include _missing.qmd >}}\n```\n\n  {{< include "parts/_b.md" >}}\n\nAfter.\n',
      '_a.qmd': '---\ntitle: Not the part\n---\n\n## From A\n\nA said[^1].\n\n{{< include /parts/_b.md >}}\n\n[^1]: A note in A.\n',
      'parts/_b.md': 'B said this, with an @unknown-handle.\n',
    });
    expect(loaded.manuscript.parts.map((doc) => doc.meta.title)).toEqual(['T']);
    const text = body(loaded.manuscript.parts[0]!);
    expect(text).toMatch(/Before\.[\s\S]*From A[\s\S]*A said[\s\S]*B said this[\s\S]*<pre><code class=\"language-markdown\">\{\{&#x3C; include _missing\.qmd >\}\}[\s\S]*B said this[\s\S]*After\./);
    expect(text).not.toContain('Not the part');
    expect(loaded.manuscript.parts[0]!.notes.map((note) => note.id)).toHaveLength(1);
  });

  test("as an attacker writes them: out of the folder, through a link out, itself, a file that is missing: an error at the include's line", () => {
    const base = { 'pamphlet.yaml': SERIES };
    expect(refused({ ...base, 'part.qmd': '# T\n\n{{< include ../../etc/passwd >}}\n' })).toEqual([expect.stringMatching(/^part\.qmd:3:1: error: \.\.\/\.\.\/etc\/passwd: .*outside/)]);
    expect(refused({ ...base, 'part.qmd': '# T\n\n{{< include _loop.qmd >}}\n', '_loop.qmd': 'again\n\n{{< include _loop.qmd >}}\n' })).toEqual(['part.qmd:3:1: error: _loop.qmd: it includes itself (part.qmd → _loop.qmd → _loop.qmd)']);
    expect(refused({ ...base, 'part.qmd': '# T\n\n   {{< include _gone.qmd >}}\n' })).toEqual(["part.qmd:3:4: error: _gone.qmd: no such file in the manuscript folder (the path is the including file's folder's, or the folder's after a `/`)"]);
    expect(refused({ ...base, 'part.qmd': '# T\n\n{{< include nb.ipynb#cell >}}\n' })).toEqual([expect.stringMatching(/^part\.qmd:3:1: error: nb\.ipynb#cell: a notebook's cells are not included/)]);
    // Each level twice, nine deep: 2^9 copies; refused at the depth, not read 512 times over.
    const doubling: Record<string, string> = { ...base, 'part.qmd': '# T\n\n{{< include _0.qmd >}}\n' };
    for (let i = 0; i < 12; i++) doubling[`_${i}.qmd`] = `{{< include _${i + 1}.qmd >}}\n\n{{< include _${i + 1}.qmd >}}\n`;
    doubling['_12.qmd'] = 'leaf\n';
    expect(refused(doubling)).toEqual([expect.stringMatching(/^part\.qmd:3:1: error: _8\.qmd: includes nested more than 8 deep$/)]);
    const dir = folder({ ...base, 'part.qmd': '# T\n\n{{< include _secret.qmd >}}\n' });
    symlinkSync('/etc/hostname', path.join(dir, '_secret.qmd'));
    let messages: string[] = [];
    try {
      loadManuscript(dir, EPOCH);
    } catch (cause) {
      if (!(cause instanceof ManuscriptError)) throw cause;
      messages = cause.messages.map((m) => formatMessage(m, dir));
    }
    expect(messages).toEqual([expect.stringMatching(/^part\.qmd:3:1: error: _secret\.qmd: .*link/)]);
  });
});

describe("Quarto's guide (quarto-dev/quarto-web, docs/authoring): an equation's label, a div's id", () => {
  test('`$$ {#eq-black-scholes}` closes the formula, which the label names', () => {
    const { doc, messages } = onePart('Black-Scholes (@eq-black-scholes) is a mathematical model:\n\n$$\n\\frac{\\partial \\mathrm C}{ \\partial \\mathrm t } + \\frac{1}{2}\\sigma^{2} \\mathrm S^{2}\n$$ {#eq-black-scholes}\n\nNote that the equation number is included.\n');
    const text = body(doc);
    // Numbered as Quarto numbers it, "(1)" at its right, and the reference to it "Equation 1".
    expect(text).toMatch(/<div class="math-display math-numbered" id="eq-black-scholes"><math [^]*?<\/math><span class="equation-number">\(1\)<\/span><\/div>/);
    expect(text).toContain('Black-Scholes (<a href="#eq-black-scholes">Equation 1</a>) is a mathematical model:');
    expect(text).toMatch(/<p id="p2" data-pn="2">Note that the equation number is included\.<\/p>/);
    expect(text).not.toContain('{#eq');
    expect(messages.some((m) => m.includes('no closing'))).toBe(false);
  });

  test("a div's id is an anchor a link reaches: a callout's, a plain div's, one whose fence stands alone before a heading", () => {
    const loaded = load({
      'pamphlet.yaml': SERIES,
      'part-1.qmd': '# T\n\nProvide one of the [14 contributor](#credit-roles) roles, see [the list](#plain) and [the head](#before-heading).\n\n::: {#credit-roles .callout-tip collapse="true"}\n## CRediT roles\n\nconceptualization, data curation\n:::\n\n::: {#plain}\nA plain div.\n:::\n\n::: {#before-heading}\n\n## A heading\n\nText.\n\n:::\n',
    });
    const text = body(loaded.manuscript.parts[0]!);
    expect(text).toMatch(/<span id="credit-roles"><\/span>/);
    expect(text).toMatch(/<p id="p\d+" data-pn="\d+"><span id="plain"><\/span>A plain div\.<\/p>/);
    expect(text).toMatch(/<h2 id="a-heading"><span id="before-heading"><\/span>A heading<\/h2>/);
    expect(text).not.toContain(':::');
  });
});

describe("Quarto's `fig-alt`", () => {
  test("the picture's alt text, the words in its brackets its caption (quarto-web's brand.qmd)", () => {
    const loaded = load({
      'pamphlet.yaml': SERIES,
      'images/brand-html.png': PNG_1x1,
      'images/crossref-table.png': PNG_1x1,
      'part-1.qmd': '# T\n\n![Webpage: `html`](images/brand-html.png){.lightbox group="brand-formats" fig-alt="Screenshot of a webpage. The text is dark grey on a light blue background."}\n\n![](images/crossref-table.png){fig-alt="A table with 3 columns and four rows." width="500"}\n',
    });
    const text = body(loaded.manuscript.parts[0]!);
    expect(text).toMatch(/<img src="[^"]+" alt="Screenshot of a webpage\. The text is dark grey on a light blue background\.">/);
    expect(text).toMatch(/<figcaption>Webpage: html<\/figcaption>/);
    expect(text).toMatch(/<img src="[^"]+" alt="A table with 3 columns and four rows\.">/);
    expect(text).not.toMatch(/fig-alt|lightbox|\{/);
    expect(loaded.messages.filter((m) => m.includes('alt text'))).toEqual([]);
  });
});

describe("Quarto's labelled figures", () => {
  test('numbered in the part, "Figure 1: …" in the caption, the id its anchor, `@fig-…` the link "Figure 1", from another part too', () => {
    const loaded = load({
      'pamphlet.yaml': SERIES,
      'elephant.png': PNG_1x1,
      'surus.png': PNG_1x1,
      // quarto-web, docs/authoring/figures.qmd, its first example.
      'a.qmd': '# Elephants\n\n![Elephant](elephant.png){#fig-elephant}\n\nSee @fig-elephant for an illustration, and @fig-surus.\n\n![Surus](surus.png){#fig-surus fig-alt="A drawing of an elephant."}\n\nAnd [the second](#fig-surus).\n',
      'b.qmd': '# Later\n\nAs @fig-elephant showed. @fig-missing is not there.\n',
    });
    const [first, second] = loaded.manuscript.parts;
    const a = body(first!);
    expect(a).toMatch(/<figure class="figure"><img src="[^"]+" alt="Elephant" id="fig-elephant"><figcaption>Figure 1: Elephant<\/figcaption><\/figure>/);
    expect(a).toMatch(/<img src="[^"]+" alt="A drawing of an elephant\." id="fig-surus"><figcaption>Figure 2: Surus<\/figcaption>/);
    expect(a).toContain('See <a href="#fig-elephant">Figure 1</a> for an illustration, and <a href="#fig-surus">Figure 2</a>.');
    expect(a).toContain('And <a href="#fig-surus">the second</a>.');
    expect(body(second!)).toMatch(/As Figure 1 showed\. \?\? is not there\./);
    expect(loaded.messages.filter((m) => m.includes('cross-reference') || m.includes('??'))).toEqual([
      'b.qmd:3:26: warning: `@fig-missing` names no heading, labelled figure, table or formula of the book (a figure or table a code cell draws is numbered by bookdown or Quarto, which pamphlet does not run): printed as ??',
    ]);
  });

  test('in German, "Abbildung"', () => {
    const loaded = load({ 'pamphlet.yaml': 'series: S\nlang: de\n', 'e.png': PNG_1x1, 'a.qmd': '# Elefanten\n\n![Ein Elefant](e.png){#fig-e}\n\nSiehe @fig-e.\n' });
    const a = body(loaded.manuscript.parts[0]!);
    expect(a).toContain('<figcaption>Abbildung 1: Ein Elefant</figcaption>');
    expect(a).toContain('Siehe <a href="#fig-e">Abbildung 1</a>.');
  });
});

describe("Quarto's labelled tables and formulas, and the ways its guide refers to them", () => {
  // quarto-web, docs/authoring/_table-crossrefs.md (its example as written) and cross-references.qmd's table of forms.
  const TABLE = '| Col1 | Col2 | Col3 |\n|------|------|------|\n| A    | B    | C    |\n| E    | F    | G    |\n| A    | G    | G    |\n\n: My Caption {#tbl-letters}\n\nSee @tbl-letters.\n';

  test('a caption\'s `{#tbl-…}` numbers the table, "Table 1: My Caption", and is its anchor; `@tbl-…` is the link "Table 1"', () => {
    const { doc, messages } = partNamed(TABLE, 'part.qmd');
    const text = body(doc);
    expect(text).toMatch(/<table id="tbl-letters"><caption>Table 1: My Caption<\/caption>/);
    expect(text).toContain('See <a href="#tbl-letters">Table 1</a>.');
    expect(text).not.toContain('{#tbl');
    expect(messages.filter((m) => / (error|warning): /.test(m))).toEqual([]);
  });

  test("a caption's other attributes go, as Pandoc reads them (tables.qmd): a caption of only them is none", () => {
    const fruit = '| fruit  | price  |\n|--------|--------|\n| apple  | 2.05   |\n| pear   | 1.37   |\n| orange | 3.09   |\n\n';
    const { doc } = partNamed(`${fruit}: Fruit prices {.striped .hover}\n\n${fruit}: Fruit prices {tbl-colwidths="[75,25]"}\n\n${fruit}: {tbl-colwidths="[75,25]"}\n\nAfter.\n`, 'part.qmd');
    const text = body(doc);
    expect(text.match(/<caption>[^]*?<\/caption>/g)).toEqual(['<caption>Fruit prices</caption>', '<caption>Fruit prices</caption>']);
    expect(text.match(/<table>/g)).toHaveLength(3);
    expect(text).not.toMatch(/colwidths|striped|\{/);
  });

  test('every form of its table of references: `@Fig-…`, `[Fig @fig-…]`, `[-@fig-…]`, and a group; from another part, the words without the link', () => {
    const loaded = load({
      'pamphlet.yaml': SERIES,
      'elephant.png': PNG_1x1,
      'panther.png': PNG_1x1,
      'a.qmd': '# Animals\n\n![Elephant](elephant.png){#fig-elephant}\n\n![Panther](panther.png){#fig-panther}\n\n' + TABLE + '\n$$\nE = mc^2\n$$ {#eq-energy}\n\nDefault @fig-elephant, capitalized @Fig-elephant, custom [Fig @fig-elephant], none [-@fig-elephant], grouped [@fig-elephant; @fig-panther], an equation (@eq-energy) and [-@eq-energy].\n',
      'b.qmd': '# Later\n\nAs @tbl-letters and @Eq-energy showed, and [@fig-elephant; @fig-panther], and [see @fig-missing].\n',
    });
    const [first, second] = loaded.manuscript.parts;
    const a = body(first!);
    expect(a).toContain('Default <a href="#fig-elephant">Figure 1</a>, capitalized <a href="#fig-elephant">Figure 1</a>, custom <a href="#fig-elephant">Fig 1</a>, none <a href="#fig-elephant">1</a>, grouped <a href="#fig-elephant">Figure 1</a>, <a href="#fig-panther">Figure 2</a>, an equation (<a href="#eq-energy">Equation 1</a>) and <a href="#eq-energy">1</a>.');
    expect(a).toMatch(/<div class="math-display math-numbered" id="eq-energy"><math [^]*?<\/math><span class="equation-number">\(1\)<\/span><\/div>/);
    // Another part is linked only under a base-url: its words.
    expect(body(second!)).toContain('As Table 1 and Equation 1 showed, and Figure 1, Figure 2, and see ??.');
    expect(loaded.messages.filter((m) => m.includes('cross-reference') || m.includes('??'))).toEqual([
      'b.qmd:3:79: warning: `@fig-missing` names no heading, labelled figure, table or formula of the book (a figure or table a code cell draws is numbered by bookdown or Quarto, which pamphlet does not run): printed as ??',
    ]);
  });

  test('in German, "Tabelle" and "Gleichung"', () => {
    const { doc } = partNamed(`${TABLE}\n$$\nx\n$$ {#eq-x}\n\nSiehe @eq-x.\n`, 'part.qmd', 'series: S\nlang: de\n');
    const text = body(doc);
    expect(text).toContain('<caption>Tabelle 1: My Caption</caption>');
    expect(text).toContain('See <a href="#tbl-letters">Tabelle 1</a>.');
    expect(text).toContain('Siehe <a href="#eq-x">Gleichung 1</a>.');
  });

  test("a key of the bibliography is a citation's, in brackets or not, though it looks like a label", () => {
    const loaded = load({
      'pamphlet.yaml': `${SERIES}bibliography: refs.bib\n`,
      'refs.bib': '@book{fig-2020,\n  author = {Fig, Anna},\n  title = {Figs},\n  year = {2020},\n  publisher = {P},\n}\n',
      'a.qmd': '# A\n\nAs [@fig-2020] says, and @fig-2020.\n',
    });
    const text = body(loaded.manuscript.parts[0]!);
    expect(text).not.toContain('??');
    expect(loaded.manuscript.parts[0]!.bibliography?.entries).toHaveLength(1);
    expect(loaded.messages.filter((m) => / (error|warning): /.test(m))).toEqual([]);
  });

  test('an attacker\'s labels: a caption\'s id that can be no id names nothing, a label twice is numbered once, a bracket of prose stays', () => {
    const { doc, messages } = partNamed('| a |\n|---|\n| 1 |\n\n: One {#tbl-x}\n\n| b |\n|---|\n| 2 |\n\n: Two {#tbl-x}\n\n| c |\n|---|\n| 3 |\n\n: Three {#tbl-"onload="x}\n\nSee @tbl-x, [not @tbl-x; or this], [@tbl-x, p. 3].\n', 'part.qmd');
    const text = body(doc);
    expect(text.match(/<caption>[^]*?<\/caption>/g)).toEqual(['<caption>Table 1: One</caption>', '<caption>Two</caption>', '<caption>Three {#tbl-”onload=“x}</caption>']);
    expect(text.match(/id="tbl-x"/g)).toHaveLength(1);
    expect(text).not.toMatch(/<[^>]*\sonload=/);
    expect(text).toContain('See <a href="#tbl-x">Table 1</a>, [not <a href="#tbl-x">Table 1</a>; or this], [<a href="#tbl-x">Table 1</a>, p.\u00a03].');
    expect(messages.filter((m) => / error: /.test(m))).toEqual([]);
  });

  test('a formula label given twice: the first keeps the anchor and the number, the second has neither (two ids failed epubcheck), with a warning', () => {
    const { doc, messages } = partNamed('$$\nx\n$$ {#eq-a}\n\n$$\ny\n$$ {#eq-a}\n\nSee @eq-a.\n', 'part.qmd');
    const text = body(doc);
    expect(text.match(/id="eq-a"/g)).toHaveLength(1);
    expect(text.match(/class="equation-number"/g)).toHaveLength(1);
    expect(text).toContain('See <a href="#eq-a">Equation 1</a>.');
    expect(messages.filter((m) => m.includes('named twice'))).toEqual(['part.qmd:9:1: warning: formula label `eq-a` is named twice: links to it go to the first; this one has no anchor and no number']);
  });
});

describe("bookdown's labelled tables, figures and equations", () => {
  test('`Table: (\\#tab:…)`, `![(\\#fig:…) …]`, `(\\#eq:…)` numbered; `\\@ref()` to each is its number, as bookdown prints it', () => {
    const { doc, messages } = partNamed(
      // bookdown's own book (bookdown.org/yihui/bookdown), 2.5 Tables and 2.2.1 Equations, as written there.
      'Table: (\\#tab:simple-table) A simple table in Markdown.\n\n|Sepal.Length |Sepal.Width |\n|:------------|:-----------|\n|5.1          |3.5         |\n\n\\begin{equation} \n  f\\left(k\\right) = \\binom{n}{k} p^k\\left(1-p\\right)^{n-k}\n  (\\#eq:binom)\n\\end{equation} \n\n$$x^2 (\\#eq:square)$$\n\n![(\\#fig:chart) A chart: of things](chart.png)\n\nSee Table \\@ref(tab:simple-table), Equation (\\@ref(eq:binom)), (\\@ref(eq:square)) and Figure \\@ref(fig:chart).\n',
      'part.Rmd',
      SERIES,
      { 'chart.png': PNG_1x1 },
    );
    const text = body(doc);
    expect(text).toMatch(/<table id="tab-simple-table"><caption>Table 1: A simple table in Markdown\.<\/caption>/);
    expect(text).toMatch(/<div class="math-display math-numbered" id="eq-binom">[^]*?<span class="equation-number">\(1\)<\/span><\/div>/);
    expect(text).toMatch(/<span class="math-numbered" id="eq-square"><math [^]*?<\/math><span class="equation-number">\(2\)<\/span><\/span>/);
    // The alt text keeps its words (a `:word` was once read as a directive and lost from it).
    expect(text).toMatch(/<img src="[^"]+" alt="A chart: of things" id="fig-chart"><figcaption>Figure 1: A chart: of things<\/figcaption>/);
    expect(text).toContain('See Table <a href="#tab-simple-table">1</a>, Equation (<a href="#eq-binom">1</a>), (<a href="#eq-square">2</a>) and Figure <a href="#fig-chart">1</a>.');
    expect(text).not.toMatch(/#(tab|eq|fig):/);
    expect(messages.filter((m) => / (error|warning): /.test(m) && !m.includes(' ppi '))).toEqual([]);
  });
});

describe("Pandoc's attributes after a link or a picture", () => {
  test('gone, as Pandoc reads them; braces that are no attribute list stay as typed', () => {
    const loaded = load({
      'pamphlet.yaml': SERIES,
      'part-1.md': '# T\n\nSee [the site](https://example.org){target="_blank"} now, [ref][r]{.external} and [x](https://example.org){curly words}.\n\n[r]: https://example.org/r\n',
    });
    const text = body(loaded.manuscript.parts[0]!);
    expect(text).toContain('<a href="https://example.org/">the site</a> now, <a href="https://example.org/r">ref</a> and <a href="https://example.org/">x</a>{curly words}.');
  });
});
