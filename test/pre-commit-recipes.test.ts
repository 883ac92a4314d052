import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import picomatch from 'picomatch';
import { describe, expect, it } from 'vitest';
import { repoRoot, runBinary } from './helpers/run.js';
import { committedRepo, git } from './helpers/git-repo.js';

// The README's recipes for hooks ("Pre-commit and lint-staged"), each taken
// from the README itself and run as far as this machine allows without a
// network: the pre-commit hook's YAML and file selection, lint-staged's call
// (the staged files as absolute paths), and a real git commit through a husky
// hook. The built CLI, real git, temp repositories.

// js-yaml is a devDependency without bundled types; only load() is used.
const yaml = createRequire(import.meta.url)('js-yaml') as { load: (text: string) => unknown };

const readme = readFileSync(join(repoRoot, 'README.md'), 'utf8');
const section = readme.slice(readme.indexOf('### Pre-commit and lint-staged'), readme.indexOf('### Pull requests'));
/** The code blocks of the README's section, in order, by language. */
const blocks = (lang: string) => [...section.matchAll(new RegExp('```' + lang + '\\n([\\s\\S]*?)```', 'g'))].map((m) => m[1]!);

const TOKEN_TS = `import * as SecureStore from 'expo-secure-store';

const OPTIONS = { keychainAccessible: SecureStore.WHEN_UNLOCKED_THIS_DEVICE_ONLY };

export async function saveToken(token: string): Promise<void> {
  await SecureStore.setItemAsync('auth.token', token, OPTIONS);
}
`;
const SIGNOUT_TS = `import * as SecureStore from 'expo-secure-store';

export async function signOut(): Promise<void> {
  await SecureStore.deleteItemAsync('auth.token');
  await SecureStore.deleteItemAsync('auth.pin_token');
}
`;
/** A second write, without keychainAccessible, at line 7; its key is deleted in signout.ts. */
const WITH_PIN = TOKEN_TS.replace(
  "  await SecureStore.setItemAsync('auth.token', token, OPTIONS);\n",
  "  await SecureStore.setItemAsync('auth.token', token, OPTIONS);\n  await SecureStore.setItemAsync('auth.pin_token', token);\n",
);

function committedApp(extra: Record<string, string> = {}): string {
  return committedRepo({
    'package.json': JSON.stringify({ name: 'app', dependencies: { 'expo-secure-store': '*' }, ...JSON.parse(blocks('json')[0]!) }, null, 2),
    'securestore-audit.config.json': '{ "rules": { "require-prefix-header": "off" } }',
    'lib/token.ts': TOKEN_TS,
    'lib/signout.ts': SIGNOUT_TS,
    'README.md': '# app\n',
    ...extra,
  });
}

describe('the pre-commit framework hook', () => {
  interface Hook {
    id: string;
    entry: string;
    language: string;
    types_or: string[];
    exclude: string;
    pass_filenames: boolean;
    require_serial: boolean;
  }
  const hooks = yaml.load(readFileSync(join(repoRoot, '.pre-commit-hooks.yaml'), 'utf8')) as Hook[];
  const hook = hooks[0]!;

  it("parses, and runs the package's executable on the files, in one process", () => {
    expect(hooks).toHaveLength(1);
    const bin = (JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { bin: Record<string, string> }).bin;
    expect(hook).toMatchObject({ id: 'securestore-audit', language: 'node', pass_filenames: true, require_serial: true });
    expect(Object.keys(bin)).toContain(hook.entry);
    // The README's .pre-commit-config.yaml names this hook.
    const config = yaml.load(blocks('yaml')[0]!) as { repos: { hooks: { id: string }[] }[] };
    expect(config.repos[0]!.hooks[0]!.id).toBe(hook.id);
  });

  it("selects the staged source files as pre-commit's file types do, and leaves declaration files out", () => {
    // pre-commit's file types (the identify package) of these extensions.
    const typesOf: Record<string, string[]> = {
      ts: ['text', 'ts'],
      mts: ['text', 'ts'],
      cts: ['text', 'ts'],
      tsx: ['text', 'tsx'],
      js: ['text', 'javascript'],
      mjs: ['text', 'javascript'],
      cjs: ['text', 'javascript'],
      jsx: ['text', 'jsx'],
      dart: ['text', 'dart'],
      json: ['text', 'json'],
      md: ['text', 'markdown'],
      yaml: ['text', 'yaml'],
    };
    const exclude = new RegExp(hook.exclude);
    const selected = (file: string) => hook.types_or.some((type) => typesOf[file.split('.').pop()!]?.includes(type)) && !exclude.test(file);
    const staged = [
      'lib/token.ts',
      'App.tsx',
      'index.js',
      'metro.config.cjs',
      'lib/Button.jsx',
      'lib/main.dart',
      'types/env.d.ts',
      'package.json',
      'README.md',
      'pubspec.yaml',
    ];
    expect(staged.filter(selected)).toEqual(['lib/token.ts', 'App.tsx', 'index.js', 'metro.config.cjs', 'lib/Button.jsx', 'lib/main.dart']);
  });
});

describe('lint-staged', () => {
  it('the staged file, passed alone as an absolute path, gets its finding and no false "never deleted"', async () => {
    const cwd = committedApp();
    writeFileSync(join(cwd, 'lib/token.ts'), WITH_PIN);
    writeFileSync(join(cwd, 'README.md'), '# app\n\nPIN login.\n');
    git(cwd, 'add', '-A');
    // As lint-staged runs a task: the staged files its glob matches (a glob without a slash matches the file name), as absolute paths.
    const config = JSON.parse(blocks('json')[0]!) as { 'lint-staged': Record<string, string> };
    const [[glob, command]] = Object.entries(config['lint-staged']) as [[string, string]];
    expect(command).toBe('securestore-audit');
    const staged = git(cwd, 'diff', '--cached', '--name-only', '--diff-filter=ACMR').trim().split('\n');
    const files = staged.filter((file) => picomatch(glob, { basename: true })(file)).map((file) => join(cwd, file));
    expect(files).toEqual([join(cwd, 'lib/token.ts')]);

    const run = await runBinary(['--format', 'json', ...files], { cwd });
    expect(run.code).toBe(1);
    const found = (JSON.parse(run.stdout) as { filePath: string; messages: { line: number; ruleId: string }[] }[]).flatMap((file) =>
      file.messages.map((m) => `${file.filePath.slice(cwd.length + 1)}:${m.line} ${m.ruleId}`),
    );
    expect(found).toEqual(['lib/token.ts:7 securestore/require-keychain-accessible']);
  });
});

describe('husky', () => {
  it('the pre-commit hook with --changed-since HEAD blocks a commit that adds a finding, and lets a clean one through', () => {
    const cwd = committedApp();
    // The package as an app installs it, found by npx without a registry.
    mkdirSync(join(cwd, 'node_modules/.bin'), { recursive: true });
    symlinkSync(repoRoot, join(cwd, 'node_modules/securestore-audit'));
    symlinkSync('../securestore-audit/bin/securestore-audit.js', join(cwd, 'node_modules/.bin/securestore-audit'));
    const hookScript = blocks('sh').find((block) => block.includes('--changed-since'))!;
    expect(hookScript).toBe('npx securestore-audit --changed-since HEAD\n');
    mkdirSync(join(cwd, '.husky'));
    writeFileSync(join(cwd, '.husky/pre-commit'), hookScript);
    chmodSync(join(cwd, '.husky/pre-commit'), 0o755);
    // What husky's install does.
    git(cwd, 'config', 'core.hooksPath', '.husky');
    const env = { ...process.env, npm_config_offline: 'true', NO_COLOR: '1' };
    const commit = (message: string) => spawnSync('git', ['commit', '-q', '-m', message], { cwd, encoding: 'utf8', env });

    writeFileSync(join(cwd, '.gitignore'), 'node_modules\n');
    writeFileSync(join(cwd, 'README.md'), '# app\n\nNotes.\n');
    git(cwd, 'add', '-A');
    const clean = commit('notes');
    expect(clean.status, clean.stderr + clean.stdout).toBe(0);

    writeFileSync(join(cwd, 'lib/token.ts'), WITH_PIN);
    git(cwd, 'add', '-A');
    const blocked = commit('pin');
    expect(blocked.status).not.toBe(0);
    const said = blocked.stdout + blocked.stderr;
    expect(said).toContain("setItemAsync('auth.pin_token') has no keychainAccessible");
    expect(said).not.toContain('never deleted');
  });
});
