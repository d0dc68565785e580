/**
 * The library entry point (`lib/index.js`): the same build() and check() the CLI calls,
 * for programs and tests that build manuscripts in-process instead of spawning the CLI.
 */
export { build, check, FORMATS, outputName } from './api.js';
export type { BuildOptions, BuildResult, CheckResult, Format } from './api.js';
export { ManuscriptError, formatMessage, severity } from './diagnostics.js';
