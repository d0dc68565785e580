/**
 * The print HTML's soft hyphens, worked out ahead on a thread of their own. Breaking every
 * word with Liang's patterns took the real manuscript's PDF build some 60 ms on the one
 * thread that also parses the Markdown, just before the print HTML could be written. A build
 * that lays out pages starts this thread first: it reads the parts and breaks their words
 * (rehype-hyphenate.ts's own `hyphenateText`, the same patterns and limits) while the
 * Markdown is parsed, and the words it sends back are taken as known. Nothing waits for it:
 * a word it has not broken (from a citation, a part in another language, or all of them if
 * the thread is late) is broken when the print HTML is written, as before. So the print
 * HTML is the same either way.
 */
import { startBundledWorker } from '../bundled-worker.js';
import { rememberHyphenations } from './rehype-hyphenate.js';

export interface HyphenationPrefetch {
  close(): void;
}

/** Starts the thread; undefined where there is no bundled worker (running from src/, in tests). */
export function prefetchHyphenation(dir: string, parts: readonly string[], lang: string): HyphenationPrefetch | undefined {
  const worker = startBundledWorker('hyphenation-worker', { workerData: { dir, parts: [...parts], lang } });
  if (!worker) return undefined;
  worker.once('message', (entries: Array<[string, string]>) => {
    rememberHyphenations({ lang }, entries);
    void worker.terminate();
  });
  return { close: () => void worker.terminate() };
}
