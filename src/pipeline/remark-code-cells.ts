/**
 * The code cells of R Markdown (knitr, bookdown) and Quarto: ```` ```{r label, echo=FALSE} ````,
 * ```` ```{python} ```` with `#| echo: false` lines at its top, and `` `r Sys.Date()` `` in a
 * line. Those tools run the code and print its results (a plot, a table); pamphlet runs no
 * code, so it prints what the tools print of the code itself and says, once a part, that the
 * results are not there:
 *
 * - a cell is code in its language (`r`, `python`), its option lines (`#|`, `//|`, `--|`) left
 *   out, as Quarto leaves them out;
 * - `include: false` (`include=FALSE`) leaves the cell out, `echo: false` (`echo=FALSE`,
 *   Quarto's `execute: echo: false` in the front matter, knitr's `opts_chunk$set(echo = FALSE)`
 *   in a set-up cell) leaves its code out;
 * - a cell that would run (not `eval: false`) and inline code that would (`` `r x` ``,
 *   `` `{python} x` ``) make the warning `code-cell`.
 *
 * Until 2026-12-07 the language printed as nothing (the sanitizer dropped `{r}`), the option
 * lines printed, and `include=FALSE` set-up cells (bookdown's `knitr::write_bib`) printed.
 */
import type { Code, InlineCode, Nodes, Parent, Root, Yaml } from 'mdast';
import type { VFile } from 'vfile';
import { SKIP, visit } from 'unist-util-visit';
import { parse as parseYaml } from 'yaml';

/** The engines knitr and Quarto run a cell in, lower case (knitr's `names(knit_engines$get())`, Quarto's `ojs`). */
const ENGINES = new Set([
  'r', 'python', 'julia', 'ojs', 'bash', 'sh', 'zsh', 'sql', 'js', 'node', 'stan', 'cpp', 'rcpp', 'c', 'cc', 'fortran', 'fortran95',
  'go', 'haskell', 'octave', 'perl', 'php', 'ruby', 'sas', 'scala', 'stata', 'awk', 'gawk', 'sed', 'groovy', 'coffee', 'css', 'sass',
  'scss', 'tikz', 'asy', 'dot', 'mermaid', 'rscript', 'exec', 'glue', 'glue_sql', 'mysql', 'psql', 'powershell', 'targets',
]);

/** A cell's opening as micromark splits it (`{r` and `label, echo=FALSE}`), joined: the engine, then what follows it. */
const CELL = /^\{([A-Za-z][\w.]*)(?:[\s,]+([^]*))?\}$/u;

/** Inline code that knitr (`` `r x` ``) or Quarto (`` `{r} x` ``, `` `{python} x` ``) runs. */
const INLINE = /^(?:r[ \t]+\S|\{([A-Za-z][\w.]*)\}[ \t]+\S)/u;

/** Quarto's option lines: the language's comment, then `|`. */
const OPTION_LINE = /^[ \t]*(?:#|\/\/|--|%)\|[ \t]?(.*)$/u;

interface Options {
  echo?: boolean;
  eval?: boolean;
  include?: boolean;
}

export default function remarkCodeCells() {
  return (tree: Root, file: VFile): void => {
    const source = String(file.value);
    if (!source.includes('```{') && !source.includes('~~~{') && !source.includes('`r ') && !source.includes('`{')) return;
    const defaults = documentOptions(tree);
    // Inline code is R's only in a part written for knitr or Quarto: `` `r --help` `` in a README is a command.
    const runsInline = /\.(?:rmd|qmd|rmarkdown)$/iu.test(file.path ?? '');
    let ran = 0;
    let first: Code | InlineCode | undefined;
    const engines = new Set<string>();
    visit(tree, (node: Nodes, index: number | undefined, parent: Parent | undefined) => {
      if (node.type === 'inlineCode') {
        if (!runsInline) return undefined;
        const match = INLINE.exec(node.value);
        const engine = match ? (match[1]?.toLowerCase() ?? 'r') : undefined;
        if (engine === undefined || !ENGINES.has(engine)) return undefined;
        engines.add(engine);
        ran++;
        first ??= node;
        return undefined;
      }
      if (node.type !== 'code' || !parent || index === undefined) return undefined;
      const written = node.meta ? `${node.lang ?? ''} ${node.meta}` : (node.lang ?? '');
      const cell = CELL.exec(written.trim());
      const engine = cell?.[1]?.toLowerCase();
      if (!cell || engine === undefined || !ENGINES.has(engine)) return undefined;
      const lines = node.value.split('\n');
      let optionLines = 0;
      while (optionLines < lines.length && OPTION_LINE.test(lines[optionLines] as string)) optionLines++;
      const options = { ...defaults, ...knitrOptions(cell[2] ?? ''), ...quartoOptions(lines.slice(0, optionLines)) };
      const code = lines.slice(optionLines).join('\n').replace(/^\n+/u, '');
      if (engine === 'r' && /opts_chunk\$set\s*\(/u.test(code)) {
        const echo = /\becho\s*=\s*(TRUE|FALSE|T|F)\b/u.exec(code)?.[1];
        if (echo) defaults.echo = echo.startsWith('T');
      }
      if (options.eval !== false && options.include !== false && !isSetUp(engine, code)) {
        engines.add(engine);
        ran++;
        first ??= node;
      }
      if (options.include === false || options.echo === false) {
        parent.children.splice(index, 1);
        return [SKIP, index];
      }
      node.lang = engine;
      node.meta = null;
      node.value = code;
      return SKIP;
    });
    if (first && ran) {
      const names = [...engines].map((engine) => (engine === 'r' ? 'R' : engine === 'python' ? 'Python' : engine === 'julia' ? 'Julia' : engine)).join(', ');
      file.message(
        `pamphlet runs no code: what ${ran === 1 ? 'this' : `these ${ran}`} ${names} code cell${ran === 1 ? '' : 's'} would show (a plot, a table, a number) is not printed; render the part to Markdown with Quarto or knitr first (\`quarto render --to gfm\`) and give pamphlet that`,
        { ...(first.position ? { place: first.position } : {}), ruleId: 'code-cell', source: 'pamphlet' },
      );
    }
  };
}

/** Quarto's `execute:` in the part's front matter (`echo: false` for every cell). */
function documentOptions(tree: Root): Options {
  const yaml = tree.children.find((child): child is Yaml => child.type === 'yaml');
  if (!yaml || !/^execute:/mu.test(yaml.value)) return {};
  try {
    const data: unknown = parseYaml(yaml.value);
    const execute = typeof data === 'object' && data !== null ? (data as Record<string, unknown>).execute : undefined;
    return typeof execute === 'object' && execute !== null ? booleans(execute as Record<string, unknown>) : {};
  } catch {
    return {}; // the front matter's own reader says what is wrong with it
  }
}

/** knitr's options after the label: `echo=FALSE, fig.cap='…'` (R's logical values only). */
function knitrOptions(written: string): Options {
  const options: Options = {};
  for (const match of written.matchAll(/\b(echo|eval|include)\s*=\s*(TRUE|FALSE|T|F)\b/gu)) options[match[1] as keyof Options] = (match[2] as string).startsWith('T');
  return options;
}

/** Quarto's `#| echo: false` lines, read as the YAML they are. */
function quartoOptions(lines: readonly string[]): Options {
  if (!lines.length) return {};
  try {
    const data: unknown = parseYaml(lines.map((line) => OPTION_LINE.exec(line)?.[1] ?? '').join('\n'));
    return typeof data === 'object' && data !== null ? booleans(data as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

function booleans(data: Record<string, unknown>): Options {
  const options: Options = {};
  for (const key of ['echo', 'eval', 'include'] as const) if (typeof data[key] === 'boolean') options[key] = data[key];
  return options;
}

/** A set-up cell that shows nothing when run: knitr's options set, libraries loaded. */
function isSetUp(engine: string, code: string): boolean {
  return engine === 'r' && code.split('\n').every((line) => /^\s*(?:#.*|knitr::opts_chunk\$set\(.*|(?:library|require)\([\w.]+\)\s*;?|)$/u.test(line));
}
