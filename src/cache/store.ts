/**
 * The build cache: one file per output, named by the output and the hash of its
 * key (key.ts), in `--out`/.pamphlet-cache or pamphlet.yaml's `cache-dir`.
 *
 * Entries are bound to the folder they were written in: the hash mixes the folder's
 * device and inode numbers and its time of birth (an inode number may be reused once a
 * folder is deleted; the two together are not), which a copied, unpacked or cloned
 * folder never keeps. So
 * a manuscript cannot ship a ready-made cache whose PDFs do not match its text; the
 * price is that a cache restored from an archive starts cold.
 *
 * New entries are written only once the build's outputs are written (commit), each
 * under a temporary name first, and replace the entry of the same output they
 * supersede, so the cache holds at most one entry per output.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const ENTRY = /^(.+)\.([0-9a-f]{64})$/;
/** The Cache Directory Tagging convention: backup tools skip a folder holding this file. */
const TAG = 'Signature: 8a477f597d28d172789f06886806bc55\n# This file marks the build cache of pamphlet (https://bford.info/cachedir/).\n';

/** The cache's folder in the output folder `out`, unless pamphlet.yaml names another (`cache-dir`). */
export function defaultCacheDir(out: string): string {
  return path.join(path.resolve(out), '.pamphlet-cache');
}

export class BuildCache {
  /** Which folder this is (bindingOf); unknown until it exists (it is made by the first commit). */
  private binding: string | undefined;
  private readonly staged = new Map<string, { name: string; key: string; bytes: Uint8Array }>();
  private readonly entries = new Set<string>();

  constructor(readonly dir: string) {
    try {
      const stat = statSync(dir);
      if (!stat.isDirectory()) return;
      this.binding = bindingOf(stat);
      for (const name of readdirSync(dir)) if (ENTRY.test(name)) this.entries.add(name);
    } catch {
      // No cache yet: a failed first build must not leave one behind.
    }
  }

  /** Whether the cache holds nothing yet (a first build). */
  get empty(): boolean {
    return this.entries.size === 0;
  }

  get(name: string, key: string): Uint8Array | undefined {
    if (!this.binding) return undefined;
    const file = this.fileName(name, key, this.binding);
    if (!this.entries.has(file)) return undefined;
    try {
      return readFileSync(path.join(this.dir, file));
    } catch {
      return undefined;
    }
  }

  /** Remembers an output, to be written by commit(). */
  put(name: string, key: string, bytes: Uint8Array): void {
    this.staged.set(name, { name, key, bytes });
  }

  /** Writes the staged entries and removes those they replace. Never throws: a cache that cannot be written only costs time. */
  commit(): void {
    if (!this.staged.size) return;
    try {
      mkdirSync(this.dir, { recursive: true });
      this.binding = bindingOf(statSync(this.dir));
      if (!this.entries.size) writeFileSync(path.join(this.dir, 'CACHEDIR.TAG'), TAG);
    } catch {
      this.staged.clear();
      return;
    }
    for (const { name, key, bytes } of this.staged.values()) {
      const file = this.fileName(name, key, this.binding);
      const temp = path.join(this.dir, `.${file}.${process.pid}.partial`);
      try {
        writeFileSync(temp, bytes);
        renameSync(temp, path.join(this.dir, file));
        this.entries.add(file);
      } catch {
        rmSync(temp, { force: true });
        continue;
      }
      for (const other of [...this.entries]) {
        const match = ENTRY.exec(other);
        if (match && match[1] === name && other !== file) {
          rmSync(path.join(this.dir, other), { force: true });
          this.entries.delete(other);
        }
      }
    }
    this.staged.clear();
  }

  private fileName(name: string, key: string, binding: string): string {
    return `${name}.${createHash('sha256').update(key).update('\0').update(binding).digest('hex')}`;
  }
}

function bindingOf(stat: { dev: number; ino: number; birthtimeMs: number }): string {
  return `${stat.dev}:${stat.ino}:${stat.birthtimeMs}`;
}
