#!/usr/bin/env node
// Benchmark inputs made from the real manuscript folder (default: manuscript/):
//   <dest>/x1/   a copy of the whole folder (pamphlet.yaml, every part, bibliography, assets)
//   <dest>/x10/  the same folder, but with ONE part: the first part's (or --part's) front
//                matter once, then its body repeated --copies times (default 10), about 200
//                A5 pages, like the peers' manuscript-x10.md (shared/bench-peers/).
// In every copy k (1..N): each heading gets " (copy k)" (as the peers' x10 does, copy 1
// included), each footnote label [^x] becomes [^ck-x] so labels stay unique; `::next-part`
// and the `:::questions` block, which a part may hold only once, are kept in the last copy
// only. Fenced code is left alone. Citations (:cite[...], :::quote{source=...}) repeat as is.
//
// usage: node scripts/make-bench-manuscript.mjs [--src manuscript] [--dest .bench/manuscripts]
//                                               [--copies 10] [--part part-1.md]
// Also imported by scripts/bench.mjs (makeBenchManuscripts).
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Split "---\nyaml\n---\n" front matter from the body. */
export function splitFrontmatter(text) {
  const m = /^---[ \t]*\r?\n([\s\S]*?)\r?\n---[ \t]*(?:\r?\n|$)/.exec(text);
  if (!m) return { frontmatter: '', body: text };
  return { frontmatter: m[0].replace(/\s*$/, '\n'), body: text.slice(m[0].length) };
}

/**
 * One copy of a part's body, rewritten for copy k of n (see the header comment).
 * Line-based on purpose: the structures it touches are line-level in our Markdown.
 */
export function copyBody(body, k, n) {
  const last = k === n;
  const lines = body.replace(/\r\n?/g, '\n').split('\n');
  const out = [];
  let fence = null; // the opening fence (``` or ~~~ run) while inside fenced code
  let dropDepth = 0; // > 0 while inside a :::questions block that this copy drops
  const stats = { headings: 0, footnoteLabels: 0, dropped: 0 };
  for (let i = 0; i < lines.length; i++) {
    let line = lines[i];
    if (fence) {
      if (line.trim().startsWith(fence) && /^\s*([`~])\1*\s*$/.test(line)) fence = null;
      if (!dropDepth) out.push(line);
      continue;
    }
    const f = /^ {0,3}(`{3,}|~{3,})/.exec(line);
    if (f) {
      fence = f[1];
      if (!dropDepth) out.push(line);
      continue;
    }
    // container directives: :::questions is dropped but in the last copy (nesting counted)
    if (dropDepth) {
      if (/^ {0,3}:{3,}[A-Za-z]/.test(line)) dropDepth++;
      else if (/^ {0,3}:{3,}\s*$/.test(line)) dropDepth--;
      stats.dropped++;
      continue;
    }
    if (!last && /^ {0,3}:{3,}questions\b/.test(line)) {
      dropDepth = 1;
      stats.dropped++;
      continue;
    }
    if (!last && /^ {0,3}::next-part\b/.test(line)) {
      stats.dropped++;
      continue;
    }
    // ATX heading
    const atx = /^( {0,3})(#{1,6})[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$/.exec(line);
    if (atx && atx[3].trim()) {
      line = `${atx[1]}${atx[2]} ${atx[3]} (copy ${k})`;
      stats.headings++;
    } else if (
      /^ {0,3}(=+|-+)[ \t]*$/.test(line) &&
      out.length &&
      out[out.length - 1].trim() &&
      !/^\s*([-*+>#]|\d+[.)]|:{2,}|\[\^)/.test(out[out.length - 1]) &&
      !/^\s*$/.test(lines[i - 1] ?? '')
    ) {
      // setext heading underline: suffix the line above
      out[out.length - 1] = `${out[out.length - 1].replace(/\s+$/, '')} (copy ${k})`;
      stats.headings++;
    }
    // footnote labels, references and definitions alike
    line = line.replace(/\[\^([^\]\s]+)\]/g, (_, label) => {
      stats.footnoteLabels++;
      return `[^c${k}-${label}]`;
    });
    out.push(line);
  }
  return { text: out.join('\n').replace(/\s*$/, '\n'), stats };
}

function copyDir(src, dest, filter = () => true) {
  fs.mkdirSync(dest, { recursive: true });
  for (const entry of fs.readdirSync(src, { withFileTypes: true })) {
    if (!filter(entry)) continue;
    const from = path.join(src, entry.name);
    const to = path.join(dest, entry.name);
    if (entry.isDirectory()) copyDir(from, to);
    else if (entry.isFile() || entry.isSymbolicLink()) fs.copyFileSync(from, to);
  }
}

const isPart = (name) => name.endsWith('.md') && !/^readme\.md$/i.test(name);

/** Makes .bench ignore itself (a `*` .gitignore inside), so no root .gitignore edit is needed. */
export function ensureBenchDir(dir = path.join(ROOT, '.bench')) {
  fs.mkdirSync(dir, { recursive: true });
  const ignore = path.join(dir, '.gitignore');
  if (!fs.existsSync(ignore)) fs.writeFileSync(ignore, '# made by scripts/bench.mjs: nothing here is committed\n*\n');
  return dir;
}

/**
 * Writes <dest>/x1 and <dest>/x10 (the name follows `copies`) and returns their paths and sizes.
 * Throws a plain Error when the manuscript folder is not complete yet.
 */
export function makeBenchManuscripts({ src = path.join(ROOT, 'manuscript'), dest, copies = 10, part } = {}) {
  src = path.resolve(src);
  if (!dest) dest = path.join(ensureBenchDir(), 'manuscripts');
  dest = path.resolve(dest);
  if (!fs.existsSync(path.join(src, 'pamphlet.yaml'))) throw new Error(`${src}/pamphlet.yaml not found: is the manuscript folder complete?`);
  const parts = fs.readdirSync(src).filter(isPart).sort();
  if (!parts.length) throw new Error(`no part (*.md) in ${src}`);
  const partName = part ?? parts[0];
  if (!parts.includes(partName)) throw new Error(`part ${partName} not found in ${src} (parts: ${parts.join(', ')})`);

  const x1 = path.join(dest, 'x1');
  const xn = path.join(dest, `x${copies}`);
  fs.rmSync(x1, { recursive: true, force: true });
  fs.rmSync(xn, { recursive: true, force: true });
  copyDir(src, x1);
  // xN: everything but the parts, then the one repeated part
  copyDir(src, xn, (entry) => !(entry.isFile() && isPart(entry.name)));
  const { frontmatter, body } = splitFrontmatter(fs.readFileSync(path.join(src, partName), 'utf8'));
  const chunks = [];
  const totals = { headings: 0, footnoteLabels: 0, dropped: 0 };
  for (let k = 1; k <= copies; k++) {
    const { text, stats } = copyBody(body, k, copies);
    chunks.push(text);
    for (const key of Object.keys(totals)) totals[key] += stats[key];
  }
  const text = `${frontmatter}${frontmatter ? '\n' : ''}${chunks.join('\n')}`;
  fs.writeFileSync(path.join(xn, partName), text);
  const size = (dir) => fs.readdirSync(dir).filter(isPart).reduce((n, f) => n + fs.statSync(path.join(dir, f)).size, 0);
  return {
    src,
    part: partName,
    parts,
    copies,
    x1: { dir: x1, partBytes: size(x1), parts: parts.length },
    xn: { dir: xn, partBytes: size(xn), parts: 1, ...totals },
  };
}

/**
 * A series of `parts` parts (default 20): every part-k.md is the first part of `src` with
 * `part: k` and " (part k)" after its title, so each is its own pamphlet (own PDF, own
 * contents, own notes), like a long reading-group series; `next:` is left out (each part's
 * "Next:" names the part after it). Written to <dest>/series<parts>.
 */
export function makeSeriesManuscript({ src = path.join(ROOT, 'manuscript'), dest, parts = 20, part } = {}) {
  src = path.resolve(src);
  if (!dest) dest = path.join(ensureBenchDir(), 'manuscripts');
  const dir = path.join(path.resolve(dest), `series${parts}`);
  const names = fs.readdirSync(src).filter(isPart).sort();
  const partName = part ?? names[0];
  if (!partName) throw new Error(`no part (*.md) in ${src}`);
  fs.rmSync(dir, { recursive: true, force: true });
  copyDir(src, dir, (entry) => !(entry.isFile() && isPart(entry.name)));
  const { frontmatter, body } = splitFrontmatter(fs.readFileSync(path.join(src, partName), 'utf8'));
  let bytes = 0;
  for (let k = 1; k <= parts; k++) {
    // `next:` goes: the next part is named by its own title (the source's would be wrong).
    const front = frontmatter
      .replace(/^next:.*\n(?:[ \t]+.*\n)*/m, '')
      .replace(/^part:.*$/m, `part: ${k}`)
      .replace(/^title:[ \t]*(.*?)[ \t]*$/m, (_, title) => {
        const quoted = /^(["'])(.*)\1$/.exec(title);
        return quoted ? `title: ${quoted[1]}${quoted[2]} (part ${k})${quoted[1]}` : `title: ${title} (part ${k})`;
      });
    const text = `${front}\n${body}`;
    fs.writeFileSync(path.join(dir, `part-${k}.md`), text);
    bytes += Buffer.byteLength(text);
  }
  return { dir, partBytes: bytes, parts };
}

async function main() {
  const { values } = parseArgs({
    options: {
      src: { type: 'string' },
      dest: { type: 'string' },
      copies: { type: 'string' },
      part: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    process.stdout.write('usage: node scripts/make-bench-manuscript.mjs [--src manuscript] [--dest .bench/manuscripts] [--copies 10] [--part part-1.md]\n');
    return 0;
  }
  const copies = values.copies ? Number(values.copies) : 10;
  if (!Number.isInteger(copies) || copies < 1) throw new Error(`--copies must be a positive integer, not ${values.copies}`);
  const r = makeBenchManuscripts({ src: values.src, dest: values.dest, copies, part: values.part });
  const rel = (p) => path.relative(process.cwd(), p) || '.';
  process.stdout.write(
    `${rel(r.x1.dir)}: copy of ${rel(r.src)} (${r.x1.parts} part(s), ${r.x1.partBytes} bytes of Markdown)\n` +
      `${rel(r.xn.dir)}: ${r.part} x${copies} as one part (${r.xn.partBytes} bytes; ${r.xn.headings} headings suffixed, ` +
      `${r.xn.footnoteLabels} footnote labels renamed, ${r.xn.dropped} once-only lines dropped from copies 1-${copies - 1})\n`,
  );
  return 0;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().then(
    (code) => (process.exitCode = code),
    (err) => {
      process.stderr.write(`make-bench-manuscript: ${err.message}\n`);
      process.exitCode = 1;
    },
  );
}
