#!/usr/bin/env node
// Thin executable: all the work is in the built CLI, bundled into a few
// CommonJS modules (see rolldown.config.mjs); bin/package.json makes this
// file CommonJS too, so no ES module loader is started. The compiler is
// loaded through V8's code cache (see src/cli/compile-cache.cjs), and only
// when a run needs it.
'use strict';

const { loadTypeScriptCached } = require('../dist/src/cli/compile-cache.cjs');
const { run } = require('../dist/src/bundle/main.cjs');

run(process.argv, loadTypeScriptCached).then((code) => {
  process.exitCode = code;
});
