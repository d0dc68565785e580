/**
 * Quarto's `{{< include _intro.qmd >}}`, alone on its line: the line is the named file's
 * text, as Quarto puts it there before Pandoc reads the document, so that what it holds (a
 * heading, a code cell, a footnote's definition) is Markdown of the part. Before 2026-12-07 the
 * shortcode printed as typed, and the partial it names was a part of its own.
 *
 * Read at the text, as Quarto reads it: a block cannot be spliced in after the parse, where
 * every plugin that reads the part's source by a node's offsets would read the wrong file.
 * A line inside fenced code is code, not an include (Quarto's own docs show the shortcode so).
 * The path is the including file's folder's, or the manuscript folder's after a `/`, and must
 * stay inside the folder (src/files/read.ts: no `..`, no link out). Includes nest, at most
 * MAX_DEPTH deep; one that includes itself, or makes the part larger than a text file may be,
 * is an error at its line. Each line taken in is placed, for messages, at the include's line
 * (`SourcePlace.whole`).
 */
import path from 'node:path';
import type { SourcePlace } from './notebook.js';
import { MAX_TEXT_BYTES, readTextInside } from './read.js';

export type IncludesRead =
  | { ok: true; text: string; lineMap?: SourcePlace[] }
  | { ok: false; reason: string; line: number; column: number };

const INCLUDE = /^([ \t]{0,3})\{\{<[ \t]*include[ \t]+("[^"\n]*"|'[^'\n]*'|[^\s"'>]+)[ \t]*>\}\}[ \t]*$/;
/** An opening or closing code fence: up to three spaces, then three backticks or tildes or more. */
const FENCE = /^ {0,3}(`{3,}|~{3,})/;
const MAX_DEPTH = 8;

/** `text` (the part `name` of the folder `root`) with its includes in place; as it is where it has none. */
export function withIncludes(root: string, name: string, text: string): IncludesRead {
  if (!text.includes('{{<')) return { ok: true, text };
  const lines: string[] = [];
  const lineMap: SourcePlace[] = [];
  let bytes = 0;
  let included = false;

  const expand = (file: string, source: string, chain: readonly string[], at: SourcePlace | undefined): IncludesRead | undefined => {
    const own = source.split(/\r\n|\r|\n/);
    let fence: string | undefined;
    for (let i = 0; i < own.length; i++) {
      const line = own[i] as string;
      const here: SourcePlace = at ?? { line: i + 1, column: 1 };
      const fenced = FENCE.exec(line);
      if (fenced) {
        const mark = fenced[1] as string;
        if (fence === undefined) fence = mark;
        else if (mark[0] === fence[0] && mark.length >= fence.length && line.trim() === mark) fence = undefined;
      }
      const include = fence === undefined ? INCLUDE.exec(line) : null;
      if (!include) {
        lines.push(line);
        lineMap.push(here);
        continue;
      }
      included = true;
      const place = at ?? { line: i + 1, column: (include[1] as string).length + 1 };
      const written = (include[2] as string).replace(/^["']|["']$/g, '');
      const fail = (reason: string): IncludesRead => ({ ok: false, reason: `${written}: ${reason}`, line: place.line, column: place.column });
      if (/\.ipynb(?:#|$)/i.test(written)) return fail("a notebook's cells are not included (render the notebook to Markdown with Quarto first, or make it a part)");
      const target = written.startsWith('/') ? path.posix.normalize(written.slice(1)) : path.posix.join(path.posix.dirname(file), written);
      if (chain.includes(target)) return fail(`it includes itself (${[...chain, target].join(' → ')})`);
      if (chain.length > MAX_DEPTH) return fail(`includes nested more than ${MAX_DEPTH} deep`);
      const read = readTextInside(root, target);
      if (!read.ok) return fail(read.problem === 'missing' ? `no such file in the manuscript folder (the path is the including file's folder's, or the folder's after a \`/\`)` : read.reason);
      bytes += read.text.length;
      if (bytes > MAX_TEXT_BYTES) return fail(`the part with its includes is larger than the ${MAX_TEXT_BYTES / 1024 / 1024} MB a text file of a manuscript may be`);
      const failed = expand(target, withoutFrontmatter(read.text), [...chain, target], { ...place, whole: true });
      if (failed) return failed;
    }
    return undefined;
  };

  const failed = expand(name, text, [name], undefined);
  if (failed) return failed;
  return included ? { ok: true, text: lines.join('\n'), lineMap } : { ok: true, text };
}

/** An included file's own front matter is not the part's: its lines are left out, as Quarto leaves them. */
function withoutFrontmatter(text: string): string {
  const open = /^---[ \t]*\r?\n/.exec(text);
  if (!open) return text;
  const close = /^(?:---|\.\.\.)[ \t]*$/m.exec(text.slice(open[0].length));
  if (!close) return text;
  return text.slice(open[0].length + close.index + close[0].length).replace(/^\r?\n/, '');
}
