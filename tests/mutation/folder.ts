// A temp folder a test writes files into, removed when the test ends. Light on
// purpose (no pipeline imports): Stryker re-imports a test file's modules for every
// mutant it runs, so a test of the config should not load the citation engine.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { onTestFinished } from 'vitest';

/** A fixed date, so nothing depends on git or the clock (2020-01-02T03:04:05Z). */
export const EPOCH = { SOURCE_DATE_EPOCH: '1577934245' };

export type Files = Record<string, string | Uint8Array>;

/** Writes `files` (paths relative to the folder) into a fresh temp folder, removed when the test ends. */
export function folder(files: Files): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'pamphlet-mutation-'));
  onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
  for (const [name, content] of Object.entries(files)) {
    const file = path.join(dir, name);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, content);
  }
  return dir;
}

/** A part file: front matter, then the text. */
export function part(frontmatter: string, text: string): string {
  return `---\n${frontmatter.trim()}\n---\n\n${text}`;
}

