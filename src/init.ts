/**
 * `pamphlet init [DIR] [--series "Title"]`: a new series folder that builds and passes
 * `check --strict` as it is: pamphlet.yaml with every key explained, a first part that
 * uses each directive once, a bibliography whose two entries it cites, and a
 * .gitignore for the outputs. Never writes into a folder that holds anything.
 */
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export class InitError extends Error {}

export interface InitResult {
  dir: string;
  files: string[];
}

export function init(dir: string, series = 'A New Series'): InitResult {
  const abs = path.resolve(dir);
  let existing: string[] = [];
  try {
    existing = readdirSync(abs);
  } catch (cause) {
    if ((cause as NodeJS.ErrnoException).code === 'ENOTDIR') throw new InitError(`${dir} is a file, not a folder`);
    if ((cause as NodeJS.ErrnoException).code !== 'ENOENT') throw cause;
  }
  if (existing.length) throw new InitError(`${dir} is not empty (${existing.length} entr${existing.length === 1 ? 'y' : 'ies'}): init only writes into a new or empty folder, so nothing of yours is overwritten`);
  if (!series.trim() || /[\r\n]/.test(series)) throw new InitError('--series is a title on one line');
  mkdirSync(abs, { recursive: true });
  const files: Record<string, string> = {
    'pamphlet.yaml': configTemplate(series),
    'part-1.md': PART_1,
    'references.bib': REFERENCES,
    '.gitignore': 'dist/\n',
  };
  for (const [name, text] of Object.entries(files)) writeFileSync(path.join(abs, name), text, { flag: 'wx' });
  return { dir: abs, files: Object.keys(files) };
}

/** The series title as a YAML double-quoted scalar: JSON's escaping is valid YAML. */
function configTemplate(series: string): string {
  return `# pamphlet.yaml: settings for every part of the series. Keys that are commented
# out show their default; remove the "# " to change one. See the README, "pamphlet.yaml".

series: ${JSON.stringify(series.trim())}            # required: the series title, on every cover and running head
# subtitle: A subtitle for the series     # under the series title on the title page and cover
author: Your Name                      # one author; for several, authors: instead
# authors: [First Author, Second Author]   # instead of author:, in the order they are named
# publisher: Your Press               # on the title page and in the EPUB's metadata
lang: en                               # BCP 47 language: hyphenation, quotation marks, CSL locale
bibliography: references.bib           # BibTeX/BibLaTeX (.bib) or CSL-JSON (.json), inside this folder
citation-style: chicago-fullnote-bibliography-with-ibid   # a CSL style id (apa, chicago-author-date, …) or a .csl file here
# csl-styles: styles                   # an extra folder of .csl files (styles/ is always searched)
# csl-locales: /usr/share/citation-style-language/locales   # where the CSL locales are
page: { size: A5 }                     # A5, A4, letter, half-letter, or width/height; margins: {top, bottom, inside, outside}
# base-url: https://example.org/series/   # where the parts are published: links between parts point there
# questions: everywhere                # or handout-only: the discussion questions only in the handout
# paragraph-numbers: false             # true: small marginal ¶ numbers in the print PDF too
# smart: true                          # false: keep quotes, dashes and ellipses as typed
# print: { bleed: 3mm, marks: true }   # a print shop's PDF: bleed, crop marks, TrimBox and BleedBox
# handout: { size: A4 }                # or letter
# booklet: { creep: 0 }                # points the innermost sheet's pages move toward the fold (0 to 10)
# bibliography-title: Works Cited      # default by language
# questions-title: Questions for discussion   # default by language
# timeout: 120000                      # ms for each browser step (1000 to 3600000)
# browser: /usr/bin/chromium           # else PUPPETEER_EXECUTABLE_PATH, else the usual places
# cache-dir: .pamphlet-cache           # the build cache, inside this folder; default: .pamphlet-cache in the output folder
# theme: classic                      # classic, modern or plain: the look of every output together
# fonts: { text: EB Garamond }         # text, headings, mono: a bundled family or fonts/Face-Regular.ttf
# epub: { embed-fonts: false }         # true: the EPUB embeds the faces (readers prefer their own)
# rights: "CC BY-SA 4.0"               # the licence, on the imprint page and in the EPUB's dc:rights
# isbn: 978-3-16-148410-0              # checked; or { print: …, epub: … }
# edition: First edition               # on the imprint page
# publisher-address: 1 Example Street  # after the publisher on the imprint page
# printer: The Copy Shop               # "Printed by …" on the imprint page
# description: What the series is about # the EPUB's dc:description, the colophon
# subjects: [History]                  # the EPUB's dc:subject
# source: https://example.org/original # where the text first appeared
# cover: images/cover.jpg              # a PNG or JPEG: the front cover in every format
`;
}

const PART_1 = `---
title: The First Part
part: 1
date: 2025-01-15
# The next part, until its file is in this folder (then its own title is used):
next: { title: "Part II: The Second Part" }
---

## A first section

Write the text in Markdown. A citation becomes a note in the style of
pamphlet.yaml:cite[marx1867]{locator="ch. 10"}, and a footnote is written as on
GitHub.[^first] A phrase in another language is marked, so that it is hyphenated and
read aloud in that language: :span[Das Kapital]{lang=de}.

[^first]: A footnote: Markdown like the text, and it may cite works too.

:::quote{source=luxemburg1913 locator="ch. 26"}
A quotation, with its attribution taken from the bibliography.
:::

::pagebreak

## A second section

::next-part

:::questions
1. What does the first section argue?
2. Which quotation would you discuss first, and why?
:::
`;

const REFERENCES = `@book{marx1867,
  author = {Marx, Karl},
  title = {Capital: A Critique of Political Economy},
  volume = {1},
  translator = {Moore, Samuel and Aveling, Edward},
  publisher = {Swan Sonnenschein},
  address = {London},
  year = {1887}
}

@book{luxemburg1913,
  author = {Luxemburg, Rosa},
  title = {The Accumulation of Capital},
  translator = {Schwarzschild, Agnes},
  publisher = {Routledge},
  address = {London},
  year = {1951}
}
`;
