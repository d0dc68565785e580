/**
 * The CSL engine on a thread of its own, for a build. Making the engine (reading the style
 * and its locale, 65 ms) and loading citeproc-js (750 KB of code) took the real
 * manuscript's build some 0.1 s before anything else could go on; on this thread they are
 * done while the build parses the Markdown, from the moment the bibliography and the style
 * are known (`prepare`). The remark plugin formats a part's citations synchronously inside
 * the unified pipeline, so `format` waits for the thread's answer with Atomics.wait: the
 * same engine.ts gives the same citations as in the build's own thread.
 *
 * Whatever goes wrong with the thread (it cannot start, it does not answer) the citations
 * are formatted in the build's own thread instead, as `check`, `preview` and `watch` always do.
 */
import { MessageChannel, receiveMessageOnPort, type MessagePort, type Worker } from 'node:worker_threads';
import { startBundledWorker } from '../bundled-worker.js';
import { formatCitations, UnusableStyleError, type Cluster, type EngineOptions, type FormattedCitations } from './engine.js';
import { engineKey, READY, REPLIED, type CitationReply, type CitationRequest } from './citation-protocol.js';

/** How long a thread may take to load before its first answer is done without it. */
const START_MS = 5_000;
/** A part's citations, even a very long book's, take seconds; this is for a thread that died. */
const ANSWER_MS = 120_000;

export type CitationFormatter = (options: EngineOptions, clusters: readonly Cluster[], alsoListed: readonly string[]) => FormattedCitations;

export class CitationThread {
  private items: EngineOptions['items'] | undefined;
  private failed = false;

  private constructor(
    private readonly worker: Worker,
    private readonly port: MessagePort,
    private readonly flag: Int32Array,
  ) {}

  /** Starts the thread; undefined where there is no bundled worker (running from src/, in tests). */
  static start(): CitationThread | undefined {
    const flags = new SharedArrayBuffer(8);
    const { port1, port2 } = new MessageChannel();
    const worker = startBundledWorker('citation-worker', { workerData: { port: port2, flags }, transferList: [port2] });
    if (!worker) {
      port1.close();
      return undefined;
    }
    return new CitationThread(worker, port1, new Int32Array(flags));
  }

  /** Makes the engine for this bibliography and style on the thread, while the build goes on. */
  prepare(options: EngineOptions): void {
    this.items = options.items;
    this.send({ type: 'prepare', engine: engineKey(options), items: options.items });
  }

  /** formatCitations, answered by the thread. */
  readonly format: CitationFormatter = (options, clusters, alsoListed) => {
    if (this.failed || options.items !== this.items) return formatCitations(options, clusters, alsoListed);
    Atomics.store(this.flag, REPLIED, 0);
    this.send({ type: 'format', engine: engineKey(options), clusters, alsoListed });
    const reply = this.answer();
    if (!reply) {
      this.failed = true;
      this.close();
      return formatCitations(options, clusters, alsoListed);
    }
    if (reply.ok) return { clusters: new Map(reply.clusters), bibliography: reply.bibliography };
    if ('unusableStyle' in reply) throw new UnusableStyleError(options.style, reply.unusableStyle);
    throw new Error(reply.message);
  };

  close(): void {
    void this.worker.terminate();
  }

  private send(request: CitationRequest): void {
    this.port.postMessage(request);
  }

  private answer(): CitationReply | undefined {
    if (Atomics.wait(this.flag, READY, 0, START_MS) === 'timed-out') return undefined;
    if (Atomics.wait(this.flag, REPLIED, 0, ANSWER_MS) === 'timed-out') return undefined;
    return receiveMessageOnPort(this.port)?.message as CitationReply | undefined;
  }
}
