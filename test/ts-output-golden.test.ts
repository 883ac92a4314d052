import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
// @ts-expect-error -- a plain JavaScript module of the build scripts, shared with scripts/write-golden.js
import { GOLDEN_RUNS, normaliseReport } from '../scripts/golden-runs.js';
import { repoRoot, runCli } from './helpers/run.js';

// The CLI's JSON report on every TypeScript fixture, byte for byte as
// test/golden holds it. The golden files were written before the rules learnt
// to read language-neutral facts (for Dart), so this shows that the change
// left every TypeScript finding and message as it was. A change that means to
// alter findings rewrites them with `node scripts/write-golden.js`, and its
// commit shows the difference.

const runs = GOLDEN_RUNS as { name: string; args: string[] }[];
const normalise = normaliseReport as (stdout: string, root: string) => string;

describe('the TypeScript findings are the golden ones', () => {
  for (const { name, args } of runs) {
    it(`securestore-audit ${args.join(' ')}`, async () => {
      const result = await runCli(args);
      expect(result.code).toBe(1);
      expect(normalise(result.stdout, repoRoot)).toBe(readFileSync(join(repoRoot, 'test/golden', `${name}.json`), 'utf8'));
    });
  }
});
