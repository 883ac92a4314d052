// Preloaded with `node --require` when GNU time is not available: writes the
// process's peak resident set size (kB) and CPU time to the file named by
// SECURESTORE_BENCH_RSS_FILE as the process exits.
'use strict';
const { writeFileSync } = require('node:fs');

const target = process.env.SECURESTORE_BENCH_RSS_FILE;
if (target) {
  process.on('exit', () => {
    const usage = process.resourceUsage();
    // The same fields as GNU time's '%M %U %S': kB, CPU seconds.
    writeFileSync(target, `${usage.maxRSS} ${usage.userCPUTime / 1e6} ${usage.systemCPUTime / 1e6}`);
  });
}
