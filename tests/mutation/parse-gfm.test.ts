// remark-parse-gfm leaves out GFM's syntax extensions whose constructs a text cannot hold
// (src/pipeline/remark-parse-gfm.ts), and definition lists where no line begins with `: `. Held
// here to the tree remark-parse with remark-gfm and the definition lists makes,
// positions and all, on text nobody here wrote: every example of the CommonMark and GFM specs,
// and the READMEs that ship with our dependencies (long, with tables, addresses and notes).
import { describe, expect, test } from 'vitest';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { unified, type Processor } from 'unified';
import type { Root } from 'mdast';
import { defList } from 'micromark-extension-definition-list';
import { defListFromMarkdown } from 'mdast-util-definition-list';
import { definitionCaptions } from '../../src/pipeline/definition-captions.js';
import { dollarMath } from '../../src/pipeline/dollar-math.js';
import { mathFromMarkdown } from 'mdast-util-math';
import remarkParse from 'remark-parse';
import remarkGfm from 'remark-gfm';
import remarkFrontmatter from 'remark-frontmatter';
import remarkDirective from 'remark-directive';
import remarkParseGfm, { gfmConstructsIn } from '../../src/pipeline/remark-parse-gfm.js';
import { loadExamples } from '../helpers/spec-corpus.js';

/** Definition lists in every parse, as remark-gfm adds GFM's, with their tables' captions read back. */
function definitionLists(this: Processor): (tree: Root) => void {
  const data = this.data();
  data.micromarkExtensions = [...(data.micromarkExtensions ?? []), defList];
  data.fromMarkdownExtensions = [...(data.fromMarkdownExtensions ?? []), defListFromMarkdown];
  return (tree) => definitionCaptions(tree);
}

/** TeX math between dollar signs in every parse (src/pipeline/dollar-math.ts). */
function dollarMathEverywhere(this: Processor): void {
  const data = this.data();
  data.micromarkExtensions = [...(data.micromarkExtensions ?? []), dollarMath()];
  data.fromMarkdownExtensions = [...(data.fromMarkdownExtensions ?? []), mathFromMarkdown()];
}

// The same chain as the pipeline's parse (processor.ts), with and without the choice.
const everything = unified().use(remarkParse).use(remarkGfm).use(definitionLists).use(dollarMathEverywhere).use(remarkFrontmatter, ['yaml']).use(remarkDirective);
const chosen = unified().use(remarkParseGfm).use(remarkFrontmatter, ['yaml']).use(remarkDirective);

const same = (text: string): boolean => JSON.stringify(chosen.parse(text)) === JSON.stringify(everything.runSync(everything.parse(text)));

/** Every README.md of the packages in node_modules (one level of scope), largest first. */
function readmes(): { name: string; text: string }[] {
  const root = path.join(import.meta.dirname, '..', '..', 'node_modules');
  const packages = readdirSync(root).flatMap((name) => (name.startsWith('@') ? readdirSync(path.join(root, name)).map((inner) => `${name}/${inner}`) : [name]));
  const found: { name: string; text: string }[] = [];
  for (const name of packages) {
    const file = ['README.md', 'readme.md', 'Readme.md'].map((base) => path.join(root, name, base)).find((candidate) => {
      try {
        return statSync(candidate).isFile();
      } catch {
        return false;
      }
    });
    if (file) found.push({ name, text: readFileSync(file, 'utf8') });
  }
  return found.sort((a, b) => b.text.length - a.text.length);
}

describe('GFM syntax only where a text could hold it', () => {
  test('every example of the CommonMark and GFM specs parses to the same tree', () => {
    const examples = loadExamples();
    expect(examples.length).toBeGreaterThan(1200);
    const differ = examples.filter((example) => !same(example.markdown)).map((example) => example.id);
    expect(differ).toEqual([]);
    // Not a test of nothing: most examples leave some extension out, and each is left out somewhere.
    const leftOut = examples.filter((example) => gfmConstructsIn(example.markdown).length < 5);
    expect(leftOut.length).toBeGreaterThan(1000);
    expect(examples.filter((example) => gfmConstructsIn(example.markdown).length === 0).length).toBeGreaterThan(300);
  });

  test('the READMEs of our dependencies parse to the same trees, whole and in pieces of 40 lines', () => {
    // One in three, the largest first, to keep this file quick for `make mutation`, which runs it per mutant.
    const documents = readmes().filter((_, index) => index % 3 === 0);
    expect(documents.length).toBeGreaterThan(150);
    const differ: string[] = [];
    for (const { name, text } of documents) {
      if (!same(text)) differ.push(name);
      // A piece of a document may lack a construct the whole has (a table, an address): it is parsed without.
      const lines = text.split('\n').slice(0, 200);
      for (let start = 0; start < lines.length; start += 40) {
        const piece = lines.slice(start, start + 40).join('\n');
        if (!same(piece)) differ.push(`${name}, lines ${start + 1}–${start + 40}`);
      }
    }
    expect(differ).toEqual([]);
    // With tables, addresses and notes, and without.
    expect(documents.filter(({ text }) => gfmConstructsIn(text).includes('table')).length).toBeGreaterThan(50);
    expect(documents.filter(({ text }) => gfmConstructsIn(text).includes('autolink literal')).length).toBeGreaterThan(100);
    expect(documents.filter(({ text }) => gfmConstructsIn(text).length < 5).length).toBeGreaterThan(100);
  });

  test('a text without the characters of a construct gets no extension for it; one with them gets it', () => {
    expect(gfmConstructsIn('Plain prose, with: colons and (brackets).')).toEqual([]);
    expect(gfmConstructsIn('a | b\n- | -')).toEqual(['table']);
    expect(gfmConstructsIn('See WWW.example.com or ftp://host')).toEqual(['autolink literal']);
    expect(gfmConstructsIn('mail me@example.com, ~~not~~ here[^1]')).toEqual(['autolink literal', 'footnote', 'strikethrough', 'task list item']);
    // A Pandoc citation's `@` after a bracket is no address.
    expect(gfmConstructsIn('As [@marx1867] says')).toEqual(['task list item']);
  });
});
