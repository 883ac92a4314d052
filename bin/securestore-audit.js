#!/usr/bin/env node
// Thin executable: all the work is in the built CLI module. The compiler is
// loaded through V8's code cache (see src/cli/compile-cache.cjs), and only
// when a run needs it.
import { createRequire } from 'node:module';
import { run } from '../dist/src/cli/main.js';

const require = createRequire(import.meta.url);
process.exitCode = await run(process.argv, () => require('../dist/src/cli/compile-cache.cjs').loadTypeScriptCached());
