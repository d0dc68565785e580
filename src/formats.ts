/**
 * The output formats, in their own module: the CLI names them in its usage text and
 * checks `--format` before it loads anything of the pipeline (api.ts), so `--help` and a
 * usage error start in the time Node takes to start.
 */
export const FORMATS = ['pdf', 'epub', 'handout', 'booklet', 'html'] as const;
export type Format = (typeof FORMATS)[number];
