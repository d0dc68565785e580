#!/usr/bin/env node
// Proof that manuscript/part-1.md keeps every sentence of the seed text word for word.
//
//   node scripts/check-seed.mjs [SEED] [MANUSCRIPT]
//
// SEED defaults to ../shared/seeds/red-october-part-1.txt beside the repository (or $PAMPHLET_SEED),
// MANUSCRIPT to manuscript/part-1.md. The seed is split into sentences; each must occur in the
// manuscript once Markdown and directive syntax is stripped. Exit status 1 lists what is missing.
//
// What the conversion deliberately changed, and this check therefore ignores in the seed:
// - the title lines (series, subtitle, "Part I: …"): they come from pamphlet.yaml and front matter;
// - the closing "Next: …" line: the toolchain generates it from the part's `next:`;
// - the loose attribution lines ("—Carr, …", "The History of the Russian Revolution", …): they are
//   the `source=` of the :::quote blocks;
// - the parenthetical "(cited in E.H. Carr, …)": it became :cite[carr1950]{prefix="cited in"};
// - the outermost “ ” of every paragraph that is entirely a quotation: a set-apart block quote
//   drops them (multi-paragraph quotations open each paragraph with “ and close only the last).
// Everything else, curly quotes, dashes and ellipses included, must match character for character.
import fs from 'node:fs';
import path from 'node:path';
import {fileURLToPath} from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const seedPath = path.resolve(
  process.argv[2] || process.env.PAMPHLET_SEED || path.join(root, '..', 'shared', 'seeds', 'red-october-part-1.txt'),
);
const mdPath = path.resolve(process.argv[3] || path.join(root, 'manuscript', 'part-1.md'));

const TITLE_LINES = new Set([
  'Celebrating Red October',
  'The Russian Revolution in Historical Perspective',
  'Part I: How the Working Class came to Power',
]);
const ATTRIBUTION_LINES = new Set([
  'The Bolshevik Revolution, 1917-1923, Vol. 1',
  'The History of the Russian Revolution',
]);
const CITED_IN = /\s*\(cited in E\.H\. Carr, The Bolshevik Revolution, 1917-1923, Vol\. 1\)/g;

/** A paragraph that is entirely a quotation: opens with “ and that “ is not closed before the end. */
function outerQuote(line) {
  if (!line.startsWith('“')) return null;
  let depth = 0;
  for (let i = 0; i < line.length; i++) {
    if (line[i] === '“') depth++;
    else if (line[i] === '”') {
      depth--;
      if (depth === 0) return i === line.length - 1 ? 'closed' : null;
    }
  }
  return 'open'; // a paragraph of a multi-paragraph quotation: only the last one closes
}

function seedParagraphs(text) {
  const out = [];
  for (const raw of text.split(/\r?\n/)) {
    let line = raw.trim();
    if (!line) continue;
    if (TITLE_LINES.has(line) || ATTRIBUTION_LINES.has(line)) continue;
    if (line.startsWith('—')) continue; // "—Carr, …", "—Trotsky, …"
    if (/^Next: /.test(line)) continue;
    line = line.replace(CITED_IN, '');
    const q = outerQuote(line);
    if (q) line = line.slice(1, q === 'closed' ? -1 : undefined);
    out.push(line);
  }
  return out;
}

/** Split a paragraph after . ? ! or … (with any closing quotes or brackets) followed by a space. */
function sentences(paragraph) {
  return paragraph
    .split(/(?<=[.?!…][”’)\]]*)\s+/u)
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

function manuscriptText(md) {
  let s = md.replace(/\r\n?/g, '\n');
  s = s.replace(/^---\n[\s\S]*?\n---\n/, ''); // YAML front matter
  s = s.replace(/^:::questions[^\n]*\n[\s\S]*?\n:::[ \t]*$/gm, ''); // discussion questions are not seed text
  s = s.replace(/^:{2,}[^\n]*$/gm, ''); // container fences and leaf directives
  s = s.replace(/:[A-Za-z][\w-]*\[[^\]\n]*\](?:\{[^}\n]*\})?/g, ''); // text directives such as :cite[…]{…}
  s = s.replace(/^#{1,6}[ \t]+/gm, ''); // ATX headings
  s = s.replace(/\*+/g, ''); // emphasis (the seed has no asterisks)
  s = s.replace(/\\([!-/:-@[-`{-~])/g, '$1'); // backslash escapes, e.g. "1\)"
  return s.replace(/\s+/g, ' ');
}

const seed = fs.readFileSync(seedPath, 'utf8');
if (/\*/.test(seed)) {
  console.error(`${seedPath}: the seed contains "*", which this check strips as emphasis; adapt the check`);
  process.exit(2);
}
const text = manuscriptText(fs.readFileSync(mdPath, 'utf8'));
const all = seedParagraphs(seed).flatMap(sentences);
const missing = all.filter((s) => !text.includes(s.replace(/\s+/g, ' ')));
// What must not be typed into the manuscript: the generated series link, the loose attributions,
// the parenthetical that became a :cite.
const mdLines = fs.readFileSync(mdPath, 'utf8').split(/\r?\n/);
const typed = [
  [/^\s*Next: /, 'a typed "Next: …" line (it is generated from `next:`)'],
  [/^\s*—\S/, 'a loose attribution line "—…" (use :::quote{source=…})'],
  [/\(cited in /, 'the "(cited in …)" parenthetical (use :cite[…]{prefix="cited in"})'],
].filter(([re]) => mdLines.some((l) => re.test(l)));

for (const [, what] of typed) console.error(`${path.relative(process.cwd(), mdPath)}: contains ${what}`);
if (missing.length > 0 || typed.length > 0) {
  if (missing.length > 0) console.error(`${path.relative(process.cwd(), mdPath)}: ${missing.length} of ${all.length} seed sentences missing:`);
  for (const s of missing) console.error(`  - ${s}`);
  process.exit(1);
}
console.log(`${path.relative(process.cwd(), mdPath)}: all ${all.length} sentences of ${path.basename(seedPath)} are present`);
