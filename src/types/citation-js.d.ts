// @citation-js ships no types; this declares only what src/citations/bibliography.ts uses.
declare module '@citation-js/core' {
  export const plugins: {
    input: {
      chain(data: unknown, options: { target: string; generateGraph?: boolean; forceType?: string }): unknown;
    };
  };
}
declare module '@citation-js/plugin-bibtex';
// The plugin's BibTeX grammar (citation-js's Grammar class over a moo lexer): parsed
// through directly so that entry positions can be read from the lexer's tokens.
declare module '@citation-js/plugin-bibtex/lib/input/file.js' {
  export const bibtexGrammar: object;
  export function parse(text: string): unknown[];
}
