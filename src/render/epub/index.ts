/**
 * PartDocument -> EPUB 3 bytes. Pure and reproducible: the same document and
 * options give the same bytes, whatever the clock, folder or time zone.
 *
 * Our own packager rather than epub-gen-memory, which writes random UUIDs and
 * the current date, and cannot write pop-up note asides, landmarks, series or
 * accessibility metadata.
 */
import { readFileSync } from 'node:fs';
import type { Element, ElementContent } from 'hast';
import type { LaidOutPage } from '../../browser/print-pages.js';
import type { ResolvedConfig } from '../../config/types.js';
import type { PartDocument } from '../../document.js';
import { accessibilityMetadata } from './a11y.js';
import { bibliographyContent } from './bibliography.js';
import { coverDocument, coverSvg } from './cover.js';
import { packageImages } from './images.js';
import { labelsFor, partTitle } from './labels.js';
import { wordsFor } from '../../words.js';
import { navDocument, tocEntries } from './nav.js';
import { ncxDocument } from './ncx.js';
import { packageDocument, type ManifestItem } from './opf.js';
import { placePageBreaks, type PageTarget } from './page-list.js';
import { textContent } from './text.js';
import { clone, elements } from './tree.js';
import { xhtmlDocument } from './xhtml.js';
import { checkIsbn } from '../../style/isbn.js';
import { zipEpub, type PackageFile } from './zip.js';
import { imprintBlock } from '../../blocks.js';
import { coverPng, coverPngAsync } from './cover-raster.js';
import { readerStyles } from './styles.js';
import { toString } from 'hast-util-to-string';

export interface EpubOptions {
  /** CSS text of pamphlet's base reader sheet (styles/epub.css and house-epub.css); default read from the package. The theme's and the manuscript's follow it. */
  css?: string;
  /** read a manuscript asset (images) by its path relative to the manuscript folder */
  readAsset?: (relPath: string) => Uint8Array;
  /**
   * The pamphlet's pages as laid out (src/browser/print-pages.ts): with them the text
   * marks where each numbered page of the print edition begins, and the navigation has a
   * page-list. Without them (`--no-print-pages`) the EPUB has neither.
   */
  printPages?: readonly LaidOutPage[];
}

/** The package folder; every href below is relative to it. */
const ROOT = 'OEBPS';
const HREF = {
  opf: 'package.opf',
  nav: 'nav.xhtml',
  cover: 'cover.xhtml',
  coverImage: 'cover.svg',
  coverPng: 'cover.png',
  text: 'text.xhtml',
  bibliography: 'bibliography.xhtml',
  ncx: 'toc.ncx',
  colophon: 'colophon.xhtml',
  css: 'styles/epub.css',
} as const;

const CONTAINER = `<?xml version="1.0" encoding="UTF-8"?>
<container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container">
  <rootfiles>
    <rootfile full-path="${ROOT}/${HREF.opf}" media-type="application/oebps-package+xml"/>
  </rootfiles>
</container>
`;

/** What is set in the code face: its faces are embedded only when one of these is in the book. */
const CODE_TAGS = new Set(['pre', 'code', 'kbd', 'samp']);

export function renderEpub(source: PartDocument, config: ResolvedConfig, options: EpubOptions = {}): Uint8Array {
  const svg = generatedCover(source);
  return pack(epubFiles(source, config, options, svg), svg === undefined ? undefined : coverPng(svg));
}

/** The same bytes as renderEpub; the generated cover's PNG is drawn off the main thread while the text is made. */
export async function renderEpubAsync(source: PartDocument, config: ResolvedConfig, options: EpubOptions = {}): Promise<Uint8Array> {
  const svg = generatedCover(source);
  const png = svg === undefined ? undefined : coverPngAsync(svg);
  // Awaited below; if making the text throws first, the drawing's result is dropped, not unhandled.
  png?.catch(() => undefined);
  const made = epubFiles(source, config, options, svg);
  return pack(made, await png);
}

/** The cover drawn from the part's lines, when the manuscript gives no cover image. */
function generatedCover(doc: PartDocument): string | undefined {
  return doc.meta.cover ? undefined : coverSvg(doc.meta);
}

interface EpubFiles {
  /** Every file of the package but the generated cover's PNG, which goes at `coverPngAt`. */
  files: PackageFile[];
  coverPngAt: number;
  modified: string;
}

function pack(made: EpubFiles, png: Uint8Array | undefined): Uint8Array {
  if (png) made.files.splice(made.coverPngAt, 0, { path: `${ROOT}/${HREF.coverPng}`, data: png });
  return zipEpub(made.files, made.modified);
}

function epubFiles(source: PartDocument, config: ResolvedConfig, options: EpubOptions, svg: string | undefined): EpubFiles {
  // A copy whose images (in the text, the notes and the questions) point into the package.
  const doc = withOwnCopies(source);
  const { meta } = doc;
  const body = doc.body.children.filter((node): node is ElementContent => node.type !== 'doctype');
  const images = packageImages([...body, ...imageHolders(doc)], options.readAsset);
  const text = textContent(doc, body, config.baseUrl, { paragraphNumbers: config.paragraphNumbers });
  const hasBibliography = doc.bibliography !== null;
  const bibliography = doc.bibliography ? bibliographyContent(doc.bibliography) : undefined;
  if (text.closing) (bibliography ?? text.content).push(text.closing);
  // The content documents in reading order, where the print edition's page breaks go.
  const readingOrder = [{ href: HREF.text, content: text.content }, ...(bibliography ? [{ href: HREF.bibliography, content: bibliography }] : [])];
  const pages: PageTarget[] = options.printPages ? placePageBreaks(readingOrder, options.printPages) : [];

  const textDocument = xhtmlDocument({
    lang: meta.lang,
    title: partTitle(meta),
    stylesheet: HREF.css,
    bodyProperties: { 'epub:type': 'bodymatter', className: ['text'] },
    content: text.content,
  });
  const bibliographyDocument = doc.bibliography && bibliography
    ? xhtmlDocument({
        lang: meta.lang,
        title: doc.bibliography.title,
        stylesheet: HREF.css,
        bodyProperties: { 'epub:type': 'backmatter', className: ['backmatter'] },
        content: bibliography,
      })
    : undefined;
  const targets = {
    cover: HREF.cover,
    text: HREF.text,
    questionsId: text.questionsId,
    bibliography: hasBibliography ? HREF.bibliography : undefined,
    stylesheet: HREF.css,
    pages,
  };
  const nav = navDocument(doc, targets);
  const labels = labelsFor(meta.lang);
  const ncx = ncxDocument({ meta, toc: tocEntries(doc, targets), pages, orderOf: readingPosition(readingOrder), pagesLabel: labels.pages });
  const publisher = meta.publisher ?? config.publisher;

  // The colophon: rights, ISBN, source, publisher, … (blocks.ts), at the end of the book.
  const colophon = imprintBlock(meta, 'colophon');
  const colophonDocument = colophon
    ? xhtmlDocument({ lang: meta.lang, title: wordsFor(meta.lang).colophon, stylesheet: HREF.css, bodyProperties: { 'epub:type': 'backmatter', className: ['backmatter'] }, content: [colophon] })
    : undefined;
  // The theme's and the manuscript's sheets after ours, with the files they name (and the embedded faces).
  // Each document's elements, walked once for what the package and the sheet ask of them.
  const textElements = [...elements(text.content)];
  const bibliographyElements = [...elements(bibliography ?? [])];
  const flowElements = [...textElements, ...bibliographyElements];
  const hasCode = flowElements.some((el) => CODE_TAGS.has(el.tagName));
  // EPUB 3 asks each content document holding MathML (TeX math, remark-math.ts) to say so.
  const withMathMl = (documentElements: readonly Element[]): { properties?: string[] } => (documentElements.some((el) => el.tagName === 'math') ? { properties: ['mathml'] } : {});
  const textMath = withMathMl(textElements);
  const bibliographyMath = withMathMl(bibliographyElements);
  const hasMath = textMath.properties !== undefined || bibliographyMath.properties !== undefined;
  const styles = readerStyles(config, { format: 'epub', text: `${meta.series} ${meta.title} ${toString(doc.body)}`, hasCode, hasMath, ...(options.css !== undefined ? { baseCss: options.css } : {}) });

  // The cover: the manuscript's image, or the generated one as SVG (shown) and PNG (the
  // cover-image: Kindle and Kobo conversions ignore an SVG cover).
  const cover = meta.cover;
  const coverImageHref = cover ? `cover${cover.mediaType === 'image/png' ? '.png' : '.jpg'}` : HREF.coverPng;
  const coverItems: ManifestItem[] = cover
    ? [{ id: 'cover-image', href: coverImageHref, mediaType: cover.mediaType, properties: ['cover-image'] }]
    : [
        { id: 'cover-svg', href: HREF.coverImage, mediaType: 'image/svg+xml' },
        { id: 'cover-image', href: HREF.coverPng, mediaType: 'image/png', properties: ['cover-image'] },
      ];
  // The generated cover's PNG is drawn by the caller and goes right after its SVG.
  const coverFiles: PackageFile[] = cover
    ? [{ path: `${ROOT}/${coverImageHref}`, data: new Uint8Array(readFileSync(cover.path)) }]
    : [{ path: `${ROOT}/${HREF.coverImage}`, data: svg as string }];

  const manifest: ManifestItem[] = [
    { id: 'nav', href: HREF.nav, mediaType: 'application/xhtml+xml', properties: ['nav'] },
    { id: 'ncx', href: HREF.ncx, mediaType: 'application/x-dtbncx+xml' },
    { id: 'cover', href: HREF.cover, mediaType: 'application/xhtml+xml' },
    ...coverItems,
    { id: 'text', href: HREF.text, mediaType: 'application/xhtml+xml', ...textMath },
    ...(hasBibliography ? [{ id: 'bibliography', href: HREF.bibliography, mediaType: 'application/xhtml+xml', ...bibliographyMath }] : []),
    ...(colophonDocument ? [{ id: 'colophon', href: HREF.colophon, mediaType: 'application/xhtml+xml' }] : []),
    { id: 'css', href: HREF.css, mediaType: 'text/css' },
    ...styles.files.map((file) => ({ id: file.id, href: file.href, mediaType: file.mediaType })),
    ...images.images.map((image) => ({ id: image.id, href: image.href, mediaType: image.mediaType })),
  ];
  const opf = packageDocument({
    meta,
    publisher,
    imprint: meta.imprint ?? {},
    accessibility: accessibilityMetadata({
      images: images.count,
      allImagesHaveAlt: images.allHaveAlt,
      notes: doc.notes.length,
      ...(options.printPages ? { printEdition: { source: printEditionName(doc, config) } } : {}),
      noAuthorStyles: flowElements.every((el) => el.properties.style === undefined),
      languagesValid: flowElements.every((el) => el.properties.lang === undefined || isLanguageTag(el.properties.lang)),
      ...(publisher ? { publisher } : {}),
      paragraphNumbers: config.paragraphNumbers,
    }),
    manifest,
    spine: ['cover', 'nav', 'text', ...(hasBibliography ? ['bibliography'] : []), ...(colophonDocument ? ['colophon'] : [])],
    coverImageId: 'cover-image',
    ncxId: 'ncx',
    guide: [
      { type: 'cover', title: labels.cover, href: HREF.cover },
      { type: 'toc', title: labels.contents, href: HREF.nav },
      { type: 'text', title: labels.start, href: HREF.text },
      ...(doc.bibliography ? [{ type: 'bibliography', title: doc.bibliography.title, href: HREF.bibliography }] : []),
    ],
    ...(options.printPages ? { source: printIsbn(meta) ? `urn:isbn:${printIsbn(meta)}` : printEditionName(doc, config) } : {}),
  });

  const files: PackageFile[] = [
    { path: 'META-INF/container.xml', data: CONTAINER },
    { path: `${ROOT}/${HREF.opf}`, data: opf },
    { path: `${ROOT}/${HREF.nav}`, data: nav },
    { path: `${ROOT}/${HREF.ncx}`, data: ncx },
    { path: `${ROOT}/${HREF.cover}`, data: coverDocument(meta, cover ? coverImageHref : HREF.coverImage, HREF.css) },
    ...coverFiles,
    { path: `${ROOT}/${HREF.text}`, data: textDocument },
    ...(bibliographyDocument ? [{ path: `${ROOT}/${HREF.bibliography}`, data: bibliographyDocument }] : []),
    ...(colophonDocument ? [{ path: `${ROOT}/${HREF.colophon}`, data: colophonDocument }] : []),
    { path: `${ROOT}/${HREF.css}`, data: styles.css },
    ...styles.files.map((file) => ({ path: `${ROOT}/${file.href}`, data: file.data })),
    ...images.images.map((image) => ({ path: `${ROOT}/${image.href}`, data: image.data })),
  ];
  const coverPngAt = files.findIndex((file) => file.path === `${ROOT}/${HREF.coverImage}`) + 1;
  return { files, coverPngAt, modified: meta.modified };
}

/**
 * The print edition the page breaks come from: "How the Working Class came to Power
 * (Celebrating Red October, Part I), print edition, A5, ISBN 978-…".
 */
export function printEditionName(doc: PartDocument, config: ResolvedConfig): string {
  const { meta } = doc;
  const size = config.page.name === 'custom' ? `${config.page.width} × ${config.page.height}` : config.page.name;
  const within = [meta.series, meta.partLabel].filter((s) => s.trim() !== '').join(', ');
  return `${meta.title}${within ? ` (${within})` : ''}, print edition, ${size}${meta.imprint?.isbn?.print ? `, ISBN ${meta.imprint.isbn.print}` : ''}`;
}

/** Where a target (`file` or `file#id`) is in reading order: the file's place in the spine, then the id's in the file. */
function readingPosition(documents: ReadonlyArray<{ href: string; content: ElementContent[] }>): (href: string) => number {
  const positions = new Map<string, number>();
  documents.forEach((document, index) => {
    const base = (index + 1) * 1_000_000;
    positions.set(document.href, base);
    let at = 0;
    for (const el of elements(document.content)) {
      at++;
      if (typeof el.properties.id === 'string') positions.set(`${document.href}#${el.properties.id}`, base + at);
    }
  });
  return (href) => positions.get(href) ?? positions.get(href.split('#')[0] as string) ?? 0;
}

/** The printed pamphlet's ISBN as digits (`isbn: { print: … }`, checked when the config was read). */
function printIsbn(meta: PartDocument['meta']): string | undefined {
  const isbn = meta.imprint?.isbn?.print;
  const check = isbn ? checkIsbn(isbn) : undefined;
  return check?.ok ? check.digits : undefined;
}

function isLanguageTag(value: unknown): boolean {
  if (typeof value !== 'string' || value === '') return false;
  try {
    Intl.getCanonicalLocales(value);
    return true;
  } catch {
    return false;
  }
}

/** A deep copy of what the EPUB rearranges or rewrites, so the shared document stays as it is. */
export function withOwnCopies(doc: PartDocument): PartDocument {
  return { ...doc, body: clone(doc.body), notes: structuredClone(doc.notes), questions: doc.questions ? structuredClone(doc.questions) : null };
}

/** Where else images may stand: in notes and in questions. */
export function imageHolders(doc: PartDocument): ElementContent[] {
  return [...doc.notes.flatMap((note) => note.content), ...(doc.questions?.items ?? [])];
}
