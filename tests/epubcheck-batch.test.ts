// The one-JVM epubcheck (tests/helpers/EpubcheckBatch.java) must report what epubcheck's own
// command line reports: the spec corpus trusts it with a thousand books.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { afterAll, describe, expect, it } from 'vitest';
import { renderEpub } from '../src/render/epub/index.js';
import { sampleConfig, sampleDocument } from './fixtures/epub-sample.js';
import { epubcheck, epubcheckCommandLine } from './helpers/epubcheck.js';
import { EpubcheckBatch, epubcheckAll } from './helpers/epubcheck-batch.js';

const dir = mkdtempSync(join(tmpdir(), 'pamphlet-batch-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const valid = renderEpub(sampleDocument(), sampleConfig);

/** The valid book with a link to a file that is not in it and an element XHTML does not have. */
function broken(): Uint8Array {
  const files = unzipSync(valid);
  const text = strFromU8(files['OEBPS/text.xhtml'] as Uint8Array);
  files['OEBPS/text.xhtml'] = strToU8(text.replace('</body>', '<p><a href="chapter-2.xhtml">on</a> <blink>now</blink></p></body>'));
  // mimetype first and stored, as OCF requires, so that only the two faults above are found.
  const { mimetype, ...rest } = files;
  return zipSync({ mimetype: [mimetype as Uint8Array, { level: 0 }], ...rest });
}

const paths = {
  valid: join(dir, 'valid.epub'),
  broken: join(dir, 'broken.epub'),
  junk: join(dir, 'junk.epub'),
  absent: join(dir, 'absent.epub'),
};
writeFileSync(paths.valid, valid);
writeFileSync(paths.broken, broken());
writeFileSync(paths.junk, 'PK this is not a zip file');

describe('epubcheck in one JVM', () => {
  it('reports what epubcheck\'s command line reports, book by book, in the order asked', { timeout: 120_000 }, async () => {
    // A JVM of its own (threads given), not the run's: this is the batch checker under test.
    const results = await epubcheckAll([paths.broken, paths.valid, paths.junk, paths.absent], { threads: 1 });
    const [brokenResult, validResult, junkResult, absentResult] = results;
    expect(results.map((r) => r.path)).toEqual([paths.broken, paths.valid, paths.junk, paths.absent]);

    expect(validResult).toMatchObject({ fatal: 0, errors: 0, warnings: 0, messages: [] });
    const ids = brokenResult?.messages.map((m) => `${m.severity} ${m.id}`);
    expect(ids).toEqual(expect.arrayContaining(['ERROR RSC-007', 'ERROR RSC-005']));
    // Each message is placed: file, line and column of the fault in the book.
    expect(brokenResult?.messages.find((m) => m.id === 'RSC-007')?.location).toMatch(/^OEBPS\/text\.xhtml:\d+:\d+$/);
    expect(junkResult?.fatal).toBeGreaterThan(0);
    expect(absentResult?.fatal).toBeGreaterThan(0);

    for (const path of [paths.valid, paths.broken]) {
      const batch = results.find((r) => r.path === path);
      const cli = epubcheckCommandLine(path);
      expect({ errors: (batch?.fatal ?? 0) + (batch?.errors ?? 0), warnings: batch?.warnings }, cli.output).toEqual({ errors: cli.errors, warnings: cli.warnings });
    }
  });

  it('answers each request, the same book asked twice included, while more are being sent', { timeout: 120_000 }, async () => {
    const batch = new EpubcheckBatch();
    try {
      const first = batch.check(paths.broken);
      const again = batch.check(paths.broken);
      const other = batch.check(paths.valid);
      const [a, b, c] = await Promise.all([first, again, other]);
      expect(a?.errors).toBeGreaterThan(0);
      expect(b).toEqual(a);
      expect(c?.errors).toBe(0);
    } finally {
      await batch.close();
    }
  });

  it('the run\'s one JVM (tests/setup/epubcheck-server.ts), which every other test uses, reports what the command line reports', { timeout: 120_000 }, async () => {
    expect(process.env.PAMPHLET_EPUBCHECK_SOCKET, 'make test starts the server').toBeTruthy();
    for (const path of [paths.valid, paths.broken, paths.junk]) {
      const shared = epubcheck(path);
      const [viaAll] = await epubcheckAll([path]);
      const cli = epubcheckCommandLine(path);
      expect({ errors: shared.errors, warnings: shared.warnings }, `${shared.output}\n---\n${cli.output}`).toEqual({ errors: cli.errors, warnings: cli.warnings });
      expect((viaAll?.fatal ?? 0) + (viaAll?.errors ?? 0)).toBe(cli.errors);
    }
    // The broken book's messages, placed, as the command line prints them.
    expect(epubcheck(paths.broken).output).toMatch(/^ERROR\(RSC-007\) OEBPS\/text\.xhtml:\d+:\d+ /m);
  });
});
