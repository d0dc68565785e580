/**
 * PartDocument → one self-contained HTML file for the web (`--format html`): the same
 * reading text as the EPUB (title block, sections, notes after the section that calls
 * them, questions, the "Next:" line, Works Cited), with the reader stylesheet inlined
 * and images as data: URLs, so the file can be mailed or put on any server as it is.
 * Its Content-Security-Policy allows no script and no request at all: whatever a
 * manuscript slipped into the text, the page fetches nothing when it is opened.
 */
import type { Element, ElementContent, Root } from 'hast';
import { toHtml } from 'hast-util-to-html';
import type { ResolvedConfig } from '../config/types.js';
import { READER_HTML_CSP } from '../csp.js';
import { dropCspBlindSpots } from './csp-blind-spots.js';
import type { PartDocument } from '../document.js';
import { bibliographyContent } from './epub/bibliography.js';
import { packageImages } from './epub/images.js';
import { imageHolders, withOwnCopies } from './epub/index.js';
import { partTitle } from './epub/labels.js';
import { textContent } from './epub/text.js';
import { elements } from './epub/tree.js';
import { imprintBlock } from '../blocks.js';
import { readerStyles } from './epub/styles.js';
import { styleElementText } from '../style/css-text.js';

export interface HtmlOptions {
  /** pamphlet's base reader sheet; default styles/epub.css and house-epub.css. The theme's and the manuscript's follow it. */
  css?: string;
  readAsset?: (relPath: string) => Uint8Array;
  /** Keep each image's manuscript-relative src instead of a data: URL (the preview serves the files itself). */
  linkImages?: boolean;
}

export function renderHtml(source: PartDocument, config: ResolvedConfig, options: HtmlOptions): string {
  // A copy whose images, in the text, the notes and the questions alike, become data: URLs.
  const doc = withOwnCopies(source);
  const body = doc.body.children.filter((node): node is ElementContent => node.type !== 'doctype');
  if (!options.linkImages) {
    const holders = [...body, ...imageHolders(doc)];
    const images = packageImages(holders, options.readAsset);
    const byHref = new Map(images.images.map((image) => [image.href, `data:${image.mediaType};base64,${Buffer.from(image.data).toString('base64')}`]));
    for (const img of elements(holders)) {
      if (img.tagName === 'img' && typeof img.properties.src === 'string') img.properties.src = byHref.get(img.properties.src) ?? img.properties.src;
    }
  }
  const text = textContent(doc, body, config.baseUrl, { paragraphNumbers: config.paragraphNumbers });
  const main: Element = { type: 'element', tagName: 'main', properties: { className: ['text'] }, children: text.content };
  const colophon = imprintBlock(doc.meta, 'colophon');
  // The "Next:" line last, after the Works Cited, as in the pamphlet and the EPUB.
  const back = [...(doc.bibliography ? bibliographyContent(doc.bibliography) : []), ...(text.closing ? [text.closing] : []), ...(colophon ? [colophon] : [])];
  const hasMath = [...elements([main, ...back])].some((el) => el.tagName === 'math');
  const styles = readerStyles(config, { format: 'html', hasMath, ...(options.css !== undefined ? { baseCss: options.css } : {}) });
  dropCspBlindSpots([main, ...back]);
  const meta = (name: string, content: string): Element => ({ type: 'element', tagName: 'meta', properties: { name, content }, children: [] });
  const tree: Root = {
    type: 'root',
    children: [
      { type: 'doctype' },
      {
        type: 'element',
        tagName: 'html',
        properties: { lang: doc.meta.lang },
        children: [
          {
            type: 'element',
            tagName: 'head',
            properties: {},
            children: [
              { type: 'element', tagName: 'meta', properties: { charset: 'utf-8' }, children: [] },
              // Before anything that could load: a policy in a <meta> covers only what follows it.
              { type: 'element', tagName: 'meta', properties: { httpEquiv: ['Content-Security-Policy'], content: READER_HTML_CSP }, children: [] },
              meta('viewport', 'width=device-width, initial-scale=1'),
              { type: 'element', tagName: 'title', properties: {}, children: [{ type: 'text', value: `${partTitle(doc.meta)} — ${doc.meta.series}` }] },
              ...(doc.meta.authors.length ? [meta('author', doc.meta.authors.join(', '))] : []),
              meta('generator', 'pamphlet'),
              { type: 'element', tagName: 'style', properties: {}, children: [{ type: 'text', value: styleElementText(`${styles.css}\nbody { max-width: var(--measure, 36em); margin: 2em auto; padding: 0 1em; }\n`) }] },
            ],
          },
          { type: 'element', tagName: 'body', properties: {}, children: [main, ...back] },
        ],
      },
    ],
  };
  return `${toHtml(tree)}\n`;
}
