// @citation-js ships no types; this declares only what src/citations/bibliography.ts uses.
declare module '@citation-js/core' {
  export const plugins: {
    input: {
      chain(data: string, options: { target: string; generateGraph?: boolean; forceType?: string }): unknown;
    };
  };
}
declare module '@citation-js/plugin-bibtex';
