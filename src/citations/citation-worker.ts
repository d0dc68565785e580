/**
 * The citation thread's side (citation-thread.ts is the build's): the same engine.ts,
 * loaded and run here. Each request is answered on the port, then the shared flag is
 * raised, for the build waits for the answer synchronously.
 */
import { receiveMessageOnPort, workerData, type MessagePort } from 'node:worker_threads';
import type { CslItem } from './bibliography.js';
import { formatCitations, prepareEngine, UnusableStyleError, type EngineOptions } from './engine.js';
import { READY, REPLIED, type CitationReply, type CitationRequest } from './citation-protocol.js';

const { port, flags } = workerData as { port: MessagePort; flags: SharedArrayBuffer };
const flag = new Int32Array(flags);
/** The bibliography, sent once: engines are kept per bibliography (by identity) and style. */
let items: ReadonlyMap<string, CslItem> = new Map();

port.on('message', handle);

function handle(request: CitationRequest): void {
  if (request.type === 'prepare') {
    items = request.items;
    try {
      prepareEngine({ ...request.engine, items });
    } catch {
      // Reported when the part's citations are formatted, as in the build's own thread.
      return;
    }
    warmUp({ ...request.engine, items });
    return;
  }
  port.postMessage(answer({ ...request.engine, items }, request));
  Atomics.store(flag, REPLIED, 1);
  Atomics.notify(flag, REPLIED);
}

const WARM_UP_WORKS = 12;

/**
 * Each work of the bibliography (the first 12) cited once, alone, while the build is still parsing, so
 * that citeproc-js's code is compiled before the build waits for a part's citations: the
 * real manuscript's took 66-112 ms cold and 21-45 ms after this. `rebuildProcessorState`
 * starts each formatting afresh, so what is formatted here changes no later answer. A
 * request that arrives meanwhile is answered at once, between two works.
 */
function warmUp(options: EngineOptions): void {
  // Enough to compile the code a citation and an entry run; a long bibliography's other works add nothing but CPU.
  const works = [...options.items.keys()].slice(0, WARM_UP_WORKS);
  for (const [index, id] of works.entries()) {
    const waiting = receiveMessageOnPort(port);
    if (waiting) {
      handle(waiting.message as CitationRequest);
      return;
    }
    try {
      formatCitations(options, [{ id: `warm-up-${index}`, noteIndex: 1, items: [{ id }] }], []);
    } catch {
      return;
    }
  }
}

function answer(options: EngineOptions, request: Extract<CitationRequest, { type: 'format' }>): CitationReply {
  try {
    const formatted = formatCitations(options, request.clusters, request.alsoListed);
    return { ok: true, clusters: [...formatted.clusters], bibliography: formatted.bibliography };
  } catch (cause) {
    if (cause instanceof UnusableStyleError) return { ok: false, unusableStyle: cause.citeproc };
    return { ok: false, message: cause instanceof Error ? cause.message : String(cause) };
  }
}

Atomics.store(flag, READY, 1);
Atomics.notify(flag, READY);
