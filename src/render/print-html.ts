/**
 * The whole HTML document that Paged.js paginates for the print PDF: title page,
 * contents, the text with its notes inline (they float to the page foot), questions,
 * bibliography and the closing "Next:" line. The handout variant has a title block
 * instead of the first two, and ends with the bibliography, then the questions with
 * room to write (whatever `questions:` says), then the "Next:" line. Pure: the same
 * PartDocument and config always give the same string.
 */
import type { Element, ElementContent, Root } from 'hast';
import { h } from 'hastscript';
import { isAbsolute, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { toHtml } from 'hast-util-to-html';
import type { ResolvedConfig } from '../config/types.js';
import type { PartDocument } from '../document.js';
import { hyphenateTree } from '../pipeline/rehype-hyphenate.js';
import { printAssets, type PrintAssets } from './assets.js';
import { fontFaceCss, type PageText } from './fonts.js';
import { bibliographySection, byline, imprintBlock, questionsSection, titleBlock } from '../blocks.js';
import { printSheets } from '../style/sheets.js';
import { coverPage } from './cover-page.js';
import { handoutPage, handoutPageCss, handoutTextBlockWidth, pageCss, textBlockWidth } from './page-css.js';
import { shapePrintBlocks } from './print-blocks.js';
import { markLeadIns } from './lead-ins.js';
import { inlineFootnotes, inlineFootnotesIn } from './print-notes.js';
import { numberBlocks } from './block-numbers.js';
import { markAnchors } from './anchors.js';
import { wordsFor } from '../words.js';
import { styleElementText } from '../style/css-text.js';
import { FACES_SHEET_MARK } from '../browser/render-hold.js';

export type PrintVariant = 'pamphlet' | 'handout';

/** Ids of the blocks we add after the text; prefixed so a section slug cannot clash. */
export const BACK_MATTER_IDS = { questions: 'pamphlet-questions', bibliography: 'pamphlet-bibliography' };

interface ContentsEntry {
  id: string;
  title: string;
  depth: number;
}


function contentsPage(entries: readonly ContentsEntry[], lang: string): Element {
  const { contents } = wordsFor(lang);
  return h('nav.contents', { ariaLabel: contents }, [
    h('p.contents-title', contents),
    h(
      'ol.contents-list',
      entries.map((entry) =>
        h(`li.contents-entry.depth-${entry.depth}`, [
          // print.css puts target-counter(attr(href url), page) after the link text.
          h('a', { href: `#${entry.id}` }, [h('span.contents-text', entry.title)]),
        ]),
      ),
    ),
  ]);
}

/** The questions with their notes ready to float, like the text's. */
function questionsWithNotes(doc: PartDocument): PartDocument['questions'] {
  return doc.questions ? { ...doc.questions, items: inlineFootnotesIn(doc.questions.items, doc.notes) } : null;
}

/** Ruled lines under each of the handout's questions: room for a few sentences of notes. */
const ANSWER_LINES = 4;

function handoutBackMatter(doc: PartDocument): Element[] {
  const elements: Element[] = [];
  if (doc.bibliography) elements.push(bibliographySection(doc.bibliography, { heading: BACK_MATTER_IDS.bibliography }, 'print'));
  // Last, so the space to write is where the reading ends.
  const questions = questionsWithNotes(doc);
  if (questions) elements.push(questionsSection(questions, { heading: BACK_MATTER_IDS.questions }, { answerLines: ANSWER_LINES }));
  return elements;
}

function backMatter(doc: PartDocument): { elements: Element[]; entries: ContentsEntry[] } {
  const elements: Element[] = [];
  const entries: ContentsEntry[] = [];
  const questions = questionsWithNotes(doc);
  if (questions && doc.questionsInText) {
    const id = BACK_MATTER_IDS.questions;
    elements.push(questionsSection(questions, { heading: id }));
    entries.push({ id, title: questions.title, depth: 2 });
  }
  if (doc.bibliography) {
    const id = BACK_MATTER_IDS.bibliography;
    elements.push(bibliographySection(doc.bibliography, { heading: id }, 'print'));
    entries.push({ id, title: doc.bibliography.title, depth: 2 });
  }
  return { elements, entries };
}

/**
 * The text of every text node under `node`, in order: what hast-util-to-string gives an
 * element, joined once instead of at every level (the whole book's text, for the faces it
 * needs: 9 ms of the x10 print HTML that way).
 */
/** The text set in the text faces: a formula's (MathML's) is the math face's, and `found.math` says there was one. */
function allText(node: Root | Element, found?: { math: boolean }): string {
  const values: string[] = [];
  const pending: (Root | Element | Root['children'][number])[] = [node];
  while (pending.length > 0) {
    const next = pending.pop()!;
    if (next.type === 'text') values.push(next.value);
    else if (next.type === 'element' && next.tagName === 'math') {
      if (found) found.math = true;
    } else if ('children' in next) for (let i = next.children.length - 1; i >= 0; i--) pending.push(next.children[i]!);
  }
  return values.join('');
}

function pageText(body: Element): PageText {
  const found = { math: false };
  const text = allText(body, found);
  return { text, code: monoText(body), math: found.math };
}

/** The text set in the code face: code blocks and inline code, keyboard input, output. */
const MONO_TAGS = new Set(['pre', 'code', 'kbd', 'samp']);

function monoText(node: Root | Element): string {
  let text = '';
  for (const child of node.children) {
    if (child.type !== 'element') continue;
    text += MONO_TAGS.has(child.tagName) ? allText(child) : monoText(child);
  }
  return text;
}

/**
 * The @font-face rules the page needs: EB Garamond in the subsets its text uses, and
 * Noto Sans Mono only when there is code, in the subsets the code uses. Paged.js loads
 * every declared face before it lays out, so nothing unused is declared.
 */

/**
 * The HTML is written to a temporary folder, so an image path relative to the
 * manuscript would no longer resolve; make it an absolute file: URL.
 */
function anchorImages(node: Root | Element, manuscriptDir: string): void {
  for (const child of node.children) {
    if (child.type !== 'element') continue;
    const src = child.properties['src'];
    if (child.tagName === 'img' && typeof src === 'string' && !/^[a-z][a-z0-9+.-]*:/i.test(src) && !src.startsWith('#')) {
      const path = decodeURI(src.split(/[?#]/)[0] ?? src);
      child.properties['src'] = pathToFileURL(isAbsolute(path) ? path : resolve(manuscriptDir, path)).href;
    }
    anchorImages(child, manuscriptDir);
  }
}

export function printHtml(
  doc: PartDocument,
  config: ResolvedConfig,
  variant: PrintVariant = 'pamphlet',
  assets: PrintAssets = printAssets(),
): string {
  const lang = doc.meta.lang || config.lang;
  const handout = variant === 'handout';
  // Copies: hyphenation and note placement are for print only, and the EPUB renders
  // from the same PartDocument.
  const text = inlineFootnotes(structuredClone(doc.body), structuredClone(doc.notes));
  const back = handout ? { elements: handoutBackMatter(doc), entries: [] } : backMatter(doc);
  const flow: Root = { type: 'root', children: [h('main.text', text.children as ElementContent[]), ...back.elements] };
  hyphenateTree(flow, { lang });
  anchorImages(flow, config.dir);
  shapePrintBlocks(flow);
  markLeadIns(flow);

  const sections: ContentsEntry[] = doc.sections.filter((s) => s.depth <= 3);
  const closing = doc.nextPart && !doc.nextPartInBody ? [structuredClone(doc.nextPart)] : [];
  const matter = [...(flow.children as Element[]), ...closing];
  numberBlocks({ type: 'root', children: matter });
  // The pamphlet's pages are the EPUB's page-list: its blocks are named for the EPUB to find them.
  if (!handout) markAnchors(matter);
  const imprintLine = handout ? imprintBlock(doc.meta, 'line') : undefined;
  const imprintPage = handout ? undefined : imprintBlock(doc.meta, 'page');
  const content = handout
    ? // No wrapper and no named page: the title block shares page 1 with the text.
      [titleBlock(doc.meta, 'handout', { ...(config.subtitle ? { subtitle: config.subtitle } : {}) }), ...(imprintLine ? [imprintLine] : []), ...matter]
    : // One wrapper for all that follows the front matter: a named page of its own (no
      // running head on its first page) that never changes name midway, which would
      // force a page break before the questions. The cover image, when there is one,
      // comes first; the imprint on the back of the title page.
      [
        ...(doc.meta.cover ? [coverPage(doc.meta)] : []),
        titleBlock(doc.meta, 'title-page', { ...(config.subtitle ? { subtitle: config.subtitle } : {}), ...(config.publisher ? { publisher: config.publisher } : {}) }),
        ...(imprintPage ? [imprintPage] : []),
        contentsPage([...sections, ...back.entries], lang),
        h('div.matter', matter),
      ];

  // The handout numbers its paragraphs whatever the config says, in its own way (handout.css).
  const bodyClass = [variant, `theme-${config.theme}`, config.paragraphNumbers && !handout ? 'with-pn' : ''].filter(Boolean);
  // The measure the line breaker sets paragraphs to (src/browser/line-breaker.ts).
  const measure = handout ? handoutTextBlockWidth(handoutPage(config.handout.size)) : textBlockWidth(config.page);
  const body = h('body', { className: bodyClass, dataMeasure: measure }, content);
  const tree: Root = {
    type: 'root',
    children: [
      { type: 'doctype' },
      h('html', { lang }, [
        h('head', [
          h('meta', { charset: 'utf-8' }),
          h('title', `${doc.meta.title} (${doc.meta.series}, ${doc.meta.partLabel})`),
          doc.meta.authors.length > 0 ? h('meta', { name: 'author', content: byline(doc.meta.authors, doc.meta.lang) }) : null,
          // Left as it is by Paged.js (render-hold.ts).
          h('style', { [FACES_SHEET_MARK]: '' }, styleElementText(fontFaceCss(assets.fontUrls, pageText(body), config.fonts, assets.manuscriptUrl))),
          // Inline, not <link>ed: the page may make no request that is not a font or an image.
          // The base sheet, the theme's, the faces chosen, the manuscript's own (src/style/sheets.ts);
          // the handout is the pamphlet's typography, restyled for reading at a desk.
          ...printSheets(config, variant, assets, assets.manuscriptUrl).map((css) => h('style', styleElementText(css))),
          // After the stylesheets, so the configured geometry wins over their defaults.
          // The handout has no bleed or crop marks: it is printed on a desktop printer.
          h('style', styleElementText(handout ? handoutPageCss(handoutPage(config.handout.size), lang) : pageCss(config.page, config.print, doc.meta.cover ? (assets.manuscriptUrl ?? ((real: string) => pathToFileURL(real).href))(doc.meta.cover.path) : undefined))),
        ]),
        body,
      ]),
    ],
  };
  return toHtml(tree) + '\n';
}
