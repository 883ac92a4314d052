// Writes test/golden/*.json: the CLI's JSON report on the TypeScript fixtures,
// with paths made relative to the repository. test/ts-output-golden.test.ts
// holds the CLI to them byte for byte, so that a refactor that means to change
// no finding (the language-neutral facts, a summary rewrite) is shown to
// change none. Rewrite them only for a change that means to alter findings or
// messages, and read the diff in the commit.
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { GOLDEN_RUNS, normaliseReport } from './golden-runs.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
for (const { name, args } of GOLDEN_RUNS) {
  let stdout;
  try {
    stdout = execFileSync(process.execPath, [join(root, 'bin/securestore-audit.js'), ...args], { cwd: root, encoding: 'utf8', maxBuffer: 64 << 20 });
  } catch (error) {
    // Exit 1 means findings, which is what these runs are for.
    if (error.status !== 1) throw error;
    stdout = error.stdout;
  }
  writeFileSync(join(root, 'test/golden', `${name}.json`), normaliseReport(stdout, root));
  console.log(`test/golden/${name}.json`);
}
