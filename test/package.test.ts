import { beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from './helpers/run.js';
import { tempProject } from './helpers/temp-project.js';
import { npm, npx, packTarball, run } from './helpers/installed-package.js';

// The package as users get it: packed into a tarball, installed into a fresh
// Expo-like project, run through npx and through ESLint. Nothing here imports
// from the source tree.

/** npm itself may warn about the machine's npm config; only our own output matters. */
const withoutNpmNoise = (text: string) =>
  text
    .split('\n')
    .filter((l) => l && !l.startsWith('npm warn'))
    .join('\n');

describe('the npm package', () => {
  let app: string;

  beforeAll(async () => {
    // Packed without the prepack build: the test runner built dist/ already, and
    // a second build here would rewrite dist/ under the other slow files that pack it.
    const tarball = await packTarball();
    app = tempProject({
      'package.json': JSON.stringify({ name: 'expo-like-app', version: '1.0.0', private: true }),
      'eslint.config.mjs': "import securestore from 'securestore-audit/eslint-plugin';\nexport default [securestore.configs.recommended];\n",
      'app/login.tsx':
        "// SecureStore prefix: auth.*\nimport * as SecureStore from 'expo-secure-store';\nexport async function save(token: string) {\n  await SecureStore.setItemAsync('auth.token', token);\n}\n",
      'lib/ok.ts': 'export const answer = 42;\n',
      'consumer.mts':
        "import { audit, type AuditResult } from 'securestore-audit';\nimport plugin from 'securestore-audit/eslint-plugin';\nconst result: AuditResult = audit({ paths: ['app'] });\nconst n: number = result.files.length;\nconst ids: string[] = Object.keys(plugin.rules);\nexport { n, ids };\n",
      // A CommonJS eslint.config.js written in TypeScript: require() types as the plugin itself.
      'consumer.cts':
        "import securestore = require('securestore-audit/eslint-plugin');\nconst recommended: object = securestore.configs.recommended;\nconst ids: string[] = Object.keys(securestore.rules);\n// @ts-expect-error: typed, not any\nconst missing = securestore.configs.loose;\nexport = [recommended, ids, missing];\n",
    });
    const installed = await run(npm, ['install', '--no-audit', '--no-fund', '--prefer-offline', tarball, 'eslint@^10', 'typescript@~6.0'], app);
    expect(installed.code, installed.stderr).toBe(0);
  }, 300_000);

  it('ships only what users need', async () => {
    const listed = await run(npm, ['pack', '--dry-run', '--json', '--ignore-scripts'], repoRoot);
    const files: string[] = JSON.parse(listed.stdout)[0].files.map((f: { path: string }) => f.path);
    expect(files).toContain('bin/securestore-audit.js');
    // The executable is CommonJS (bin/package.json says so) and requires the CommonJS bundle.
    expect(files).toContain('bin/package.json');
    expect(files).toContain('dist/src/bundle/main.cjs');
    expect(files).toContain('dist/src/eslint/plugin.js');
    expect(files).toContain('dist/src/eslint/plugin.d.ts');
    expect(files).toContain('dist/src/index.d.ts');
    expect(files).toContain('securestore-audit.schema.json');
    expect(files.some((f) => f.startsWith('test/') || f.startsWith('fixtures/') || f.startsWith('src/'))).toBe(false);
  });

  it('npx securestore-audit works from the installed tarball', async () => {
    const result = await run(npx, ['--no-install', 'securestore-audit', '.'], app);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('app/login.tsx');
    expect(result.stdout).toContain('securestore/require-keychain-accessible');
    expect(withoutNpmNoise(result.stderr)).toBe('');
  });

  it('the ESLint flat config works from the installed tarball', async () => {
    const result = await run(npx, ['--no-install', 'eslint', '--format', 'json', '.'], app);
    expect(result.code).toBe(1);
    const messages = JSON.parse(result.stdout).flatMap((r: { messages: { ruleId: string; line: number }[] }) => r.messages);
    expect(messages.map((m: { ruleId: string; line: number }) => `${m.line} ${m.ruleId}`)).toEqual(['4 securestore/require-keychain-accessible']);
  });

  it('ships types for the plugin and the programmatic API', async () => {
    const result = await run(
      npx,
      [
        '--no-install',
        'tsc',
        '--noEmit',
        '--strict',
        '--module',
        'nodenext',
        '--moduleResolution',
        'nodenext',
        '--skipLibCheck',
        'consumer.mts',
        'consumer.cts',
      ],
      app,
    );
    expect(withoutNpmNoise(result.stdout + result.stderr)).toBe('');
    expect(result.code).toBe(0);
  });

  it('publint reports no errors', async () => {
    const result = await run(npx, ['--no-install', 'publint', '--strict'], repoRoot);
    expect(result.code, result.stdout + result.stderr).toBe(0);
    expect(result.stdout).toContain('All good!');
  });

  it('@arethetypeswrong/cli reports no problems for the exports, and types for require() of the ESLint plugin', async () => {
    const result = await run(npx, ['--no-install', 'attw', '--pack', '.', '--profile', 'node16', '--format', 'json'], repoRoot);
    const report = JSON.parse(result.stdout);
    // node10 is outside the contract (subpath exports need Node 12+ resolution). The programmatic API is ESM only
    // (Node 20.19+ can require() it; TypeScript types it for import); the ESLint plugin has a `require` entry
    // of its own, for CommonJS eslint.config.js files, and must resolve with types from CommonJS too.
    const inScope = (report.analysis.problems ?? []).filter(
      (p: { entrypoint: string; resolutionKind?: string }) =>
        p.resolutionKind === 'node16-esm' || p.resolutionKind === 'bundler' || (p.resolutionKind === 'node16-cjs' && p.entrypoint === './eslint-plugin'),
    );
    expect(inScope).toEqual([]);
    const fromCjs = report.analysis.entrypoints['./eslint-plugin'].resolutions['node16-cjs'];
    expect(fromCjs.resolution.fileName).toMatch(/\/dist\/src\/eslint\/plugin\.d\.cts$/);
    expect(fromCjs.implementationResolution.fileName).toMatch(/\/dist\/src\/eslint\/plugin\.cjs$/);
  });
});
