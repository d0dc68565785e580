#!/usr/bin/env node
// The CLI is compiled to lib/ by `make` (tsc); this shim only sets the exit status.
import { main } from '../lib/cli.js';

process.exitCode = await main(process.argv.slice(2));
