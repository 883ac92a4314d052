// The one process the CLI ever starts: `git`, for --changed-since only (see
// src/cli/changed-since.ts). A file of its own, so that the static guard of
// test/robustness/no-execution.test.ts can hold everything else to "no
// process" and this file to exactly this call: the program is the literal
// `git`, its arguments an array, and no shell.
const { spawnSync } = require('node:child_process');

exports.runGit = (args, cwd) => spawnSync('git', args, { cwd, encoding: 'utf8', maxBuffer: 512 * 1024 * 1024, shell: false });
