// Jupyter notebooks as parts (src/files/notebook.ts), in process: two of the Jupyter Notebook's
// own example notebooks (tests/fixtures/any-manuscript/jupyter-notebooks, BSD-3-Clause), and
// notebooks written here for what those two lack (pictures, tags, a traceback, broken JSON).
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { body, load, outsideCode, refused } from './helpers.js';

const FIXTURE = path.resolve(import.meta.dirname, '../fixtures/any-manuscript/jupyter-notebooks');
const notebooks = (): Record<string, string> => Object.fromEntries(readdirSync(FIXTURE).filter((file) => file !== 'LICENSE').map((file) => [file, readFileSync(path.join(FIXTURE, file), 'utf8')]));

/** A notebook of `cells`, as Jupyter writes one (indented, each line of a source its own string). */
function notebook(cells: object[], language = 'python'): string {
  return `${JSON.stringify({ cells, metadata: { kernelspec: { display_name: language, language, name: language } }, nbformat: 4, nbformat_minor: 5 }, null, 1)}\n`;
}
const lines = (text: string): string[] => text.split(/(?<=\n)/u);
const markdown = (text: string, extra: object = {}) => ({ cell_type: 'markdown', metadata: {}, source: lines(text), ...extra });
const code = (text: string, outputs: object[] = [], tags: string[] = []) => ({ cell_type: 'code', execution_count: 1, metadata: tags.length ? { tags } : {}, outputs, source: lines(text) });
/** A PNG of one pixel. */
const PIXEL = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';

describe("the Jupyter Notebook's own examples", () => {
  test('"Running Code": its Markdown cells as text, its code cells as Python, each followed by what it printed; the toolbar buttons keys', () => {
    const loaded = load(notebooks());
    expect(loaded.messages.filter((m) => / (error|warning): /.test(m))).toEqual([]);
    const doc = loaded.manuscript.parts.find((part) => part.meta.title === 'Running Code');
    expect(doc).toBeDefined();
    const html = body(doc!);
    expect(html).toContain('<pre><code class="language-python">print(a)\n</code></pre>\n<pre><code class="language-output">10\n</code></pre>');
    expect(html).toContain('pressing the <kbd><i></i></kbd> button in the toolbar above');
    expect(outsideCode(html)).not.toMatch(/cell_type|"source"|execution_count|<button/);
  });

  test('"Typesetting Equations": MathJax\'s TeX set, `$$\\begin{equation*}` … `\\end{equation*}$$` one formula and eqnarray an array', () => {
    const loaded = load(notebooks());
    const doc = loaded.manuscript.parts.find((part) => /Typesetting/.test(part.meta.sourcePath ?? ''));
    const html = body(doc!);
    // Its nine examples set apart (`$\begin{align}…\end{align}$` too, as MathJax sets it), each also shown as source in code.
    expect((html.match(/<math [^>]*display="block"/g) ?? []).length).toBeGreaterThanOrEqual(9);
    // No TeX as text: only in code (the examples' sources) and in each formula's alternative text.
    expect(outsideCode(html).replace(/<math [^]*?<\/math>/gu, '')).not.toMatch(/\$\$|\\begin\{/);
  });
});

describe('a notebook written as an author writes one', () => {
  test('outputs: a picture (its text form the alt), a result, a traceback without its colours; tags and Quarto options hide what they say', () => {
    const files = {
      'pamphlet.yaml': 'series: S\n',
      'analysis.ipynb': notebook([
        { cell_type: 'raw', metadata: {}, source: lines('---\ntitle: "An Analysis"\n---\n') },
        markdown('## The data\n\nA plot:'),
        code('plt.plot(x)', [{ output_type: 'display_data', metadata: {}, data: { 'image/png': `${PIXEL}\n`, 'text/plain': ['<Figure size 640x480 with 1 Axes>'] } }]),
        code('1 + 1', [{ output_type: 'execute_result', execution_count: 2, metadata: {}, data: { 'text/plain': ['2'], 'text/html': ['<div><style scoped>td{}</style><table border="1"><tr><td>2</td></tr></table></div>'] } }]),
        code('1 / 0', [{ output_type: 'error', ename: 'ZeroDivisionError', evalue: 'division by zero', traceback: ['\u001b[0;31mZeroDivisionError\u001b[0m                         Traceback (most recent call last)', '\u001b[0;31mZeroDivisionError\u001b[0m: division by zero'] }]),
        code('secret_setup()', [], ['remove-input']),
        code('hidden()', [{ output_type: 'stream', name: 'stdout', text: ['not shown\n'] }], ['remove-cell']),
        code('#| echo: false\nshown_output()', [{ output_type: 'stream', name: 'stdout', text: ['output shown\n'] }]),
        markdown('Pasted: ![chart.png](attachment:chart.png)', { attachments: { 'chart.png': { 'image/png': PIXEL } } }),
      ]),
    };
    const loaded = load(files);
    // The plot has no words to describe it, and one pixel prints soft: said at its output in the notebook.
    expect(loaded.messages.filter((m) => / (error|warning): /.test(m) && !/image embedded as a data: URL prints at/.test(m))).toEqual(['analysis.ipynb:26:6: warning: image without alt text: describe it for readers who cannot see it']);
    const doc = loaded.manuscript.parts[0]!;
    expect(doc.meta.title).toBe('An Analysis');
    const html = body(doc);
    expect(html).toContain('<pre><code class="language-python">plt.plot(x)\n</code></pre>');
    // The object's default name says nothing of the picture: no alt text from it.
    expect(html).toMatch(/<img src="[^"]+" alt="">/);
    expect(html).toContain('<pre><code class="language-output">2\n</code></pre>');
    expect(html).not.toMatch(/<table|<style/);
    expect(html).toContain('ZeroDivisionError: division by zero');
    expect(html).not.toContain('\u001b');
    expect(html).not.toMatch(/secret_setup|hidden\(\)|not shown|shown_output|#\|/);
    expect(html).toContain('output shown');
    expect((html.match(/<img /g) ?? []).length).toBe(2);
  });

  test('a diagnostic is placed at the line and column of the notebook the author has', () => {
    const text = notebook([markdown('# Title\n\nIntro.'), markdown('A broken [link](#nowhere) here.')]);
    const line = text.split('\n').findIndex((l) => l.includes('A broken')) + 1;
    const column = (text.split('\n')[line - 1] ?? '').indexOf('[link]') + 1;
    expect(refused({ 'pamphlet.yaml': 'series: S\n', 'notes.ipynb': text })).toEqual([expect.stringMatching(new RegExp(`^notes\\.ipynb:${line}:${column}: error: `))]);
  });

  test('a file that is no notebook: an error at the place its JSON stops reading, or at its start', () => {
    expect(refused({ 'pamphlet.yaml': 'series: S\n', 'broken.ipynb': '{\n "cells": [\n  {"cell_type": "markdown",\n' })).toEqual([expect.stringMatching(/^broken\.ipynb:4:1: error: not a notebook: its JSON does not read/)]);
    expect(refused({ 'pamphlet.yaml': 'series: S\n', 'other.ipynb': '{"nbformat": 3, "worksheets": []}\n' })).toEqual(['other.ipynb:1:1: error: not a Jupyter notebook: no `cells` list (nbformat 4)']);
    // As an attacker writes one: 200,000 brackets overflowed the JSON reader's stack ("Maximum call stack size exceeded", no place).
    expect(refused({ 'pamphlet.yaml': 'series: S\n', 'deep.ipynb': `{"cells": ${'['.repeat(200_000)}${']'.repeat(200_000)}}` })).toEqual(['deep.ipynb:1:266: error: not a notebook: its JSON nests more than 256 deep']);
  });
});
