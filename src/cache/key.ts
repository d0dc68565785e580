/**
 * The cache key of one output: a hash of everything its bytes depend on. The part
 * enters as the PartDocument the pipeline made of it — its text, front matter,
 * formatted citations and bibliography (so the bibliography, the CSL style and its
 * locale count), the date it was last changed and, through its "Next:" line, the
 * next part's title — never as the other parts' text. Then the series config, the
 * bytes of every image it shows, the format, the tool and, for PDFs, the browser.
 */
import { createHash, type Hash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Element, Nodes } from 'hast';
import type { ResolvedConfig } from '../config/types.js';
import type { PartDocument } from '../document.js';
import { isDataUrl } from '../files/embedded-image.js';
import { realInside } from '../files/inside.js';

export interface KeyInputs {
  doc: PartDocument;
  config: ResolvedConfig;
  format: string;
  tool: string;
  /** For outputs Chromium prints. */
  browser?: string;
}

export function outputKey(inputs: KeyInputs): string {
  const hash = createHash('sha256');
  field(hash, 'format', inputs.format);
  field(hash, 'tool', inputs.tool);
  field(hash, 'browser', inputs.browser ?? '');
  field(hash, 'config', stable(configShape(inputs.config)));
  field(hash, 'part', stable(inputs.doc));
  for (const src of imageSources(inputs.doc)) {
    field(hash, 'image', src);
    field(hash, 'bytes', imageBytes(inputs.config.dir, src));
  }
  return hash.digest('hex');
}

/** A key derived from another output's (the booklet is imposed from the pamphlet PDF). */
export function derivedKey(base: string, what: string): string {
  return createHash('sha256').update(base).update('\0').update(what).digest('hex');
}

function field(hash: Hash, name: string, value: string | Uint8Array): void {
  // Length-prefixed, so no two different inputs can run together into the same bytes.
  const bytes = typeof value === 'string' ? Buffer.from(value, 'utf8') : value;
  hash.update(`${name}:${bytes.length}:`).update(bytes);
}

/** Where config values sit in pamphlet.yaml moves with every edit, and changes no output; the time limit neither. */
function configShape(config: ResolvedConfig): Omit<ResolvedConfig, 'places' | 'timeout'> {
  const { places: _places, timeout: _timeout, ...rest } = config;
  return rest;
}

/** JSON without source positions: a part's own edits move them, and no output prints them. */
function stable(value: unknown): string {
  return JSON.stringify(value, (key, inner: unknown) => (key === 'position' ? undefined : inner));
}

function imageSources(doc: PartDocument): string[] {
  const found = new Set<string>();
  const visit = (node: Nodes): void => {
    if (node.type === 'element') {
      const src = (node as Element).properties['src'];
      if ((node as Element).tagName === 'img' && typeof src === 'string') found.add(src);
    }
    if ('children' in node) for (const child of node.children) visit(child as Nodes);
  };
  visit(doc.body);
  for (const note of doc.notes) for (const child of note.content) visit(child);
  for (const item of doc.questions?.items ?? []) visit(item);
  return [...found].sort();
}

/** The image as the renderers will read it: by its real location inside the folder. */
function imageBytes(dir: string, src: string): Uint8Array | string {
  // A picture written into the text is its own address: the part's text holds it already.
  if (isDataUrl(src)) return src;
  let rel: string;
  try {
    rel = decodeURIComponent(src.replace(/[?#].*$/, ''));
  } catch {
    return `unreadable ${src}`;
  }
  const inside = realInside(dir, rel);
  return inside.ok ? readFileSync(inside.path) : `unreadable ${src}: ${inside.reason}`;
}
