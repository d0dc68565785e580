#!/usr/bin/env node
// The CLI is bundled into lib/ by `make` (scripts/build.mjs); this shim only sets the exit status.
import { main } from '../lib/pamphlet.js';

process.exitCode = await main(process.argv.slice(2));
