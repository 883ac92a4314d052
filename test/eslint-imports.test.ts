import { rmSync, utimesSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ESLint } from 'eslint';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { projectOnlyRules } from './helpers/rules.js';
import { repoRoot, runCli } from './helpers/run.js';
import { tempProject } from './helpers/temp-project.js';

// Without type information the ESLint plugin reads the files an app file
// imports from disk (relative and tsconfig `paths` imports), as the CLI does,
// so `recommended` reports what the CLI reports: the real ESLint, a flat config
// file in the app importing the built plugin, @typescript-eslint/parser
// without projectService, and the real CLI as a child process.

/** Rules about the keys of the whole app (written, never deleted…): only the CLI runs them. */
const projectOnly = new Set(projectOnlyRules.map((r) => `securestore/${r.id}`));

const wrapper = (options: string) => `// SecureStore prefix: auth.*
import * as SecureStore from 'expo-secure-store';

export async function saveSecret(key: string, value: string, options?: SecureStore.SecureStoreOptions): Promise<void> {
  await SecureStore.setItemAsync(key, value, ${options});
}
`;

function app(tsconfig: string): string {
  return tempProject({
    'package.json': JSON.stringify({ name: 'app', private: true }),
    'tsconfig.json': tsconfig,
    'eslint.config.mjs': `import securestore from ${JSON.stringify(pathToFileURL(join(repoRoot, 'dist/src/eslint/plugin.js')).href)};\nexport default [securestore.configs.recommended];\n`,
    'lib/secure.ts': wrapper('options'),
    'app/screen.ts': `import { saveSecret } from '../lib/secure';

export async function signIn(token: string, refreshToken: string): Promise<void> {
  await saveSecret('auth.token', token);
  await saveSecret('auth.session', JSON.stringify({ token, refreshToken }));
}
`,
    'app/alias.ts': `import { saveSecret } from '@/lib/secure';

export async function remember(refreshToken: string): Promise<void> {
  await saveSecret('auth.refreshToken', refreshToken, {});
}
`,
  });
}

const withPaths = JSON.stringify({ compilerOptions: { strict: true, baseUrl: '.', paths: { '@/*': ['./*'] } } });

type Finding = string;

async function eslintFindings(eslint: ESLint, cwd: string, files = ['.']): Promise<Finding[]> {
  const results = await eslint.lintFiles(files);
  return results.flatMap((r) => r.messages.map((m) => `${relative(cwd, r.filePath)}:${m.line}:${m.column} ${m.ruleId ?? `fatal: ${m.message}`}`)).sort();
}

async function cliFindings(cwd: string): Promise<Finding[]> {
  const run = await runCli(['--format', 'json', '.'], { cwd });
  expect([0, 1]).toContain(run.code);
  const results = JSON.parse(run.stdout) as { filePath: string; messages: { line: number; column: number; ruleId: string }[] }[];
  return results
    .flatMap((r) => r.messages.filter((m) => !projectOnly.has(m.ruleId)).map((m) => `${relative(cwd, r.filePath)}:${m.line}:${m.column} ${m.ruleId}`))
    .sort();
}

describe('ESLint plugin without type information', () => {
  it('follows relative and `paths` imports to a wrapper, and reports what the CLI reports', async () => {
    const cwd = app(withPaths);
    const found = await eslintFindings(new ESLint({ cwd }), cwd);
    expect(found).toEqual(await cliFindings(cwd));
    // Seen only through the wrapper in lib/secure.ts: through the relative import, then through `@/lib/secure`.
    expect(found).toEqual([
      'app/alias.ts:4:55 securestore/require-keychain-accessible',
      'app/screen.ts:4:9 securestore/require-keychain-accessible',
      'app/screen.ts:5:36 securestore/no-oversized-value',
      'app/screen.ts:5:9 securestore/require-keychain-accessible',
    ]);
  });

  it('sees an imported file rewritten on disk at the next lint of the same process', async () => {
    const cwd = app(withPaths);
    const eslint = new ESLint({ cwd });
    expect(await eslintFindings(eslint, cwd)).toContain('app/screen.ts:4:9 securestore/require-keychain-accessible');

    // The wrapper now sets the keychain class itself: its callers no longer need to.
    const path = join(cwd, 'lib/secure.ts');
    writeFileSync(path, wrapper('{ ...options, keychainAccessible: SecureStore.WHEN_UNLOCKED_THIS_DEVICE_ONLY }'));
    const later = new Date(Date.now() + 5000);
    utimesSync(path, later, later);
    const after = await eslintFindings(eslint, cwd);
    expect(after).toEqual(['app/screen.ts:5:36 securestore/no-oversized-value']);
    expect(after).toEqual(await cliFindings(cwd));
  });

  it('sees a change two imports away: the wrapper re-exported through another module', async () => {
    const cwd = app(withPaths);
    writeFileSync(join(cwd, 'lib/index.ts'), "export { saveSecret } from './secure';\n");
    writeFileSync(
      join(cwd, 'app/screen.ts'),
      "import { saveSecret } from '../lib';\n\nexport const signIn = (token: string) => saveSecret('auth.token', token);\n",
    );
    const eslint = new ESLint({ cwd });
    expect(await eslintFindings(eslint, cwd)).toContain('app/screen.ts:3:42 securestore/require-keychain-accessible');

    const path = join(cwd, 'lib/secure.ts');
    writeFileSync(path, wrapper('{ ...options, keychainAccessible: SecureStore.WHEN_UNLOCKED_THIS_DEVICE_ONLY }'));
    const later = new Date(Date.now() + 5000);
    utimesSync(path, later, later);
    // The screen alone: no other lint has come across the change first.
    expect(await eslintFindings(eslint, cwd, ['app/screen.ts'])).toEqual([]);
    expect(await eslintFindings(eslint, cwd)).toEqual(await cliFindings(cwd));
  });

  describe('a file added or removed', () => {
    afterEach(() => {
      vi.useRealTimers();
    });

    // Which file an import names is trusted for 30 s (as eslint-plugin-import's resolver cache), then checked
    // against the folders it was read from: a new file is seen then, and an unchanged app is not read again.
    it('is seen once the resolutions are checked again, 30 s on', async () => {
      const cwd = app(withPaths);
      rmSync(join(cwd, 'lib/secure.ts'));
      const eslint = new ESLint({ cwd });
      vi.useFakeTimers({ toFake: ['Date'], now: Date.now() });
      // The import names no file yet: unknown, so no finding.
      expect(await eslintFindings(eslint, cwd, ['app/screen.ts'])).toEqual([]);

      writeFileSync(join(cwd, 'lib/secure.ts'), wrapper('options'));
      const later = new Date(Date.now() + 5000);
      utimesSync(join(cwd, 'lib'), later, later);
      vi.setSystemTime(Date.now() + 31_000);
      expect(await eslintFindings(eslint, cwd, ['app/screen.ts'])).toEqual([
        'app/screen.ts:4:9 securestore/require-keychain-accessible',
        'app/screen.ts:5:36 securestore/no-oversized-value',
        'app/screen.ts:5:9 securestore/require-keychain-accessible',
      ]);

      // And gone again once the wrapper is removed.
      rmSync(join(cwd, 'lib/secure.ts'));
      const evenLater = new Date(Date.now() + 10_000);
      utimesSync(join(cwd, 'lib'), evenLater, evenLater);
      vi.setSystemTime(Date.now() + 31_000);
      expect(await eslintFindings(eslint, cwd, ['app/screen.ts'])).toEqual([]);
    });
  });

  it('takes `paths` from a jsconfig.json in a JavaScript app, as the CLI does', async () => {
    const cwd = tempProject({
      'package.json': JSON.stringify({ name: 'js-app', private: true }),
      'jsconfig.json': JSON.stringify({ compilerOptions: { baseUrl: '.', paths: { '@/*': ['./*'] } } }),
      'eslint.config.mjs': `import securestore from ${JSON.stringify(pathToFileURL(join(repoRoot, 'dist/src/eslint/plugin.js')).href)};\nexport default [securestore.configs.recommended];\n`,
      'lib/secure.js':
        "// SecureStore prefix: auth.*\nimport * as SecureStore from 'expo-secure-store';\n\nexport const saveSecret = (key, value, options) => SecureStore.setItemAsync(key, value, options);\n",
      'app/screen.js': "import { saveSecret } from '@/lib/secure';\n\nexport const signIn = (token) => saveSecret('auth.token', token);\n",
    });
    const found = await eslintFindings(new ESLint({ cwd }), cwd);
    expect(found).toEqual(['app/screen.js:3:34 securestore/require-keychain-accessible']);
    expect(found).toEqual(await cliFindings(cwd));
  });

  it('a tsconfig.json with a syntax error does not crash the lint: relative imports are still followed', async () => {
    const cwd = app('{ "compilerOptions": { "paths": { "@/*": ["./*"] }');
    const found = await eslintFindings(new ESLint({ cwd }), cwd);
    expect(found.filter((f) => f.includes('fatal'))).toEqual([]);
    expect(found).toContain('app/screen.ts:4:9 securestore/require-keychain-accessible');
    expect(found).toEqual(await cliFindings(cwd));
  });
});
