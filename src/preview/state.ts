/**
 * The manuscript as the preview shows it: parsed once at start and once per change
 * (never per request), with the frames rendered from it on first request and kept
 * until the next change. A change that does not build keeps the last good manuscript
 * (the stale pages stay on screen) and gives the errors instead.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync, realpathSync } from 'node:fs';
import path from 'node:path';
import { ManuscriptError } from '../diagnostics.js';
import { spelledInside } from '../files/inside.js';
import { loadManuscript, type Manuscript } from '../manuscript.js';
import { packagePath } from '../package-root.js';
import { printAssets, type PrintAssets } from '../render/assets.js';
import { renderHtml } from '../render/html.js';
import { printHtml } from '../render/print-html.js';
import { trace } from '../trace.js';
import type { PreviewState } from './client.js';
import { previewFrame, servedManuscriptFile, type View } from './page.js';

/** How many times the manuscript has been parsed in this process: once at start, then once per change. */
export let manuscriptParses = 0;

/** Our assets as the preview serves them, for the print HTML's links. */
const LOCAL_ASSETS = printAssets('/_pamphlet/styles/');
const SERVED_ASSETS: PrintAssets = {
  ...LOCAL_ASSETS,
  fontUrls: Object.fromEntries(Object.keys(LOCAL_ASSETS.fontDirs).map((pkg) => [pkg, `/_pamphlet/fonts/${pkg}/`])) as PrintAssets['fontUrls'],
};

export class ManuscriptState {
  /** Counts the builds that succeeded: the part pages load new frames when it moves. */
  generation = 0;
  manuscript: Manuscript | undefined;
  errors: string[] = [];
  private frames = new Map<string, string>();
  /** Stands for the nonce in the frames kept; each response gets its own nonce in its place. */
  private token = '';
  private readerCss: string | undefined;

  constructor(readonly dir: string) {}

  get state(): PreviewState {
    return { generation: this.generation, errors: this.errors };
  }

  reload(): void {
    manuscriptParses += 1;
    const started = performance.now();
    try {
      this.manuscript = loadManuscript(this.dir);
      this.errors = [];
      this.generation += 1;
      this.frames.clear();
      // Drawn after the manuscript is read, so no manuscript can contain it.
      this.token = randomBytes(18).toString('hex');
    } catch (cause) {
      this.errors = describe(cause, path.resolve(this.dir));
    }
    trace(`preview: manuscript parsed (${manuscriptParses})`, started);
  }

  /**
   * Our assets as served, and the manuscript's font files and the files its stylesheets
   * name at their paths on this server (an http page cannot load file: URLs). The files
   * are named by their real paths, so the folder is too.
   */
  private servedAssets(dir: string): PrintAssets {
    const real = realpathSync(dir);
    return { ...SERVED_ASSETS, manuscriptUrl: (file) => servedManuscriptFile(file, real) ?? '' };
  }

  /** The frame of `slug` in `view` with `nonce`, or undefined when there is no such part. */
  frame(slug: string, view: View, nonce: string): string | undefined {
    const doc = this.manuscript?.parts.find((part) => part.meta.slug === slug);
    if (!doc || !this.manuscript) return undefined;
    const key = `${slug}\0${view}`;
    let html = this.frames.get(key);
    if (html === undefined) {
      const { config } = this.manuscript;
      const rendered = view === 'ereader'
        ? renderHtml(doc, config, { linkImages: true })
        : printHtml(doc, config, view === 'handout' ? 'handout' : 'pamphlet', this.servedAssets(config.dir));
      html = previewFrame(rendered, { view, nonce: this.token, dir: config.dir });
      this.frames.set(key, html);
    }
    return html.split(this.token).join(nonce);
  }
}

/** Each diagnostic as `file:line:column: message`, the file relative to the manuscript folder. */
function describe(cause: unknown, dir: string): string[] {
  if (!(cause instanceof ManuscriptError)) return [`pamphlet: ${cause instanceof Error ? cause.message : String(cause)}`];
  return cause.messages.map((message) => {
    const file = message.file ? (spelledInside(dir, message.file) ? path.relative(dir, message.file) : message.file) : 'pamphlet.yaml';
    return `${file}:${message.line ?? 1}:${message.column ?? 1}: ${message.reason}`;
  });
}
