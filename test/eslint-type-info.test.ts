import { ESLint, type Linter } from 'eslint';
import { describe, expect, it } from 'vitest';
import plugin from '../src/eslint/plugin.js';
import { tempProject } from './helpers/temp-project.js';

// With type information configured, the ESLint plugin follows imports through
// the user's TypeScript program; without it, it reads the imported files from
// disk itself (see eslint-imports.test.ts): the findings are the same.

const files = {
  'tsconfig.json': JSON.stringify({ compilerOptions: { strict: true, module: 'esnext', moduleResolution: 'bundler', noEmit: true }, include: ['**/*.ts'] }),
  'lib/store.ts': "export * from 'expo-secure-store';\n",
  'app/screen.ts':
    "// SecureStore prefix: auth.*\nimport { setItemAsync } from '../lib/store';\nexport const save = (v: string) => setItemAsync('auth.token', v);\n",
};

async function lint(typeInfo: boolean, cwd: string): Promise<string[]> {
  const eslint = new ESLint({
    cwd,
    overrideConfigFile: true,
    overrideConfig: [
      // typescript-eslint's and ESLint's config types differ in detail; the object is the same.
      plugin.configs.recommended as unknown as Linter.Config,
      ...(typeInfo ? [{ languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: cwd } } }] : []),
    ],
  });
  const [result] = await eslint.lintFiles(['app/screen.ts']);
  return result!.messages.map((m) => `${m.line}:${m.column} ${m.ruleId} ${m.messageId ?? m.message}`);
}

describe('ESLint plugin with type information', () => {
  it('follows a local re-export of expo-secure-store with or without the program', async () => {
    const cwd = tempProject(files);
    expect(await lint(true, cwd)).toEqual(['3:36 securestore/require-keychain-accessible missingOptions']);
    expect(await lint(false, cwd)).toEqual(['3:36 securestore/require-keychain-accessible missingOptions']);
  });
});
