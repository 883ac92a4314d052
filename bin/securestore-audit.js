#!/usr/bin/env node
// Thin executable: all the work is in the built CLI, bundled into a few
// CommonJS modules (see rolldown.config.mjs); bin/package.json makes this
// file CommonJS too, so no ES module loader is started. The compiler is
// loaded through V8's code cache (see src/cli/compile-cache.cjs), and only
// when a run needs it; V8 is tuned for a short run first (same file).
'use strict';

const { loadTypeScriptCached, tuneForShortRuns } = require('../dist/src/cli/compile-cache.cjs');
const { run } = require('../dist/src/bundle/main.cjs');

// After the modules above: Node's own modules come with compiled code that
// V8 accepts only under the flags it was made with.
tuneForShortRuns();

run(process.argv, loadTypeScriptCached).then((code) => {
  process.exitCode = code;
});
