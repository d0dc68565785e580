/**
 * TeX math set as MathML, by Temml (a TeX-to-MathML library by a KaTeX maintainer, made for
 * the MathML Core that Chromium lays out since version 109): the `$…$` and `$$…$$` that
 * dollar-math.ts reads, GitHub's ```` ```math ```` fence and MyST's ```` ```{math} ````.
 *
 * MathML is the one form of a formula every output shares: EPUB 3 requires reading systems to
 * take it (the package marks each file that holds some, epub/package.ts), Chromium lays it out
 * for the PDF, the handout and the booklet, in STIX Two Math (page-css.ts), and it stays text
 * that a screen reader speaks; the TeX rides along as its annotation and its `alttext`.
 * Temml runs untrusted (`\href`, `\url`, `\includegraphics` and `\html…` are refused) and with
 * its bound on macro expansions, so `\def\a{\a\a}\a` stops at once; rehype-sanitize.ts then
 * holds what it made to an allow-list of MathML's elements and attributes.
 *
 * A formula TeX cannot read is an error at its place in the part: the book would otherwise
 * print what the author did not mean. The commonest cause, a dollar sign of money read as the
 * start of a formula, is named in the message.
 */
import { createRequire } from 'node:module';
import type { Code, Paragraph, Root, RootContent, Text } from 'mdast';
import type { InlineMath, Math } from 'mdast-util-math';
import type { Element, ElementContent } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import type { Point } from 'unist';
import { visit } from 'unist-util-visit';
import type { VFile } from 'vfile';
import { error } from '../diagnostics.js';
import { CLOSING_FENCE } from './dollar-math.js';
import { BOOKDOWN_EQUATION, equationIdOf, equationLabelOf } from './numbered-labels.js';
// Its types declare the `inlineMath` and `math` nodes in mdast's content.
import type {} from 'mdast-util-math';

interface TemmlOptions {
  displayMode: boolean;
  annotate: boolean;
  throwOnError: boolean;
  trust: boolean;
  strict: boolean;
  xml: boolean;
  maxExpand: number;
}
interface Temml {
  renderToString(tex: string, options: TemmlOptions): string;
}
/** Temml's ParseError: its message, and where in the formula it arose. */
interface TemmlError extends Error {
  position?: number;
}

const require = createRequire(import.meta.url);
let temml: Temml | undefined;
/** Temml (about 500 KB) is loaded only for a part that holds a formula. */
function loadTemml(): Temml {
  temml ??= require('temml') as Temml;
  return temml;
}

/** The languages of a fenced block that holds display math: GitHub's, and MyST's directive. */
const MATH_FENCES = new Set(['math', '{math}']);
/** A MyST directive's option line (`:label: euler`), at the top of its body. */
const MYST_OPTION = /^:[\w-]+:.*$/;

export default function remarkMath() {
  return (tree: Root, file: VFile): void => {
    /** The formulas' ids given so far: a second formula by one label gets none. */
    const ids = new Set<string>();
    visit(tree, (node, index, parent) => {
      if (node.type === 'code' && node.lang && MATH_FENCES.has(node.lang) && parent && index !== undefined) {
        const equations = fencedMath(node);
        parent.children.splice(index, 1, ...(equations as RootContent[]));
        for (const math of equations) setAsMathMl(math, file, ids);
        return index + equations.length;
      }
      if (node.type === 'paragraph' && parent && index !== undefined) {
        const environment = bareEnvironment(node, file);
        if (!environment) return;
        const math: Math = { type: 'math', value: environment, ...(node.position ? { position: node.position } : {}) };
        // What TeX cannot read there stays the paragraph it was, with a warning: it was written in no math delimiters.
        if (!canSet(environment)) {
          file.message(`\`\\begin{${/\\begin\{([^}*]*)/.exec(environment)?.[1] ?? ''}}\` is not a TeX environment pamphlet can set: printed as written`, { ...(node.position ? { place: node.position } : {}), ruleId: 'math-as-text', source: 'pamphlet' });
          return;
        }
        parent.children[index] = math as RootContent;
        setAsMathMl(math, file, ids);
        return;
      }
      if (node.type !== 'inlineMath' && node.type !== 'math') return;
      if (node.type === 'math' && unclosed(node, file)) {
        error(file, 'a `$$` formula with no closing `$$`: it would run on to the end of the part (or of its quotation or list item); close it with `$$` on a line of its own, or write a dollar sign as `\\$`', { ...(node.position ? { place: node.position.start } : {}), ruleId: 'math', source: 'pamphlet' });
        return;
      }
      const asWritten = setAsMathMl(node, file, ids);
      if (asWritten && parent && index !== undefined) parent.children[index] = asWritten as RootContent;
    });
  };
}

/**
 * A fence's formulas. MyST's directive, as Sphinx reads it, holds one equation per paragraph,
 * each of whose lines may be aligned at `&` and ended by `\\` (Sphinx sets each in `split`).
 */
function fencedMath(node: Code): Math[] {
  const at = node.position ? { position: node.position } : {};
  if (node.lang !== '{math}') return [{ type: 'math', value: node.value.trim(), ...at }];
  const lines = node.value.split('\n');
  while (lines.length > 0 && MYST_OPTION.test(lines[0]!)) lines.shift();
  return lines
    .join('\n')
    .split(/\n[ \t]*\n/)
    .map((equation) => equation.trim())
    .filter((equation) => equation.length > 0)
    .map((equation) => ({ type: 'math', value: /&|\\\\/.test(equation) && !/\\begin\{/.test(equation) ? aligned(equation) : equation, ...at }));
}

/** amsmath's display environments, which bookdown and Jupyter write with no dollars around them. */
const BARE_ENVIRONMENT = /^\\begin\{(equation|align|gather|alignat|multline|eqnarray)(\*?)\}(?:\{\d+\})?[^]*\\end\{\1\2\}$/u;

/**
 * A paragraph that is one amsmath environment, `\begin{equation}` … `\end{equation}`, as
 * written (Markdown's escapes would have taken `\\` and `\#` from the TeX): its source.
 */
function bareEnvironment(node: Paragraph, file: VFile): string | undefined {
  const start = node.position?.start.offset;
  const end = node.position?.end.offset;
  if (start === undefined || end === undefined || !String(file.value).startsWith('\\begin{', start)) return undefined;
  const written = String(file.value).slice(start, end).trim();
  // In a quotation its lines carry the quotation's marks: not read there.
  if (!BARE_ENVIRONMENT.test(written) || /\n[ \t]*>/u.test(written) || nestingOf(written).depth > MAX_DEPTH) return undefined;
  return written;
}

/** Whether Temml sets `tex` (a bare environment is math only where it does). */
function canSet(tex: string): boolean {
  try {
    const written = withoutBookdownLabel(tex);
    mathMl(EQNARRAY.test(written) ? asArray(written) : written, true);
    return true;
  } catch {
    return false;
  }
}

/**
 * Whether a `$$` block has no closing fence: micromark-extension-math, as CommonMark does for a
 * code fence, runs one to the end of its container, so a stray `$$` made the rest of the part
 * one formula (the fuzz test, 2026-12-07). Pandoc and GitHub read no formula there.
 */
function unclosed(node: Math, file: VFile): boolean {
  const start = node.position?.start.offset;
  const end = node.position?.end.offset;
  if (start === undefined || end === undefined) return false;
  const written = String(file.value).slice(start, end);
  // A fenced block (```math) is a code fence's; only the dollars' own need their closing line.
  if (!written.trimStart().startsWith('$$')) return false;
  const lines = written.split('\n');
  // (The closing fence may carry a label, MyST's `$$ (eq-1)` or Quarto's `$$ {#eq-1}`: dollar-math.ts.)
  return lines.length < 2 || !CLOSING_FENCE.test(lines.at(-1) ?? '');
}

/** A formula of aligned lines, as Sphinx sets a display one. */
function aligned(tex: string): string {
  return `\\begin{aligned}${tex}\\end{aligned}`;
}

/** How deep braces, `\left…\right` and environments may nest in a formula: Temml and the tree's walkers recurse. */
const MAX_DEPTH = 100;

/** amsmath's numbered environments, opening and closing (their starred forms number nothing). */
const NUMBERED = /(\\(?:begin|end)\{(?:equation|align|gather|alignat|multline))\}/gu;

/** A formula that is one of amsmath's display environments, whole. */
const DISPLAY_ENVIRONMENT = /^\\begin\{(equation|align|gather|alignat|multline|eqnarray)(\*?)\}[^]*\\end\{\1\2\}$/u;

/** amsmath's `eqnarray` (MathJax sets it; Temml has no such environment). */
const EQNARRAY = /\\begin\{eqnarray\*?\}/u;

/** `eqnarray` written as the array it is (`rcl`, repeated for rows with more columns, as MathJax lays them out). */
function asArray(tex: string): string {
  return tex.replace(/\\begin\{eqnarray\*?\}([^]*?)\\end\{eqnarray\*?\}/gu, (_whole, body: string) => {
    const columns = Math.max(3, ...body.split(/\\\\/u).map((row) => row.split('&').length));
    return `\\begin{array}{${'rcl'.repeat(Math.ceil(columns / 3))}}${body}\\end{array}`;
  });
}

/**
 * The formula without its bookdown label, and the blanks before it. (Not one pattern with
 * `[ \t]*` before the label: tried at every blank of a long run, it took 2 s on 50,000 of them.)
 */
function withoutBookdownLabel(tex: string): string {
  const found = BOOKDOWN_EQUATION.exec(tex);
  if (!found) return tex;
  let end = found.index;
  while (end > 0 && (tex[end - 1] === ' ' || tex[end - 1] === '\t')) end--;
  return tex.slice(0, end) + tex.slice(found.index + found[0].length);
}

/**
 * Sets the node's MathML as the hast it stands for. A formula TeX cannot read is an error,
 * unless it is between single dollar signs: those may be prose that happens to hold two (GitHub's
 * own help writes "uses $\` and \`$ delimiters"), which is then printed as written, with a
 * warning; the text node to put in its place is returned.
 */
function setAsMathMl(node: InlineMath | Math, file: VFile, ids: Set<string>): Text | undefined {
  // `$$…$$` in a line is a formula set apart there, as Pandoc and GitHub set it.
  let tex = node.value.trim();
  // … and so is a display environment between single dollars, as Jupyter's own help writes
  // `$\begin{align}` … `\end{align}$` (MathJax sets it apart; TeX refuses it in a line).
  const display = node.type === 'math' || (node.type === 'inlineMath' && (sourceOf(node, file)?.startsWith('$$') === true || DISPLAY_ENVIRONMENT.test(tex)));
  // bookdown's equation label, `(\#eq:binom)`, which TeX would print: it goes, the formula
  // numbered by it and keeping it as its id (below).
  const label = node.type === 'math' || (display && sourceOf(node, file)?.startsWith('$$')) ? equationLabelOf(tex, node.position?.end.line, file) : undefined;
  if (BOOKDOWN_EQUATION.test(tex)) tex = withoutBookdownLabel(tex).trim();
  // MathJax's `eqnarray`, which Temml has not: the array of right, centred and left columns it is.
  if (EQNARRAY.test(tex)) tex = asArray(tex);
  // Unnumbered by TeX: a numbered environment gives Temml's number column, with HTML in its MathML; a labelled formula's number is set beside it (below).
  tex = tex.replace(NUMBERED, '$1*}');
  // GitHub's and GitLab's $`…`$, for a formula holding what Markdown would read.
  const backticks = node.type === 'inlineMath' && tex.length > 1 && tex.startsWith('`') && tex.endsWith('`');
  if (backticks) tex = tex.slice(1, -1).trim();
  const written = singleDollarSource(node, file);
  const fail = (reason: string, offset?: number): Text | undefined => {
    if (written !== undefined && !backticks) {
      file.message(`\`${written}\` is not TeX math pamphlet can set (${reason}): printed as written; a dollar sign of money is written \`\\$\``, { ...(node.position ? { place: node.position } : {}), ruleId: 'math-as-text', source: 'pamphlet' });
      // Markdown's escapes, as the text would have read without the dollar signs.
      return { type: 'text', value: written.replace(MARKDOWN_ESCAPE, '$1'), ...(node.position ? { position: node.position } : {}) };
    }
    error(file, `TeX math that cannot be set: ${reason}`, { place: placeIn(node, file, tex, offset), ruleId: 'math', source: 'pamphlet' });
    return undefined;
  };
  const depth = nestingOf(tex);
  if (depth.depth > MAX_DEPTH) return fail(`nested more than ${MAX_DEPTH} deep`, depth.at);
  let math: Element | undefined;
  try {
    math = mathMl(tex, display);
  } catch (thrown) {
    const problem = thrown as TemmlError;
    if (problem instanceof RangeError) return fail('nested too deep');
    // Between double dollars or in a fence (never between single ones, which may be prose:
    // `$\` and \`$` would read as TeX), what TeX cannot read is read again as its writers meant:
    // - Google Docs' Markdown export escapes TeX as it escapes text (`$$e^{i\\pi } \= \-1$$`),
    //   so Markdown's escapes taken back;
    // - Sphinx (and so MyST) sets a display formula whose lines end in `\\` or align at `&` in
    //   an aligned environment of its own, where TeX alone would refuse the `&`.
    const again = written === undefined ? [tex.replace(MARKDOWN_ESCAPE, '$1'), ...(/&|\\\\/.test(tex) && !/\\begin\{/.test(tex) ? [aligned(tex)] : [])] : [];
    for (const candidate of again.filter((text) => text !== tex)) {
      try {
        math = mathMl(candidate, display);
        tex = candidate;
        break;
      } catch {
        // The first complaint is the one to report.
      }
    }
    // Temml's message ends with the formula, each letter underlined by combining marks: ours places it instead.
    const reason = problem.message.replace(/ at (position \d+|end of input):[^]*$/, '').replace(/^Temml parse error: /i, '').trim();
    if (!math) return fail(reason, problem.position);
  }
  if (!math) return undefined;
  // Places in Temml's markup, not in the part.
  visit(math, (inner) => {
    delete inner.position;
  });
  inMstyle(math);
  // For a reading system that shows no MathML, and a screen reader that reads none.
  math.properties = { ...math.properties, alttext: tex };
  const children: ElementContent[] = math.children;
  // MyST's `$$ (label)`, Quarto's `$$ {#label}` (dollar-math.ts) and bookdown's `(\#eq:label)`: the
  // formula is where `#label` leads, numbered as its part numbers it (numbered-labels.ts), "(1)" at the right.
  const labelId = label ? equationIdOf(label) : undefined;
  // A label given twice names the first formula: the second has no anchor (two would make the EPUB
  // invalid, epubcheck's RSC-005) and no number, as the second table by one label has none.
  const id = labelId && !ids.has(labelId) ? labelId : undefined;
  if (id) ids.add(id);
  if (labelId && !id) file.message(`formula label \`${label}\` is named twice: links to it go to the first; this one has no anchor and no number`, { ...(node.position ? { place: node.position } : {}), ruleId: 'duplicate-anchor', source: 'pamphlet' });
  const numbered = id ? file.data.numbered?.get(id) : undefined;
  const number = numbered && numbered.label === label ? numbered.number : undefined;
  if (node.type === 'math') {
    node.data = {
      hName: 'div',
      hProperties: { className: number === undefined ? ['math-display'] : ['math-display', 'math-numbered'], ...(id ? { id } : {}) },
      hChildren: [{ ...math, children }, ...(number === undefined ? [] : [equationNumber(number)])],
    };
  } else if (number !== undefined && id) {
    // `$$ … (\#eq:label) $$` in a line: the formula and its number set apart there.
    node.data = { hName: 'span', hProperties: { className: ['math-numbered'], id }, hChildren: [{ ...math, children }, equationNumber(number)] };
  } else node.data = { hName: 'math', hProperties: math.properties, hChildren: children };
  return undefined;
}

/** A formula's number, as Quarto, bookdown and MyST print it: "(1)". */
function equationNumber(number: number): Element {
  return { type: 'element', tagName: 'span', properties: { className: ['equation-number'] }, children: [{ type: 'text', value: `(${number})` }] };
}

/** The source of a formula between single dollar signs, as written; undefined for any other. */
function singleDollarSource(node: InlineMath | Math, file: VFile): string | undefined {
  const source = node.type === 'inlineMath' ? sourceOf(node, file) : undefined;
  return source?.startsWith('$') && !source.startsWith('$$') ? source : undefined;
}

function sourceOf(node: InlineMath | Math, file: VFile): string | undefined {
  const start = node.position?.start.offset;
  const end = node.position?.end.offset;
  return start === undefined || end === undefined ? undefined : String(file.value).slice(start, end);
}

/** Markdown's backslash escape of ASCII punctuation. */
const MARKDOWN_ESCAPE = /\\([!-/:-@[-`{-~])/g;

/** The formula as a MathML element, from Temml's markup (Temml throws what it cannot read). */
function mathMl(tex: string, display: boolean): Element | undefined {
  const markup = loadTemml().renderToString(tex, { displayMode: display, annotate: true, throwOnError: true, trust: false, strict: false, xml: true, maxExpand: 1000 });
  return fromHtml(markup, { fragment: true }).children.find((child): child is Element => child.type === 'element' && child.tagName === 'math');
}

/** The elements on which MathML 3, the EPUB's (epubcheck's schema), allows `scriptlevel` and `displaystyle`. */
const STYLE_ELEMENTS: Readonly<Record<'scriptlevel' | 'displaystyle', ReadonlySet<string>>> = {
  scriptlevel: new Set(['mstyle']),
  displaystyle: new Set(['mstyle', 'mtable', 'math']),
};

/**
 * Temml writes MathML Core, which lets any element carry `scriptlevel` (`\tfrac`'s digits) and
 * `displaystyle`; MathML 3 allows them on `mstyle` (epubcheck RSC-005 on the Jupyter Notebook's
 * own help). Such an element is put in an `mstyle` that carries them, which sets it the same:
 * one child for one, so an `mfrac` keeps its two.
 */
function inMstyle(root: Element): void {
  visit(root, 'element', (node: Element, index, parent: Element | undefined) => {
    if (!parent || index === undefined) return;
    const moved: Record<string, unknown> = {};
    for (const key of ['scriptlevel', 'displaystyle'] as const) {
      if (node.properties[key] === undefined || STYLE_ELEMENTS[key].has(node.tagName)) continue;
      moved[key] = node.properties[key];
      delete node.properties[key];
    }
    if (!Object.keys(moved).length) return;
    parent.children[index] = { type: 'element', tagName: 'mstyle', properties: moved as Element['properties'], children: [node] };
  });
}

/** Where in the part Temml's complaint is: its offset in the formula, when the formula is found as written. */
function placeIn(node: InlineMath | Math, file: VFile, tex: string, offset: number | undefined): Point | NonNullable<InlineMath['position']> | undefined {
  const position = node.position;
  if (!position) return undefined;
  const start = position.start.offset;
  const end = position.end.offset;
  if (offset === undefined || start === undefined || end === undefined) return position;
  const source = String(file.value);
  const at = source.slice(start, end).indexOf(tex);
  if (at < 0) return position;
  const before = source.slice(0, start + at + Math.min(offset, tex.length));
  const lines = before.split('\n');
  return { line: lines.length, column: lines.at(-1)!.length + 1, offset: before.length };
}

/** The deepest nesting of a formula's groups (up to one past the bound), and where it is reached. */
function nestingOf(tex: string): { depth: number; at: number } {
  let depth = 0;
  let deepest = { depth: 0, at: 0 };
  for (let i = 0; i < tex.length; i++) {
    const ch = tex[i];
    const start = i;
    let step = 0;
    if (ch === '\\') {
      const name = /^[a-zA-Z]+/.exec(tex.slice(i + 1, i + 7))?.[0] ?? '';
      if (name === 'left' || name === 'begin') step = 1;
      else if (name === 'right' || name === 'end') step = -1;
      i += Math.max(1, name.length);
    } else if (ch === '{') step = 1;
    else if (ch === '}') step = -1;
    depth += step;
    if (depth > deepest.depth) deepest = { depth, at: start };
    if (depth > MAX_DEPTH) break;
  }
  return deepest;
}
