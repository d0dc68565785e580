// A PDF page as grey pixels (poppler's pdftoppm, PGM), to compare how pages look.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export interface GreyPage {
  width: number;
  height: number;
  pixels: Uint8Array;
}

export function renderPage(pdf: string, page: number, dpi = 40): GreyPage {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'pamphlet-pixels-'));
  try {
    execFileSync('pdftoppm', ['-gray', '-r', String(dpi), '-f', String(page), '-l', String(page), '-singlefile', pdf, path.join(dir, 'page')]);
    const data = readFileSync(path.join(dir, 'page.pgm'));
    // P5\n<width> <height>\n<max>\n<bytes>
    const header = /^P5\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(data.subarray(0, 40).toString('latin1'));
    if (!header) throw new Error('pdftoppm gave no PGM');
    const width = Number(header[1]);
    const height = Number(header[2]);
    return { width, height, pixels: new Uint8Array(data.subarray(header[0].length)) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The share of pixels (0–1) whose grey differs by more than a quarter of the scale. */
export function differingShare(a: GreyPage, b: GreyPage): number {
  if (a.width !== b.width || a.height !== b.height) return 1;
  let differing = 0;
  for (let i = 0; i < a.pixels.length; i++) if (Math.abs((a.pixels[i] ?? 0) - (b.pixels[i] ?? 0)) > 64) differing++;
  return differing / a.pixels.length;
}

/** The share of pixels that are ink (darker than mid-grey). */
export function inkShare(page: GreyPage): number {
  let ink = 0;
  for (const value of page.pixels) if (value < 128) ink++;
  return ink / page.pixels.length;
}
