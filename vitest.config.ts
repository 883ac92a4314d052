import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

// Tests that are long by design, not checks of behaviour a change needs
// within seconds. `npm test` runs the fast project; `npm run test:all` (what
// CI runs) runs both.
const SLOW = [
  // `*.slow.test.ts`: installing the packed tarball into real apps (minutes);
  // the Dart parser's memory over 2,200 parses (the growth only shows over many trees).
  'test/**/*.slow.test.ts',
  // Packing the tarball.
  'test/package.test.ts',
  // The paired ESLint and CLI measurements.
  'test/bench-eslint-paired.test.ts',
  'test/bench-cli-paired.test.ts',
  // The stress slice.
  'test/robustness/stress-slice.test.ts',
  // The Dart parser's hostile inputs (a 5 MB file, 10,000 levels of nesting).
  'test/dart/hostile.test.ts',
  // 1,500 random mutations of the fixtures, each through the engine and real
  // ESLint (about a minute of CPU): fewer runs would explore less, so it keeps
  // its runs here. The unmutated fixtures' parity is fixtures.test.ts's, in the fast project.
  'test/robustness/property.test.ts',
];

// The fast project runs its files one after another in each worker, sharing
// the modules they load (isolate: false): loading the compiler, ESLint and
// the CLI bundle again for every file was most of its time. The tests leave
// no global state behind (runCli restores the working directory and the
// environment, vi.stubEnv is undone), and the caches in src are keyed by
// their input. These files need a process of their own, as vitest gives
// every file by default:
const OWN_PROCESS = [
  // Checks that the Dart grammar is not loaded until asked: another file may have loaded it.
  'test/dart/parser.test.ts',
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
      { extends: true, test: { name: 'fast', include: ['test/**/*.test.ts'], exclude: [...SLOW, ...OWN_PROCESS], isolate: false } },
      { extends: true, test: { name: 'fast-isolated', include: OWN_PROCESS } },
      { extends: true, test: { name: 'slow', include: SLOW } },
    ],
  },
});
