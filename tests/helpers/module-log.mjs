// Preloaded into the CLI with `node --import` by tests/lazy-start.test.ts: writes to
// $PAMPHLET_MODULE_LOG every module the process resolves ("module URL") and every file it
// reads by name ("read PATH", "worker read PATH" on a worker thread), so a test can tell
// what a command loaded, and where.
import fs from 'node:fs';
import { register, syncBuiltinESMExports } from 'node:module';
import { isMainThread } from 'node:worker_threads';

const log = process.env.PAMPHLET_MODULE_LOG;
if (log) {
  register('./module-log-hooks.mjs', import.meta.url, { data: { log } });
  const append = fs.appendFileSync;
  let writing = false;
  for (const name of ['readFileSync', 'openSync']) {
    const original = fs[name];
    fs[name] = function logged(file, ...rest) {
      if (!writing && (typeof file === 'string' || file instanceof URL)) {
        writing = true;
        try {
          // A worker thread's reads are marked as such ("worker read PATH").
          append(log, `${isMainThread ? '' : 'worker '}read ${file instanceof URL ? file.pathname : file}\n`);
        } finally {
          writing = false;
        }
      }
      return original.call(this, file, ...rest);
    };
  }
  // ES modules that imported { readFileSync } from 'node:fs' see the logging versions too.
  syncBuiltinESMExports();
}
