// Test code, mocks and fixtures are not the app: a test that calls
// `SecureStore.setItemAsync('seed', 'x')` on a mock stores nothing on a
// device. Both front-ends leave these files out by default, the CLI by
// name while it walks (no read, no parse), the ESLint configs through the
// globs below. One list, so the two cannot drift (test/test-files.test.ts
// holds them to each other).
//
// Only names that test runners and their docs give to test code count:
// Jest's `__tests__`, `__mocks__` and `__fixtures__`, Testing Library's
// `test-utils`, Create React App's `setupTests`. Not `testing/` or
// `*Tester.ts`: apps ship those as in-app QA tools that a screen imports and
// that run on the device against the real keychain, so what they do is what
// the app does.

import { basename, dirname, relative, sep } from 'node:path';

/** Folders whose whole content is tests, mocks, fixtures or test helpers, at any depth. */
export const TEST_FOLDERS: ReadonlySet<string> = new Set(['__tests__', '__mocks__', '__fixtures__', 'e2e', 'test-utils', 'testUtils']);

/** `x.test.ts`, `x.spec.tsx`, `jest.setup.js`, `vitest.setup.ts`, `setupTests.ts`, `test-utils.tsx`: a file name of test code. */
const TEST_FILE_NAME = /\.(test|spec)\.|^(jest|vitest)\.setup\.|^(setupTests|test-utils|testUtils)\./;

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
  '**/setupTests.*',
  '**/test-utils.*',
  '**/testUtils.*',
];

/** How --debug names what counts as test code: the folders and the file names. */
export const TEST_FILES_SUMMARY = [
  ...[...TEST_FOLDERS].map((folder) => `${folder}/`),
  '*.test.*',
  '*.spec.*',
  '{jest,vitest}.setup.*',
  'setupTests.*',
  '{test-utils,testUtils}.*',
  'Dart: test/, integration_test/, test_driver/, *_test.dart',
].join(', ');

/**
 * Dart's conventions, for `.dart` files only: `test/`, `integration_test/`
 * and `test_driver/` hold a package's tests (`dart test` and `flutter test`
 * look there), and `*_test.dart` names a test file. A TypeScript file in a
 * `test/` folder is not a test file by that (see TEST_FOLDERS).
 */
export const DART_TEST_FOLDERS: ReadonlySet<string> = new Set(['test', 'integration_test', 'test_driver']);

export function isDartTestFileName(name: string): boolean {
  return name.endsWith('_test.dart');
}
