/**
 * Loads the manuscript's bibliography (BibTeX/BibLaTeX or CSL-JSON, by extension)
 * into CSL-JSON items keyed by citation key. Syntax errors become diagnostics at
 * the bibliography file's line and column.
 */
import { readFileSync } from 'node:fs';
import { VFile } from 'vfile';
import { plugins } from '@citation-js/core';
import '@citation-js/plugin-bibtex';
import { ManuscriptError, error } from '../diagnostics.js';

/** A CSL-JSON item; citeproc and citation-js both speak it. */
export interface CslItem {
  id: string;
  type: string;
  title?: string;
  author?: CslName[];
  editor?: CslName[];
  translator?: CslName[];
  [field: string]: unknown;
}
export interface CslName {
  family?: string;
  given?: string;
  literal?: string;
}

export interface Bibliography {
  path: string;
  items: Map<string, CslItem>;
  /** Line of each entry's key in the source file, for "never cited" warnings. */
  lines: Map<string, number>;
}

export function loadBibliography(filePath: string): Bibliography {
  const text = readFileSync(filePath, 'utf8');
  const file = new VFile({ path: filePath, value: text });
  const items = filePath.endsWith('.json') ? parseCslJson(text, file) : parseBibtex(text, file);
  if (file.messages.length) throw new ManuscriptError(file.messages);
  const map = new Map<string, CslItem>();
  const lines = new Map<string, number>();
  for (const item of items) {
    const key = String(item['citation-key'] ?? item.id);
    map.set(key, { ...item, id: key });
    const at = text.search(new RegExp(`[{"]${escapeRegExp(key)}[,"]`));
    lines.set(key, at < 0 ? 1 : text.slice(0, at).split('\n').length);
  }
  return { path: filePath, items: map, lines };
}

function parseBibtex(text: string, file: VFile): CslItem[] {
  try {
    // generateGraph: false keeps citation-js from attaching its parse history to each item.
    return plugins.input.chain(text, { target: '@csl/list+object', generateGraph: false, forceType: '@biblatex/text' }) as CslItem[];
  } catch (cause) {
    const message = cause instanceof Error ? cause.message : String(cause);
    const at = /at line (\d+) col (\d+)/.exec(message);
    const first = message.split('\n')[0] ?? message;
    error(file, `malformed BibTeX: ${first.replace(/ at line \d+ col \d+:?$/, '')}`, {
      place: at ? { line: Number(at[1]), column: Number(at[2]) } : { line: 1, column: 1 },
      ruleId: 'bibtex-syntax',
      source: 'pamphlet',
    });
    return [];
  }
}

function parseCslJson(text: string, file: VFile): CslItem[] {
  try {
    const data: unknown = JSON.parse(text);
    if (!Array.isArray(data)) throw new SyntaxError('a CSL-JSON bibliography is an array of items');
    return data as CslItem[];
  } catch (cause) {
    const message = cause instanceof Error ? cause.message : String(cause);
    const offset = /position (\d+)/.exec(message);
    const before = offset ? text.slice(0, Number(offset[1])) : '';
    const line = before.split('\n').length;
    const column = before.length - before.lastIndexOf('\n');
    error(file, `malformed CSL-JSON: ${message}`, { place: { line, column }, ruleId: 'csl-json-syntax', source: 'pamphlet' });
    return [];
  }
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
