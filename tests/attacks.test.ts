// Issue 10's attacks, each as a manuscript given to the real CLI while an attacker's
// HTTP/WebSocket server on 127.0.0.1 counts what reaches it. Each is refused at its
// place in `check` and `build` alike, no PDF or EPUB is written, and nothing reaches the
// server — during the build, nor when the web page of a manuscript that did build is
// opened in Chromium. (Symbolic links, bombs, huge numbers, signals, damaged outputs and
// bad files have tests of their own: real-paths, bounds, signals, output, bad-files.)
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import path from 'node:path';
import puppeteer, { type Page } from 'puppeteer-core';
import { copyFixture, pamphlet } from './helpers/cli.js';
import { pagesText } from './helpers/poppler.js';
import { listen, type Listener } from './helpers/listener.js';
import { describeResult, epubcheckAll } from './helpers/epubcheck-batch.js';

let server: Listener;
beforeAll(async () => {
  server = await listen();
});
afterAll(async () => {
  await server?.close();
});

const FRONT = '---\ntitle: A Part Under Attack\npart: 1\n---\n\n';

/** The built web page (dist/a-test-series-1.html) opened in Chromium as a reader opens it, until `inspect` is done. */
async function openWebPage(root: string, inspect: (page: Page) => Promise<void>): Promise<void> {
  const browser = await puppeteer.launch({ executablePath: '/usr/bin/chromium', headless: true, args: ['--no-sandbox'] });
  try {
    const page = await browser.newPage();
    await page.goto(`file://${path.join(root, 'dist', 'a-test-series-1.html')}`, { waitUntil: 'networkidle0' });
    await inspect(page);
  } finally {
    await browser.close();
  }
}

/** Each attack: the part's text after its front matter (or its whole front matter), and the error it must get. */
function attacks(port: number): Array<[string, string, string]> {
  const ws = `ws://127.0.0.1:${port}`;
  const http = `http://127.0.0.1:${port}`;
  return [
    ['a handler behind a quoted `>`', `A <details title=">" open ontoggle="new WebSocket('${ws}/x')">x</details> word.\n`, 'part-1.md:6:3: error: <details> is not allowed in a manuscript'],
    ['javascript: through an entity', `Click [here](&#106;avascript:alert(1)).\n`, 'part-1.md:6:7: error: link refused: `javascript:` URLs are not allowed'],
    ['javascript: through a reference definition', `Click [x][j].\n\n[j]: javascript:alert(1)\n`, 'part-1.md:6:7: error: link refused: `javascript:` URLs are not allowed'],
    ['a remote url() hidden by an entity in a style', `A <span style="background:url(&#x68;ttp://127.0.0.1:${port}/b)">styled</span> word.\n`, 'part-1.md:6:3: error: style refused: the property `background`'],
    ['image-set() in a style', `A <span style="color:red;background-image:image-set('${http}/c' 1x)">styled</span> word.\n`, 'part-1.md:6:3: error: style refused: the property `background-image`'],
    ['srcset on an image', `A <img src="images/x.png" srcset="${http}/d 2x" alt="x"> word.\n`, 'part-1.md:6:3: error: attribute `srcset` is not allowed on <img>'],
    // The comments are blocks of their own, dropped; the script between them is refused.
    ['a raw HTML block wrapped in comments', `<!-- a -->\n<script>new WebSocket('${ws}/y')</script>\n<!-- b -->\n`, 'part-1.md:7:1: error: <script> is not allowed in a manuscript: the renderer never runs or loads embedded content'],
  ];
}

describe('attacks in the text of a part', () => {
  test.each([0, 1, 2, 3, 4, 5, 6])('attack %i: refused at its place by check and build, with nothing reaching the server', (index) => {
    const [name, text, expected] = attacks(server.port)[index] as [string, string, string];
    const root = copyFixture('basic');
    writeFileSync(path.join(root, 'manuscript', 'part-1.md'), FRONT + text);
    const before = server.hits.length;
    const check = pamphlet(['check', 'manuscript'], root);
    expect(check.status, name).toBe(1);
    expect(check.stderr, name).toContain(`manuscript/${expected}`);
    const build = pamphlet(['build', 'manuscript', '--out', 'dist'], root);
    expect(build.status, name).toBe(1);
    expect(build.stderr, name).toContain(`manuscript/${expected}`);
    expect(existsSync(path.join(root, 'dist')) ? readdirSync(path.join(root, 'dist')).filter((f) => !f.startsWith('.')) : [], name).toEqual([]);
    expect(server.hits.slice(before), name).toEqual([]);
  });
});

describe('attacks in front matter', () => {
  test.each([
    ['javascript:alert(1)'],
    ['file:///etc/passwd'],
  ])('next.href %s is refused at its line', (href) => {
    const root = copyFixture('basic');
    writeFileSync(path.join(root, 'manuscript', 'part-1.md'), `---\ntitle: A Part\npart: 1\nnext: { title: "Part II", href: "${href}" }\n---\n\nSome text.\n`);
    const result = pamphlet(['check', 'manuscript'], root);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('manuscript/part-1.md:4:7: error: `next.href` must be an http or https URL');
  });
});

// pamphlet.yaml comes with the manuscript. `browser:` names the program a PDF build runs,
// and a script shipped in the folder (executable in a zip or a clone) ran with the
// publisher's rights: "Could not start Chromium", and the script had read what it wanted.
describe('a program the manuscript ships, named by `browser:`', () => {
  test.each([
    ['manuscript/run.sh', 'must be an absolute path'],
    ['./chromium', 'must be an absolute path'],
    ['{root}/manuscript/chromium', 'must not name a program inside the manuscript folder'],
    ['{root}/manuscript/tools/../chromium', 'must not name a program inside the manuscript folder'],
    ['{root}/link/chromium', 'must not name a program inside the manuscript folder'],
    ['/bin/sh', 'must name a Chrome or Chromium'],
  ])('browser: %s is refused at its place by check and build, and never runs', (value, reason) => {
    const root = copyFixture('basic');
    const marker = path.join(root, 'ran');
    for (const name of ['run.sh', 'chromium']) {
      writeFileSync(path.join(root, 'manuscript', name), `#!/bin/sh\necho ran > '${marker}'\nexit 1\n`);
      chmodSync(path.join(root, 'manuscript', name), 0o755);
    }
    // A link outside the folder that leads back into it.
    symlinkSync(path.join(root, 'manuscript'), path.join(root, 'link'));
    const yaml = path.join(root, 'manuscript', 'pamphlet.yaml');
    const lines = readFileSync(yaml, 'utf8').trimEnd().split('\n');
    writeFileSync(yaml, `${lines.join('\n')}\nbrowser: ${value.replace('{root}', root)}\n`);
    const place = `manuscript/pamphlet.yaml:${lines.length + 1}:10: error: \`browser:\` ${reason}`;
    for (const args of [['check', 'manuscript'], ['build', 'manuscript', '--out', 'dist', '--format', 'pdf']]) {
      const result = pamphlet(args, root);
      expect(result.status, args[0]).toBe(1);
      expect(result.stderr, args[0]).toContain(place);
    }
    expect(existsSync(marker)).toBe(false);
    expect(existsSync(path.join(root, 'dist'))).toBe(false);
  });

  test('the machine’s Chromium by its absolute path still builds', () => {
    const root = copyFixture('basic');
    const yaml = path.join(root, 'manuscript', 'pamphlet.yaml');
    writeFileSync(yaml, `${readFileSync(yaml, 'utf8').trimEnd()}\nbrowser: /usr/bin/chromium\n`);
    const result = pamphlet(['build', 'manuscript', '--out', 'dist', '--format', 'pdf', '--quiet'], root);
    expect(result.status, result.stderr).toBe(0);
  });
});

// A manuscript may come as a folder with its `.git/` (a zip of a clone, a shared folder), and
// the repository's own configuration names programs git runs: with `log.showSignature` and
// `gpg.program`, the `git log` that dates each part ran the folder's script at every check.
describe('a repository shipped with the manuscript', () => {
  test('its configured programs never run, and the part is still dated by its last commit', () => {
    const root = copyFixture('basic');
    const marker = path.join(root, 'ran');
    const evil = path.join(root, 'evil.sh');
    writeFileSync(evil, `#!/bin/sh\necho ran >> '${marker}'\nexit 1\n`);
    chmodSync(evil, 0o755);
    const git = (...args: string[]) => execFileSync('git', args, { cwd: root, encoding: 'utf8', env: { ...process.env, GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1' } });
    git('init', '-q');
    git('-c', 'user.name=A', '-c', 'user.email=a@example.org', 'add', 'manuscript');
    git('-c', 'user.name=A', '-c', 'user.email=a@example.org', 'commit', '-qm', 'first');
    // A commit touching the part that carries a signature, which `log.showSignature` checks.
    writeFileSync(path.join(root, 'manuscript', 'part-1.md'), `${readFileSync(path.join(root, 'manuscript', 'part-1.md'), 'utf8')}\nOne more line.\n`);
    git('add', 'manuscript/part-1.md');
    const commit = `tree ${git('write-tree').trim()}\nparent ${git('rev-parse', 'HEAD').trim()}\nauthor A <a@example.org> 1700000000 +0000\ncommitter A <a@example.org> 1700000000 +0000\ngpgsig -----BEGIN PGP SIGNATURE-----\n \n -----END PGP SIGNATURE-----\n\nsigned\n`;
    writeFileSync(path.join(root, 'commit.txt'), commit);
    git('update-ref', 'HEAD', git('hash-object', '-t', 'commit', '-w', 'commit.txt').trim());
    for (const setting of [['log.showSignature', 'true'], ['gpg.program', evil], ['gpg.ssh.program', evil], ['core.fsmonitor', evil], ['core.pager', evil], ['diff.external', evil]]) git('config', setting[0]!, setting[1]!);
    // The trap is live: plain `git log` runs the script.
    git('log', '-1', '--format=%ct', '--', 'manuscript/part-1.md');
    expect(existsSync(marker)).toBe(true);
    rmSync(marker);
    const env = { SOURCE_DATE_EPOCH: '' };
    const check = pamphlet(['check', 'manuscript'], root, env);
    expect(check.status, check.stderr).toBe(0);
    const build = pamphlet(['build', 'manuscript', '--out', 'dist', '--format', 'epub', '--no-print-pages', '--quiet'], root, env);
    expect(build.status, build.stderr).toBe(0);
    expect(existsSync(marker)).toBe(false);
    const opf = execFileSync('unzip', ['-p', path.join(root, 'dist', 'a-test-series-1.epub'), 'OEBPS/package.opf'], { encoding: 'utf8' });
    expect(opf).toContain('<meta property="dcterms:modified">2023-11-14T22:13:20Z</meta>');
  });
});

// Found by a red-team pass, 2026-12-04. A manuscript's stylesheet is checked with css-tree,
// which takes `u\72 l(…)` for a function of another name: the EPUB carried such a url() and a
// reader fetched it. And the sheets are put into the print page and the web page inside
// <style>, which the HTML parser ends at the first `</style`, a CSS string's too.
describe('a manuscript’s stylesheet that hides a load, or ends its <style>', () => {
  test('a url() or @import written with escapes, or hidden in a custom property or a var() fallback, is refused at its place in each sheet', () => {
    const root = copyFixture('basic');
    const http = `http://127.0.0.1:${server.port}`;
    mkdirSync(path.join(root, 'manuscript', 'styles'), { recursive: true });
    const sheet = `@\\69mport "${http}/import.css";\np { background: u\\72 l("${http}/bg.png"); }\nh2 { cursor: u\\rl("${http}/cursor"), auto; }\n@font-face { font-family: X; src: u\\72 l("${http}/font.woff2"); }\nh3 { background: cross-fade(url(images/a.png), url(images/a.png), 50%); }\nq { --z: url(${http}/z.png); background: var(--z); }\nem { background: var(--x, url(${http}/x.png)); }\n`;
    writeFileSync(path.join(root, 'manuscript', 'styles', 'epub.css'), sheet);
    writeFileSync(path.join(root, 'manuscript', 'styles', 'print.css'), sheet);
    const before = server.hits.length;
    for (const args of [['check', 'manuscript'], ['build', 'manuscript', '--out', 'dist']]) {
      const result = pamphlet(args, root);
      expect(result.status, args[0]).toBe(1);
      for (const name of ['epub', 'print']) {
        expect(result.stderr).toContain(`manuscript/styles/${name}.css:1:1: error: \`@import\` is not allowed`);
        expect(result.stderr).toContain(`manuscript/styles/${name}.css:2:17: error: \`u\\72 l()\` is \`url()\` written with escapes`);
        expect(result.stderr).toContain(`manuscript/styles/${name}.css:3:14: error: \`u\\rl()\` is \`url()\` written with escapes`);
        expect(result.stderr).toContain(`manuscript/styles/${name}.css:4:35: error: \`u\\72 l()\` is \`url()\``);
        expect(result.stderr).toContain(`manuscript/styles/${name}.css:5:18: error: \`cross-fade()\` loads what no check reads`);
        expect(result.stderr).toContain(`manuscript/styles/${name}.css:6:9: error: \`url(${http}/z.png)\` in a custom property or a var() fallback`);
        expect(result.stderr).toContain(`manuscript/styles/${name}.css:7:26: error: \`url(${http}/x.png)\` in a custom property or a var() fallback`);
      }
    }
    expect(existsSync(path.join(root, 'dist'))).toBe(false);
    expect(server.hits.slice(before)).toEqual([]);
  });

  test('`</style>` in a CSS string stays in the CSS: the web page has no element the manuscript did not make, the PDF no link to javascript: or file:', async () => {
    const root = copyFixture('basic');
    const http = `http://127.0.0.1:${server.port}`;
    mkdirSync(path.join(root, 'manuscript', 'styles'), { recursive: true });
    const breakout = (tag: string) => `p::after { content: "</style><meta http-equiv=refresh content='0;url=${http}/refresh'><link rel=preconnect href=${http}/pre><a href='javascript:app.alert(1)'>${tag}JS</a> <a href='file:///etc/passwd'>${tag}FILE</a><style>"; }\n`;
    writeFileSync(path.join(root, 'manuscript', 'styles', 'epub.css'), breakout('EPUB'));
    writeFileSync(path.join(root, 'manuscript', 'styles', 'print.css'), breakout('PRINT'));
    const build = pamphlet(['build', 'manuscript', '--out', 'dist', '--format', 'pdf,html'], root);
    expect(build.status, build.stderr).toBe(0);
    const before = server.hits.length;
    await openWebPage(root, async (page) => {
      await new Promise((resolve) => setTimeout(resolve, 500));
      // One <style> in the head, as the page is built, and none of what the string spells.
      expect(await page.evaluate(() => [document.querySelectorAll('style').length, document.querySelectorAll('meta[http-equiv=refresh], link[rel=preconnect], a[href^="javascript:"], a[href^="file:"]').length])).toEqual([1, 0]);
      expect(page.url()).toMatch(/a-test-series-1\.html$/);
    });
    expect(server.hits.slice(before)).toEqual([]);
    const pdf = await getDocument({ data: new Uint8Array(readFileSync(path.join(root, 'dist', 'a-test-series-1.pdf'))), useSystemFonts: false }).promise;
    const links: string[] = [];
    for (let n = 1; n <= pdf.numPages; n++) {
      for (const annotation of await (await pdf.getPage(n)).getAnnotations()) if (annotation.url || annotation.unsafeUrl) links.push(String(annotation.unsafeUrl ?? annotation.url));
    }
    expect(links.filter((link) => /^(javascript|file):/i.test(link))).toEqual([]);
  });
});

describe('`base-url`, where the parts are published', () => {
  // Every Next link and link to a part is made from it; until 2026-12-04 it skipped the URL
  // policy: `file:///etc/` and an address with a password went into the web page and the EPUB.
  test.each(['file:///etc/', 'http://user:pw@127.0.0.1:9/', 'javascript:alert(1)//', '//host/', 'java\tscript:alert(1)'])('%s is refused at its place', (value) => {
    const root = copyFixture('basic');
    const yaml = path.join(root, 'manuscript', 'pamphlet.yaml');
    const lines = readFileSync(yaml, 'utf8').trimEnd().split('\n');
    writeFileSync(yaml, `${lines.join('\n')}\nbase-url: ${JSON.stringify(value)}\n`);
    const result = pamphlet(['check', 'manuscript'], root);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(`manuscript/pamphlet.yaml:${lines.length + 1}:11: error: \`base-url\` must be an http or https address`);
  });
});

describe('markup in a title', () => {
  // `]]>` may not stand in XML character data: package.opf and toc.ncx carried it raw and were
  // not well-formed (red team, 2026-12-04); the reading view (text.xhtml, nav) was already right.
  test('a title holding `]]>`, a comment and a script makes a valid EPUB that shows it as text', async () => {
    const root = copyFixture('basic');
    const title = 'T <script>alert(1)</script> ]]> --> <!-- &amp;';
    writeFileSync(path.join(root, 'manuscript', 'part-1.md'), `---\ntitle: ${JSON.stringify(title)}\npart: 1\n---\n\nSome text.\n`);
    const build = pamphlet(['build', 'manuscript', '--out', 'dist', '--format', 'epub', '--no-print-pages', '--quiet'], root);
    expect(build.status, build.stderr).toBe(0);
    const [epub] = readdirSync(path.join(root, 'dist')).filter((f) => f.endsWith('.epub'));
    const results = await epubcheckAll([path.join(root, 'dist', epub as string)]);
    expect(results[0]?.errors, describeResult(results[0] as never)).toBe(0);
    for (const entry of ['OEBPS/package.opf', 'OEBPS/toc.ncx']) {
      const xml = execFileSync('unzip', ['-p', path.join(root, 'dist', epub as string), entry], { encoding: 'utf8' });
      expect(xml, entry).not.toContain(']]>');
      expect(xml, entry).toContain('T &#x3C;script>alert(1)&#x3C;/script> ]]&#x3E; --> &#x3C;!-- &#x26;amp;');
    }
  });
});

describe('a manuscript that builds, opened as a web page', () => {
  test('the page fetches nothing, even where the text names the server', async () => {
    const root = copyFixture('basic');
    // Allowed: a link to the server (a reader may follow it; the page never fetches it by itself).
    writeFileSync(path.join(root, 'manuscript', 'part-1.md'), `${FRONT}A <span style="color: red">red</span> word, a link to [the server](http://127.0.0.1:${server.port}/link), and H<sub>2</sub>O.\n`);
    const build = pamphlet(['build', 'manuscript', '--out', 'dist', '--format', 'html,epub'], root);
    expect(build.status, build.stderr).toBe(0);
    const before = server.hits.length;
    await openWebPage(root, async (page) => {
      expect(await page.evaluate(() => document.body.innerText)).toContain('a link to the server');
    });
    expect(server.hits.slice(before)).toEqual([]);
  });
});

describe('quiet damage', () => {
  test('an image inside a footnote is packaged in the EPUB and inlined in the web page', async () => {
    const root = copyFixture('any-manuscript/figure-with-title');
    const part = readdirSync(path.join(root, 'manuscript')).find((name) => name.endsWith('.md')) as string;
    writeFileSync(path.join(root, 'manuscript', part), `---\ntitle: Notes\npart: 1\n---\n\nThe pond is small.[^map]\n\n[^map]: See the survey, ![Walden Pond](images/walden-pond.png), drawn in 1846.\n`);
    const build = pamphlet(['build', 'manuscript', '--out', 'dist', '--format', 'epub,html', '--quiet'], root);
    expect(build.status, build.stderr).toBe(0);
    const [epub] = readdirSync(path.join(root, 'dist')).filter((f) => f.endsWith('.epub'));
    const results = await epubcheckAll([path.join(root, 'dist', epub as string)]);
    expect(results[0]?.errors, describeResult(results[0] as never)).toBe(0);
    const [html] = readdirSync(path.join(root, 'dist')).filter((f) => f.endsWith('.html'));
    expect(readFileSync(path.join(root, 'dist', html as string), 'utf8')).toMatch(/<aside[^>]*>[\s\S]*<img src="data:image\/png;base64,/);
  });
});

// Every element id is also a name on the page's `window` (HTML's named access), so a book's
// ids are names the print page's scripts may read: Node's own globals.md, with headings
// "exports" and "module", made Paged.js take the page for CommonJS, and the build failed
// with "Paged.js did not load in the page", at no place in the manuscript.
describe('ids named like the print page’s scripts (DOM clobbering)', () => {
  const pdfText = (root: string, file: string) => pagesText(path.join(root, 'dist', file)).map((page) => page.replace(/\s+/g, ' ').trim());

  test('headings "exports" and "module" print, in the pamphlet and the handout (with its ¶ numbers)', () => {
    const root = copyFixture('basic');
    writeFileSync(path.join(root, 'manuscript', 'part-1.md'), `${FRONT}## exports\n\nThe object a module gives.\n\n## module\n\nThe module itself.\n`);
    const build = pamphlet(['build', 'manuscript', '--out', 'dist', '--format', 'pdf,handout'], root);
    expect(build.status, build.stderr).toBe(0);
    for (const file of ['a-test-series-1.pdf', 'a-test-series-1-handout.pdf']) {
      expect(pdfText(root, file).join(' '), file).toMatch(/exports (1 )?The object a module gives\. module (2 )?The module itself\./);
    }
  });

  test('an id for every name in Paged.js and our page scripts changes no page of the PDF or the handout', () => {
    // The names are read from the scripts as shipped, so a name added to them is covered too.
    const repo = path.resolve(import.meta.dirname, '..');
    const browserDir = path.join(repo, 'src', 'browser');
    const scripts = [readFileSync(path.join(repo, 'vendor', 'pagedjs', 'paged.polyfill.min.js'), 'utf8'), ...readdirSync(browserDir).filter((f) => f.endsWith('.ts')).map((f) => readFileSync(path.join(browserDir, f), 'utf8'))];
    const names = [...new Set(scripts.join('\n').match(/[A-Za-z_$][\w$]*/g))].filter((name) => !/^(p\d+|fn-?\d+)$/.test(name)).sort();
    expect(names.length).toBeGreaterThan(3000);
    expect(names).toEqual(expect.arrayContaining(['exports', 'module', 'define', 'PagedConfig', 'PagedPolyfill', 'Paged']));
    const part = (withIds: boolean) => {
      const paragraphs: string[] = [];
      for (let i = 0; i < names.length; i += 25) {
        paragraphs.push(names.slice(i, i + 25).map((name, j) => `word${i + j} <span${withIds ? ` id="${name}"` : ''}>here</span>`).join(' ') + '.');
      }
      return `${FRONT}## exports\n\nText.\n\n${paragraphs.join('\n\n')}\n`;
    };
    const roots = [true, false].map((withIds) => {
      const root = copyFixture('basic');
      writeFileSync(path.join(root, 'manuscript', 'part-1.md'), part(withIds));
      const build = pamphlet(['build', 'manuscript', '--out', 'dist', '--format', 'pdf,handout', '--quiet'], root);
      expect(build.status, build.stderr).toBe(0);
      return root;
    });
    const [withIds, without] = roots as [string, string];
    for (const file of ['a-test-series-1.pdf', 'a-test-series-1-handout.pdf']) {
      const pages = pdfText(withIds, file);
      expect(pages.length, file).toBeGreaterThan(10);
      expect(pages, file).toEqual(pdfText(without, file));
    }
  }, 120_000);
});
