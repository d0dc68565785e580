/**
 * Writes a build's outputs all-or-nothing: every file is first written under a
 * temporary name beside its target, and only when all of them are written are they
 * renamed into place. A failed build therefore leaves earlier outputs untouched and
 * no half-written file behind.
 */
import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export interface OutputFile {
  /** File name inside the output folder. */
  name: string;
  bytes: Uint8Array | string;
}

export function writeOutputs(outDir: string, files: readonly OutputFile[]): string[] {
  mkdirSync(outDir, { recursive: true });
  const staged: Array<{ temp: string; target: string }> = [];
  try {
    for (const file of files) {
      const target = path.join(outDir, file.name);
      const temp = path.join(outDir, `.${file.name}.${process.pid}.partial`);
      writeFileSync(temp, file.bytes);
      staged.push({ temp, target });
    }
  } catch (cause) {
    for (const { temp } of staged) rmSync(temp, { force: true });
    throw cause;
  }
  // rename() within one folder is atomic on POSIX file systems.
  for (const { temp, target } of staged) renameSync(temp, target);
  return staged.map(({ target }) => target);
}
