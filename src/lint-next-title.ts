/**
 * Lint `next-title`: a part's `next: { title: … }` that names a part of this folder
 * under another title than that part has (a title changed in one file and not in the
 * other). The explicit `next:` wins in every output, so the "Next:" line would be
 * wrong. The part named is the one its title's "Part II"/"Part 2" (or "Teil II" in German, …) gives, else the
 * part that follows. A series rule, not a plugin: it needs every part's front matter.
 */
import path from 'node:path';
import type { Yaml } from 'mdast';
import type { Node as YamlNode } from 'yaml';
import { readYaml } from './config/yaml.js';
import type { ParsedPart } from './pipeline/part.js';
import { toRoman } from './roman.js';
import { wordsFor } from './words.js';

export function lintNextTitles(parts: readonly ParsedPart[], seriesLang: string): void {
  const byNumber = new Map(parts.map((part) => [part.frontmatter.part, part]));
  parts.forEach((part, index) => {
    const next = part.frontmatter.next;
    if (!next || typeof next !== 'object') return;
    // "Part II" as pamphlet prints it in this part's language ("Teil II"), or in English.
    const partWord = wordsFor(part.frontmatter.lang ?? seriesLang).part;
    const named = partNamed(next.title, byNumber, partWord) ?? parts[index + 1];
    if (!named || named === part) return;
    const numeral = toRoman(named.frontmatter.part);
    const label = `${partWord} ${numeral}: ${named.frontmatter.title}`;
    if (same(next.title, label) || same(next.title, `Part ${numeral}: ${named.frontmatter.title}`) || same(next.title, named.frontmatter.title)) return;
    part.file.message(`\`next:\` says “${next.title}”, but ${path.basename(named.file.path)} is “${label}”: correct the title, or remove \`next:\` to name the next part as it is`, {
      place: frontmatterPlace(part, ['next', 'title']) ?? frontmatterPlace(part, ['next']) ?? { line: 1, column: 1 },
      ruleId: 'next-title',
      source: 'pamphlet',
    });
  });
}

const ROMAN: Record<string, number> = { I: 1, V: 5, X: 10, L: 50, C: 100, D: 500, M: 1000 };

function partNamed(title: string, byNumber: ReadonlyMap<number, ParsedPart>, partWord: string): ParsedPart | undefined {
  const words = ['part', partWord.toLocaleLowerCase()];
  const head = /^\s*(\p{L}+)\s+(\d+|[ivxlcdm]+)(?![\p{L}\d])/iu.exec(title);
  const match = head && words.includes((head[1] as string).toLocaleLowerCase()) ? [head[0], head[2]] : null;
  if (!match) return undefined;
  const written = (match[1] as string).toUpperCase();
  let number = Number(written);
  if (Number.isNaN(number)) {
    number = 0;
    for (let i = 0; i < written.length; i++) {
      const value = ROMAN[written[i] as string] as number;
      number += value < (ROMAN[written[i + 1] as string] ?? 0) ? -value : value;
    }
  }
  return byNumber.get(number);
}

function same(a: string, b: string): boolean {
  const norm = (text: string) => text.normalize('NFKC').toLocaleLowerCase().replace(/[\s\p{P}]+/gu, ' ').trim();
  return norm(a) === norm(b);
}

/** Where the value at `keys` is in a part's front matter (in the part file), if it is there. */
export function frontmatterPlace(part: ParsedPart, keys: readonly string[]): { line: number; column: number } | undefined {
  const yaml = part.tree.children.find((child): child is Yaml => child.type === 'yaml');
  if (!yaml) return undefined;
  // The YAML starts on the line after the opening `---`.
  const lineOffset = yaml.position?.start.line ?? 1;
  const { doc, lineCounter } = readYaml(yaml.value);
  const node = doc.getIn(keys, true) as YamlNode | undefined;
  if (!node?.range) return undefined;
  const pos = lineCounter.linePos(node.range[0]);
  return { line: pos.line + lineOffset, column: pos.col };
}
