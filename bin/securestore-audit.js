#!/usr/bin/env node
// Thin executable: all the work is in the built CLI module. The compiler is
// loaded first, through V8's code cache (see src/cli/compile-cache.cjs).
import { createRequire } from 'node:module';

const compilerLoad = createRequire(import.meta.url)('../dist/src/cli/compile-cache.cjs').loadTypeScriptCached();
const { run } = await import('../dist/src/cli/main.js');

process.exitCode = await run(process.argv, compilerLoad);
