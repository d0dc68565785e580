/**
 * build() and check(): the workflow the CLI calls, usable as a library too.
 * Reads top-down: load the manuscript, render every requested format of every part
 * in memory (one browser for all of them), then write everything at once.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { VFileMessage } from 'vfile-message';
import { loadManuscript, type Manuscript } from './manuscript.js';
import { writeOutputs, type OutputFile } from './output.js';
import { resolveInside } from './config/load.js';
import type { PartDocument } from './document.js';
import type { ResolvedConfig } from './config/types.js';

export const FORMATS = ['pdf', 'epub', 'handout', 'booklet'] as const;
export type Format = (typeof FORMATS)[number];

export interface BuildOptions {
  dir: string;
  out: string;
  formats?: readonly Format[];
  /** Overrides pamphlet.yaml's `timeout` (ms per browser step). */
  timeout?: number;
  env?: NodeJS.ProcessEnv;
  /** Called as each output is rendered, for progress lines. */
  onRendered?: (name: string, ms: number) => void;
}

export interface BuildResult {
  outputs: string[];
  messages: VFileMessage[];
  timings: Record<string, number>;
}

export function outputName(doc: PartDocument, format: Format): string {
  switch (format) {
    case 'pdf': return `${doc.meta.slug}.pdf`;
    case 'epub': return `${doc.meta.slug}.epub`;
    case 'handout': return `${doc.meta.slug}-handout.pdf`;
    case 'booklet': return `${doc.meta.slug}-booklet.pdf`;
  }
}

export async function build(options: BuildOptions): Promise<BuildResult> {
  const formats = options.formats?.length ? options.formats : FORMATS;
  const timings: Record<string, number> = {};
  let started = performance.now();
  const manuscript = loadManuscript(options.dir, options.env ?? process.env);
  timings.pipeline = performance.now() - started;
  const config = options.timeout ? { ...manuscript.config, timeout: options.timeout } : manuscript.config;
  const files: OutputFile[] = [];
  const record = (name: string, bytes: Uint8Array, since: number) => {
    const ms = performance.now() - since;
    timings[name] = ms;
    files.push({ name, bytes });
    options.onRendered?.(name, ms);
  };

  if (formats.includes('epub')) {
    const { renderEpub } = await import('./render/epub/index.js');
    const css = readFileSync(new URL('../styles/epub.css', import.meta.url), 'utf8');
    for (const doc of manuscript.parts) {
      started = performance.now();
      record(outputName(doc, 'epub'), renderEpub(doc, config, { css, readAsset: assetReader(config) }), started);
    }
  }

  const printFormats = formats.filter((f) => f !== 'epub');
  if (printFormats.length) {
    // Loaded only when needed, so EPUB-only builds and `check` never start a browser.
    const { openBrowser } = await import('./browser/session.js');
    const { renderPdf } = await import('./render/pdf.js');
    const workDir = mkdtempSync(path.join(os.tmpdir(), 'pamphlet-'));
    started = performance.now();
    const session = await openBrowser({ executablePath: config.browser, timeout: config.timeout });
    timings.browser = performance.now() - started;
    try {
      for (const doc of manuscript.parts) {
        let pamphletPdf: Uint8Array | undefined;
        if (formats.includes('pdf') || formats.includes('booklet')) {
          started = performance.now();
          pamphletPdf = await renderPdf(session, doc, config, { variant: 'pamphlet', workDir });
          if (formats.includes('pdf')) record(outputName(doc, 'pdf'), pamphletPdf, started);
        }
        if (formats.includes('booklet') && pamphletPdf) {
          const { imposeBooklet, bookletSheetFor } = await import('./render/booklet.js');
          started = performance.now();
          const unbled = config.print.bleed === '0mm' && !config.print.marks ? pamphletPdf : await renderPdf(session, doc, { ...config, print: { bleed: '0mm', marks: false } }, { variant: 'pamphlet', workDir });
          record(outputName(doc, 'booklet'), await imposeBooklet(unbled, { sheet: bookletSheetFor(config.page.name), creep: config.booklet.creep }), started);
        }
        if (formats.includes('handout')) {
          started = performance.now();
          record(outputName(doc, 'handout'), await renderPdf(session, doc, config, { variant: 'handout', workDir }), started);
        }
      }
    } finally {
      await session.close();
      rmSync(workDir, { recursive: true, force: true });
    }
  }

  const outputs = writeOutputs(path.resolve(options.out), files);
  return { outputs, messages: manuscript.messages, timings };
}

export interface CheckResult {
  manuscript: Manuscript;
  messages: VFileMessage[];
}

/** Validates everything a build would, without rendering. */
export function check(dir: string, env: NodeJS.ProcessEnv = process.env): CheckResult {
  const manuscript = loadManuscript(dir, env);
  return { manuscript, messages: manuscript.messages };
}

function assetReader(config: ResolvedConfig) {
  return (relPath: string): Uint8Array => {
    const abs = resolveInside(config.dir, relPath);
    if (!abs) throw new Error(`asset outside the manuscript folder: ${relPath}`);
    return readFileSync(abs);
  };
}
