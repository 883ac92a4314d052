// Test code, mocks and fixtures are not the app: a test that calls
// `SecureStore.setItemAsync('seed', 'x')` on a mock stores nothing on a
// device. Both front-ends leave these files out by default, the CLI by
// name while it walks (no read, no parse), the ESLint configs through the
// globs below. One list, so the two cannot drift (test/test-files.test.ts
// holds them to each other).

import { basename, dirname, relative, sep } from 'node:path';

/** Folders whose whole content is tests, mocks or end-to-end tests, at any depth. */
export const TEST_FOLDERS: ReadonlySet<string> = new Set(['__tests__', '__mocks__', 'e2e']);

/** `x.test.ts`, `x.spec.tsx`, `jest.setup.js`, `vitest.setup.ts`: a file name of test code. */
const TEST_FILE_NAME = /\.(test|spec)\.|^(jest|vitest)\.setup\./;

export function isTestFileName(name: string): boolean {
  return TEST_FILE_NAME.test(name);
}

/** A test file the CLI leaves out: by its name, or inside a test folder below the working directory (as the walk counts them). */
export function isTestPath(cwd: string, path: string): boolean {
  const folders = relative(cwd, dirname(path)).split(sep);
  return isTestFileName(basename(path)) || (!folders.includes('..') && folders.some((name) => TEST_FOLDERS.has(name)));
}

/** The same, as the globs of an ESLint flat config's `ignores`. */
export const TEST_FILE_GLOBS: readonly string[] = [
  ...[...TEST_FOLDERS].map((folder) => `**/${folder}/**`),
  '**/*.test.*',
  '**/*.spec.*',
  '**/jest.setup.*',
  '**/vitest.setup.*',
];
