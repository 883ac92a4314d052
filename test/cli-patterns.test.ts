import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runBinary, runCli } from './helpers/run.js';
import { tempProject } from './helpers/temp-project.js';

// Which files a run audits, as an ESLint user names them: quoted globs,
// paths that match nothing, --ignore-pattern and --no-ignore.

const NS = "import * as SecureStore from 'expo-secure-store';\n";
/** A file with one require-keychain-accessible finding, so the JSON report lists it. */
const finding = (key: string) => `${NS}export const save = (v: string) => SecureStore.setItemAsync('${key}', v);\n`;

/** The files of the JSON report, relative to the project. */
async function audited(cwd: string, args: string[]): Promise<string[]> {
  const run = await runCli(['--format', 'json', '--rule', 'require-keychain-accessible', ...args], { cwd });
  expect(run.stderr).toBe('');
  return (JSON.parse(run.stdout) as { filePath: string }[]).map((r) => relative(cwd, r.filePath).split('\\').join('/')).sort();
}

const app = () =>
  tempProject({
    'src/a.ts': finding('a'),
    'src/deep/b.ts': finding('b'),
    'src/deep/c.tsx': finding('c'),
    'lib/d.js': finding('d'),
    'dist/e.ts': finding('e'),
    'node_modules/pkg/f.ts': finding('f'),
    'generated/g.ts': finding('g'),
    'app/[id].tsx': finding('h'),
    '.gitignore': 'generated/\n',
    'securestore-audit.config.json': '{ "ignores": ["lib/**"] }\n',
  });

describe('quoted globs', () => {
  it('are expanded relative to the working directory, as ESLint does', async () => {
    const cwd = app();
    expect(await audited(cwd, ['src/**/*.ts'])).toEqual(['src/a.ts', 'src/deep/b.ts']);
    expect(await audited(cwd, ['src/*'])).toEqual(['src/a.ts']);
    expect(await audited(cwd, ['./src/**/*.{ts,tsx}'])).toEqual(['src/a.ts', 'src/deep/b.ts', 'src/deep/c.tsx']);
    expect(await audited(cwd, ['**/b.ts'])).toEqual(['src/deep/b.ts']);
  });

  it('keep the ignores: .gitignore, the config, the default folders', async () => {
    const cwd = app();
    expect(await audited(cwd, ['**/*.ts'])).toEqual(['src/a.ts', 'src/deep/b.ts']);
    expect(await audited(cwd, ['**/*.js'])).toEqual([]);
  });

  it('a path that exists is a path, even when it reads as a glob', async () => {
    const cwd = app();
    expect(await audited(cwd, ['app/[id].tsx'])).toEqual(['app/[id].tsx']);
  });

  it('are expanded by the executable too, from a quoted argument', async () => {
    const cwd = app();
    const run = await runBinary(['src/deep/*.tsx', '--format', 'json', '--rule', 'require-keychain-accessible'], { cwd });
    expect(run.code).toBe(1);
    expect((JSON.parse(run.stdout) as { filePath: string }[]).map((r) => r.filePath)).toEqual([join(cwd, 'src/deep/c.tsx')]);
  });
});

describe('a pattern that matches no file', () => {
  it('exits 2 with one line, as ESLint does', async () => {
    const cwd = app();
    for (const pattern of ['nothing/**/*.ts', 'missing.ts', 'src/**/*.jsx']) {
      const run = await (pattern === 'missing.ts' ? runBinary : runCli)([pattern], { cwd });
      expect(run).toEqual({ code: 2, stdout: '', stderr: `securestore-audit: No files matching the pattern "${pattern}" were found.\n` });
    }
  });

  it('a folder without a source file is one too; a glob all of whose files are ignored is one too', async () => {
    const cwd = tempProject({ 'docs/readme.md': '# x\n', 'generated/a.ts': finding('a'), '.gitignore': 'generated/\n' });
    expect((await runCli(['docs'], { cwd })).stderr).toBe('securestore-audit: No files matching the pattern "docs" were found.\n');
    expect((await runCli(['generated/*.ts'], { cwd })).code).toBe(2);
  });

  it('is skipped silently with --no-error-on-unmatched-pattern, and the other patterns are audited', async () => {
    const cwd = app();
    expect(await audited(cwd, ['--no-error-on-unmatched-pattern', 'missing.ts', 'nothing/*.ts', 'src/*.ts'])).toEqual(['src/a.ts']);
    const run = await runBinary(['--no-error-on-unmatched-pattern', 'missing.ts'], { cwd });
    expect(run).toEqual({ code: 0, stdout: '', stderr: '' });
  });

  it('a test file named on the command line matched: it is left out, not an error (lint-staged names tests)', async () => {
    const cwd = tempProject({ 'src/a.test.ts': finding('a') });
    expect(await runCli(['src/a.test.ts'], { cwd })).toEqual({ code: 0, stdout: '', stderr: '' });
  });
});

describe('--ignore-pattern', () => {
  it('leaves out what its globs match, relative to the working directory; a folder leaves out its files', async () => {
    const cwd = app();
    expect(await audited(cwd, ['--ignore-pattern', 'src/deep'])).toEqual(['app/[id].tsx', 'src/a.ts']);
    expect(await audited(cwd, ['--ignore-pattern', 'src/deep/'])).toEqual(['app/[id].tsx', 'src/a.ts']);
    // Anchored at the working directory, as ESLint's: `a.ts` is the file at the top only.
    expect(await audited(cwd, ['--ignore-pattern', 'a.ts'])).toEqual(['app/[id].tsx', 'src/a.ts', 'src/deep/b.ts', 'src/deep/c.tsx']);
    expect(await audited(cwd, ['--ignore-pattern', '**/*.tsx', '--ignore-pattern', 'src/a.ts'])).toEqual(['src/deep/b.ts']);
  });

  it('a later negated pattern brings a file back', async () => {
    const cwd = app();
    expect(await audited(cwd, ['--ignore-pattern', 'src/**', '--ignore-pattern', '!src/deep/b.ts'])).toEqual(['app/[id].tsx', 'src/deep/b.ts']);
  });
});

describe('--no-ignore', () => {
  it('audits what .gitignore, the config, --ignore-pattern and the default folders leave out, but not node_modules', async () => {
    const cwd = app();
    expect(await audited(cwd, ['--no-ignore', '--ignore-pattern', 'src/**'])).toEqual([
      'app/[id].tsx',
      'dist/e.ts',
      'generated/g.ts',
      'lib/d.js',
      'src/a.ts',
      'src/deep/b.ts',
      'src/deep/c.tsx',
    ]);
  });
});

describe('--output-file', () => {
  it("is -o under ESLint's name", async () => {
    const cwd = tempProject({ 'src/a.ts': finding('a') });
    const run = await runCli(['--output-file', 'report.json', '--format', 'json'], { cwd });
    expect(run).toEqual({ code: 1, stdout: '', stderr: '' });
    expect(JSON.parse(readFileSync(join(cwd, 'report.json'), 'utf8'))[0].messages[0].ruleId).toBe('securestore/require-keychain-accessible');
  });
});

describe('the keys command', () => {
  it('takes globs, --ignore-pattern and --no-ignore as the audit does', async () => {
    const cwd = app();
    const keys = async (args: string[]) => {
      const run = await runCli(['keys', '--format', 'json', ...args], { cwd });
      expect(run.stderr).toBe('');
      return (JSON.parse(run.stdout) as { key: string }[]).map((entry) => entry.key).sort();
    };
    expect(await keys(['src/**/*.ts'])).toEqual(['a', 'b']);
    expect(await keys(['--ignore-pattern', 'src/deep'])).toEqual(['a', 'h']);
    expect(await keys(['--no-ignore', 'lib'])).toEqual(['d']);
    expect((await runCli(['keys', 'nothing/*.ts'], { cwd })).stderr).toBe('securestore-audit: No files matching the pattern "nothing/*.ts" were found.\n');
  });
});
