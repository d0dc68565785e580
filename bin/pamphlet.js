#!/usr/bin/env node
// First line: until the bundle has loaded and installed its own handlers (which also
// clean up), an interrupt has nothing to undo but must still end the way an interrupted
// command does, 130 for Ctrl-C, 143 for SIGTERM, 129 for SIGHUP.
const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'];
const early = (signal) => process.exit(signal === 'SIGINT' ? 130 : signal === 'SIGHUP' ? 129 : 143);
for (const signal of SIGNALS) process.on(signal, early);

// The CLI is bundled into lib/ by `make` (scripts/build.mjs).
const cli = await import('../lib/pamphlet.js');
// The real handlers go on before the early ones come off: Node stops watching a signal
// when its last listener is removed, and would drop one that is on its way.
cli.exitCleanlyOnSignals();
for (const signal of SIGNALS) process.off(signal, early);
await cli.run(process.argv.slice(2));
