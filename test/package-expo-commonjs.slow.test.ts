import { readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { npmInstall, npx, packTarball, run, withoutNpmNoise } from './helpers/installed-package.js';
import { tempProject } from './helpers/temp-project.js';

// An Expo app's own ESLint setup: `npx expo lint` writes a CommonJS
// eslint.config.js that spreads eslint-config-expo/flat, on ESLint 9. The
// plugin is added the way such a file adds anything, with require().
// Slow: a real npm install of eslint-config-expo and its plugins.

const LOGIN =
  "// SecureStore prefix: auth.*\nimport * as SecureStore from 'expo-secure-store';\n\nexport async function save(token: string) {\n  await SecureStore.setItemAsync('auth.token', token);\n}\n";

describe("the plugin in an Expo app's CommonJS eslint.config.js, next to eslint-config-expo/flat, on ESLint 9", () => {
  let app: string;
  let packDir: string;

  beforeAll(async () => {
    const tarball = await packTarball();
    packDir = dirname(tarball);
    app = tempProject({
      'package.json': JSON.stringify({ name: 'expo-app', version: '1.0.0', private: true }),
      'eslint.config.js':
        "const expoConfig = require('eslint-config-expo/flat');\nconst securestore = require('securestore-audit/eslint-plugin');\n\nmodule.exports = [...expoConfig, securestore.configs.recommended];\n",
      'app/login.tsx': LOGIN,
      'app/ok.tsx': 'export const answer = 42;\n',
    });
    await npmInstall(app, ['eslint@^9', 'eslint-config-expo', 'typescript@~5.9.2', tarball]);
  }, 300_000);

  // Each install is a few hundred MB.
  afterAll(() => {
    for (const dir of [app, packDir]) if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('the app really is CommonJS on ESLint 9', () => {
    expect(JSON.parse(readFileSync(join(app, 'package.json'), 'utf8')).type).toBeUndefined();
    expect(JSON.parse(readFileSync(join(app, 'node_modules/eslint/package.json'), 'utf8')).version).toMatch(/^9\./);
  });

  it('ESLint loads the config and reports the finding, with no crash and no warning', async () => {
    const result = await run(npx, ['--no-install', 'eslint', '--format', 'json', 'app'], app);
    expect(withoutNpmNoise(result.stderr)).toBe('');
    const messages = JSON.parse(result.stdout).flatMap((r: { filePath: string; messages: { ruleId: string | null; line: number }[] }) =>
      r.messages.map((m) => `${r.filePath.slice(app.length + 1)}:${m.line} ${m.ruleId}`),
    );
    // eslint-config-expo's own rules may speak too (the demo imports a module not installed here); ours must, once.
    expect(messages.filter((m: string) => m.includes('securestore/'))).toEqual(['app/login.tsx:5 securestore/require-keychain-accessible']);
    expect(messages.filter((m: string) => m.endsWith(' null'))).toEqual([]);
    expect(result.code).toBe(1);
  });
});
