/**
 * One epubcheck JVM for the whole run (tests/helpers/EpubcheckBatch.java), behind a Unix
 * socket in the run's temp folder: a JVM per EPUB costs about 3 s of wall time and 4 s of
 * CPU to start and warm up, and the suite checks a few dozen EPUBs one at a time in its
 * workers. tests/helpers/epubcheck.ts and epubcheck-batch.ts send a path and get
 * epubcheck's report back (the same counts as its command line: tests/epubcheck-batch.test.ts).
 * The JVM starts on the first request, so a run that checks no EPUB starts none; one that
 * died is replaced on the next request.
 */
import { rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { EpubcheckBatch } from '../helpers/epubcheck-batch.js';

export const SOCKET_VARIABLE = 'PAMPHLET_EPUBCHECK_SOCKET';

export default async function setup(): Promise<() => Promise<void>> {
  // After temp-root.ts: the socket is removed with the run's temp folder.
  const socket = path.join(os.tmpdir(), 'epubcheck.sock');
  rmSync(socket, { force: true });
  let batch: EpubcheckBatch | undefined;
  const server = net.createServer((connection) => {
    let input = '';
    connection.setEncoding('utf8');
    connection.on('error', () => undefined);
    connection.on('data', (chunk: string) => {
      input += chunk;
      const end = input.indexOf('\n');
      if (end < 0) return;
      const epub = input.slice(0, end);
      input = '';
      const current = (batch ??= new EpubcheckBatch());
      current.check(epub).then(
        (result) => connection.end(`${JSON.stringify(result)}\n`),
        (cause: unknown) => {
          if (batch === current) batch = undefined;
          connection.end(`${JSON.stringify({ failure: cause instanceof Error ? cause.message : String(cause) })}\n`);
        },
      );
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(socket, () => resolve());
  });
  // Workers and the processes they start inherit the variable, as they do TMPDIR.
  process.env[SOCKET_VARIABLE] = socket;
  return async () => {
    delete process.env[SOCKET_VARIABLE];
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await batch?.close();
  };
}
