// Property-based: manuscripts generated from Markdown, our directives and hostile
// HTML/URL/CSS fragments, as an attacker or a careless author would write them. Each
// either builds — and then no output holds a script, an event handler, a remote or
// outside resource, or a byte of a file outside the folder — or is refused with
// errors at `file:line:column`. fast-check prints the seed and the shrunk manuscript
// of any failure; `FUZZ_SEED=… FUZZ_RUNS=…` replays or widens a run.
import { describe, expect, test, beforeAll } from 'vitest';
import fc from 'fast-check';
import { mkdirSync, mkdtempSync, readFileSync, realpathSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { crc32, deflateSync } from 'node:zlib';
import { fromHtml } from 'hast-util-from-html';
import { parse as parseCss, walk as walkCss } from 'css-tree';
import type { Element, Root } from 'hast';
import { visit } from 'unist-util-visit';
import { unzipSync, strFromU8 } from 'fflate';
import { loadManuscript } from '../src/manuscript.js';
import { ManuscriptError } from '../src/diagnostics.js';
import { renderEpub } from '../src/render/epub/index.js';
import { renderHtml } from '../src/render/html.js';
import { printHtml } from '../src/render/print-html.js';
import { describeResult, epubcheckAll } from './helpers/epubcheck-batch.js';

const REPO = path.resolve(import.meta.dirname, '..');
const RUNS = Number(process.env.FUZZ_RUNS ?? 500);
const SEED = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : undefined;
const CANARY = 'CANARY-7f3a-OUTSIDE-THE-FOLDER';

let root: string;
let dir: string;
let outside: string;

beforeAll(() => {
  root = mkdtempSync(path.join(os.tmpdir(), 'pamphlet-fuzz-'));
  dir = path.join(root, 'manuscript');
  outside = path.join(root, 'secret');
  mkdirSync(path.join(dir, 'images'), { recursive: true });
  mkdirSync(outside);
  writeFileSync(path.join(outside, 'secret.txt'), `${CANARY}\n`);
  writeFileSync(path.join(outside, 'secret.png'), png(`${CANARY}`));
  writeFileSync(path.join(dir, 'pamphlet.yaml'), 'series: Fuzz Series\nauthor: A. Tester\nbibliography: references.bib\n');
  writeFileSync(path.join(dir, 'references.bib'), readFileSync(path.join(REPO, 'tests/fixtures/citations/references.bib')));
  writeFileSync(path.join(dir, 'images', 'red.png'), png('red'));
  // Symlinks that point out of the folder: following one would leak the canary.
  symlinkSync(path.join(outside, 'secret.png'), path.join(dir, 'images', 'link-out.png'));
  symlinkSync(outside, path.join(dir, 'images', 'dir-out'));
});

/** A minimal valid PNG whose tEXt chunk carries `text` (so a leak of the file would carry it). */
function png(text: string): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const out = Buffer.alloc(12 + data.length);
    out.writeUInt32BE(data.length, 0);
    body.copy(out, 4);
    out.writeUInt32BE(crc32(body) >>> 0, 8 + data.length);
    return out;
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(2, 0);
  header.writeUInt32BE(2, 4);
  header[8] = 8;
  header[9] = 2;
  const pixels = Buffer.from([0, 255, 0, 0, 255, 0, 0, 0, 255, 0, 0, 255, 0, 0]);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('tEXt', Buffer.from(`Comment\u0000${text}`, 'latin1')),
    chunk('IDAT', deflateSync(pixels)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

// ---------- the generators ----------

const HOSTILE_URLS = [
  'javascript:alert(1)', '&#106;avascript:alert(1)', 'java\tscript:alert(1)', 'JaVaScRiPt:alert(1)', ' javascript:alert(1)',
  'vbscript:msgbox', 'data:text/html,<script>alert(1)</script>', 'data:image/svg+xml,<svg onload=alert(1)>',
  'file:///etc/passwd', 'file://localhost/etc/passwd', '/etc/passwd', '../secret/secret.txt', '../../etc/passwd',
  'images/link-out.png', 'images/dir-out/secret.png', 'images/%2e%2e/../secret/secret.png', '%2e%2e/secret/secret.png',
  'http://127.0.0.1:9/x', 'https://example.org/a.png', '//evil.example/x.png', '\\\\evil.example\\share', 'ws://127.0.0.1:9/',
  'images/red.png', 'images/red.png?x=1#y', 'images/50%.png', '#', '#nowhere', 'mailto:a@example.org', 'https://example.org/ok',
  'https://user:pass@example.org/', 'part-2.md', 'CHANGELOG.md', '',
];
const HOSTILE_HTML = [
  '<script>alert(1)</script>', '<SCRIPT SRC=http://127.0.0.1:9/x.js></SCRIPT>', '<img src=x onerror=alert(1)>',
  '<details title=">" open ontoggle="new WebSocket(\'ws://127.0.0.1:9/x\')">x</details>', '<svg onload=alert(1)>',
  '<a href="&#106;avascript:alert(1)">x</a>', '<a href="java&#x09;script:alert(1)">x</a>', '<iframe src="file:///etc/passwd"></iframe>',
  '<span style="background:url(&#x68;ttp://127.0.0.1:9/b)">x</span>', '<span style="background-image:image-set(\'http://127.0.0.1:9/c\' 1x)">x</span>',
  '<span style="color:red">red</span>', '<span style="position:fixed;top:0">x</span>', '<style>@import "http://127.0.0.1:9/d.css";</style>',
  '<!-- x --><script>alert(1)</script><!-- y -->', '<scr<script>ipt>alert(1)</script>', '<math><mi xlink:href="javascript:alert(1)">x</mi></math>',
  '<object data="http://127.0.0.1:9/e"></object>', '<embed src="x">', '<base href="http://127.0.0.1:9/">', '<meta http-equiv="refresh" content="0;url=http://127.0.0.1:9/">',
  '<link rel=stylesheet href="http://127.0.0.1:9/f.css">', '<form action="http://127.0.0.1:9/"><button>x</button></form>', '<input autofocus onfocus=alert(1)>',
  '<img srcset="http://127.0.0.1:9/g 1x">', '<video poster="http://127.0.0.1:9/h"></video>', '<sup>2</sup>', '<br>', '<abbr title="t">ab</abbr>',
  '<span lang="ru">слово</span>', '<q>quoted</q>', '<kbd>Ctrl</kbd>', '<a href="https://example.org/">ok</a>', '<a href="#p1">first</a>',
  '<![CDATA[<script>alert(1)</script>]]>', '<?php echo 1; ?>', '<!DOCTYPE html>', 'Promise<Buffer>', '<Buffer>', '</div>', '<span class="footnote">x</span>',
  '<span data-pamphlet-store="notes">x</span>', '<section data-pamphlet-store="notes"><div data-note="1">forged</div></section>', '<div>block</div>',
  '<template><script>alert(1)</script></template>', '<noscript><img src=x onerror=alert(1)></noscript>', '<a href="  javascript:alert(1)">x</a>',
  '<a href="data:text/html;base64,PHNjcmlwdD4=">x</a>', '<span title="&quot; onmouseover=&quot;alert(1)">x</span>', '<bdo dir="rtl">x</bdo>',
];
const HOSTILE_CSS = ['url(http://127.0.0.1:9/i)', 'u\\72l(http://127.0.0.1:9/j)', 'image-set("http://x" 1x)', 'expression(alert(1))', 'red', 'red;background:url(/etc/passwd)', '/*x*/url(//evil/k)'];

const word = fc.constantFrom('the', 'Soviet', 'February', 'dual', 'power', 'печатники', 'Arbeiter', 'λόγος', '10:30', 'localhost:8080', 'Note:this', '1917-1921', '--', '...', '"quoted"', "'single'", 'vol. 1', 'E. H. Carr', '@carr1950', '@nobody', 'me@example.org', '[@carr1950, p. 12]', '[-@reed1919]', '[see @trotsky1932; @nokey]', '[@nokey]', '^[an inline note]', '[^a]', '[^missing]', '*em*', '**strong**', '`code`', '~~gone~~', '<', '>', '&', '&amp;', '&#0;', '\u0000', '\u200B', '\uFFFF', '🎉');
const url = fc.constantFrom(...HOSTILE_URLS);
const text = fc.array(word, { minLength: 1, maxLength: 12 }).map((words) => words.join(' '));

const inline = fc.oneof(
  { weight: 5, arbitrary: text },
  { weight: 2, arbitrary: fc.tuple(text, url).map(([t, u]) => `[${t}](${u})`) },
  { weight: 2, arbitrary: fc.tuple(text, url).map(([t, u]) => `![${t}](${u})`) },
  { weight: 1, arbitrary: fc.tuple(text, url).map(([t, u]) => `[${t}][r]\n\n[r]: ${u}`) },
  { weight: 1, arbitrary: url.map((u) => `<${u}>`) },
  { weight: 3, arbitrary: fc.constantFrom(...HOSTILE_HTML) },
  { weight: 1, arbitrary: fc.constantFrom(...HOSTILE_CSS).map((css) => `<span style="${css}">styled</span>`) },
  { weight: 1, arbitrary: fc.tuple(text, fc.constantFrom('carr1950', 'reed1919', 'nokey', 'carr1950; trotsky1932')).map(([t, k]) => `${t}:cite[${k}]{locator="p. 3"}`) },
  { weight: 1, arbitrary: text.map((t) => `:span[${t}]{lang=ru}`) },
  { weight: 1, arbitrary: text.map((t) => `:unknown[${t}]`) },
  { weight: 1, arbitrary: fc.string({ maxLength: 30 }) },
);
const paragraph = fc.array(inline, { minLength: 1, maxLength: 5 }).map((pieces) => pieces.join(' '));
const block = fc.oneof(
  { weight: 6, arbitrary: paragraph },
  { weight: 1, arbitrary: paragraph.map((p) => `## ${p.split('\n')[0]}`) },
  { weight: 1, arbitrary: fc.constantFrom('# ', '## 1. Introduction', '## 2024-01-01', '# Fuzzed Part', '### 🎉') },
  { weight: 1, arbitrary: fc.array(paragraph, { minLength: 1, maxLength: 3 }).map((items) => items.map((i) => `- ${i.split('\n')[0]}`).join('\n')) },
  { weight: 1, arbitrary: paragraph.map((p) => `> ${p.split('\n')[0]}`) },
  { weight: 1, arbitrary: paragraph.map((p) => `:::quote{source=carr1950 locator="p. 1"}\n${p}\n:::`) },
  { weight: 1, arbitrary: paragraph.map((p) => `:::quote{author="${p.slice(0, 20).replace(/"/g, '')}"}\n${p}\n:::`) },
  { weight: 1, arbitrary: paragraph.map((p) => `:::questions\n1. ${p.split('\n')[0]}\n:::`) },
  { weight: 1, arbitrary: fc.constantFrom('::pagebreak', '::next-part', '::frobnicate', ':::unknown\nx\n:::') },
  { weight: 1, arbitrary: fc.tuple(text, text).map(([a, b]) => `| ${a} | ${b} |\n|:--|--:|\n| ${b} | ${a} |\n\nTable: ${a}`) },
  { weight: 1, arbitrary: fc.tuple(fc.constantFrom('js', 'html', ''), paragraph).map(([lang, p]) => `\`\`\`${lang}\n${p}\n\`\`\``) },
  { weight: 1, arbitrary: paragraph.map((p) => `[^a]: ${p.split('\n')[0]}`) },
  { weight: 2, arbitrary: fc.constantFrom(...HOSTILE_HTML) },
  { weight: 1, arbitrary: fc.string({ maxLength: 60 }) },
);
const frontmatter = fc.oneof(
  { weight: 8, arbitrary: fc.constant('title: Fuzzed Part\npart: 1') },
  { weight: 1, arbitrary: url.map((u) => `title: Fuzzed Part\npart: 1\nnext: { title: "Part II", href: "${u.replace(/"/g, '')}" }`) },
  { weight: 1, arbitrary: fc.constantFrom('title: x\npart: 1e308', 'title: x\npart: -1', 'title: [a]\npart: 1', 'a: &a [*a]\ntitle: t\npart: 1', 'title: "unterminated\npart: 1') },
);
const manuscript = fc.tuple(frontmatter, fc.array(block, { minLength: 1, maxLength: 8 })).map(([fm, blocks]) => `---\n${fm}\n---\n\n${blocks.join('\n\n')}\n`);

// ---------- the invariants ----------

const FORBIDDEN_TAGS = new Set(['script', 'iframe', 'object', 'embed', 'frame', 'frameset', 'applet', 'base', 'form', 'button', 'textarea', 'select', 'video', 'audio', 'source', 'track', 'picture', 'portal', 'template', 'noscript']);
const URL_ATTRIBUTES = ['href', 'src', 'srcSet', 'poster', 'background', 'action', 'formAction', 'xLinkHref', 'data', 'cite', 'longDesc', 'useMap'];

interface OutputFile {
  name: string;
  text: string;
  /** What this file may load: package-relative paths (EPUB), data: images (HTML), our files (print HTML). */
  kind: 'epub' | 'html' | 'print';
}

function problemsIn(file: OutputFile): string[] {
  const problems: string[] = [];
  if (file.text.includes(CANARY) || file.text.includes(Buffer.from(CANARY).toString('base64').slice(0, 20))) problems.push('holds bytes of a file outside the folder');
  const tree: Root = fromHtml(file.text);
  visit(tree, 'element', (node: Element) => {
    const where = `${file.name}: <${node.tagName}>`;
    if (FORBIDDEN_TAGS.has(node.tagName)) problems.push(`${where} is there`);
    // MathML only as remark-math.ts makes it of TeX between dollars, its TeX as its alternative
    // text (a `<math>` written as raw HTML is refused before it could be one).
    if (node.tagName === 'math' && typeof node.properties.alttext !== 'string') problems.push(`${where} is there, not made of TeX`);
    if (node.tagName === 'svg' && !(file.kind === 'epub' && file.name.endsWith('cover.svg'))) problems.push(`${where} outside our cover`);
    // Our own policy is the one http-equiv a page may carry (a refresh would navigate away).
    if (node.tagName === 'meta' && node.properties.httpEquiv !== undefined && String(node.properties.httpEquiv).toLowerCase() !== 'content-security-policy') problems.push(`${where} http-equiv`);
    if (node.tagName === 'input' && (node.properties.type !== 'checkbox' || node.properties.disabled !== true)) problems.push(`${where} is an active input`);
    for (const [key, value] of Object.entries(node.properties)) {
      if (/^on/i.test(key)) problems.push(`${where} has handler ${key}`);
      if (!URL_ATTRIBUTES.includes(key)) continue;
      // srcset is a list of "URL width" candidates; every other attribute holds one URL.
      const urls = key === 'srcSet' ? String(value).split(/,\s*/).map((one) => one.trim().split(/\s+/)[0] ?? '') : [String(value).trim()];
      for (const one of urls) problems.push(...urlProblems(one, node, key, file).map((p) => `${where} ${key}: ${p}`));
    }
    const style = node.properties.style;
    if (typeof style === 'string') problems.push(...cssProblems(style, 'declarationList', file).map((p) => `${where} style: ${p}`));
    if (node.tagName === 'style') {
      const css = node.children.map((c) => (c.type === 'text' ? c.value : '')).join('');
      problems.push(...cssProblems(css, 'stylesheet', file).map((p) => `${file.name}: <style>: ${p}`));
    }
  });
  return problems;
}

function urlProblems(raw: string, node: Element, key: string, file: OutputFile): string[] {
  if (raw === '') return [];
  let value = raw;
  if (/^[a-z][a-z0-9+.-]*:/i.test(value)) {
    const scheme = value.slice(0, value.indexOf(':')).toLowerCase();
    if (key === 'href' && node.tagName === 'a' && ['http', 'https', 'mailto'].includes(scheme)) return [];
    if (file.kind === 'html' && key === 'src' && /^data:image\/(png|jpeg|gif|svg\+xml);base64,/.test(value)) return [];
    if (file.kind === 'print' && scheme === 'file') return fileProblems(fileURLToPath(value));
    return [`scheme ${scheme}: in ${value.slice(0, 40)}`];
  }
  if (value.startsWith('//')) return [`protocol-relative ${value}`];
  if (file.kind === 'print' && node.tagName === 'img') return [`relative image ${value} in print HTML`];
  value = decodeURIComponent(value.split('#')[0] ?? '');
  if (value.startsWith('/') || path.posix.normalize(value).startsWith('..')) return [`outside path ${raw}`];
  return [];
}

function fileProblems(file: string): string[] {
  let real: string;
  try {
    real = realpathSync(file);
  } catch {
    return [];
  }
  const roots = [realpathSync(dir), realpathSync(REPO)];
  return roots.some((r) => real === r || real.startsWith(`${r}${path.sep}`)) ? [] : [`reads outside: ${real}`];
}

function cssProblems(css: string, context: 'declarationList' | 'stylesheet', file: OutputFile): string[] {
  const problems: string[] = [];
  walkCss(parseCss(css, { context }), (node) => {
    if (node.type === 'Url') {
      if (file.kind === 'print' && node.value.startsWith('file:')) problems.push(...fileProblems(fileURLToPath(node.value)));
      else problems.push(`url(${node.value})`);
    }
    if (node.type === 'Atrule' && node.name === 'import') problems.push('@import');
    if (node.type === 'Function' && /image-set|expression|image\b/i.test(node.name)) problems.push(`${node.name}()`);
  });
  return problems;
}

function outputsOf(): { files: OutputFile[]; epubs: Uint8Array[] } {
  const { config, parts } = loadManuscript(dir, { SOURCE_DATE_EPOCH: '0' });
  const files: OutputFile[] = [];
  const epubs: Uint8Array[] = [];
  const readAsset = (rel: string) => readFileSync(path.join(dir, rel));
  const css = readFileSync(path.join(REPO, 'styles/epub.css'), 'utf8');
  for (const doc of parts) {
    const epub = renderEpub(doc, config, { css, readAsset });
    epubs.push(epub);
    for (const [name, bytes] of Object.entries(unzipSync(epub))) {
      if (/\.(xhtml|svg|opf|css)$/.test(name)) files.push({ name, text: strFromU8(bytes), kind: 'epub' });
      else files.push({ name, text: Buffer.from(bytes).toString('latin1'), kind: 'epub' });
    }
    files.push({ name: `${doc.meta.slug}.html`, text: renderHtml(doc, config, { css, readAsset }), kind: 'html' });
    files.push({ name: `${doc.meta.slug}.print.html`, text: printHtml(doc, config, 'pamphlet'), kind: 'print' });
  }
  return { files, epubs };
}

describe('fuzzed manuscripts', () => {
  const built: Array<{ source: string; bytes: Uint8Array }> = [];

  test(`${RUNS} manuscripts: each builds clean or is refused at file:line:column`, () => {
    let refused = 0;
    fc.assert(
      fc.property(manuscript, (source) => {
        writeFileSync(path.join(dir, 'part-1.md'), source);
        let outputs: ReturnType<typeof outputsOf>;
        try {
          outputs = outputsOf();
        } catch (cause) {
          if (!(cause instanceof ManuscriptError)) throw cause;
          refused++;
          for (const message of cause.messages) {
            expect(message.file, message.reason).toMatch(/\.(md|yaml|bib|json)$/);
            expect(message.line, message.reason).toBeGreaterThan(0);
            expect(message.column, message.reason).toBeGreaterThan(0);
          }
          return;
        }
        const problems = outputs.files.flatMap(problemsIn);
        expect(problems).toEqual([]);
        if (built.length < 24 && outputs.epubs[0]) built.push({ source, bytes: outputs.epubs[0] });
      }),
      { numRuns: RUNS, ...(SEED !== undefined ? { seed: SEED } : {}), verbose: 1 },
    );
    // Both outcomes must occur, or the generators are not doing their job.
    expect(refused).toBeGreaterThan(RUNS / 20);
    expect(built.length).toBeGreaterThan(3);
  });

  test('a sample of the books that built passes epubcheck', async () => {
    expect(built.length).toBeGreaterThan(3);
    const files = built.map(({ bytes }, index) => {
      const file = path.join(root, `sample-${index}.epub`);
      writeFileSync(file, bytes);
      return file;
    });
    // One JVM for the whole sample (tests/helpers/EpubcheckBatch.java).
    const results = await epubcheckAll(files);
    for (const [index, result] of results.entries()) {
      const why = `${describeResult(result)}\n--- the manuscript:\n${built[index]?.source ?? ''}`;
      expect(result.fatal + result.errors, why).toBe(0);
      expect(result.warnings, why).toBe(0);
    }
  });
});
