// Issue 14: the EPUB knows the print edition. Built by the real CLI, the EPUB's page-break
// markers are read back from its XHTML and set against the pamphlet PDF as poppler reads
// it (the first words of each page, the number printed at its foot), and the EPUB goes
// through the real epubcheck and Ace by DAISY (in the system Chromium).
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import type { Element, ElementContent, Root } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import { select, selectAll } from 'hast-util-select';
import { toString } from 'hast-util-to-string';
import type { Element as XmlElement, Root as XmlRoot } from 'xast';
import { fromXml } from 'xast-util-from-xml';
import { toString as xmlText } from 'xast-util-to-string';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ace } from './helpers/ace.js';
import { copyFixture, pamphlet } from './helpers/cli.js';
import { epubcheck } from './helpers/epubcheck.js';
import { marginNumbers, pdfWords, type Word } from './helpers/pdf-words.js';
import { squash } from './helpers/poppler.js';

const REPO = path.resolve(import.meta.dirname, '..');
const made: string[] = [];
afterAll(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

function temp(name: string): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), `pamphlet-${name}-`));
  made.push(dir);
  return dir;
}

function build(args: string[], cwd: string, env: NodeJS.ProcessEnv = {}): string {
  const result = pamphlet(['build', ...args, '--quiet'], cwd, env);
  expect(result.stderr).toBe('');
  expect(result.status).toBe(0);
  return result.stderr;
}

function unzip(file: string): Record<string, string> {
  return Object.fromEntries(Object.entries(unzipSync(readFileSync(file))).map(([name, bytes]) => [name, strFromU8(bytes)]));
}

// ---------- the EPUB as a reader's software reads it ----------

interface Marker {
  id: string;
  label: string;
  /** Content document, e.g. "text.xhtml". */
  file: string;
  /** The reading text before and after the marker (in its document), with note calls, notes and ¶ numbers left out. */
  before: string;
  after: string;
  epubType: unknown;
  role: unknown;
}

const BLOCKS = new Set(['p', 'div', 'section', 'header', 'footer', 'aside', 'figure', 'figcaption', 'blockquote', 'li', 'ol', 'ul', 'table', 'tr', 'td', 'th', 'pre', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'nav', 'body', 'br', 'caption', 'thead', 'tbody']);

function classes(el: Element): string[] {
  const value = el.properties.className;
  return Array.isArray(value) ? value.map(String) : [];
}

/** The markers of a content document, each with the reading text around it. */
function markersIn(file: string, xhtml: string): Marker[] {
  const tree = fromHtml(xhtml);
  const pieces: Array<string | Element> = [];
  const walk = (nodes: readonly (ElementContent | Root['children'][number])[]): void => {
    for (const node of nodes) {
      if (node.type === 'text') pieces.push(node.value);
      if (node.type !== 'element') continue;
      if (node.properties['epubType'] === 'pagebreak' || node.properties['epub:type'] === 'pagebreak') {
        pieces.push(node);
        continue;
      }
      const epubType = node.properties['epubType'] ?? node.properties['epub:type'];
      // Text the print edition has elsewhere or not at all: note calls, the notes, the ¶ numbers.
      if (epubType === 'noteref' || node.tagName === 'aside' || classes(node).includes('pn') || node.tagName === 'head') continue;
      if (BLOCKS.has(node.tagName)) pieces.push('\n');
      walk(node.children);
      if (BLOCKS.has(node.tagName)) pieces.push('\n');
    }
  };
  walk(tree.children);
  return pieces.flatMap((piece, i) => {
    if (typeof piece === 'string') return [];
    const text = (list: Array<string | Element>) => list.filter((p): p is string => typeof p === 'string').join('');
    return [{
      id: String(piece.properties.id),
      label: String(piece.properties.ariaLabel),
      file,
      before: text(pieces.slice(0, i)),
      after: text(pieces.slice(i + 1)),
      epubType: piece.properties['epubType'] ?? piece.properties['epub:type'],
      role: piece.properties.role,
    }];
  });
}

function markersOf(files: Record<string, string>): Marker[] {
  return ['OEBPS/text.xhtml', 'OEBPS/bibliography.xhtml'].flatMap((name) => (files[name] ? markersIn(name.slice('OEBPS/'.length), files[name] as string) : []));
}

/** The page-list of the nav document: [label, href]. */
function pageList(files: Record<string, string>): Array<[string, string]> {
  const nav = fromHtml(files['OEBPS/nav.xhtml'] ?? '');
  const list = selectAll('nav', nav).find((n) => (n.properties['epubType'] ?? n.properties['epub:type']) === 'page-list');
  if (!list) return [];
  return selectAll('a', list).map((a) => [toString(a), String(a.properties.href)]);
}

/** The elements named `name` of an XML document (the OPF, the NCX), in document order. */
function xmlElements(xml: string, name: string): XmlElement[] {
  const found: XmlElement[] = [];
  const walk = (node: XmlRoot | XmlElement): void => {
    for (const child of node.children) {
      if (child.type !== 'element') continue;
      if (child.name === name) found.push(child);
      walk(child);
    }
  };
  walk(fromXml(xml));
  return found;
}

/** Where an NCX navPoint or pageTarget points: its own `<content src>`. */
function contentSrc(entry: XmlElement): string {
  return String(entry.children.find((c): c is XmlElement => c.type === 'element' && c.name === 'content')?.attributes.src);
}

// ---------- the PDF as poppler reads it ----------

interface PrintedPage {
  page: number;
  /** The number printed in the bottom margin, if any. */
  number: string | null;
  /** The words of the text block, in reading order (no running head, no folio). */
  words: string[];
}

/**
 * Each page's folio and body words; `top` and `bottom` are the page margins in points.
 * The running head and the folio sit 5 mm (14 pt) off the text block, in the margins; a
 * line's box may reach a few points past the block's edge.
 */
function printedPages(pdf: string, top: number, bottom: number): PrintedPage[] {
  const pages = pdfWords(pdf);
  const height = Number(/Page size:\s+[\d.]+ x ([\d.]+)/.exec(spawnSync('pdfinfo', [pdf], { encoding: 'utf8' }).stdout)?.[1]);
  return pages.map((words: Word[], i) => {
    const foot = words.filter((w) => w.yMin > height - bottom + 8);
    const body = words.filter((w) => w.yMax > top - 6 && w.yMin < height - bottom + 6);
    const folio = foot.map((w) => w.text).join(' ').trim();
    return { page: i + 1, number: /^\d+$/.test(folio) ? folio : null, words: body.map((w) => w.text) };
  });
}

const letters = (text: string): string => squash(text).replace(/\d/g, '');

/**
 * Checks that the words after `marker` are the first words of `page`: the letters of the
 * first few words must open the page's text. A word the page broke (its tail opens the
 * page) is before the marker in the EPUB, whole. `skip` is print-only text a page may
 * open with (a table header repeated on the next page).
 */
function expectSameStart(marker: Marker, page: PrintedPage, skip: readonly string[] = []): void {
  let printed = letters(page.words.join(' '));
  for (const repeated of skip) if (printed.startsWith(letters(repeated))) printed = printed.slice(letters(repeated).length);
  const following = letters(marker.after.split(/\s+/).filter(Boolean).slice(0, 6).join(' ')).slice(0, 30);
  expect(following.length, `page ${page.number}: text after the marker`).toBeGreaterThan(10);
  if (printed.startsWith(following)) return;
  // The page opens with the end of a word hyphenated across the break: that word ends the text before the marker.
  const tail = letters(page.words[0] ?? '');
  const lastBefore = letters(marker.before.trim().split(/\s+/).at(-1) ?? '');
  expect(lastBefore.endsWith(tail) && tail.length > 0 && tail.length < lastBefore.length, `page ${page.number} opens with “${page.words.slice(0, 8).join(' ')}”; the EPUB has “${marker.after.slice(0, 60)}” after its marker`).toBe(true);
  expect(printed.slice(tail.length).startsWith(following), `page ${page.number}, after the broken word “${page.words[0]}”`).toBe(true);
}

function expectNotInWord(marker: Marker): void {
  const before = marker.before.at(-1) ?? ' ';
  const after = marker.after[0] ?? ' ';
  expect(/[\p{L}\p{N}\p{M}]/u.test(before) && /[\p{L}\p{N}\p{M}]/u.test(after), `marker ${marker.label} between “${marker.before.slice(-20)}” and “${marker.after.slice(0, 20)}”`).toBe(false);
}

// ---------- the real manuscript ----------

const SLUG = 'celebrating-red-october-1';
/** print.css and pamphlet.yaml's A5: 16 mm above the text, 18 mm below. */
const A5_MARGINS = { top: (16 / 25.4) * 72, bottom: (18 / 25.4) * 72 };

describe('the real manuscript: the EPUB’s page-list is the print PDF’s pagination', () => {
  let out: string;
  let files: Record<string, string>;
  let markers: Marker[];
  let printed: PrintedPage[];
  beforeAll(() => {
    out = temp('pagelist-real');
    build(['manuscript', '--format', 'pdf,epub', '--out', out, '--no-cache'], REPO);
    files = unzip(path.join(out, `${SLUG}.epub`));
    markers = markersOf(files);
    printed = printedPages(path.join(out, `${SLUG}.pdf`), A5_MARGINS.top, A5_MARGINS.bottom);
  });

  test('one marker and one page-list entry per numbered page of the PDF, with the number printed on it', () => {
    const numbered = printed.filter((p) => p.number !== null);
    // The title page and the contents print no number; the text's pages do.
    expect(printed.slice(0, 2).map((p) => p.number)).toEqual([null, null]);
    expect(numbered.length).toBe(20);
    expect(markers.map((m) => m.label)).toEqual(numbered.map((p) => p.number));
    expect(pageList(files)).toEqual(markers.map((m) => [m.label, `${m.file}#${m.id}`]));
    for (const marker of markers) {
      expect(marker.epubType).toBe('pagebreak');
      expect(marker.role).toBe('doc-pagebreak');
      expect(marker.id).toBe(`page-${marker.label}`);
    }
  });

  test('the first words after each marker are the first words of that page in the PDF', () => {
    const byNumber = new Map(printed.map((p) => [p.number, p]));
    let broken = 0;
    for (const marker of markers) {
      const page = byNumber.get(marker.label);
      expect(page, `page ${marker.label}`).toBeDefined();
      expectSameStart(marker, page as PrintedPage);
      if (!letters(page!.words.join(' ')).startsWith(letters(marker.after).slice(0, 20))) broken++;
    }
    expect(markers.length).toBeGreaterThanOrEqual(5);
    // The real layout breaks no word across a page turn (the line breaker keeps hyphens off
    // a page's last line); a page that opens inside a word is tested at every letter of
    // every fixture in page-list-places.test.ts.
    expect(broken).toBe(0);
  });

  test('no marker stands inside a word', () => {
    for (const marker of markers) expectNotInWord(marker);
  });

  test('epubcheck finds nothing; the package names the print edition and the page markers', () => {
    const report = epubcheck(path.join(out, `${SLUG}.epub`));
    expect({ errors: report.errors, warnings: report.warnings }, report.output).toEqual({ errors: 0, warnings: 0 });
    const opf = files['OEBPS/package.opf'] ?? '';
    const metas = xmlElements(opf, 'meta').map((m) => [String(m.attributes.property ?? m.attributes.name), xmlText(m)]);
    const features = metas.filter(([p]) => p === 'schema:accessibilityFeature').map(([, v]) => v);
    expect(features).toEqual(expect.arrayContaining(['printPageNumbers', 'pageNavigation']));
    expect(xmlElements(opf, 'dc:source').map((s) => [s.attributes.id, xmlText(s)])).toEqual([['print-source', 'How the Working Class came to Power (Celebrating Red October, Part I), print edition, A5']]);
    expect(metas).toContainEqual(['source-of', 'pagination']);
    expect(metas.find(([p]) => p === 'schema:accessibilitySummary')?.[1]).toMatch(/page list/);
    expect(metas).toContainEqual(['dcterms:conformsTo', 'EPUB Accessibility 1.1 - WCAG 2.1 Level AA']);
    expect(metas).toContainEqual(['a11y:certifiedBy', 'International Bolshevik Tendency']);
  });

  test('EPUB 2 readers get an NCX with the same contents and pages, and a guide', () => {
    const ncx = files['OEBPS/toc.ncx'] ?? '';
    const targets = xmlElements(ncx, 'pageTarget').map((t) => [xmlText(t).trim(), contentSrc(t)]);
    expect(targets).toEqual(pageList(files));
    const nav = fromHtml(files['OEBPS/nav.xhtml'] ?? '');
    const toc = selectAll('nav', nav).find((n) => (n.properties['epubType'] ?? n.properties['epub:type']) === 'toc') as Element;
    // Two levels at most, and the same entries in the NCX's navMap.
    expect(selectAll('ol ol ol', toc)).toHaveLength(0);
    const tocLinks = selectAll('a', toc).map((a) => String(a.properties.href));
    const navPoints = xmlElements(ncx, 'navPoint').map(contentSrc);
    expect(navPoints).toEqual(tocLinks);
    expect(tocLinks).toEqual(['text.xhtml', 'text.xhtml#capitalist-development--world-war', 'text.xhtml#the-february-revolution--dual-power', 'text.xhtml#the-twilight-of-the-provisional-government', 'text.xhtml#ten-days-that-shook-the-world', 'text.xhtml#questions', 'bibliography.xhtml']);
    const opf = files['OEBPS/package.opf'] ?? '';
    expect(opf).toContain('<spine toc="ncx">');
    expect(opf).toContain('<reference type="text" title="Start of text" href="text.xhtml"/>');
    expect(opf).toContain('<reference type="toc" title="Contents" href="nav.xhtml"/>');
  });

  test('Ace by DAISY reports no violations', () => {
    const report = ace(path.join(out, `${SLUG}.epub`));
    expect(report.violations).toEqual([]);
    expect(report.outcome).toBe('pass');
    expect(report.properties.hasPageBreaks).toBe(true);
    expect(report.metadata.present).toEqual(expect.arrayContaining(['dcterms:conformsTo', 'a11y:certifiedBy', 'schema:accessibilitySummary']));
  });

  test('`--format epub` alone lays out the pamphlet for the same, byte-identical EPUB, and prints a PDF only for the cache to keep', () => {
    const alone = temp('pagelist-alone');
    // No cache to keep a PDF in: the pages are laid out, and nothing is printed.
    const bare = pamphlet(['build', 'manuscript', '--format', 'epub', '--out', alone, '--no-cache'], REPO, { PAMPHLET_TRACE: '1' });
    expect(bare.status, bare.stderr).toBe(0);
    expect(bare.stderr).toMatch(/: Paged\.js pagination/);
    expect(bare.stderr).not.toMatch(/printing the PDF/);
    expect(readFileSync(path.join(alone, `${SLUG}.epub`)).equals(readFileSync(path.join(out, `${SLUG}.epub`)))).toBe(true);
    // With the cache (the default) the PDF is printed too, for a later `--format pdf` to take.
    const kept = temp('pagelist-kept');
    const cached = pamphlet(['build', 'manuscript', '--format', 'epub', '--out', kept], REPO, { PAMPHLET_TRACE: '1' });
    expect(cached.status, cached.stderr).toBe(0);
    expect(cached.stderr).toMatch(/printing the PDF/);
    expect(readFileSync(path.join(kept, `${SLUG}.epub`)).equals(readFileSync(path.join(out, `${SLUG}.epub`)))).toBe(true);
    const pdf = pamphlet(['build', 'manuscript', '--format', 'pdf', '--out', kept], REPO, { PAMPHLET_TRACE: '1' });
    expect(pdf.status, pdf.stderr).toBe(0);
    expect(pdf.stderr).not.toMatch(/browser ready/);
    expect(pdf.stderr).toMatch(/from the cache 1/);
  });

  test('a PDF alone with no cache does not read where its pages begin; with the cache, or with the EPUB, it does', () => {
    // The page starts (a walk over the laid-out book in Chromium, with the checks after the print) serve only
    // an EPUB's page-list, now or from the cache later.
    const alone = pamphlet(['build', 'manuscript', '--format', 'pdf', '--out', temp('pagelist-pdf-alone'), '--no-cache'], REPO, { PAMPHLET_TRACE: '1' });
    expect(alone.status, alone.stderr).toBe(0);
    expect(alone.stderr).toMatch(/printing the PDF/);
    expect(alone.stderr).not.toMatch(/reading where each page begins/);
    const withEpub = pamphlet(['build', 'manuscript', '--format', 'pdf,epub', '--out', temp('pagelist-pdf-epub'), '--no-cache'], REPO, { PAMPHLET_TRACE: '1' });
    expect(withEpub.status, withEpub.stderr).toBe(0);
    expect(withEpub.stderr).toMatch(/reading where each page begins/);
    const cached = pamphlet(['build', 'manuscript', '--format', 'pdf', '--out', temp('pagelist-pdf-cached')], REPO, { PAMPHLET_TRACE: '1' });
    expect(cached.status, cached.stderr).toBe(0);
    expect(cached.stderr).toMatch(/reading where each page begins/);
  });

  test('with the PDF in the cache, a later `--format epub` takes the pages from it and starts no browser', () => {
    const root = temp('pagelist-cache');
    cpSync(path.join(REPO, 'manuscript'), path.join(root, 'manuscript'), { recursive: true });
    build(['manuscript', '--format', 'pdf', '--out', 'dist'], root);
    const traced = pamphlet(['build', 'manuscript', '--format', 'epub', '--out', 'dist'], root, { PAMPHLET_TRACE: '1' });
    expect(traced.status).toBe(0);
    expect(traced.stderr).toMatch(/Part I · epub · rendered/);
    expect(traced.stderr).not.toMatch(/browser ready|Paged\.js pagination/);
    expect(markersOf(unzip(path.join(root, 'dist', `${SLUG}.epub`))).map((m) => m.label)).toEqual(markers.map((m) => m.label));
  });

  test('`--no-print-pages`: no markers, no page-list, no claim, and no browser needed', () => {
    const bare = temp('pagelist-none');
    // No Chromium at all: the EPUB with its page-list cannot be made, and the error says how to do without…
    const refused = pamphlet(['build', 'manuscript', '--format', 'epub', '--out', bare, '--no-cache'], REPO, { PUPPETEER_EXECUTABLE_PATH: '/nonexistent/chromium' });
    expect(refused.status).toBe(1);
    expect(refused.stderr).toMatch(/PUPPETEER_EXECUTABLE_PATH=\/nonexistent\/chromium is not an executable file.*`--no-print-pages` builds the EPUB without one/);
    // …and with `--no-print-pages` building the EPUB needs none.
    build(['manuscript', '--format', 'epub', '--out', bare, '--no-print-pages'], REPO, { PUPPETEER_EXECUTABLE_PATH: '/nonexistent/chromium' });
    const without = unzip(path.join(bare, `${SLUG}.epub`));
    expect(markersOf(without)).toEqual([]);
    expect(pageList(without)).toEqual([]);
    expect(without['OEBPS/toc.ncx']).not.toContain('pageList');
    expect(without['OEBPS/package.opf']).not.toMatch(/printPageNumbers|dc:source|conformsTo|certifiedBy/);
    const bareCheck = epubcheck(path.join(bare, `${SLUG}.epub`));
    expect([bareCheck.errors, bareCheck.warnings], bareCheck.output).toEqual([0, 0]);
  });
});

// ---------- a manuscript that breaks pages everywhere ----------

describe('a small page that breaks in emphasis, notes, lists, quotations, tables, code and the Works Cited', () => {
  let root: string;
  let files: Record<string, string>;
  let markers: Marker[];
  let printed: PrintedPage[];
  const epub = () => path.join(root, 'dist', 'page-breaks-everywhere-1.epub');
  beforeAll(() => {
    root = copyFixture('page-list');
    made.push(root);
    build(['manuscript', '--format', 'pdf,epub', '--out', 'dist'], root);
    files = unzip(epub());
    markers = markersOf(files);
    // pamphlet.yaml: 12 mm above the text, 14 mm below.
    printed = printedPages(path.join(root, 'dist', 'page-breaks-everywhere-1.pdf'), (12 / 25.4) * 72, (14 / 25.4) * 72);
  });

  test('every numbered page has its marker, in order, before the same words as the PDF page', () => {
    const numbered = printed.filter((p) => p.number !== null);
    expect(numbered.length).toBeGreaterThanOrEqual(10);
    expect(markers.map((m) => m.label)).toEqual(numbered.map((p) => p.number));
    expect(pageList(files).map(([label]) => label)).toEqual(markers.map((m) => m.label));
    for (const [i, marker] of markers.entries()) {
      // A table continued on the next page repeats its header there, in print only.
      expectSameStart(marker, numbered[i] as PrintedPage, ['Party Deputies Share']);
      expectNotInWord(marker);
    }
    // Some pages begin in the middle of a paragraph, and one in the Works Cited.
    expect(markers.filter((m) => /[\p{L},;]\s*$/u.test(m.before)).length).toBeGreaterThanOrEqual(3);
    expect(markers.some((m) => m.file === 'bibliography.xhtml')).toBe(true);
  });

  // Page 5 is the first numbered page: title page, imprint (the ISBN), contents, and the
  // part's opening page carry no number.
  test('a heading called “Page 5” takes no page’s id: the contents give the page it is on, and page 5’s marker is `page-5`', () => {
    const text = fromHtml(files['OEBPS/text.xhtml'] ?? '');
    expect((select('h2#section-page-5', text) as Element | undefined)?.tagName).toBe('h2');
    const page5 = markers.find((m) => m.label === '5');
    expect(page5?.id).toBe('page-5');
    expect(pageList(files)[0]).toEqual(['5', 'text.xhtml#page-5']);
    // Paged.js names its own pages `page-5`: with the heading by that id, the contents gave
    // the heading page 5, the page Paged.js named, wherever the heading was.
    const at = printed.find((p) => p.words.join(' ').includes('Page 5 A heading whose name'));
    expect(at?.number).toMatch(/^\d+$/);
    const contents = printed.find((p) => p.words[0] === 'Contents')?.words ?? [];
    const entry = contents.findIndex((word, i) => word === 'Page' && contents[i + 1] === '5');
    expect(entry).toBeGreaterThan(0);
    expect(contents[entry + 2]).toBe(at?.number);
  });

  test('the print edition is named with its size and ISBN, as dc:source', () => {
    const opf = files['OEBPS/package.opf'] ?? '';
    expect(opf).toContain('<dc:source id="print-source">urn:isbn:9783161484100</dc:source>');
    expect(opf).toMatch(/page breaks of the print edition \(Where the Pages Turn \(Page Breaks Everywhere, Part I\), print edition, 95mm × 120mm, ISBN 978-3-16-148410-0\)/);
  });

  test('epubcheck and Ace find nothing', () => {
    const report = epubcheck(epub());
    expect({ errors: report.errors, warnings: report.warnings }, report.output).toEqual({ errors: 0, warnings: 0 });
    expect(ace(epub()).violations).toEqual([]);
  });

  test('a wrong ISBN is an error at its line', () => {
    const part = path.join(root, 'manuscript', 'part-1.md');
    writeFileSync(part, readFileSync(part, 'utf8').replace('978-3-16-148410-0', '978-3-16-148410-1'));
    const result = pamphlet(['check', 'manuscript'], root);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/part-1\.md:5:\d+: error: “978-3-16-148410-1” is not a valid ISBN-13: its check digit should be 0, not 1/);
  });
});

// ---------- a figure that waits for the next page ----------

describe('a figure too tall for the room left on its page opens the next one', () => {
  let files: Record<string, string>;
  let markers: Marker[];
  let printed: PrintedPage[];
  let epub: string;
  beforeAll(() => {
    const root = copyFixture('page-list-figure');
    made.push(root);
    build(['manuscript', '--format', 'pdf,epub', '--out', 'dist', '--no-cache'], root);
    epub = path.join(root, 'dist', 'figures-that-wait-1.epub');
    files = unzip(epub);
    markers = markersOf(files);
    // pamphlet.yaml: 12 mm above the text, 14 mm below.
    printed = printedPages(path.join(root, 'dist', 'figures-that-wait-1.pdf'), (12 / 25.4) * 72, (14 / 25.4) * 72);
  });

  test('the text after the figure filled the page before it, and the figure opens page 4', () => {
    const page3 = printed.find((p) => p.number === '3');
    expect(page3?.words.slice(-3)).toEqual(['acknowledging', 'that', 'the']);
    const page4 = printed.find((p) => p.number === '4');
    expect(page4?.words.slice(0, 7)).toEqual(['The', 'Winter', 'Palace', 'Tsarist', 'Empire', 'was', 'ripe']);
  });

  // The picture belongs where the text has it, before the paragraph it interrupts; the page
  // begins, for a reader of the EPUB, where its text does (src/browser/print-pages.ts, FLOATED).
  test('page 4’s marker stands before the page’s first line of text, after the figure, not before its caption', () => {
    const numbered = printed.filter((p) => p.number !== null);
    expect(markers.map((m) => m.label)).toEqual(numbered.map((p) => p.number));
    for (const [i, marker] of markers.entries()) {
      expectSameStart(marker, numbered[i] as PrintedPage, ['The Winter Palace']);
      expectNotInWord(marker);
    }
    const page4 = markers.find((m) => m.label === '4');
    expect(page4?.after.trimStart().startsWith('Tsarist Empire was ripe for revolution')).toBe(true);
    expect(page4?.before).toContain('The Winter Palace');
    expect(page4?.before.trimEnd().endsWith('while acknowledging that the')).toBe(true);
  });

  test('epubcheck finds nothing', () => {
    const report = epubcheck(epub);
    expect({ errors: report.errors, warnings: report.warnings }, report.output).toEqual({ errors: 0, warnings: 0 });
  });
});

// ---------- ¶ numbers ----------

describe('paragraph-numbers: true', () => {
  test('¶ 23 in the EPUB is the paragraph the handout numbers 23, its number shown once and not read aloud', () => {
    const root = temp('pagelist-pn');
    cpSync(path.join(REPO, 'manuscript'), path.join(root, 'manuscript'), { recursive: true });
    const yaml = path.join(root, 'manuscript', 'pamphlet.yaml');
    writeFileSync(yaml, `${readFileSync(yaml, 'utf8')}paragraph-numbers: true\n`);
    build(['manuscript', '--format', 'epub,handout', '--out', 'dist'], root);
    const files = unzip(path.join(root, 'dist', `${SLUG}.epub`));
    const text = fromHtml(files['OEBPS/text.xhtml'] ?? '');
    const p23 = select('p#p23', text) as Element;
    const shown = select('.pn', p23) as Element;
    expect(toString(shown)).toBe('23');
    expect(shown.properties.ariaHidden).toBe('true');
    // Every numbered paragraph shows its number, and only its own.
    const numbered = selectAll('p[data-pn]', text);
    expect(numbered.length).toBeGreaterThan(70);
    for (const p of numbered) expect(selectAll('.pn', p).map((n) => toString(n)), String(p.properties.id)).toEqual([String(p.properties.dataPn)]);
    // The handout prints 23 in the margin beside the first line of the same paragraph.
    const beside = marginNumbers(pdfWords(path.join(root, 'dist', `${SLUG}-handout.pdf`))).filter((n) => n.number === 23);
    expect(beside).toHaveLength(1);
    const line = squash(beside[0]!.line.map((w) => w.text).join(' '));
    expect(line.length).toBeGreaterThan(10);
    const words = squash(toString(p23).replace(/^23/, ''));
    expect(words.startsWith(line), `“${beside[0]!.line.map((w) => w.text).join(' ')}” begins the EPUB’s ¶ 23`).toBe(true);
    const check = epubcheck(path.join(root, 'dist', `${SLUG}.epub`));
    expect([check.errors, check.warnings], check.output).toEqual([0, 0]);
    expect(ace(path.join(root, 'dist', `${SLUG}.epub`)).violations).toEqual([]);
  });
});
