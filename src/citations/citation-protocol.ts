/** What the build and its citation thread say to each other (citation-thread.ts, citation-worker.ts). */
import type { CslItem } from './bibliography.js';
import type { Cluster, EngineOptions } from './engine.js';

/** Slots of the shared flags: the thread has loaded; it has answered the last request. */
export const READY = 0;
export const REPLIED = 1;

/** An engine's options without the bibliography, which the thread keeps from `prepare`. */
export type EngineKey = Omit<EngineOptions, 'items'>;

export function engineKey(options: EngineOptions): EngineKey {
  return { style: options.style, lang: options.lang, localeDir: options.localeDir };
}

export type CitationRequest =
  | { type: 'prepare'; engine: EngineKey; items: ReadonlyMap<string, CslItem> }
  | { type: 'format'; engine: EngineKey; clusters: readonly Cluster[]; alsoListed: readonly string[] };

export type CitationReply =
  | { ok: true; clusters: Array<[string, string]>; bibliography: string[] }
  | { ok: false; unusableStyle: string }
  | { ok: false; message: string };

