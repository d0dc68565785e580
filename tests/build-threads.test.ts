// A build's worker thread changes nothing in what it makes. The real CLI (lib/, which
// starts it) and the library run from src/ (no bundled worker there, so everything runs
// in-process) build the same files to the byte: the EPUB covers' thread
// (src/render/epub/cover-thread.ts), for a series of three parts, each with a cover of its
// own, Russian, and a part whose cover is the manuscript's own image.
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { unzipSync } from 'fflate';
import { describe, expect, test } from 'vitest';
import { build, type Format } from '../src/api.js';
import { copyFixture, pamphlet } from './helpers/cli.js';

const EPOCH = '1700000000';

/**
 * The manuscript in `root` built with the real CLI (its threads) into `threaded/` and in-process
 * from src/ (no threads) into `in-process/`: the names of the outputs, the same in both, each
 * required to be the same to the byte.
 */
/** The EPUB's cover image (the generated cover's PNG, or the manuscript's own picture), as packaged. */
function coverOf(epub: Uint8Array): Uint8Array {
  const files = unzipSync(epub, { filter: (file) => /^OEBPS\/cover\.(png|jpe?g)$/.test(file.name) });
  const [cover, ...more] = Object.values(files);
  expect(cover, 'a cover image').toBeDefined();
  expect(more).toHaveLength(0);
  return cover!;
}

/** The outputs (EPUB and web page, which need no layout) built by the CLI, with its threads, and in-process. */
async function sameBothWays(root: string, formats: Format[]): Promise<string[]> {
  const cli = pamphlet(['build', 'manuscript', '--format', formats.join(','), '--no-print-pages', '--no-cache', '--out', 'threaded'], root, { SOURCE_DATE_EPOCH: EPOCH });
  expect(cli.stderr).not.toMatch(/error/);
  expect(cli.status).toBe(0);
  await build({ dir: path.join(root, 'manuscript'), out: path.join(root, 'in-process'), formats, printPages: false, cache: false, env: { ...process.env, SOURCE_DATE_EPOCH: EPOCH } });
  const outputs = readdirSync(path.join(root, 'threaded')).sort();
  expect(readdirSync(path.join(root, 'in-process')).sort()).toEqual(outputs);
  for (const name of outputs) {
    expect(readFileSync(path.join(root, 'threaded', name)).equals(readFileSync(path.join(root, 'in-process', name))), name).toBe(true);
  }
  return outputs;
}

describe("the EPUB's generated cover drawn on its own thread", () => {
  test.each([
    ['a series of three parts', 'series'],
    ['Russian', 'russian'],
    ["the manuscript's own cover image", 'house-imprint'],
  ])('%s: the same EPUBs as drawn in-process', async (_, fixture) => {
    const root = copyFixture(fixture);
    const outputs = await sameBothWays(root, ['epub']);
    expect(outputs.length).toBeGreaterThanOrEqual(1);
    // Each part its own book, and so its own cover.
    const covers = new Set(outputs.map((name) => createHash('sha256').update(coverOf(readFileSync(path.join(root, 'threaded', name)))).digest('hex')));
    expect(covers.size).toBe(outputs.length);
  });
});
