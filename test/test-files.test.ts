import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ESLint, type Linter } from 'eslint';
import picomatch from 'picomatch';
import { describe, expect, it } from 'vitest';
import securestore from 'securestore-audit/eslint-plugin';
import { isTestFileName, TEST_FILE_GLOBS, TEST_FOLDERS } from '../src/core/test-files.js';
import { lintWithEslint, repoRoot, runCli } from './helpers/run.js';
import { tempProject } from './helpers/temp-project.js';

// Test code, mocks and e2e tests are not the app: both front-ends leave them
// out by default, and the project-wide rules do not count what they do.

const NS = "import * as SecureStore from 'expo-secure-store';\nconst O = { keychainAccessible: SecureStore.WHEN_UNLOCKED_THIS_DEVICE_ONLY };\n";
/** A write without options: require-keychain-accessible reports it wherever it is audited. */
const UNSAFE_WRITE = "import * as SecureStore from 'expo-secure-store';\nexport const save = (v: string) => SecureStore.setItemAsync('ui.theme', v);\n";

const TEST_PATHS = [
  'services/__tests__/settingsService.test.ts',
  'services/__tests__/helpers.ts',
  '__mocks__/expo-secure-store.ts',
  'src/storage.spec.tsx',
  'src/storage.test.js',
  'e2e/login.ts',
  'jest.setup.js',
  'vitest.setup.ts',
  'src/__fixtures__/session.ts',
  'src/test-utils/render.tsx',
  'src/testUtils/secureStoreMock.ts',
  'src/setupTests.ts',
  'test-utils.tsx',
];
// In-app QA tools (`utils/testing/walletPersistenceTester.ts`, imported by a
// screen and run on the device) and names that merely contain a test word are app code.
const APP_PATHS = [
  'src/storage.ts',
  'src/testing.ts',
  'src/latest.ts',
  'src/spec/format.ts',
  'test/setup.ts',
  'src/e2e-flags.ts',
  'src/contest.test-utils.ts',
  'src/utils/testing/walletPersistenceTester.ts',
  'src/screens/Testing/WalletPersistenceTestScreen.tsx',
  'src/fixtures/defaults.ts',
  'src/attest-utils/verify.ts',
];

type Json = { filePath: string; messages: { line: number; ruleId: string | null; message: string }[] }[];

async function audit(files: Record<string, string>, args: string[] = []): Promise<{ cwd: string; found: string[]; stderr: string }> {
  const cwd = tempProject(files);
  const run = await runCli(['--format', 'json', ...args], { cwd });
  expect([0, 1]).toContain(run.code);
  const found = (JSON.parse(run.stdout) as Json).flatMap((r) => r.messages.map((m) => `${r.filePath.slice(cwd.length + 1)}:${m.line} ${m.ruleId}`));
  return { cwd, found, stderr: run.stderr };
}

describe('which files are test files', () => {
  /** The CLI's own test, as its walk applies it: a folder on the way, or the file's name. */
  const cliSaysTest = (path: string) =>
    path
      .split('/')
      .slice(0, -1)
      .some((f) => TEST_FOLDERS.has(f)) || isTestFileName(path.split('/').pop()!);
  const eslintSaysTest = (path: string) => TEST_FILE_GLOBS.some((glob) => picomatch(glob, { dot: true })(path));

  it('the CLI and the ESLint globs agree, on test files and on app files that only look like them', () => {
    for (const path of TEST_PATHS) expect([path, cliSaysTest(path), eslintSaysTest(path)]).toEqual([path, true, true]);
    for (const path of APP_PATHS) expect([path, cliSaysTest(path), eslintSaysTest(path)]).toEqual([path, false, false]);
  });
});

describe('the CLI leaves test files out by default', () => {
  const files = Object.fromEntries([...TEST_PATHS, 'src/storage.ts'].map((path) => [path, UNSAFE_WRITE]));

  it('reports only the app file, and --debug says how many test files were left out', async () => {
    const { found, stderr } = await audit(files, ['--rule', 'require-keychain-accessible', '--debug']);
    expect(found).toEqual(['src/storage.ts:2 securestore/require-keychain-accessible']);
    expect(stderr).toMatch(
      /^securestore-audit: 1 files found, .*, 13 test files left out \(__tests__\/, __mocks__\/, __fixtures__\/, e2e\/, test-utils\/, testUtils\/, \*\.test\.\*, \*\.spec\.\*, \{jest,vitest\}\.setup\.\*, setupTests\.\*, \{test-utils,testUtils\}\.\*, Dart: test\/, integration_test\/, test_driver\/, \*_test\.dart; --include-tests audits them\)/,
    );
  });

  it('--include-tests audits them as app files', async () => {
    const { found, stderr } = await audit(files, ['--rule', 'require-keychain-accessible', '--include-tests', '--debug']);
    expect(found.sort()).toEqual([...TEST_PATHS, 'src/storage.ts'].map((p) => `${p}:2 securestore/require-keychain-accessible`).sort());
    expect(stderr).toMatch(new RegExp(`^securestore-audit: ${TEST_PATHS.length + 1} files found`));
    expect(stderr).not.toMatch(/test files left out/);
  });

  it('a test file named on the command line is left out too (a list of changed files names them)', async () => {
    const cwd = tempProject(files);
    const named = await runCli(
      ['--format', 'json', '--rule', 'require-keychain-accessible', 'src/storage.spec.tsx', 'services/__tests__/helpers.ts', 'services/__tests__'],
      { cwd },
    );
    expect(named.code).toBe(0);
    expect(JSON.parse(named.stdout)).toEqual([]);
    const included = await runCli(['--format', 'json', '--rule', 'require-keychain-accessible', '--include-tests', 'src/storage.spec.tsx'], { cwd });
    expect((JSON.parse(included.stdout) as Json).flatMap((r) => r.messages)).toHaveLength(1);
  });

  it('the key registry leaves their keys out unless --include-tests', async () => {
    const cwd = tempProject({
      'src/a.ts': NS + "export const a = () => SecureStore.getItemAsync('app.key', O);\n",
      'src/a.test.ts': NS + "SecureStore.setItemAsync('test.only', 'x', O);\n",
    });
    const keys = async (args: string[]) =>
      (JSON.parse((await runCli(['keys', '--format', 'json', ...args], { cwd })).stdout) as { key: string }[]).map((e) => e.key);
    expect(await keys([])).toEqual(['app.key']);
    expect(await keys(['--include-tests'])).toEqual(['app.key', 'test.only']);
  });
});

describe('default ignores that hold no app source', () => {
  it('skips .yarn, .tamagui, .next, .turbo and vendor folders, and minified or bundled scripts', async () => {
    const ignored = [
      '.yarn/releases/yarn-4.1.0.cjs',
      '.tamagui/tamagui.config.cjs',
      '.next/server/app.js',
      '.turbo/cache/x.js',
      'vendor/bundle/lib.js',
      'public/sdk.min.js',
      'web/app.bundle.js',
    ];
    const files = Object.fromEntries([...ignored, 'src/storage.ts'].map((path) => [path, UNSAFE_WRITE]));
    const { found, stderr } = await audit(files, ['--rule', 'require-keychain-accessible', '--debug']);
    expect(found).toEqual(['src/storage.ts:2 securestore/require-keychain-accessible']);
    expect(stderr).toMatch(/^securestore-audit: 1 files found/);
  });
});

describe('project-wide rules do not count what test files do', () => {
  it('require-sign-out-cleanup: a key deleted only in a test is not cleaned up', async () => {
    const app = { 'lib/tokens.ts': NS + "export const save = (t: string) => SecureStore.setItemAsync('auth.refreshToken', t, O);\n" };
    const test = { 'lib/__tests__/tokens.test.ts': NS + "afterEach(() => SecureStore.deleteItemAsync('auth.refreshToken', O));\n" };
    expect((await audit({ ...app, ...test }, ['--rule', 'require-sign-out-cleanup'])).found).toEqual(['lib/tokens.ts:3 securestore/require-sign-out-cleanup']);
    expect((await audit({ ...app, ...test }, ['--rule', 'require-sign-out-cleanup', '--include-tests'])).found).toEqual([]);
  });

  it('no-orphan-key: a key read only in a test is never read', async () => {
    const files = {
      'lib/flags.ts': NS + "export const save = (v: string) => SecureStore.setItemAsync('ui.seen', v, O);\n",
      'lib/flags.test.ts': NS + "it('reads', () => SecureStore.getItemAsync('ui.seen', O));\n",
    };
    expect((await audit(files, ['--rule', 'no-orphan-key'])).found).toEqual(['lib/flags.ts:3 securestore/no-orphan-key']);
    expect((await audit(files, ['--rule', 'no-orphan-key', '--include-tests'])).found).toEqual([]);
  });

  it('a wrapper called only from a test is still checked where it makes the storage call; the test caller is not reported', async () => {
    const files = {
      'lib/vault.ts': "import * as SecureStore from 'expo-secure-store';\nexport const put = (k: string, v: string) => SecureStore.setItemAsync(k, v);\n",
      'lib/vault.test.ts':
        "import { put } from './vault';\nit('puts', () => put('wallet', JSON.stringify({ mnemonic: 'm', privateKey: 'k', password: 'p' })));\n",
    };
    expect((await audit(files, ['--rule', 'require-keychain-accessible', '--rule', 'no-oversized-value'])).found).toEqual([
      'lib/vault.ts:2 securestore/require-keychain-accessible',
    ]);
    const included = (await audit(files, ['--rule', 'require-keychain-accessible', '--rule', 'no-oversized-value', '--include-tests'])).found;
    expect(included).toContain('lib/vault.test.ts:2 securestore/no-oversized-value');
  });
});

describe('the ESLint presets leave test files out', () => {
  const spec = 'fixtures/rules/no-oversized-value/good-test-file.spec.ts';

  it('the shipped recommended config reports nothing in a spec file, and the same code elsewhere is reported', async () => {
    const [result] = await lintWithEslint([spec]);
    expect(result?.messages ?? []).toEqual([]);
    const eslint = new ESLint({ cwd: repoRoot, overrideConfigFile: join(repoRoot, 'test/helpers/eslint.config.js') });
    const [elsewhere] = await eslint.lintText(readFileSync(join(repoRoot, spec), 'utf8'), {
      filePath: join(repoRoot, 'fixtures/rules/no-oversized-value/storage.ts'),
    });
    expect(elsewhere!.messages.map((m) => m.ruleId)).toContain('securestore/no-oversized-value');
  });

  it('both presets carry the ignores, and the README recipe lints tests anyway', async () => {
    expect(securestore.configs.recommended.ignores).toEqual(TEST_FILE_GLOBS);
    expect(securestore.configs.strict.ignores).toEqual(TEST_FILE_GLOBS);
    const eslint = new ESLint({
      cwd: repoRoot,
      overrideConfigFile: true,
      // typescript-eslint's and ESLint's config types differ in detail; the object is the same.
      overrideConfig: [{ ...securestore.configs.recommended, ignores: [] } as unknown as Linter.Config],
    });
    const [result] = await eslint.lintFiles([spec]);
    expect(result!.messages.map((m) => m.ruleId)).toContain('securestore/no-oversized-value');
  });
});
