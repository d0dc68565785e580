// @ts-check
// Builds one manuscript at a time for tests/helpers/spec-corpus.ts, in a worker thread, so
// that a build that never returns can be ended (Worker.terminate() stops even a busy loop)
// and the next example goes on in a fresh worker. JavaScript, not TypeScript: Node 20 runs
// a worker's file as it is, and this one only calls the bundled library (lib/index.js).
import { parentPort } from 'node:worker_threads';
import { ManuscriptError, build, check } from '../../lib/index.js';

/** @param {unknown} cause */
function describe(cause) {
  if (cause instanceof ManuscriptError) {
    return {
      kind: 'refused',
      messages: cause.messages.map((m) => ({
        file: m.file,
        line: m.line ?? null,
        column: m.column ?? null,
        ruleId: m.ruleId ?? null,
        reason: m.reason,
        fatal: m.fatal === true,
      })),
    };
  }
  const error = cause instanceof Error ? cause : new Error(String(cause));
  return { kind: 'crash', name: error.name, message: error.message, stack: error.stack ?? '' };
}

parentPort?.on('message', async (/** @type {{ id: string, dir: string, out: string, formats: ('epub'|'html'|'pdf')[] }} */ job) => {
  const started = performance.now();
  /** @type {Record<string, unknown>} */
  const reply = { id: job.id };
  try {
    const { messages } = check(job.dir);
    reply.check = { kind: 'ok', warnings: messages.map((m) => m.ruleId ?? m.reason) };
  } catch (cause) {
    reply.check = describe(cause);
  }
  try {
    // The corpus is about what Markdown builds, not about pagination: its EPUBs go without
    // the print edition's page-list, which would lay out ~700 pamphlets in Chromium.
    const result = await build({ dir: job.dir, out: job.out, formats: job.formats, printPages: false });
    reply.build = { kind: 'built', outputs: result.outputs };
  } catch (cause) {
    reply.build = describe(cause);
  }
  reply.ms = performance.now() - started;
  parentPort?.postMessage(reply);
});
