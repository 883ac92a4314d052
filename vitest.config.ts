import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 180_000,
    pool: 'forks',
    // The JSON report is what .ci/run counts from.
    reporters: ['default', ['json', { outputFile: '.vitest-results.json' }]],
  },
});
