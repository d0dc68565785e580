// MyST's targets and roles (src/pipeline/remark-myst-roles.ts), in process: Jupyter Book's page on
// citations as its v1 documentation wrote it (tests/fixtures/any-manuscript/jupyter-book-citations,
// BSD-3-Clause), with its bibliography; and the roles MyST-Parser documents, one by one.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { body, load, onePart, onePartRefused, outsideCode } from './helpers.js';

const FIXTURE = path.resolve(import.meta.dirname, '../fixtures/any-manuscript/jupyter-book-citations');
const book = () => Object.fromEntries(['pamphlet.yaml', 'citations.md', 'references.bib'].map((name) => [name, readFileSync(path.join(FIXTURE, name), 'utf8')]));
const BIB = readFileSync(path.join(FIXTURE, 'references.bib'), 'utf8');

describe("Jupyter Book's page on citations", () => {
  test('its `{cite:…}` roles are citations of its bibliography, `{cite:t}` naming the authors; its target and its `{bibliography}` print nothing', () => {
    const loaded = load(book());
    expect(loaded.messages.filter((m) => / error: /.test(m))).toEqual([]);
    const part = loaded.manuscript.parts[0]!;
    // Titled by its heading: the `(content:citations)=` line before it prints nothing.
    expect(part.meta.title).toBe('Citations and bibliographies');
    const html = body(part);
    const lines = [...html.matchAll(/<li>The citation <code>\{cite:(\w+)\}`perez2011python`<\/code> results in(.*?)<a class="noteref"/g)].map((m) => `${m[1]}:${m[2]}`);
    expect(lines).toEqual(['p:', 't: Perez, Granger, and Hunter', 'ps:', 'ts: Perez, Granger, and Hunter']);
    expect(outsideCode(html)).not.toMatch(/\{cite|\{bibliography\}|\(citations\/bibliography\)=|\(content:citations\)=/);
    // The target is an anchor at the heading it names.
    expect(html).toMatch(/<h2 id="example-bibliography"><span id="anchor-citations-bibliography"><\/span>Example Bibliography<\/h2>/);
    expect(part.bibliography?.entries).toHaveLength(1);
  });
});

describe("MyST's roles and targets", () => {
  test('a reference links to its target in this part, titled by its words or the heading; elsewhere its words', () => {
    const { doc, messages } = onePart('(intro-label)=\n## Introduction\n\nBack to {ref}`intro-label`, {ref}`the start <intro-label>`, {numref}`other-page-label`, {doc}`other/page` and {term}`Markedly`.\n');
    expect(messages).toEqual([]);
    expect(body(doc)).toContain('<p id="p1" data-pn="1">Back to <a href="#intro-label">Introduction</a>, <a href="#intro-label">the start</a>, other-page-label, other/page and Markedly.</p>');
    expect(body(doc)).toContain('<h2 id="introduction"><span id="intro-label"></span>Introduction</h2>');
  });

  test('inline roles: their HTML, their code or their words; a role pamphlet does not know stays as written', () => {
    const { doc } = onePart('H{sub}`2`O, E = mc{sup}`2`, {kbd}`Ctrl`, {abbr}`MyST (Markedly Structured Text)`, {math}`x^2`, {guilabel}`&Cancel`, {menuselection}`File --> Save`, {file}`a.txt` and {nonsense}`kept`.\n');
    expect(body(doc)).toBe('<p id="p1" data-pn="1">H<sub>2</sub>O, E = mc<sup>2</sup>, <kbd>Ctrl</kbd>, <abbr title="Markedly Structured Text">MyST</abbr>, <math xmlns="http://www.w3.org/1998/Math/MathML" alttext="x^2"><semantics><msup><mi>x</mi><mn class="tml-sml-pad">2</mn></msup><annotation encoding="application/x-tex">x^2</annotation></semantics></math>, Cancel, File → Save, <code>a.txt</code> and {nonsense}<code>kept</code>.</p>');
  });

  test('a citation of keys the bibliography lacks: printed as typed with a warning, or an error beside known ones', () => {
    const files = { 'references.bib': BIB };
    const yaml = 'series: S\nbibliography: references.bib\n';
    const { doc, messages } = onePart('As {cite}`nokey` said.\n', { yaml, files });
    expect(body(doc)).toContain('As {cite}<code>nokey</code> said.');
    expect(messages.filter((m) => /nokey/.test(m))).toEqual(["part-1.md:6:10: warning: `{cite}` cites `nokey`, which the bibliography does not hold: printed as typed"]);
    expect(onePartRefused('As {cite:p}`perez2011python,nokey` said.\n', { yaml, files }).filter((m) => /nokey/.test(m))).toEqual(['part-1.md:6:12: error: unknown citation key `nokey`: no entry with this key in the bibliography']);
  });
});
