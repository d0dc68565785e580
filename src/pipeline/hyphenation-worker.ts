/**
 * The hyphenation thread's side (hyphenation-thread.ts is the build's): reads the parts
 * as the pipeline does (by their real location, regular files only), breaks every word of
 * their text with the same function the print HTML uses, and sends the words back.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { readTextInside } from '../files/read.js';
import { hyphenateText, knownHyphenations } from './rehype-hyphenate.js';

const { dir, parts, lang } = workerData as { dir: string; parts: string[]; lang: string };
for (const name of parts) {
  const read = readTextInside(dir, name);
  // A part that cannot be read is the pipeline's error to report, not this thread's.
  if (!read.ok) continue;
  // Word by word: a run of text holding a URL or an address is left whole (hyphenateText), and
  // one such word must not keep the words around it from being broken here.
  for (const token of read.text.split(/\s+/)) hyphenateText(token, { lang });
}
parentPort?.postMessage(knownHyphenations({ lang }));
