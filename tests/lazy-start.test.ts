// A command starts only what it needs: `--help`, `check` and `build --format epub
// --no-print-pages` never load Puppeteer or Paged.js (and so never start Chromium), and
// `--help` does not even load the pipeline. (An EPUB with the print edition's page-list,
// the default, lays the pamphlet out to learn where its pages begin: that one does.) The real CLI runs with a preloaded recorder (helpers/module-log.mjs) that
// writes down every module Node resolves and every file read by name.
import { describe, expect, test } from 'vitest';
import { spawnSync } from 'node:child_process';
import { appendFileSync, cpSync, mkdirSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const REPO = path.resolve(import.meta.dirname, '..');
const BIN = path.join(REPO, 'bin', 'pamphlet.js');
const RECORDER = pathToFileURL(path.join(REPO, 'tests', 'helpers', 'module-log.mjs')).href;

interface Loaded {
  status: number | null;
  stderr: string;
  modules: string[];
  reads: string[];
  /** Files read by name on a worker thread (the EPUB cover's). */
  workerReads: string[];
  /** Bytes of pamphlet's own bundled code (lib/) the command loaded. */
  libBytes: number;
  /** The sources bundled into the files of lib/ the command loaded (`src/…`, `node_modules/…`), as scripts/build.mjs wrote them down. */
  libInputs: Set<string>;
}

/** What esbuild put in each file of lib/ and what each imports (scripts/build.mjs writes lib/bundle-meta.json). */
type BundleMeta = Record<string, { inputs: string[]; imports: Array<{ file: string; kind: string }> }>;
const bundleMeta = (): BundleMeta => JSON.parse(readFileSync(path.join(REPO, 'lib', 'bundle-meta.json'), 'utf8')) as BundleMeta;
/** Whether any of `inputs` is a file of the package or folder `prefix` (`node_modules/pdf-lib/`, `src/no-network.ts`). */
const holds = (inputs: Iterable<string>, prefix: string): boolean => [...inputs].some((input) => input.startsWith(prefix));

function run(args: string[]): Loaded {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'pamphlet-lazy-'));
  const log = path.join(dir, 'loaded.log');
  const result = spawnSync(process.execPath, ['--import', RECORDER, BIN, ...args], {
    cwd: REPO,
    encoding: 'utf8',
    env: { ...process.env, PAMPHLET_MODULE_LOG: log },
    timeout: 300_000,
  });
  const lines = readFileSync(log, 'utf8').split('\n').filter(Boolean);
  const modules = [...new Set(lines.filter((l) => l.startsWith('module ')).map((l) => l.slice(7)))];
  const reads = [...new Set(lines.filter((l) => l.startsWith('read ')).map((l) => l.slice(5)))];
  const workerReads = [...new Set(lines.filter((l) => l.startsWith('worker read ')).map((l) => l.slice(12)))];
  // lib/'s entries are ES modules Node resolves; the bundle's own files are CommonJS, which
  // lib/lib-loader.cjs reads to compile them from their code cache.
  const libDir = path.join(REPO, 'lib') + path.sep;
  const lib = [
    ...modules.filter((url) => url.startsWith(pathToFileURL(libDir).href)).map((url) => fileURLToPath(url)),
    ...reads.filter((file) => file.startsWith(libDir) && file.endsWith('.cjs')),
  ];
  const libBytes = lib.reduce((sum, file) => sum + statSync(file).size, 0);
  const meta = bundleMeta();
  const libInputs = new Set(lib.flatMap((file) => meta[path.basename(file)]?.inputs ?? []));
  return { status: result.status, stderr: result.stderr, modules, reads, workerReads, libBytes, libInputs };
}

/** Puppeteer, from node_modules or from the chunk of lib/ it is bundled into. */
const puppeteer = (loaded: Loaded) => [
  ...loaded.modules.filter((url) => url === 'puppeteer-core' || url.includes('/puppeteer-core/')),
  ...(holds(loaded.libInputs, 'node_modules/puppeteer-core/') ? ['lib/ (bundled puppeteer-core)'] : []),
];
const fontkit = (loaded: Loaded) => loaded.reads.filter((file) => file.includes(`${path.sep}node_modules${path.sep}fontkit${path.sep}`));
/** css-tree's parser (its main entry, lexer, syntax and data), by module or by file read (it is required, CommonJS). */
const cssParser = (loaded: Loaded) =>
  [...loaded.modules, ...loaded.reads].filter((where) => /[/\\]node_modules[/\\]css-tree[/\\](lib|cjs)[/\\](index\.|lexer|syntax|data)/.test(where));

describe('what each command loads', () => {
  let build: Loaded;

  // Paged.js is read by Chromium, served with each print page (src/browser/session.ts), not by
  // pamphlet's process: a command that loads no Puppeteer starts no browser, and so runs no
  // Paged.js. Which Paged.js the pages run, tests/pagedjs-patch.test.ts shows.
  test('a PDF build loads Puppeteer (the recorder sees it)', () => {
    const out = mkdtempSync(path.join(os.tmpdir(), 'pamphlet-lazy-out-'));
    build = run(['build', 'manuscript', '--out', out, '--format', 'pdf', '--no-cache', '--quiet']);
    expect(build.stderr).toBe('');
    expect(build.status).toBe(0);
    expect(puppeteer(build).length).toBeGreaterThan(0);
  });

  test('--help loads neither, nor the pipeline: a tenth of the code a build loads, at most', () => {
    const help = run(['--help']);
    expect(help.status).toBe(0);
    expect(puppeteer(help)).toEqual([]);
    expect(help.libBytes).toBeLessThan(build.libBytes / 10);
  });

  test('a usage error loads no more than --help', () => {
    const wrong = run(['build', 'manuscript', '--format', 'docx']);
    expect(wrong.status).toBe(2);
    expect(puppeteer(wrong)).toEqual([]);
    expect(wrong.libBytes).toBeLessThan(build.libBytes / 10);
  });

  test('check loads neither Puppeteer nor Paged.js', () => {
    const checked = run(['check', 'manuscript']);
    expect(checked.status).toBe(0);
    expect(puppeteer(checked)).toEqual([]);
  });

  test('an EPUB build without the page-list loads neither Puppeteer nor Paged.js', () => {
    const out = mkdtempSync(path.join(os.tmpdir(), 'pamphlet-lazy-out-'));
    const epub = run(['build', 'manuscript', '--out', out, '--format', 'epub', '--no-print-pages', '--no-cache', '--quiet']);
    expect(epub.stderr).toBe('');
    expect(epub.status).toBe(0);
    expect(puppeteer(epub)).toEqual([]);
  });

  test('the code a build runs holds no HTTP or WebSocket client: node-fetch, sync-fetch, proxy-agent, ws and Puppeteer\'s browser installer, which the citation library and Puppeteer import, are left out of the bundle', () => {
    // The real manuscript cites from a BibTeX file, so the PDF build above ran the citation code.
    const bundled = build.libInputs;
    // Booleans and names, not the bundle itself, in a failure message.
    expect(holds(bundled, 'node_modules/@citation-js/core/'), 'the citation library is bundled').toBe(true);
    expect(holds(bundled, 'src/no-network.ts'), 'src/no-network.ts stands in for the HTTP clients').toBe(true);
    // Puppeteer's browser installer downloads through proxy-agent (and its proxy-script engine);
    // ws is its client for a browser reached over a DevTools port. Chromium is spawned by us
    // and spoken to over a pipe, so both are left out: src/no-browser-install.ts stands in.
    expect(holds(bundled, 'node_modules/puppeteer-core/'), 'Puppeteer is bundled').toBe(true);
    expect(holds(bundled, 'src/no-browser-install.ts'), 'src/no-browser-install.ts stands in for the installer and ws').toBe(true);
    const clients = ['node-fetch', 'sync-fetch', 'fetch-blob', 'formdata-polyfill', 'proxy-agent', 'pac-proxy-agent', '@tootallnate/quickjs-emscripten', '@puppeteer/browsers', 'ws'];
    expect(clients.filter((client) => holds(bundled, `node_modules/${client}/`))).toEqual([]);
    expect(build.modules.filter((url) => clients.some((client) => url.includes(`/node_modules/${client}/`)))).toEqual([]);
  });

  test("the CSL engine is loaded on the build's own thread, and only by a manuscript that cites", () => {
    // The real manuscript cites from its BibTeX file in Chicago's note style. A thread of its
    // own for the engine cost more than it saved on two cores (docs/speed.md).
    const citeproc = (files: string[]) => files.filter((file) => file.includes(`${path.sep}node_modules${path.sep}citeproc${path.sep}`));
    const locale = (files: string[]) => files.filter((file) => /locales-[\w-]+\.xml$/.test(file));
    expect(citeproc(build.reads).length).toBeGreaterThan(0);
    expect(locale(build.reads).length).toBeGreaterThan(0);
    expect(build.reads.filter((file) => file.endsWith('.csl')).length).toBeGreaterThan(0);
    expect(citeproc(build.workerReads)).toEqual([]);
    expect(locale(build.workerReads)).toEqual([]);
    // A manuscript with no bibliography never reads citeproc-js.
    const out = mkdtempSync(path.join(os.tmpdir(), 'pamphlet-lazy-out-'));
    const uncited = run(['build', 'tests/fixtures/series', '--out', out, '--format', 'epub', '--no-print-pages', '--no-cache', '--quiet']);
    expect(uncited.stderr).toBe('');
    expect(uncited.status).toBe(0);
    expect(citeproc([...uncited.reads, ...uncited.workerReads])).toEqual([]);
  });

  test("the print HTML's words are broken on the build's own thread: no thread reads the part or the patterns again", () => {
    // A thread that broke them ahead cost more CPU than it saved (docs/speed.md).
    const patterns = (files: string[]) => files.filter((file) => file.endsWith(path.join('hyphen', 'patterns', 'en-us.js')));
    expect(patterns(build.reads)).toHaveLength(1);
    expect(patterns(build.workerReads)).toEqual([]);
    expect(build.workerReads).not.toContain(path.join(REPO, 'manuscript', 'part-1.md'));
  });

  test("the tree walker every plugin uses is bundled without naming a closure per node (scripts/bundle-options.mjs)", () => {
    // unist-util-visit-parents names each node's visitor "node (" + its type + ")", with
    // terminal colours, by Object.defineProperty: 5 % of an x10 EPUB build.
    const meta = bundleMeta();
    const walker = Object.keys(meta).filter((file) => meta[file]!.inputs.includes('node_modules/unist-util-visit-parents/lib/index.js'));
    expect(walker).toHaveLength(1);
    const text = readFileSync(path.join(REPO, 'lib', walker[0]!), 'utf8');
    expect(text).toContain('function visitParents(');
    expect(text.includes('"node ("'), 'the per-node name is built').toBe(false);
    expect(/defineProperty\(\w+,\s*"name"/.test(text), 'a closure is named').toBe(false);
  });

  test("property-information's find() is bundled keeping each answer, the same answers as the package's own (scripts/bundle-options.mjs)", async () => {
    // hast-util-to-html asks find() for every attribute it writes; for a data- attribute the
    // package makes a new Info each time (13 ms of the x10 print HTML).
    const meta = bundleMeta();
    const file = Object.keys(meta).find((name) => meta[name]!.inputs.includes('node_modules/property-information/lib/find.js'));
    expect(file, 'a split file holds property-information').toBeDefined();
    const NAMES = ['className', 'class', 'dataPn', 'data-pn', 'dataFootnoteCall', 'data-x.y:z', 'data', 'onClick', 'ariaLabel', 'xLinkHref', 'xlinkHref', 'colSpan', 'hidden', 'unknownThing', 'viewBox', 'dataÉ'];
    const loader = path.join(REPO, 'lib', 'lib-loader.cjs');
    const code = `const x = require(${JSON.stringify(loader)}).loadLib(${JSON.stringify(path.join(REPO, 'lib', file!))}); const out = {}; for (const [schema, name] of ${JSON.stringify(NAMES.flatMap((name) => [['html', name], ['svg', name]]))}) { const a = x.find(x[schema], name); out[schema + ' ' + name] = { same: a === x.find(x[schema], name), info: { ...a } }; } console.log(JSON.stringify(out));`;
    const run = spawnSync(process.execPath, ['-e', code], { encoding: 'utf8' });
    expect(run.stderr).toBe('');
    const bundled = JSON.parse(run.stdout) as Record<string, { same: boolean; info: Record<string, unknown> }>;
    const own = (await import('property-information')) as unknown as { find: (schema: unknown, name: string) => object; html: unknown; svg: unknown };
    for (const name of NAMES) {
      for (const schema of ['html', 'svg'] as const) {
        const entry = bundled[`${schema} ${name}`]!;
        expect(entry.same, `${schema} ${name}: one answer kept`).toBe(true);
        expect(entry.info, `${schema} ${name}`).toEqual(JSON.parse(JSON.stringify({ ...own.find(own[schema], name) })));
      }
    }
  });

  test('preparing a print holds no pdf-lib: render/pdf.ts and its static imports leave it to a dynamic import, loaded while Chromium lays out', () => {
    const meta = bundleMeta();
    const printModule = Object.keys(meta).find((file) => meta[file]!.inputs.includes('src/render/pdf.ts'));
    expect(printModule, 'the bundle has render/pdf.ts').toBeDefined();
    // The files render/pdf.ts's chunk imports statically, and theirs.
    const closure = new Set<string>();
    const pending = [printModule!];
    while (pending.length > 0) {
      const file = pending.pop()!;
      if (closure.has(file)) continue;
      closure.add(file);
      // Static imports only; a dynamic `import("./x.js")` is not followed.
      for (const imported of meta[file]!.imports) if (imported.kind === 'import-statement') pending.push(imported.file);
    }
    expect(closure.size).toBeGreaterThan(1);
    expect([...closure].filter((file) => holds(meta[file]!.inputs, 'node_modules/pdf-lib/'))).toEqual([]);
    // And the PDF build did load it, for the post-processing.
    expect(holds(build.libInputs, 'node_modules/pdf-lib/')).toBe(true);
  });

  test('a build in the bundled faces loads no fontkit: their cmaps come from the table make wrote', () => {
    // The PDF build above checked every character of the real manuscript against its faces.
    expect(build.reads).toContain(path.join(REPO, 'lib', 'font-cmaps.json'));
    expect(fontkit(build)).toEqual([]);
  });

  test('a build with no style attribute, no stylesheet of its own and the default theme loads no CSS parser', () => {
    // Our own sheets come from the table make wrote, their url()s printed by css-tree's encoder alone.
    expect(build.reads).toContain(path.join(REPO, 'lib', 'stylesheets.json'));
    expect(cssParser(build)).toEqual([]);
  });

  test('a manuscript with its own stylesheet loads the CSS parser to check it', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'pamphlet-lazy-css-'));
    cpSync(path.join(REPO, 'manuscript'), dir, { recursive: true });
    mkdirSync(path.join(dir, 'styles'));
    writeFileSync(path.join(dir, 'styles', 'print.css'), 'p { color: #222; }\n');
    const checked = run(['check', dir]);
    expect(checked.stderr).not.toMatch(/error/);
    expect(checked.status).toBe(0);
    expect(cssParser(checked).length).toBeGreaterThan(0);
  });

  test('a manuscript with its own font file loads fontkit to read it', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'pamphlet-lazy-font-'));
    cpSync(path.join(REPO, 'manuscript'), dir, { recursive: true });
    const lora = path.dirname(createRequire(import.meta.url).resolve('@expo-google-fonts/lora/package.json'));
    mkdirSync(path.join(dir, 'fonts'));
    writeFileSync(path.join(dir, 'fonts', 'Lora-Regular.ttf'), readFileSync(path.join(lora, '400Regular', 'Lora_400Regular.ttf')));
    appendFileSync(path.join(dir, 'pamphlet.yaml'), 'fonts: { text: fonts/Lora-Regular.ttf }\n');
    const checked = run(['check', dir]);
    expect(checked.stderr).not.toMatch(/error/);
    expect(fontkit(checked).length).toBeGreaterThan(0);
  });
});
