/**
 * How many things a few references stand for once each is expanded into what it names, as
 * an SVG's `<use>` copies what it names and a CSL macro runs the macros it calls. Each
 * reference repeats all of what it names, so a few can stand for billions; the count stops
 * past `limit`, a chain deeper than `maxDepth` is Infinity (the count recurses), and a
 * reference back to one being counted counts nothing more (a browser draws nothing for it,
 * citeproc-js refuses it with its own message).
 */
export function expandedSize<K>(roots: readonly K[], named: (key: K) => readonly K[], limit: number, maxDepth = 500): number {
  const memo = new Map<K, number>();
  const visiting = new Set<K>();
  const count = (key: K, depth: number): number => {
    const known = memo.get(key);
    if (known !== undefined) return known;
    if (visiting.has(key)) return 0;
    if (depth > maxDepth) return Infinity;
    visiting.add(key);
    let total = 1;
    for (const next of named(key)) {
      total += count(next, depth + 1);
      if (total > limit) break;
    }
    visiting.delete(key);
    memo.set(key, total);
    return total;
  };
  let total = 0;
  for (const root of roots) {
    total += count(root, 0);
    if (total > limit) break;
  }
  return total;
}
