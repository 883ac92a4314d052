#!/usr/bin/env node
// Thin executable: all the work is in the built CLI (bundled into a few
// modules, see rolldown.config.mjs). The compiler is loaded through V8's code
// cache (see src/cli/compile-cache.cjs), and only when a run needs it.
import { loadTypeScriptCached } from '../dist/src/cli/compile-cache.cjs';
import { run } from '../dist/src/bundle/main.js';

process.exitCode = await run(process.argv, () => loadTypeScriptCached());
