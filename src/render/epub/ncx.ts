/**
 * The NCX (toc.ncx): the EPUB 2 table of contents and page-list, which EPUB 3 readers
 * ignore and EPUB 2 readers and Kindle conversion use. The same entries as the nav
 * document (nav.ts); `playOrder` numbers every distinct target in reading order, as the
 * NCX wants (one number per target, shared by the entries that point at it).
 */
import type { PartMeta } from '../../document.js';
import type { TocEntry } from './nav.js';
import type { PageTarget } from './page-list.js';
import { escapeAttribute, escapeText } from './serialize.js';

export interface NcxInput {
  meta: PartMeta;
  toc: readonly TocEntry[];
  pages: readonly PageTarget[];
  /** Where a target (`file` or `file#id`) is in reading order; targets are numbered in that order. */
  orderOf: (href: string) => number;
  pagesLabel: string;
}

export function ncxDocument(input: NcxInput): string {
  const hrefs = new Set<string>();
  const collect = (entries: readonly TocEntry[]): void => {
    for (const entry of entries) {
      hrefs.add(entry.href);
      collect(entry.children);
    }
  };
  collect(input.toc);
  for (const page of input.pages) hrefs.add(page.href);
  const playOrder = new Map([...hrefs].sort((a, b) => input.orderOf(a) - input.orderOf(b)).map((href, i) => [href, i + 1]));
  const order = (href: string): number => playOrder.get(href) as number;

  let point = 0;
  const navPoints = (entries: readonly TocEntry[], indent: string): string[] =>
    entries.flatMap((entry) => [
      `${indent}<navPoint id="navpoint-${++point}" playOrder="${order(entry.href)}">`,
      `${indent}  <navLabel><text>${escapeText(entry.label)}</text></navLabel>`,
      `${indent}  <content src="${escapeAttribute(entry.href)}"/>`,
      ...navPoints(entry.children, `${indent}  `),
      `${indent}</navPoint>`,
    ]);
  const depth = input.toc.some((entry) => entry.children.length > 0) ? 2 : 1;
  const numbers = input.pages.map((page) => Number(page.label)).filter((n) => Number.isInteger(n) && n > 0);

  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<ncx xmlns="http://www.daisy.org/z3986/2005/ncx/" version="2005-1" xml:lang="${escapeAttribute(input.meta.lang)}">`,
    '  <head>',
    `    <meta name="dtb:uid" content="${escapeAttribute(input.meta.identifier)}"/>`,
    `    <meta name="dtb:depth" content="${depth}"/>`,
    `    <meta name="dtb:totalPageCount" content="${input.pages.length}"/>`,
    `    <meta name="dtb:maxPageNumber" content="${numbers.length ? Math.max(...numbers) : 0}"/>`,
    '  </head>',
    `  <docTitle><text>${escapeText(input.meta.title)}</text></docTitle>`,
    ...input.meta.authors.map((author) => `  <docAuthor><text>${escapeText(author)}</text></docAuthor>`),
    '  <navMap>',
    ...navPoints(input.toc, '    '),
    '  </navMap>',
  ];
  if (input.pages.length) {
    lines.push('  <pageList>', `    <navLabel><text>${escapeText(input.pagesLabel)}</text></navLabel>`);
    input.pages.forEach((page, i) => {
      const value = Number(page.label);
      lines.push(
        `    <pageTarget id="pagetarget-${i + 1}" type="normal"${Number.isInteger(value) && value > 0 ? ` value="${value}"` : ''} playOrder="${order(page.href)}">`,
        `      <navLabel><text>${escapeText(page.label)}</text></navLabel>`,
        `      <content src="${escapeAttribute(page.href)}"/>`,
        '    </pageTarget>',
      );
    });
    lines.push('  </pageList>');
  }
  lines.push('</ncx>', '');
  return lines.join('\n');
}
