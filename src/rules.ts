/**
 * Every diagnostic's rule id, with what to do about it: the `fix` of
 * `check --format json`, and the table in the README ("Lint rules"). A rule id is a
 * stable name editors and scripts may rely on.
 */
export interface Rule {
  /** What the rule is about, for the README. */
  about: string;
  /** What to do, in one line. */
  fix: string;
}

/** Warnings: the build goes on; `check --strict` fails on them. */
export const LINT_RULES: Readonly<Record<string, Rule>> = {
  'footnote-unused': { about: 'a footnote defined but never referenced', fix: 'reference it with [^label] in the text, or delete its definition' },
  'footnote-undefined': { about: 'a `[^label]` with no definition (printed as typed)', fix: 'add a line `[^label]: …` with the note' },
  'quote-unattributed': { about: 'a `:::quote` with no attribution', fix: 'give source=KEY (a bibliography entry) or author="…"' },
  'image-resolution': { about: 'a raster image under 300 ppi at its printed size (its pixels over the width it takes in the text block, at most that width)', fix: 'use an image wide enough for the text block at 300 ppi (the message gives the pixels), or an SVG' },
  'image-file-size': { about: 'an image file over 10 MB', fix: 'resize or recompress it (every EPUB and PDF carries it)' },
  'image-extension': { about: 'a PNG, JPEG or GIF named as another of them (`diagram.jpeg` holding a PNG), used as what it holds', fix: 'give the file the extension of what it is, and its links the new name' },
  'image-alt': { about: 'an image without alt text, or with the words an editor put in its place (Notion\'s `Untitled`, GitHub\'s `image`, VS Code\'s `alt text`, its file\'s name)', fix: 'describe the image in the brackets: ![what it shows](images/x.png)' },
  'remote-badge': { about: "a picture on the network that is all its link holds, a README's badge (never fetched; its alt text printed as the link's words)", fix: 'download the picture into the manuscript folder if the book should show it, or remove the badge' },
  'heading-skip': { about: 'a heading more than one level below the one before it (`##` then `####`), counting the part title as level 1', fix: 'use the next level down' },
  'next-title': { about: 'a `next:` that names a part of the folder under another title than it has', fix: 'correct `next.title`, or remove `next:` so the next part is named as it is' },
  'straight-quotes': { about: 'a straight quote `"` or `\'` in the text with `smart: false`', fix: 'type “ ” ‘ ’ (or the language\'s marks), or set `smart: true`' },
  'uncited-entry': { about: 'a bibliography entry no part cites or quotes', fix: 'cite it, or remove it from the bibliography' },
  'uncovered-character': { about: 'a character no embedded print face has', fix: 'replace it (or its lookalike) with one the faces cover: the PDF would show an empty box' },
  'empty-heading': { about: 'a heading with no text (left out)', fix: 'give it text or delete it' },
  'citation-not-a-key': { about: 'a bracket that looks like a Pandoc citation with no known key (left as text)', fix: 'correct the key, or escape the bracket' },
  'next-part-none': { about: '`::next-part` in a part that has no next part', fix: 'remove it, or give the part a next part or `next:`' },
  'questions-extra': { about: 'text in `:::questions` other than its numbered list (left out)', fix: 'put it before the block, or make it a question of the list' },
  'duplicate-anchor': { about: 'an anchor name (`<a name>`, `<a id>`, `<span id>`) given a second time (renamed; links go to the first), or a formula label (`$$ … $$ {#eq-x}`) given a second time (that formula has no anchor or number)', fix: 'give the second anchor a name of its own, or delete it' },
  'table-extra-cells': { about: 'a table row with more cells than its header (the cells past it are not printed, as in GFM)', fix: 'add a column to the header, or join the cells' },
  'frontmatter-date': { about: 'a part\'s `date` written in words (Pandoc\'s "November 18, 2021") or month first (Quarto\'s "3/24/2001"): left out of the EPUB\'s metadata, where it is the only place a date goes', fix: 'write the day as 2021-11-18' },
  'cross-reference': { about: "a bookdown (`\\@ref(fig:plot)`) or Quarto (`@fig-plot`) cross-reference that names no heading or labelled figure of the book (a table, an equation, a figure a code cell draws: those tools number them): printed as ??; once a part, at the first, with how many more", fix: 'name a heading by its label (`{#label}` after it), or write the reference out in words' },
  include: { about: "a Quarto include, `{{< include _intro.qmd >}}`, naming no file of the manuscript folder, a notebook, or itself", fix: 'name a Markdown file inside the folder, by its path from the including file (or from the folder, after a `/`)' },
  'book-chapters': { about: "a Quarto or bookdown book's chapter list (`_quarto.yml`'s `book: chapters:`, `_bookdown.yml`'s `rmd_files:`) that leaves out a part file of the folder, names a file in another folder or none at all, or cannot be read: what it leaves out is no part", fix: 'list every chapter, each a file of the manuscript folder itself' },
  'frontmatter-bibliography': { about: "a part's `bibliography:` or `csl:` (Pandoc's, R Markdown's, Quarto's) naming a file that is not the series' bibliography or citation style, or not there (bookdown's `packages.bib`, which knitr writes): not read", fix: "name one bibliography for the series in pamphlet.yaml (or in one part's front matter, where pamphlet.yaml names none), holding every part's works" },
  'frontmatter-key': { about: 'a front matter key pamphlet has no use for, another tool\'s (Jekyll\'s `layout`, Hugo\'s `tags`; left out)', fix: 'remove it, or leave it for the other tool: pamphlet ignores it' },
  'empty-paragraph': { about: 'a paragraph with nothing to read, such as a `<br>` on a line of its own (left out)', fix: 'delete it: the space between paragraphs is the theme’s' },
  'fenced-div': { about: "a Pandoc fenced div's fence (`::: {.note}`, `:::`) with no partner (printed as typed)", fix: 'give it its partner on a line of its own, with a blank line before it' },
  'pymdown-block': { about: 'a `///` block fence (MkDocs, PyMdown) with no partner (printed as typed)', fix: 'open with `/// name` on a line of its own and close with as many slashes alone on a line' },
  'span-attribute': { about: 'an attribute a span has no use for (`custom-style`, a class other than `.smallcaps`, `.underline`, `.mark`; left out)', fix: 'remove it: a span takes `lang=`, `#id` and those three classes' },
  'empty-link': { about: 'a link with no address, `[text]()` or `<a href="">` (printed as plain text)', fix: 'give the link its address, or remove the brackets' },
  'obsidian-link': { about: "an Obsidian link, `[[Note]]`, to a note that is not a part of the book, or to a block of another note or one no `^id` of the part marks (`[[Note#^37066d]]`; printed as its words)", fix: 'make the note a part of the book, or link to a heading of it' },
  'obsidian-embed': { about: "an Obsidian embed of a note, `![[Note]]`, whose text is not carried into the book (its name printed)", fix: 'copy the text in, or link to it with [[Note]]' },
  'frontmatter-unwritten': { about: 'a part without `title:` or `part:` in a folder where no part gives `part:`: numbered by its file name\'s place, titled by its first heading or its name', fix: 'write `title:` and `part:` in its front matter to say otherwise' },
  'code-cell': { about: "an R Markdown or Quarto code cell (```{r}, ```{python}, `r x` in a line) that those tools run: its code printed (but where `echo: false` or `include: false`), what it would show not; once a part, at the first, with how many", fix: 'render the part to Markdown with Quarto or knitr first (`quarto render --to gfm`) and give pamphlet that, or set `eval: false` on cells meant as listings' },
  'hugo-shortcode': { about: "a Hugo shortcode pamphlet does not read (`{{< tweet >}}`, a site's own template): printed as typed; once a part, at the first, with how many more", fix: 'write what it shows as Markdown, or remove it' },
  liquid: { about: "Jekyll's Liquid pamphlet does not read (`{% include note.html %}`, `{{ page.title }}`), a site's template: printed as typed; and a `{% link %}` to a page of the site that is no part of the book, printed as its words; once a part, at the first", fix: 'write what it shows as Markdown, or remove it' },
  'embedded-page': { about: 'an `<iframe>` showing a web page (a video, a map, slides), which paper cannot show and an e-book may not load (printed as a link to it, never loaded)', fix: 'keep the link, or describe what it shows; a picture of it prints' },
  'math-as-text': { about: 'two single dollar signs around what TeX cannot read (`uses $\\` and \\`$ delimiters`): prose, not a formula, printed as written; or an amsmath environment written bare around TeX that does not read, printed as written', fix: 'write a dollar sign that is not a formula\'s as `\\$`; correct the TeX if it is one' },
  mdx: { about: "MDX's React components (`<Tabs>`, `<TabItem label>`, a component with a `title`), `import` and `export` lines and `{/* comments */}`, as Docusaurus writes them: the Markdown they hold printed, a `title` a note's, the rest left out; once a part, with their names", fix: 'write what the component shows as Markdown, or leave it to pamphlet' },
  'app-link': { about: 'a link into a note-taking or reference app (`obsidian://`, `zotero://`, …) or a chat address (`xmpp:`), which opens nothing on paper or in an e-reader (printed as its words)', fix: 'link to a web address, or remove the link' },
  'toc-marker': { about: 'a table-of-contents marker on a line of its own (`[TOC]`, `[[_TOC_]]`, `{{TOC}}`): left out, the book having its own contents', fix: 'remove it: the contents page and the EPUB navigation are made from the headings' },
  'part-link-text': { about: 'a link to another part with no `base-url` (printed as plain text)', fix: 'give pamphlet.yaml a `base-url` where the parts are published' },
};

/** Errors: the build stops, with every one of them listed. */
export const ERROR_RULES: Readonly<Record<string, string>> = {
  'part-twice': 'give each part its own `part:` number',
  'unknown-citation': 'correct the key, or add the entry to the bibliography',
  'unknown-source': 'correct the key, or add the entry to the bibliography',
  'missing-image': 'correct the path (relative to the manuscript folder), or add the file',
  'not-an-image': 'replace the file with a real PNG, JPEG, GIF or SVG of that type',
  'image-type': 'convert the image to PNG, JPEG, GIF or SVG',
  'image-too-large': 'make the file smaller than 200 MB: resize or recompress it',
  'image-path': 'write the path without a lone % or spell % as %25',
  'outside-folder': 'put the file inside the manuscript folder (a symbolic link must lead inside it too)',
  'remote-resource': 'download the file into the manuscript folder and name it by its path',
  'unsafe-url': 'link to an http(s) address, a mailto: address or a place in the part',
  'missing-anchor': 'link to an existing heading (#its-slug), anchor (<a id>), ¶ (#p12) or note (#note-3)',
  'link-outside-book': 'link to its web address, or give pamphlet.yaml a `base-url`',
  'unknown-directive': 'use one of :cite :span :::quote :::questions ::next-part ::pagebreak, or escape the colon',
  frontmatter: 'start the part with --- front matter giving title: and part: (every part, where one gives part:)',
  config: 'correct the key in pamphlet.yaml (see the README, “pamphlet.yaml”)',
  yaml: 'correct the YAML syntax at this place',
  encoding: 'save the file as UTF-8',
  'unclosed-comment': 'close the Obsidian comment with `%%`, or write `\\%%` for the characters',
  math: 'correct the TeX (the message says what it could not read), or write a dollar sign of money as `\\$`',
  'csl-style': 'name a CSL style id that is installed, or a .csl file inside the folder',
};

export function fixFor(ruleId: string | undefined): string | undefined {
  if (!ruleId) return undefined;
  return LINT_RULES[ruleId]?.fix ?? ERROR_RULES[ruleId];
}
