// Test code, mocks and fixtures are not the app: a test that calls
// `SecureStore.setItemAsync('seed', 'x')` on a mock stores nothing on a
// device. Both front-ends leave these files out by default, the CLI by
// name while it walks (no read, no parse), the ESLint configs through the
// globs below. One list, so the two cannot drift (test/test-files.test.ts
// holds them to each other).

/** Folders whose whole content is tests, mocks or end-to-end tests, at any depth. */
export const TEST_FOLDERS: ReadonlySet<string> = new Set(['__tests__', '__mocks__', 'e2e']);

/** `x.test.ts`, `x.spec.tsx`, `jest.setup.js`, `vitest.setup.ts`: a file name of test code. */
const TEST_FILE_NAME = /\.(test|spec)\.|^(jest|vitest)\.setup\./;

export function isTestFileName(name: string): boolean {
  return TEST_FILE_NAME.test(name);
}

/** The same, as the globs of an ESLint flat config's `ignores`. */
export const TEST_FILE_GLOBS: readonly string[] = [
  ...[...TEST_FOLDERS].map((folder) => `**/${folder}/**`),
  '**/*.test.*',
  '**/*.spec.*',
  '**/jest.setup.*',
  '**/vitest.setup.*',
];

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
