/**
 * A table `make` writes into lib/ (src/make-tables.ts) so that a build need not work it
 * out from package files, read once on first use. A checkout whose lib/ has no table yet
 * gets null, and its reader works the answer out as before.
 */
import { readFileSync } from 'node:fs';

/** A reader of the JSON table at `file`: parsed on the first call, null if it cannot be read. */
export function libTable<T>(file: string): () => T | null {
  let table: T | null | undefined;
  return () => {
    if (table === undefined) {
      try {
        table = JSON.parse(readFileSync(file, 'utf8')) as T;
      } catch {
        table = null;
      }
    }
    return table;
  };
}
