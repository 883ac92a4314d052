import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

// Tests that take minutes, not seconds: packing and installing the tarball
// (`*.slow.test.ts` install it into real apps), the paired ESLint measurement,
// the stress slice and the Dart parser's hostile inputs (a 5 MB file, 10,000
// levels of nesting). `npm test` runs the fast project; `npm run test:all`
// (what CI runs) runs both.
const SLOW = [
  'test/**/*.slow.test.ts',
  'test/package.test.ts',
  'test/bench-eslint-paired.test.ts',
  'test/robustness/stress-slice.test.ts',
  'test/dart/hostile.test.ts',
];

export default defineConfig({
  test: {
    testTimeout: 60_000,
    hookTimeout: 180_000,
    pool: 'forks',
    // Vitest's default for a run is one worker fewer than the CPUs: a single
    // worker on a 2-core machine. Most files spend much of their time waiting
    // (on the executable, on ESLint's file reads, on the SARIF validator), so
    // two workers is the least that keeps both cores busy.
    maxWorkers: Math.max(2, availableParallelism() - 1),
    // The JSON report is what .ci/run counts from.
    reporters: ['default', ['json', { outputFile: '.vitest-results.json' }]],
    projects: [
      { extends: true, test: { name: 'fast', include: ['test/**/*.test.ts'], exclude: SLOW } },
      { extends: true, test: { name: 'slow', include: SLOW } },
    ],
  },
});
