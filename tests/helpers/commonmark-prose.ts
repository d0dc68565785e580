// Text nobody here wrote: the prose of the CommonMark spec (node_modules/commonmark-spec),
// its examples and markup taken out, as a one-part manuscript.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const REPO = path.resolve(import.meta.dirname, '../..');

/** Writes the manuscript into `dir` (made if missing) and returns `dir`. */
export function commonMarkProse(dir: string): string {
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, 'pamphlet.yaml'), 'series: The CommonMark Spec\nauthor: John MacFarlane\nlang: en\npage: { size: A5 }\n');
  const spec = readFileSync(path.join(REPO, 'node_modules/commonmark-spec/spec.txt'), 'utf8');
  const prose = spec
    .replace(/^---[^]*?\n---\n/, '')
    .replace(/^`{32} example[^]*?^`{32}$/gm, '')
    .split('\n')
    .filter((line) => !/[<>]/.test(line))
    .join('\n')
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .slice(0, 60_000);
  writeFileSync(path.join(dir, 'part-1.md'), `---\npart: 1\ntitle: The CommonMark Spec\n---\n\n${prose.slice(prose.indexOf('\n# ') + 1)}\n`);
  return dir;
}
