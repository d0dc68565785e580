/**
 * A Jupyter notebook (`.ipynb`, nbformat 4) read as the Markdown of a part: its Markdown cells
 * as written; its code cells as code in the kernel's language, each followed by what it printed
 * when it was last run (its saved outputs: a picture, text, Markdown, a formula; text as code of
 * the language `output`, which the stylesheets set apart by a rule at its left), since the
 * notebook carries them and pamphlet runs no code. Quarto's first raw cell of YAML is the part's
 * front matter. Jupyter Book's cell tags are honoured (`remove-cell`, `remove-input`,
 * `remove-output`, and the `hide-` ones, which a page cannot unfold). An HTML output (a pandas
 * table with its `<style>`) is left for its text form, which every notebook saves beside it.
 *
 * Each line of the Markdown is placed at the line of the notebook's JSON it came from, so a
 * diagnostic is at `file.ipynb:line:column` of the file the author has (`lineMap`).
 *
 * No library reads a notebook into Markdown in Node (nbconvert is Python, and runs templates);
 * the JSON is read by jsonc-parser, which gives each value's place.
 */
import { getNodeValue, parseTree, printParseErrorCode, type Node as JsonNode, type ParseError } from 'jsonc-parser';

/** Where a line of the Markdown comes from in the notebook (1-based). */
export interface SourcePlace {
  line: number;
  column: number;
  /** Every column of the line is at this place: a line taken in from another file (src/files/quarto-includes.ts). */
  whole?: boolean;
}

export type NotebookRead =
  | { ok: true; markdown: string; lineMap: SourcePlace[] }
  | { ok: false; reason: string; line: number; column: number };

/** ANSI colour codes in a traceback. */
const ANSI = /\u001b\[[0-9;]*[A-Za-z]/gu;

/** How deep a notebook's JSON may nest: nbformat's nests under ten; jsonc-parser recurses, and 200,000 brackets overflowed its stack. */
const MAX_JSON_DEPTH = 256;

/** The offset of the first bracket past MAX_JSON_DEPTH, outside strings; -1 where none is. */
function tooDeepAt(json: string): number {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < json.length; i++) {
    const ch = json.charCodeAt(i);
    if (inString) {
      if (ch === 0x5c) i++;
      else if (ch === 0x22) inString = false;
    } else if (ch === 0x22) inString = true;
    else if (ch === 0x5b || ch === 0x7b) {
      if (++depth > MAX_JSON_DEPTH) return i;
    } else if (ch === 0x5d || ch === 0x7d) depth--;
  }
  return -1;
}

export function notebookAsMarkdown(json: string): NotebookRead {
  const lineStarts = [0];
  for (let i = json.indexOf('\n'); i !== -1; i = json.indexOf('\n', i + 1)) lineStarts.push(i + 1);
  const placeOf = (offset: number): SourcePlace => {
    let low = 0;
    let high = lineStarts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if ((lineStarts[middle] as number) <= offset) low = middle;
      else high = middle - 1;
    }
    return { line: low + 1, column: offset - (lineStarts[low] as number) + 1 };
  };
  const deep = tooDeepAt(json);
  if (deep !== -1) return { ok: false, reason: `not a notebook: its JSON nests more than ${MAX_JSON_DEPTH} deep`, ...placeOf(deep) };
  const errors: ParseError[] = [];
  const root = parseTree(json, errors, { allowTrailingComma: false, disallowComments: true });
  const first = errors[0];
  if (first || !root) return { ok: false, reason: `not a notebook: its JSON does not read (${first ? printParseErrorCode(first.error) : 'empty'})`, ...placeOf(first?.offset ?? 0) };
  const cells = child(root, 'cells');
  if (root.type !== 'object' || cells?.type !== 'array') return { ok: false, reason: 'not a Jupyter notebook: no `cells` list (nbformat 4)', ...placeOf(root.offset) };
  const language = languageOf(root);

  const lines: string[] = [];
  const lineMap: SourcePlace[] = [];
  /** Adds `text`'s lines, each placed where its string value starts (a line of a source list is one string). */
  const add = (text: string, at: JsonNode): void => {
    const place = placeOf(at.offset);
    for (const line of text.split('\n')) {
      lines.push(line);
      lineMap.push({ line: place.line, column: place.column + 1 });
    }
  };
  /** A cell's text (a string, or a list of its lines), each line placed at its string. */
  const addText = (node: JsonNode | undefined): void => {
    if (!node) return;
    if (node.type === 'string') return add(String(node.value), node);
    if (node.type !== 'array') return;
    // The list's strings are one text, each ending in its own line break: joined, then cut at the breaks.
    let pending = '';
    let pendingAt: JsonNode | undefined;
    for (const item of node.children ?? []) {
      if (item.type !== 'string') continue;
      const value = String(item.value);
      pending += value;
      pendingAt ??= item;
      if (value.endsWith('\n')) {
        add(pending.slice(0, -1), pendingAt);
        pending = '';
        pendingAt = undefined;
      }
    }
    if (pendingAt) add(pending, pendingAt);
  };
  const blank = (at: JsonNode): void => add('', at);
  const textOf = (node: JsonNode | undefined): string => {
    if (!node) return '';
    const value: unknown = getNodeValue(node);
    return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string').join('') : typeof value === 'string' ? value : '';
  };
  const fenced = (code: string, lang: string, at: JsonNode, source?: JsonNode): void => {
    const longest = Math.max(2, ...[...code.matchAll(/`+/gu)].map((run) => run[0].length));
    const fence = '`'.repeat(longest + 1);
    add(`${fence}${lang}`, at);
    if (source) addText(source);
    else add(code.replace(/\n$/u, ''), at);
    add(fence, at);
    blank(at);
  };

  (cells.children ?? []).forEach((cell, index) => {
    if (cell.type !== 'object') return;
    const type = getNodeValue(child(cell, 'cell_type') ?? cell) as unknown;
    const source = child(cell, 'source');
    const tags = tagsOf(cell);
    if (tags.has('remove-cell') || tags.has('hide-cell')) return;
    if (type === 'markdown') {
      const attachments = attachmentsOf(cell);
      if (attachments.size && source) {
        // A picture pasted into the cell is kept in it: `attachment:image.png` is that picture's bytes.
        const text = textOf(source).replace(/\(attachment:([^)\s]+)\)/gu, (whole, name: string) => {
          const found = attachments.get(decodeURIComponent(name)) ?? attachments.get(name);
          return found ? `(data:${found.type};base64,${found.data})` : whole;
        });
        add(text, source);
      } else addText(source);
      blank(cell);
      return;
    }
    if (type === 'raw') {
      // Quarto's front matter: a first raw cell of YAML between `---` lines.
      if (index === 0 && /^---[ \t]*\r?\n/u.test(textOf(source))) {
        addText(source);
        blank(cell);
      }
      return;
    }
    if (type !== 'code') return;
    const code = textOf(source);
    if (!tags.has('remove-input') && !tags.has('hide-input') && code.trim()) {
      // Quarto's `#| echo: false` and its kin are options, never shown.
      const options = /^(?:#\|.*(?:\n|$))+/u.exec(code)?.[0] ?? '';
      if (!/^#\|[ \t]*(?:echo|include)[ \t]*:[ \t]*false\b/mu.test(options)) {
        if (options) fenced(code.slice(options.length), language, source ?? cell);
        else fenced(code, language, source ?? cell, source);
      }
    }
    if (tags.has('remove-output') || tags.has('hide-output') || /^#\|[ \t]*(?:output|include)[ \t]*:[ \t]*false\b/mu.test(code)) return;
    for (const output of child(cell, 'outputs')?.children ?? []) addOutput(output, fenced, add, blank, textOf);
  });
  return { ok: true, markdown: lines.join('\n'), lineMap };
}

/** One saved output: a stream's text, an error's traceback, or a result's richest form pamphlet prints. */
function addOutput(
  output: JsonNode,
  fenced: (code: string, lang: string, at: JsonNode) => void,
  add: (text: string, at: JsonNode) => void,
  blank: (at: JsonNode) => void,
  textOf: (node: JsonNode | undefined) => string,
): void {
  const kind = getNodeValue(child(output, 'output_type') ?? output) as unknown;
  if (kind === 'stream') {
    const text = textOf(child(output, 'text')).replace(ANSI, '');
    if (text.trim()) fenced(text, 'output', output);
    return;
  }
  if (kind === 'error') {
    // The traceback's entries are lines (each may hold several); without one, the error's name and value.
    const traceback = (child(output, 'traceback')?.children ?? []).map((line) => String(getNodeValue(line))).join('\n');
    fenced((traceback || `${textOf(child(output, 'ename'))}: ${textOf(child(output, 'evalue'))}`).replace(ANSI, ''), 'output', output);
    return;
  }
  if (kind !== 'execute_result' && kind !== 'display_data') return;
  const data = child(output, 'data');
  if (!data) return;
  for (const type of ['image/png', 'image/jpeg', 'image/gif']) {
    const image = textOf(child(data, type)).replace(/\s+/gu, '');
    if (image) {
      // Alt text from the result's text form where it is more than the object's default name.
      const plain = textOf(child(data, 'text/plain')).trim();
      const alt = plain && !/^<[\w.]+ .*>$/su.test(plain) ? plain.replace(/[[\]\\\n]/gu, ' ').slice(0, 200) : '';
      add(`![${alt}](data:${type};base64,${image})`, output);
      blank(output);
      return;
    }
  }
  const markdown = textOf(child(data, 'text/markdown'));
  if (markdown.trim()) {
    add(markdown.replace(/\n$/u, ''), output);
    blank(output);
    return;
  }
  const latex = textOf(child(data, 'text/latex')).trim();
  if (/^\$\$[^]*\$\$$|^\$[^$]+\$$/u.test(latex)) {
    add(latex.startsWith('$$') ? `$$\n${latex.slice(2, -2).trim()}\n$$` : latex, output);
    blank(output);
    return;
  }
  const plain = textOf(child(data, 'text/plain'));
  if (plain.trim()) fenced(plain.replace(ANSI, ''), 'output', output);
}

/** The value of `key` in an object node. */
function child(node: JsonNode, key: string): JsonNode | undefined {
  if (node.type !== 'object') return undefined;
  for (const property of node.children ?? []) {
    const [name, value] = property.children ?? [];
    if (name?.value === key) return value;
  }
  return undefined;
}

/** The notebook's language, for its code cells: the kernel's, else its `language_info`'s, else Python. */
function languageOf(root: JsonNode): string {
  const metadata = child(root, 'metadata');
  const named = [child(child(metadata ?? root, 'kernelspec') ?? root, 'language'), child(child(metadata ?? root, 'language_info') ?? root, 'name')]
    .map((node) => (node?.type === 'string' ? String(node.value).toLowerCase() : ''))
    .find((name) => /^[a-z][\w+#-]*$/u.test(name));
  return named ?? 'python';
}

/** A Markdown cell's attachments: each picture's name, type and base64 bytes. */
function attachmentsOf(cell: JsonNode): Map<string, { type: string; data: string }> {
  const found = new Map<string, { type: string; data: string }>();
  for (const property of child(cell, 'attachments')?.children ?? []) {
    const [name, value] = property.children ?? [];
    if (typeof name?.value !== 'string' || value?.type !== 'object') continue;
    for (const type of ['image/png', 'image/jpeg', 'image/gif']) {
      const data = child(value, type);
      const bytes = data ? getNodeValue(data) as unknown : undefined;
      const text = Array.isArray(bytes) ? bytes.join('') : typeof bytes === 'string' ? bytes : '';
      if (text) {
        found.set(name.value, { type, data: text.replace(/\s+/gu, '') });
        break;
      }
    }
  }
  return found;
}

/** A cell's tags (Jupyter Book's `remove-input`, …). */
function tagsOf(cell: JsonNode): Set<string> {
  const tags = child(child(cell, 'metadata') ?? cell, 'tags');
  return new Set((tags?.children ?? []).map((tag) => (tag.type === 'string' ? String(tag.value) : '')));
}
