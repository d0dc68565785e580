// "Never reads outside the manuscript folder", tried as an attacker would: symbolic links
// planted in the folder that point at a canary file outside it. Each is refused with an
// error naming the link at its place, the canary's text is in no output and no preview
// response, and the EPUB built before stays as it was.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync, appendFileSync, cpSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { copyFixture, pamphlet, outputsIn } from './helpers/cli.js';
import { builtManuscript, expectRefused, EARLIER } from './helpers/refusal.js';

const CANARY = 'CANARY-7f3a-outside-the-folder';
let outside: string;

beforeAll(() => {
  outside = mkdtempSync(path.join(os.tmpdir(), 'pamphlet-outside-'));
  writeFileSync(path.join(outside, 'secret.md'), `---\ntitle: ${CANARY}\npart: 2\n---\n\n${CANARY}\n`);
  writeFileSync(path.join(outside, 'secret.bib'), `@book{carr1950, title = {${CANARY}}, year = 1950}\n@book{trotsky1932, title = {T}, year = 1932}\n@book{reed1919, title = {R}, year = 1919}\n`);
  writeFileSync(path.join(outside, 'secret.yaml'), `series: ${CANARY}\n`);
  // A real PNG (1 × 1) with the canary in a text chunk, so that only the path can refuse it.
  writeFileSync(path.join(outside, 'secret.png'), Buffer.concat([
    Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489', 'hex'),
    Buffer.from(`${CANARY}`),
    Buffer.from('0000000d4944415478da63f8ffff3f0005fe02fea73581e40000000049454e44ae426082', 'hex'),
  ]));
  writeFileSync(path.join(outside, 'secret.csl'), readFileSync('/usr/share/citation-style-language/styles/apa.csl', 'utf8').replace('<title>', `<title>${CANARY} `));
});

afterAll(() => rmSync(outside, { recursive: true, force: true }));

describe('a symbolic link out of the folder is an error naming the link', () => {
  test('a part', () => {
    const { root, dir } = builtManuscript();
    symlinkSync(path.join(outside, 'secret.md'), path.join(dir, 'part-2.md'));
    expectRefused(root, `manuscript/part-2.md:1:1: error: part-2.md is a symbolic link to ${outside}/secret.md, outside the manuscript folder: pamphlet never reads outside it`);
  });

  test('pamphlet.yaml', () => {
    const { root, dir } = builtManuscript();
    rmSync(path.join(dir, 'pamphlet.yaml'));
    symlinkSync(path.join(outside, 'secret.yaml'), path.join(dir, 'pamphlet.yaml'));
    expectRefused(root, `manuscript/pamphlet.yaml:1:1: error: pamphlet.yaml is a symbolic link to ${outside}/secret.yaml, outside the manuscript folder: pamphlet never reads outside it`);
  });

  test('the bibliography, at its line in pamphlet.yaml', () => {
    const { root, dir } = builtManuscript();
    rmSync(path.join(dir, 'references.bib'));
    symlinkSync(path.join(outside, 'secret.bib'), path.join(dir, 'references.bib'));
    expectRefused(root, `manuscript/pamphlet.yaml:4:15: error: the bibliography must be a file inside the manuscript folder: references.bib is a symbolic link to ${outside}/secret.bib, outside the manuscript folder: pamphlet never reads outside it`);
  });

  test('an image, at its place in the part', () => {
    const { root, dir } = builtManuscript();
    mkdirSync(path.join(dir, 'images'));
    symlinkSync(path.join(outside, 'secret.png'), path.join(dir, 'images', 'cover.png'));
    appendFileSync(path.join(dir, 'part-1.md'), '\nThe cover: ![The cover](images/cover.png)\n');
    expectRefused(root, `manuscript/part-1.md:20:12: error: image outside the manuscript folder is not allowed: images/cover.png is a symbolic link to ${outside}/secret.png, outside the manuscript folder: pamphlet never reads outside it`);
  });

  test("a picture named from a static site's root, whose `static/` folder is a link out of the folder: refused, the link named", () => {
    const { root, dir } = builtManuscript();
    symlinkSync(outside, path.join(dir, 'static'));
    appendFileSync(path.join(dir, 'part-1.md'), '\nThe cover: ![The cover](/secret.png)\n');
    expectRefused(root, `manuscript/part-1.md:20:12: error: image outside the manuscript folder is not allowed: static is a symbolic link to ${outside}, outside the manuscript folder: pamphlet never reads outside it`);
  });

  test('an image by reference (`![x][ref]`), at the reference', () => {
    const { root, dir } = builtManuscript();
    mkdirSync(path.join(dir, 'images'));
    symlinkSync('/etc/passwd', path.join(dir, 'images', 'chart.png'));
    appendFileSync(path.join(dir, 'part-1.md'), '\nAs the ![chart][Fig] shows.\n\n[fig]: images/chart.png\n');
    expectRefused(root, 'manuscript/part-1.md:20:8: error: image outside the manuscript folder is not allowed: images/chart.png is a symbolic link to /etc/passwd, outside the manuscript folder: pamphlet never reads outside it');
  });

  test('a folder on the way to an image: the folder is the link named', () => {
    const { root, dir } = builtManuscript();
    symlinkSync(outside, path.join(dir, 'images'));
    appendFileSync(path.join(dir, 'part-1.md'), '\n![The cover](images/secret.png)\n');
    expectRefused(root, `manuscript/part-1.md:20:1: error: image outside the manuscript folder is not allowed: images is a symbolic link to ${outside}, outside the manuscript folder: pamphlet never reads outside it`);
  });

  test('a CSL style file, at `citation-style`', () => {
    const { root, dir } = builtManuscript();
    mkdirSync(path.join(dir, 'styles'));
    symlinkSync(path.join(outside, 'secret.csl'), path.join(dir, 'styles', 'house.csl'));
    const yaml = path.join(dir, 'pamphlet.yaml');
    writeFileSync(yaml, readFileSync(yaml, 'utf8').replace('chicago-fullnote-bibliography-with-ibid', 'styles/house.csl'));
    expectRefused(root, `manuscript/pamphlet.yaml:5:17: error: a CSL style file must be inside the manuscript folder: styles/house.csl is a symbolic link to ${outside}/secret.csl, outside the manuscript folder: pamphlet never reads outside it`);
  });

  test('a style looked up by id in styles/', () => {
    const { root, dir } = builtManuscript();
    mkdirSync(path.join(dir, 'styles'));
    symlinkSync(path.join(outside, 'secret.csl'), path.join(dir, 'styles', 'house.csl'));
    const yaml = path.join(dir, 'pamphlet.yaml');
    writeFileSync(yaml, readFileSync(yaml, 'utf8').replace('chicago-fullnote-bibliography-with-ibid', 'house'));
    expectRefused(root, `manuscript/pamphlet.yaml:5:17: error: CSL style manuscript/styles/house.csl: house.csl is a symbolic link to ${outside}/secret.csl, outside manuscript/styles: pamphlet never reads outside it`);
  });

  test('styles/ itself', () => {
    const { root, dir } = builtManuscript();
    symlinkSync(outside, path.join(dir, 'styles'));
    expectRefused(root, `manuscript/pamphlet.yaml:5:17: error: CSL styles are looked up in styles/, but styles is a symbolic link to ${outside}, outside the manuscript folder: pamphlet never reads outside it`);
  });
});

describe('paths spelled out of the folder', () => {
  test('`citation-style: ../../x` is not a style id, so no style is loaded from outside', () => {
    const { root, dir } = builtManuscript();
    // Were it taken as an id, ../../<outside>/secret would find secret.csl.
    const spelled = path.relative(path.join(dir, 'styles'), path.join(outside, 'secret'));
    const yaml = path.join(dir, 'pamphlet.yaml');
    writeFileSync(yaml, readFileSync(yaml, 'utf8').replace('chicago-fullnote-bibliography-with-ibid', spelled));
    expectRefused(root, `manuscript/pamphlet.yaml:5:17: error: \`citation-style\` is a CSL style id such as apa or chicago-author-date (letters, digits, '.', '-', '_'; no path), or the path of a .csl file inside the manuscript folder, not “${spelled}”`);
  });

  test('`csl-styles` outside the folder (and not Debian\'s) is an error at its line', () => {
    const { root, dir } = builtManuscript();
    appendFileSync(path.join(dir, 'pamphlet.yaml'), `csl-styles: ${outside}\n`);
    expectRefused(root, `manuscript/pamphlet.yaml:6:13: error: \`csl-styles\` must be a folder inside the manuscript folder or /usr/share/citation-style-language, not ${outside}`);
  });

  test('a FIFO named like a part is an error, not a hang', () => {
    const { root, dir } = builtManuscript();
    execFileSync('mkfifo', [path.join(dir, 'part-2.md')]);
    expectRefused(root, 'manuscript/part-2.md:1:1: error: part-2.md is not a regular file: a part is a Markdown file');
  });
});

describe('links that stay inside the folder are followed', () => {
  test('a part linked from elsewhere in the folder builds', () => {
    const { root, dir } = builtManuscript();
    mkdirSync(path.join(dir, 'drafts'));
    writeFileSync(path.join(dir, 'drafts', 'second.txt'), '---\ntitle: The Second Part\npart: 2\n---\n\nInside the folder.\n');
    symlinkSync(path.join('drafts', 'second.txt'), path.join(dir, 'part-2.md'));
    const result = pamphlet(['build', 'manuscript', '--format', 'html', '--out', 'dist', '--quiet'], root);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(readFileSync(path.join(root, 'dist', 'citation-tests-2.html'), 'utf8')).toContain('Inside the folder.');
  });
});

describe('preview serves nothing through a link out of the folder', () => {
  const PORT = 40000 + ((process.pid + 7) % 20000);
  const base = `http://127.0.0.1:${PORT}`;
  let server: ChildProcess;
  let root: string;

  beforeAll(async () => {
    root = copyFixture('basic');
    const dir = path.join(root, 'manuscript');
    mkdirSync(path.join(dir, 'images'));
    // /etc/passwd under an image's name, and a canary PNG: both real files outside.
    symlinkSync('/etc/passwd', path.join(dir, 'images', 'passwd.png'));
    symlinkSync('/etc/passwd', path.join(dir, 'passwd.svg'));
    symlinkSync(path.join(outside, 'secret.png'), path.join(dir, 'images', 'secret.png'));
    symlinkSync(outside, path.join(dir, 'elsewhere'));
    cpSync(path.join(outside, 'secret.png'), path.join(dir, 'images', 'inside.png'));
    server = spawn(process.execPath, [path.resolve(import.meta.dirname, '../bin/pamphlet.js'), 'preview', 'manuscript', '--port', String(PORT)], { cwd: root, stdio: ['ignore', 'ignore', 'pipe'] });
    await new Promise<void>((resolve, reject) => {
      server.stderr?.on('data', (chunk: Buffer) => {
        if (String(chunk).includes('preview of')) resolve();
      });
      server.once('exit', (code) => reject(new Error(`preview exited with ${code}`)));
    });
  });

  afterAll(() => {
    server.kill('SIGINT');
  });

  test.each([
    ['/images/passwd.png'],
    ['/passwd.svg'],
    ['/images/secret.png'],
    ['/elsewhere/secret.png'],
    ['/images/%2e%2e/elsewhere/secret.png'],
    ['/%2Fetc%2Fpasswd.png'],
    ['/images/50%.png'],
  ])('%s → 404, and not a byte of the target', async (url) => {
    const response = await fetch(`${base}${url}`);
    const body = await response.text();
    expect(response.status).toBe(404);
    expect(body).not.toContain('root:');
    expect(body).not.toContain(CANARY);
  });

  test('an image really inside the folder is served', async () => {
    const response = await fetch(`${base}/images/inside.png`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('image/png');
  });
});

test('no output of any refused build holds the canary', () => {
  // Belt and braces over the tests above: nothing they ran wrote the canary anywhere under a dist/.
  const { root, dir } = builtManuscript();
  symlinkSync(path.join(outside, 'secret.md'), path.join(dir, 'part-2.md'));
  pamphlet(['build', 'manuscript', '--format', 'epub,html', '--out', 'dist'], root);
  for (const name of outputsIn(path.join(root, 'dist'))) expect(readFileSync(path.join(root, 'dist', name)).includes(CANARY)).toBe(false);
  expect(outputsIn(path.join(root, 'dist'))).toEqual([EARLIER]);
});
