/**
 * The pipeline, as one unified processor built once per run and applied to every part.
 * The stages, in the order they run:
 *
 *   parse        remarkParseGfm             remark-parse and remark-gfm, GFM's syntax only where a part could hold it;
 *                                           Pandoc's grid tables and definition lists likewise;
 *                                           MkDocs's `!!! note` bodies parsed again as Markdown (mkdocs-admonitions.ts),
 *                                           MyST's ```{note} and Docusaurus's ```mdx-code-block fences likewise
 *                remark-frontmatter, remark-directive (a bare `:name` text again as the tree is built:
 *                                           remark-literal-colons.ts, so that alt text keeps it)
 *   code cells   remarkCodeCells            knitr's and Quarto's ```{r} cells: code in its language, option lines
 *                                           and `include: false` cells out, a warning that no code runs
 *   front matter remarkPartFrontmatter      the YAML leaves the tree (read earlier, validated)
 *   numbers      remarkNumberedLabels       Quarto's, bookdown's and MyST's labelled figures, tables and formulas
 *                                           numbered, as written (its figure 1, table 1, formula (1))
 *   MDX          remarkMdx                  Docusaurus's React components (`<Tabs>`, `<Foo title>`): the Markdown they
 *                                           hold; their `import` lines and `{/* comments *\/}` out (before any
 *                                           plugin reads their text)
 *   syntax       remarkGithubAlerts         `> [!NOTE]`, Obsidian's `> [!tip] Title`: a labelled note, not a quotation
 *                remarkPymdownBlocks        MkDocs's `/// tip | Title` … `///`: the same note
 *                remarkLiteralColons        `10:30`, `localhost:8080` stay text
 *                remarkColonContainers      `::: tip`, `::: details Title`, Quarto's `{.callout-tip}`: the same note
 *                remarkHugoShortcodes       Hugo's `{{< figure >}}`, `{{< youtube >}}`, `{{% notice tip %}}` … `{{% /notice %}}`
 *                remarkLiquid               Jekyll's `{% highlight %}`, `{% raw %}`, `{% comment %}`, `{% link %}` and `{% post_url %}`
 *                remarkKramdownAttributes   kramdown's `{: .note}` (a note of that kind) and `{:.title}` (gone)
 *                remarkPandocDivs           Pandoc `::: {.note}` fences go where they pair up
 *                remarkPandocLineBlocks     Pandoc `| line` blocks: lines, as verse
 *                remarkLineTabulation       U+000B (Word's, Google Docs' line break) is one
 *                remarkTocMarkers           `[TOC]`, `[[_TOC_]]`, `{{TOC}}` on a line of their own: the book has its contents
 *                remarkInlineNotes          Pandoc `^[inline notes]`
 *                remarkCrossReferences      bookdown's `\@ref(intro)`, Quarto's `@sec-intro`, `[-@fig-x]`: links to
 *                                           the heading, the figure, table or formula (before the citations, whose
 *                                           brackets Quarto's references share)
 *                remarkPandocCitations      Pandoc `[@key, p. 12]`, `@key`
 *                remarkMystRoles            MyST's `(label)=` targets, and roles (`{ref}`, `{cite}` before inline code)
 *                remarkPandocSpans          Pandoc `[text]{lang=ru}`, `[text]{#id}` become `:span`
 *                remarkPandocCodeAttributes Pandoc `{.python}` on a fence or after inline code
 *                remarkCodeMeta             a fence's `title="store.js"` a line above it; its highlighted lines
 *                                           (`{1,4-6}`, `hl_lines`, `// highlight-next-line`) in a <mark>
 *                remarkPandocLinkAttributes Pandoc `{width=50%}` after a picture or a link (gone)
 *                remarkPandocSuperscripts   Pandoc `19^th^`
 *                remarkObsidianHighlights   `==marked==` (Obsidian, Typora, iA Writer): <mark>
 *                remarkReferences           `[x][ref]`, `![alt][ref]` become plain links/images
 *   safety       remarkInlineHtmlLines      a line of only an inline tag (`<br>`) is inline markup, not a block
 *                remarkHtmlBlocks           raw HTML blocks that say what Markdown can (`<p align>`, `<details>`,
 *                                           `<img>`) read as that Markdown, checked against the allow-list
 *                remarkRawHtml              raw HTML parsed and checked against the allow-list
 *                remarkObsidianLinks        Obsidian's `[[Note#Heading|words]]` and `![[picture.png]]`
 *                remarkSafety               links and images under the URL policy
 *   lint         lintImages                 image-resolution (under 300 ppi printed), image-file-size (over 10 MB)
 *   meaning      remarkDirectives           :cite :span :::quote :::questions ::next-part ::pagebreak :::note …
 *                remarkHeadingIds           `## Heading {#id}`: the id kept, the braces (and Pandoc's classes) gone
 *                remarkPandocHeaderReferences Pandoc's `[Heading]`: a link to the heading of those words
 *                remarkPartTitle            a heading repeating the title goes; levels start at h2
 *   lint         lintHeadingLevels          heading-skip (`##` then `####`)
 *                lintTableCells             table-extra-cells (a row wider than its header: cut, as in GFM)
 *                remarkNotes                notes and citations numbered in one reading order
 *                remarkCiteproc             the CSL engine formats every cluster; bibliography
 *                remarkFigures              standalone images → figures; `Table:` captions (last,
 *                                           so a caption's note calls and citations are read where
 *                                           the author wrote them, before it leaves the tree)
 *                remarkVerse                a paragraph of lines each ended by a hard break is a stanza
 *   to hast      remark-rehype              with handlers for our nodes
 *                rehypeRawWhenPresent       inline HTML becomes elements (rehype-raw)
 *                rehypeSanitize             the whole tree against the allow-list, again
 *                rehypeAnchors              the author's `<a id>`, `<a name>`: ids in every format
 *                rehypeHeadingIds           ids valid in every format, GitHub's slugs of the words
 *                                           as written (so before the typography)
 *                rehypeEmojiShortcodes      GitHub's `:tada:` is 🎉 (after the ids, made of `:tada:`)
 *   lint         lintStraightQuotes         straight-quotes (only with `smart: false`)
 *                rehypeTypography           smart punctuation and no-break spaces, by language
 *                rehypeFontCoverage         warns of characters no embedded print face has
 *                rehypeDirection            right-to-left blocks (Arabic, Hebrew…) marked dir="rtl"
 *                rehypeSections             the section list, titles as typeset
 *                rehypeEmptyParagraphs      paragraphs with nothing to read (a lone `<br>`) left out
 *                rehypeParagraphNumbers     ¶ numbers shared by every format
 *                rehypeLinks                `#anchors` must exist
 *                rehypeTableAlign           GFM alignment as classes
 *                rehypePartDocument         notes, questions, bibliography out of the flow
 *
 * State lives in `file.data` (data.ts); diagnostics are vfile messages with places.
 * Print-only steps (hyphenation, footnote floats) belong to the print renderer, since
 * the PartDocument is shared by every format.
 */
import type { Root as HastRoot } from 'hast';
import type { Root } from 'mdast';
import { unified, type Processor } from 'unified';
import remarkParseGfm from './remark-parse-gfm.js';
import remarkMath from './remark-math.js';
import remarkFrontmatter from 'remark-frontmatter';
import remarkDirective from 'remark-directive';
import remarkRehype from 'remark-rehype';
import type { Bibliography } from '../citations/bibliography.js';
import type { CitationStyle } from '../citations/engine.js';
import type { ImageCheck } from '../files/image.js';
import './data.js';
import './mdast-nodes.js';
import { remarkPartFrontmatter } from './frontmatter.js';
import { handlers } from './handlers.js';
import remarkCiteproc from './remark-citeproc.js';
import remarkDirectives from './remark-directives.js';
import remarkFigures from './remark-figures.js';
import remarkGithubAlerts from './remark-github-alerts.js';
import remarkPymdownBlocks from './remark-pymdown-blocks.js';
import remarkInlineNotes from './remark-inline-notes.js';
import remarkLiteralColons from './remark-literal-colons.js';
import rehypeEmojiShortcodes from './rehype-emoji-shortcodes.js';
import remarkNotes from './remark-notes.js';
import remarkPandocCitations from './remark-pandoc-citations.js';
import remarkPartTitle from './remark-part-title.js';
import remarkInlineHtmlLines from './remark-inline-html-lines.js';
import remarkHtmlBlocks from './remark-html-blocks.js';
import remarkRawHtml from './remark-raw-html.js';
import remarkReferences from './remark-references.js';
import remarkSafety from './remark-safety.js';
import remarkVerse from './remark-verse.js';
import rehypeFontCoverage from './rehype-font-coverage.js';
import rehypeDirection from './rehype-direction.js';
import rehypeEmptyParagraphs from './rehype-empty-paragraphs.js';
import rehypeAnchors from './rehype-anchors.js';
import lintHeadingLevels from './lint-heading-levels.js';
import lintImages from './lint-images.js';
import lintTableCells from './lint-table-cells.js';
import lintStraightQuotes from './lint-straight-quotes.js';
import rehypeHeadingIds from './rehype-heading-ids.js';
import rehypeSections from './rehype-sections.js';
import remarkHeadingIds from './remark-heading-ids.js';
import remarkPandocHeaderReferences from './remark-pandoc-header-references.js';
import remarkPandocSpans from './remark-pandoc-spans.js';
import remarkPandocDivs from './remark-pandoc-divs.js';
import remarkCodeCells from './remark-code-cells.js';
import remarkColonContainers from './remark-colon-containers.js';
import remarkCrossReferences from './remark-cross-references.js';
import remarkNumberedLabels from './numbered-labels.js';
import remarkMdx from './remark-mdx.js';
import remarkCodeMeta from './remark-code-meta.js';
import remarkMystRoles from './remark-myst-roles.js';
import remarkHugoShortcodes from './remark-hugo-shortcodes.js';
import remarkLiquid from './remark-liquid.js';
import remarkKramdownAttributes from './remark-kramdown-attributes.js';
import remarkPandocLineBlocks from './remark-pandoc-line-blocks.js';
import remarkObsidianLinks from './remark-obsidian-links.js';
import remarkObsidianHighlights from './remark-obsidian-highlights.js';
import remarkLineTabulation from './remark-line-tabulation.js';
import remarkTocMarkers from './remark-toc-markers.js';
import remarkPandocSuperscripts from './remark-pandoc-superscripts.js';
import remarkPandocCodeAttributes from './remark-pandoc-code-attributes.js';
import remarkPandocLinkAttributes from './remark-pandoc-link-attributes.js';
import rehypeLinks from './rehype-links.js';
import rehypeParagraphNumbers from './rehype-paragraph-numbers.js';
import rehypePartDocument from './rehype-part-document.js';
import rehypeRawWhenPresent from './rehype-raw-when-present.js';
import rehypeSanitize from './rehype-sanitize.js';
import rehypeTableAlign from './rehype-table-align.js';
import rehypeTypography from './rehype-typography.js';

export interface ProcessorOptions {
  /** Absolute path of the manuscript folder. */
  dir: string;
  lang: string;
  /** Smart quotes and dashes (`smart:` in pamphlet.yaml). */
  smart: boolean;
  baseUrl?: string;
  bibliography?: Bibliography;
  style?: CitationStyle;
  localeDir: string;
  /** Part file name → output slug, for links between parts. */
  parts: ReadonlyMap<string, string>;
  /** The folder is an Obsidian vault (it holds `.obsidian/`): a `[[Note]]` not in the book prints its words. */
  vault?: boolean;
  /** Heading of the questions when `:::questions` gives none, in the part's language. */
  questionsTitle: (lang: string) => string;
  /** Whether the image named by this URL can be used (src/files/image.ts). */
  checkImage: (url: string) => ImageCheck;
  /** Width of the print text block in inches, for the image-resolution lint; default A5's. */
  textWidthIn?: number;
  /** Whether the print faces (the theme's or `fonts:`) have a character; default the classic faces'. */
  isCovered?: (char: string) => boolean;
}

/** 148 mm less 18 mm inside and 14 mm outside. */
const A5_TEXT_WIDTH_IN = 116 / 25.4;

export type PartProcessor = Processor<Root, Root, HastRoot>;

export function createProcessor(options: ProcessorOptions): PartProcessor {
  const items = options.bibliography?.items ?? new Map();
  return unified()
    .use(remarkParseGfm)
    .use(remarkFrontmatter, ['yaml'])
    .use(remarkDirective)
    .use(remarkCodeCells)
    .use(remarkPartFrontmatter)
    .use(remarkNumberedLabels)
    .use(remarkMdx)
    .use(remarkGithubAlerts, { lang: options.lang })
    .use(remarkPymdownBlocks, { lang: options.lang })
    .use(remarkLiteralColons)
    .use(remarkColonContainers, { lang: options.lang })
    .use(remarkHugoShortcodes, { lang: options.lang })
    .use(remarkLiquid, { lang: options.lang, parts: options.parts })
    .use(remarkKramdownAttributes, { lang: options.lang })
    .use(remarkPandocDivs)
    .use(remarkPandocLineBlocks)
    .use(remarkLineTabulation)
    .use(remarkTocMarkers)
    .use(remarkInlineNotes)
    .use(remarkCrossReferences, { keys: new Set(items.keys()) })
    .use(remarkPandocCitations, { keys: new Set(items.keys()) })
    .use(remarkMystRoles, { keys: new Set(items.keys()) })
    // Before references become links: `[Alignment]{#type-alignment}` is a span even where
    // `[Alignment]` is also defined.
    .use(remarkPandocSpans)
    .use(remarkPandocCodeAttributes)
    .use(remarkCodeMeta)
    .use(remarkPandocLinkAttributes, { lang: options.lang })
    .use(remarkPandocSuperscripts)
    .use(remarkObsidianHighlights)
    .use(remarkReferences)
    .use(remarkInlineHtmlLines)
    .use(remarkHtmlBlocks, { lang: options.lang })
    .use(remarkRawHtml)
    .use(remarkObsidianLinks, { dir: options.dir, parts: options.parts, vault: options.vault === true })
    .use(remarkSafety, { dir: options.dir, parts: options.parts, ...(options.baseUrl ? { baseUrl: options.baseUrl } : {}), checkImage: options.checkImage })
    .use(lintImages, { textWidthIn: options.textWidthIn ?? A5_TEXT_WIDTH_IN, checkImage: options.checkImage })
    .use(remarkDirectives, { items, noBibliography: !options.bibliography, lang: options.lang })
    .use(remarkHeadingIds)
    .use(remarkPandocHeaderReferences)
    .use(remarkPartTitle)
    .use(lintHeadingLevels)
    .use(lintTableCells)
    .use(remarkNotes, { items, noBibliography: !options.bibliography, noteStyle: options.style?.kind !== 'in-text', lang: options.lang })
    .use(remarkCiteproc, { ...(options.bibliography ? { bibliography: options.bibliography } : {}), ...(options.style ? { style: options.style } : {}), lang: options.lang, localeDir: options.localeDir })
    .use(remarkFigures, { lang: options.lang })
    .use(remarkVerse)
    .use(remarkMath)
    .use(remarkRehype, { allowDangerousHtml: true, handlers })
    .use(rehypeRawWhenPresent)
    .use(rehypeSanitize)
    .use(rehypeAnchors)
    .use(rehypeHeadingIds)
    .use(rehypeEmojiShortcodes)
    .use(lintStraightQuotes, { smart: options.smart })
    .use(rehypeTypography, { lang: options.lang, smart: options.smart })
    .use(rehypeFontCoverage, options.isCovered ? { isCovered: options.isCovered } : {})
    .use(rehypeDirection)
    .use(rehypeSections)
    .use(rehypeEmptyParagraphs)
    .use(rehypeParagraphNumbers)
    .use(rehypeLinks)
    .use(rehypeTableAlign)
    .use(rehypePartDocument, { questionsTitle: options.questionsTitle }) as unknown as PartProcessor;
}
