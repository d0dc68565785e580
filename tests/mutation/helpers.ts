// Small manuscripts written by a test into a temp folder and loaded in process, the
// way `check` and `build` load them. Everything happens inside the calling test (no
// beforeAll, no cache across tests): Stryker's vitest runner attributes coverage per
// test, and work done outside one would make every mutant in it run against all tests.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Element, ElementContent, Root } from 'hast';
import { html } from './html.js';
import { strFromU8, unzipSync } from 'fflate';
import { EPOCH, folder, part, type Files } from './folder.js';
import { formatMessage, ManuscriptError } from '../../src/diagnostics.js';
import { loadManuscript, type Manuscript } from '../../src/manuscript.js';
import type { PartDocument } from '../../src/document.js';
import { renderEpub } from '../../src/render/epub/index.js';

export { EPOCH, folder, html, part, type Files };

/** pamphlet.yaml with only a series, unless given. */
export const SERIES = 'series: Test Series\n';

export interface Loaded {
  manuscript: Manuscript;
  dir: string;
  /** Warnings and notes, as `check` prints them, relative to the folder. */
  messages: string[];
  /** Each message's `source:ruleId`, as `check --format json` gives them, in the same order. */
  rules: string[];
}

/** `source:ruleId` of a message (what `check --format json` and editors key on). */
function ruleOf(message: { source?: string | null | undefined; ruleId?: string | null | undefined }): string {
  return `${message.source ?? ''}:${message.ruleId ?? ''}`;
}

/** Loads a manuscript written from `files`; fails the test if it has errors. */
export function load(files: Files, env: NodeJS.ProcessEnv = EPOCH): Loaded {
  const dir = folder(files);
  try {
    const manuscript = loadManuscript(dir, env);
    return { manuscript, dir, messages: manuscript.messages.map((m) => formatMessage(m, dir)), rules: manuscript.messages.map(ruleOf) };
  } catch (cause) {
    if (cause instanceof ManuscriptError) throw new Error(`unexpected errors:\n${cause.messages.map((m) => formatMessage(m, dir)).join('\n')}`);
    throw cause;
  }
}

/** The errors a manuscript written from `files` is refused with, as the user reads them. */
export function refused(files: Files, env: NodeJS.ProcessEnv = EPOCH): string[] {
  return refusal(files, env).map((m) => formatMessage(m, m.dir));
}

/** The `source:ruleId` of each error a manuscript written from `files` is refused with. */
export function refusedRules(files: Files, env: NodeJS.ProcessEnv = EPOCH): string[] {
  return refusal(files, env).map(ruleOf);
}

function refusal(files: Files, env: NodeJS.ProcessEnv): Array<ManuscriptError['messages'][number] & { dir: string }> {
  const { refused, messages, dir } = outcome(files, env);
  if (!refused) throw new Error('the manuscript loaded without errors');
  return messages.map((m) => Object.assign(m, { dir }));
}

/** Every message of a manuscript written from `files`: its warnings when it loads, its errors when it is refused. */
export function messagesOf(files: Files, env: NodeJS.ProcessEnv = EPOCH): ManuscriptError['messages'] {
  return outcome(files, env).messages;
}

function outcome(files: Files, env: NodeJS.ProcessEnv): { refused: boolean; messages: ManuscriptError['messages']; dir: string } {
  const dir = folder(files);
  try {
    return { refused: false, messages: loadManuscript(dir, env).messages, dir };
  } catch (cause) {
    if (cause instanceof ManuscriptError) return { refused: true, messages: cause.messages, dir };
    throw cause;
  }
}

/** The only part of a one-part manuscript: `text` under a minimal front matter. */
export function onePart(text: string, options: { yaml?: string; frontmatter?: string; files?: Files } = {}): Loaded & { doc: PartDocument } {
  const loaded = load({
    'pamphlet.yaml': options.yaml ?? SERIES,
    'part-1.md': part(options.frontmatter ?? 'title: T\npart: 1', text),
    ...options.files,
  });
  return { ...loaded, doc: loaded.manuscript.parts[0] as PartDocument };
}

/** The errors of a one-part manuscript. */
export function onePartRefused(text: string, options: { yaml?: string; frontmatter?: string; files?: Files } = {}): string[] {
  return refused(onePartFiles(text, options));
}

/** The `source:ruleId` of each error of a one-part manuscript. */
export function onePartRefusedRules(text: string, options: { yaml?: string; frontmatter?: string; files?: Files } = {}): string[] {
  return refusedRules(onePartFiles(text, options));
}

function onePartFiles(text: string, options: { yaml?: string; frontmatter?: string; files?: Files }): Files {
  return {
    'pamphlet.yaml': options.yaml ?? SERIES,
    'part-1.md': part(options.frontmatter ?? 'title: T\npart: 1', text),
    ...options.files,
  };
}

/** The body of a part as HTML, one block a line (the pipeline puts `\n` between blocks). */
export function body(doc: PartDocument): string {
  return html(doc.body);
}

/** Each note as "N kind: text" (HTML), in order. */
export function notes(doc: PartDocument): string[] {
  return doc.notes.map((note) => `${note.number} ${note.kind}: ${html(note.content).trim()}`);
}

/** The files of an EPUB as text (images as their byte length). */
export function epubFiles(bytes: Uint8Array): Record<string, string> {
  return Object.fromEntries(Object.entries(unzipSync(bytes)).map(([name, data]) => [name, name.match(/\.(png|jpe?g|gif)$/) ? `${data.length} bytes` : strFromU8(data)]));
}

/** Loads a one-part manuscript and packages its EPUB: the files, as text. */
export function epubOf(loaded: Loaded, index = 0, options: Parameters<typeof renderEpub>[2] = { css: 'p{}' }): Record<string, string> {
  const doc = loaded.manuscript.parts[index] as PartDocument;
  return epubFiles(renderEpub(doc, loaded.manuscript.config, { readAsset: (rel) => readAsset(loaded.dir, rel), ...options }));
}

function readAsset(dir: string, rel: string): Uint8Array {
  return new Uint8Array(readFileSync(path.join(dir, rel)));
}

/** The content between <body …> and </body> of an XHTML file. */
export function bodyOf(xhtml: string | undefined): string {
  const text = xhtml ?? '';
  const open = text.indexOf('<body');
  const close = text.lastIndexOf('</body>');
  if (open < 0 || close < 0) throw new Error('no <body> in the document');
  return text.slice(text.indexOf('>', open) + 1, close).trim();
}

/** A valid 1×1 PNG. */
export const PNG_1x1 = Uint8Array.from(Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64'));

/** Each note set apart in a part's HTML (callout.ts), as `kind: title` (the title's HTML as made). */
export function calloutTitles(html: string): string[] {
  return [...html.matchAll(/<div class="callout callout-(\w+)" role="note">\n?<p class="callout-title">(.*?)<\/p>/g)].map((m) => `${m[1]}: ${m[2]}`);
}

/** A part's HTML without its code, block or inline: what prints as text. */
export function outsideCode(html: string): string {
  return html.replace(/<pre>[\s\S]*?<\/pre>|<code>[\s\S]*?<\/code>/g, '');
}
