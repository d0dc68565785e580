/**
 * Writes a build's outputs all or nothing. Every file is first written into a staging
 * folder inside the output folder (so on the same file system, where rename() is
 * atomic), and only when all are written are they moved into place, one rename each,
 * under the folder's lock (output-lock.ts) so that two builds never interleave. An
 * existing output is kept as a hard link in the staging folder until the set is in
 * place; if any move fails (a folder where a file should go, a permission), the files
 * already moved are put back from those links. Either way the staging folder goes, so
 * a failed build leaves `--out` byte-identical and nothing half-written behind.
 */
import { copyFileSync, linkSync, lstatSync, mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync, type Stats } from 'node:fs';
import path from 'node:path';
import { registerCleanup } from './cleanup.js';
import { lockOutputFolder } from './output-lock.js';

export interface OutputFile {
  /** File name inside the output folder. */
  name: string;
  bytes: Uint8Array | string;
}

export const STAGING_PREFIX = '.pamphlet-staging-';

export async function writeOutputs(outDir: string, files: readonly OutputFile[]): Promise<string[]> {
  mkdirSync(outDir, { recursive: true });
  const release = await lockOutputFolder(outDir);
  const staging = mkdtempSync(path.join(outDir, STAGING_PREFIX));
  const removeStaging = (): void => rmSync(staging, { recursive: true, force: true });
  const unregister = registerCleanup(removeStaging);
  try {
    for (const file of files) writeFileSync(path.join(staging, file.name), file.bytes);
    // Synchronous from here to the end: no signal handler can run between two moves.
    return moveIntoPlace(outDir, staging, files.map((file) => file.name));
  } finally {
    removeStaging();
    unregister();
    release();
  }
}

interface Moved {
  target: string;
  /** The earlier output, kept to put back; none if there was none. */
  backup?: string;
}

function moveIntoPlace(outDir: string, staging: string, names: readonly string[]): string[] {
  const backups = path.join(staging, '.backup');
  mkdirSync(backups);
  const moved: Moved[] = [];
  for (const name of names) {
    const target = path.join(outDir, name);
    try {
      const backup = keepEarlier(target, path.join(backups, name));
      renameSync(path.join(staging, name), target);
      moved.push({ target, backup });
    } catch (cause) {
      const restored = restore(moved);
      throw new Error(`could not write ${target}: ${reason(cause)}; ${restored ? 'every earlier output is as it was' : 'some earlier outputs could not be put back'}`, { cause });
    }
  }
  return moved.map(({ target }) => target);
}

/**
 * A second name for the output at `target`, if there is one, so it survives being
 * replaced. A hard link costs nothing and leaves `target` in place until the rename
 * replaces it; a copy where the file system has no hard links.
 */
function keepEarlier(target: string, backup: string): string | undefined {
  const existing = lstatOrUndefined(target);
  // A folder is not ours to move: the rename onto it fails, and the build with it.
  if (!existing || existing.isDirectory()) return undefined;
  try {
    linkSync(target, backup);
  } catch {
    copyFileSync(target, backup);
  }
  return backup;
}

/** Undoes `moved`, newest first; false if any file could not be put back. */
function restore(moved: readonly Moved[]): boolean {
  let complete = true;
  for (const { target, backup } of [...moved].reverse()) {
    try {
      if (backup) renameSync(backup, target);
      else rmSync(target, { force: true });
    } catch {
      complete = false;
    }
  }
  return complete;
}

function lstatOrUndefined(file: string): Stats | undefined {
  try {
    return lstatSync(file);
  } catch {
    return undefined;
  }
}

function reason(cause: unknown): string {
  const code = (cause as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'EISDIR' || code === 'ENOTEMPTY' || code === 'EEXIST') return 'a folder of that name is in the way';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  return cause instanceof Error ? cause.message : String(cause);
}
