// Reading PDFs as a reader would, with poppler's own tools.
import { execFileSync } from 'node:child_process';

export function pdfinfo(file: string, args: string[] = []): Record<string, string> {
  const out = execFileSync('pdfinfo', [...args, file], { encoding: 'utf8' });
  const info: Record<string, string> = {};
  for (const line of out.split('\n')) {
    const match = /^([^:]+):\s*(.*)$/.exec(line);
    if (match?.[1]) info[match[1].trim()] = (match[2] ?? '').trim();
  }
  return info;
}

export function pageCount(file: string): number {
  return Number(pdfinfo(file).Pages);
}

/** The text of each page (1-based index 0 = page 1), in reading order. */
export function pagesText(file: string): string[] {
  const out = execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const pages = out.split('\f');
  if (pages.at(-1)?.trim() === '') pages.pop();
  return pages;
}

/**
 * The text of each page in the order the PDF draws it (`pdftotext -raw`): a table cell's
 * lines, or a wrapped code line's, come one after the other, as the page lays them out.
 */
export function pagesRawText(file: string): string[] {
  const out = execFileSync('pdftotext', ['-enc', 'UTF-8', '-raw', file, '-'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const pages = out.split('\f');
  if (pages.at(-1)?.trim() === '') pages.pop();
  return pages;
}

/** The web addresses a reader can follow from the PDF's pages (`pdfinfo -url`), each once, in order. */
export function pdfLinks(file: string): string[] {
  const out = execFileSync('pdfinfo', ['-url', file], { encoding: 'utf8' });
  const urls = out.split('\n').slice(1).map((line) => /^\s*\d+\s+\S+\s+(\S+)/.exec(line)?.[1]).filter((url): url is string => url !== undefined);
  return [...new Set(urls)];
}

/** The images of a PDF with their pages and resolution (`pdfimages -list`). */
export function pdfImages(file: string): Array<{ page: number; width: number; height: number; xPpi: number; yPpi: number }> {
  const out = execFileSync('pdfimages', ['-list', file], { encoding: 'utf8' });
  return out
    .split('\n')
    .slice(2)
    .filter((line) => line.trim())
    .map((line) => {
      const cols = line.trim().split(/\s+/);
      return { page: Number(cols[0]), width: Number(cols[3]), height: Number(cols[4]), xPpi: Number(cols[12]), yPpi: Number(cols[13]) };
    });
}

/**
 * Text reduced to letters and digits, so a phrase can be found whatever the line
 * breaks, hyphenation or ligatures of the typesetting.
 */
export function squash(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/ﬁ/g, 'fi')
    .replace(/ﬂ/g, 'fl')
    .replace(/[^\p{L}\p{N}]+/gu, '')
    .toLowerCase();
}

/** Pages (1-based) whose text holds `phrase`. */
export function pagesWith(pages: readonly string[], phrase: string): number[] {
  const needle = squash(phrase);
  return pages.flatMap((text, i) => (squash(text).includes(needle) ? [i + 1] : []));
}

export interface FontRow {
  name: string;
  type: string;
  embedded: boolean;
}

export function pdffonts(file: string): FontRow[] {
  const out = execFileSync('pdffonts', [file], { encoding: 'utf8' });
  const lines = out.split('\n').slice(2).filter((l) => l.trim());
  return lines.map((line) => {
    // name type [encoding] emb sub uni object ID — split from the right, names have no spaces.
    const cols = line.trim().split(/\s+/);
    const name = cols[0] ?? '';
    const emb = cols[cols.length - 5];
    const type = line.includes('Type 3') ? 'Type 3' : line.includes('CID TrueType') ? 'CID TrueType' : line.includes('TrueType') ? 'TrueType' : line.includes('Type 1C') ? 'Type 1C' : line.includes('CID Type 0C') ? 'CID Type 0C' : cols[1] ?? '';
    return { name, type, embedded: emb === 'yes' };
  });
}
