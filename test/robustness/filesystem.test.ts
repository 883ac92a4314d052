import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/run.js';
import { tempProject } from '../helpers/temp-project.js';
import { canStillRead, runCliWith, shareWithOthers, unprivilegedReader } from './helpers/cli.js';

// The file system as apps really have it: links, loops, unreadable corners,
// odd names. All through the real CLI: its own run() in the test process, and
// the executable as a child process where another user must run it.

const NS = "import * as SecureStore from 'expo-secure-store';\n";
/** One require-keychain-accessible finding per file, so a file's presence in the report proves it was audited. */
const finding = (key: string) => `// SecureStore prefix: ${key.split('.')[0]}.*\n${NS}export const read = () => SecureStore.setItemAsync('${key}', '');\n`;
const ONE_RULE = ['--rule', 'require-keychain-accessible'];
/** Control characters must never reach stderr raw (a newline would make a second line). */
// eslint-disable-next-line no-control-regex -- control characters are what this finds
const CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/;

interface JsonResult {
  filePath: string;
  errorCount: number;
  messages: { ruleId: string | null; message: string; fatal?: boolean }[];
}

/** Audits with --format json and returns the reported files, relative to `cwd`, with their messages. */
async function audited(cwd: string, args: string[] = []) {
  const run = await runCli(['--format', 'json', ...ONE_RULE, ...args], { cwd });
  expect(run.stderr).toBe('');
  const results = JSON.parse(run.stdout) as JsonResult[];
  return { run, files: results.map((r) => relative(cwd, r.filePath).split('\\').join('/')), results };
}

describe('symbolic links', () => {
  it('a link to a parent directory, a link to itself and a two-link cycle never make the walk loop', async () => {
    const cwd = tempProject({ 'src/a.ts': finding('auth.a') });
    symlinkSync('..', join(cwd, 'src/parent'));
    symlinkSync('self', join(cwd, 'src/self'));
    symlinkSync('ping', join(cwd, 'src/pong'));
    symlinkSync('pong', join(cwd, 'src/ping'));
    symlinkSync('.', join(cwd, 'src/here.ts'));
    const { run, files } = await audited(cwd);
    expect(files).toEqual(['src/a.ts']);
    expect(run.code).toBe(1);
  });

  it('links that lead out of the audited directory are not followed, silently', async () => {
    const base = tempProject({ 'app/src/a.ts': finding('auth.a'), 'outside/o.ts': finding('out.o'), 'outside/deep/d.ts': finding('out.d') });
    const cwd = join(base, 'app');
    symlinkSync('../../outside', join(cwd, 'src/shared'));
    symlinkSync('../../outside/o.ts', join(cwd, 'src/o.ts'));
    const { files } = await audited(cwd);
    expect(files).toEqual(['src/a.ts']);
    // Also when the audited path is a subdirectory whose link points to a sibling of it.
    symlinkSync('../app/src/a.ts', join(base, 'outside/back.ts'));
    expect((await audited(cwd, ['src'])).files).toEqual(['src/a.ts']);
  });

  it('a link to a file or directory inside the audited directory audits the target once, at its real place', async () => {
    const cwd = tempProject({ 'src/a.ts': finding('auth.a'), 'src/nested/b.ts': finding('auth.b') });
    symlinkSync('a.ts', join(cwd, 'src/alias.ts'));
    symlinkSync('src', join(cwd, 'lib'));
    symlinkSync('../src/nested', join(cwd, 'src/nested-again'));
    const { files, results } = await audited(cwd);
    expect(files).toEqual(['src/a.ts', 'src/nested/b.ts']);
    expect(results.every((r) => r.errorCount === 1)).toBe(true);
  });

  it('a link to an ignored directory does not bring its files back', async () => {
    const cwd = tempProject({ '.gitignore': 'generated/\n', 'generated/g.ts': finding('gen.g'), 'src/a.ts': finding('auth.a') });
    symlinkSync('../generated', join(cwd, 'src/generated-link'));
    symlinkSync('../node_modules', join(cwd, 'src/deps'));
    mkdirSync(join(cwd, 'node_modules/pkg'), { recursive: true });
    writeFileSync(join(cwd, 'node_modules/pkg/index.ts'), finding('pkg.p'));
    expect((await audited(cwd)).files).toEqual(['src/a.ts']);
  });

  it('a link named on the command line is followed, and a file reached twice is audited once', async () => {
    const base = tempProject({ 'app/src/a.ts': finding('auth.a'), 'outside/o.ts': finding('out.o') });
    const cwd = join(base, 'app');
    symlinkSync('../outside/o.ts', join(cwd, 'linked.ts'));
    symlinkSync('src', join(cwd, 'src-link'));
    expect((await audited(cwd, ['linked.ts'])).files).toEqual(['linked.ts']);
    expect((await audited(cwd, ['src', 'src-link', 'src/a.ts', './src/../src'])).files).toEqual(['src/a.ts']);
  });

  it('a dangling link with a source extension is skipped, not reported as unreadable', async () => {
    const cwd = tempProject({ 'src/a.ts': finding('auth.a') });
    symlinkSync('missing.ts', join(cwd, 'src/dangling.ts'));
    const { files } = await audited(cwd);
    expect(files).toEqual(['src/a.ts']);
  });
});

describe('unreadable files and directories', () => {
  const reader = unprivilegedReader();

  /** Makes `path` unreadable; skips the test when the CLI's user could read it anyway. */
  function lockOrSkip(cwd: string, path: string, skip: (note: string) => never, onTestFinished: (fn: () => void) => void): void {
    if (reader.unavailable) skip(reader.unavailable);
    shareWithOthers(cwd);
    if (!canStillRead(join(cwd, 'src/ok.ts'), reader.user)) skip('the user running the CLI cannot read the temporary directory at all');
    chmodSync(join(cwd, path), 0o000);
    // So that the temporary directory can be cleaned up.
    onTestFinished(() => chmodSync(join(cwd, path), 0o755));
    // Root (or a file system that ignores modes) reads it anyway: the assertions below would be vacuous.
    if (canStillRead(join(cwd, path), reader.user)) skip(`chmod 000 does not stop ${reader.user ? `uid ${reader.user.uid}` : 'this user'} from reading here`);
  }

  it('a file that cannot be read is reported by path with a one-line message, and the audit goes on', async ({ skip, onTestFinished }) => {
    const cwd = tempProject({ 'src/ok.ts': finding('auth.ok'), 'src/locked.ts': finding('auth.locked') });
    lockOrSkip(cwd, 'src/locked.ts', skip, onTestFinished);
    const json = await runCliWith(['--format', 'json', ...ONE_RULE], { cwd, user: reader.user });
    expect(json.code).toBe(1);
    const results = JSON.parse(json.stdout) as JsonResult[];
    const byFile = Object.fromEntries(results.map((r) => [relative(cwd, r.filePath), r]));
    expect(Object.keys(byFile).sort()).toEqual(['src/locked.ts', 'src/ok.ts']);
    expect(byFile['src/ok.ts']!.messages.map((m) => m.ruleId)).toEqual(['securestore/require-keychain-accessible']);
    expect(byFile['src/locked.ts']!.messages).toEqual([expect.objectContaining({ ruleId: null, fatal: true, message: 'Cannot read file: EACCES' })]);

    const stylish = await runCliWith([...ONE_RULE], { cwd, user: reader.user });
    expect(stylish.stdout).toMatch(/^src\/locked\.ts\n {2}1:1 {2}error {2}Cannot read file: EACCES\n/m);
    expect(stylish.stdout).toContain('src/ok.ts');
    expect(stylish.stderr).toBe('');
  });

  // A directory that cannot be listed must not vanish from the audit without a word.
  it('a directory that cannot be listed is reported by path with a one-line message, and the audit goes on', async ({ skip, onTestFinished }) => {
    const cwd = tempProject({ 'src/ok.ts': finding('auth.ok'), 'src/private/hidden.ts': finding('auth.hidden') });
    lockOrSkip(cwd, 'src/private', skip, onTestFinished);
    const json = await runCliWith(['--format', 'json', ...ONE_RULE], { cwd, user: reader.user });
    const results = JSON.parse(json.stdout) as JsonResult[];
    const byFile = Object.fromEntries(results.map((r) => [relative(cwd, r.filePath), r]));
    expect(byFile['src/ok.ts']!.errorCount).toBe(1);
    expect(byFile['src/private']!.messages).toEqual([
      expect.objectContaining({ fatal: true, message: expect.stringMatching(/^Cannot read directory: EACCES$/) }),
    ]);
    expect(json.code).toBe(1);
  });
});

describe('names', () => {
  const files = {
    'src/with space.ts': finding('auth.space'),
    'src/ключ-🔑.ts': finding('auth.unicode'),
    '-foo.ts': finding('auth.dash'),
    'src/ok.ts': finding('auth.ok'),
  };

  it('spaces and unicode in names are walked, reported and shown as they are', async () => {
    const cwd = tempProject(files);
    expect((await audited(cwd, ['src'])).files).toEqual(['src/ok.ts', 'src/with space.ts', 'src/ключ-🔑.ts']);
    expect((await audited(cwd, ['src/with space.ts', 'src/ключ-🔑.ts'])).files).toEqual(['src/with space.ts', 'src/ключ-🔑.ts']);
    const stylish = await runCli([...ONE_RULE, 'src'], { cwd });
    expect(stylish.stdout.split('\n')).toEqual(expect.arrayContaining(['src/with space.ts', 'src/ключ-🔑.ts']));
  });

  it('a file whose name starts with a dash is audited after -- or as ./-foo.ts, and found by the walk', async () => {
    const cwd = tempProject(files);
    expect((await audited(cwd, ['--', '-foo.ts'])).files).toEqual(['-foo.ts']);
    expect((await audited(cwd, ['./-foo.ts'])).files).toEqual(['-foo.ts']);
    expect((await audited(cwd)).files).toContain('-foo.ts');
  });

  it('a nonexistent path is exit code 2 and exactly one line on stderr', async () => {
    const cwd = tempProject(files);
    for (const args of [['missing'], ['src', 'missing.ts'], ['--', '-missing.ts']]) {
      const run = await runCli(args, { cwd });
      expect(run.code).toBe(2);
      expect(run.stdout).toBe('');
      expect(run.stderr).toBe(`securestore-audit: No files matching the pattern "${args[args.length - 1]}" were found.\n`);
    }
  });

  it('a path argument holding control characters is echoed with them made visible', async () => {
    const cwd = tempProject(files);
    const run = await runCli(['missing\n::error file=x::pwned\u001b[31m.ts'], { cwd });
    expect(run.code).toBe(2);
    expect(run.stderr).toBe('securestore-audit: No files matching the pattern "missing\\n::error file=x::pwned\\x1b[31m.ts" were found.\n');
    expect(run.stderr.trimEnd()).not.toMatch(CONTROL);
  });

  it('a FIFO is never opened: skipped by the walk, refused when named', async ({ skip }) => {
    const cwd = tempProject({ 'src/ok.ts': finding('auth.ok') });
    try {
      execFileSync('mkfifo', [join(cwd, 'src/pipe.ts')]);
    } catch {
      skip('mkfifo is not available here');
    }
    // Reading a FIFO blocks until a writer comes: if the CLI opened it, this would never finish.
    expect((await audited(cwd)).files).toEqual(['src/ok.ts']);
    const named = await runCli(['src/pipe.ts'], { cwd });
    expect(named).toEqual({ code: 2, stdout: '', stderr: 'securestore-audit: src/pipe.ts: not a regular file\n' });
  });
});

// test/cli.test.ts covers a root .gitignore and the default ignores, and
// test/baseline-config.test.ts the config's `ignores` for the audit. These are
// the cases they leave out.
describe('ignore rules', () => {
  const project = () =>
    tempProject({
      '.gitignore': 'generated/\n*.gen.ts\n',
      'generated/g.ts': finding('gen.g'),
      'src/a.ts': finding('auth.a'),
      'src/a.gen.ts': finding('auth.gen'),
      'src/copied/.gitignore': '*\n!keep.ts\n',
      'src/copied/dropped.ts': finding('copied.dropped'),
      'src/copied/keep.ts': finding('copied.keep'),
      'src/Button.stories.tsx': finding('story.s'),
      'securestore-audit.config.json': JSON.stringify({ ignores: ['**/*.stories.tsx'] }),
    });

  it('nested .gitignore files with negations, and .gitignore files above an audited subdirectory', async () => {
    const cwd = project();
    expect((await audited(cwd)).files).toEqual(['src/a.ts', 'src/copied/keep.ts']);
    // Auditing `src` alone still applies the root's .gitignore (*.gen.ts).
    expect((await audited(cwd, ['src'])).files).toEqual(['src/a.ts', 'src/copied/keep.ts']);
    expect((await audited(cwd, ['src/copied'])).files).toEqual(['src/copied/keep.ts']);
  });

  it('the default ignores (node_modules, build output, ios/Pods) apply by folder name at any depth, even when the app is audited from outside it', async () => {
    const root = tempProject({
      'app/src/a.ts': finding('app.a'),
      'app/node_modules/pkg/index.ts': finding('pkg.p'),
      'app/packages/ui/node_modules/dep/index.ts': finding('dep.d'),
      'app/ios/Pods/Lib/x.ts': finding('pods.x'),
      'app/android/build/gen.ts': finding('gen.g'),
      'app/src/Pods/kept.ts': finding('kept.k'),
      'elsewhere/.keep': '',
    });
    const expected = ['app/src/Pods/kept.ts', 'app/src/a.ts'];
    expect((await audited(root, ['app'])).files).toEqual(expected);
    const fromOutside = await audited(join(root, 'elsewhere'), ['../app']);
    expect(fromOutside.files).toEqual(expected.map((file) => `../${file}`));
    // Named on the command line, a folder inside one of them is still ignored, and said so (as ESLint does); a file is taken as given.
    for (const [cwd, folder] of [
      [root, 'app/node_modules/pkg'],
      [join(root, 'app'), 'ios/Pods'],
    ] as const) {
      const run = await runCli([folder], { cwd });
      expect(run).toEqual({ code: 2, stdout: '', stderr: `securestore-audit: All of the files matching the pattern "${folder}" are ignored.\n` });
      expect((await audited(cwd, ['--no-error-on-unmatched-pattern', folder])).files).toEqual([]);
    }
    expect((await audited(root, ['app/node_modules/pkg/index.ts'])).files).toEqual(['app/node_modules/pkg/index.ts']);
  });

  it('the keys command honours .gitignore and the config ignores too', async () => {
    const cwd = project();
    const run = await runCli(['keys', '--format', 'json'], { cwd });
    expect(run.code).toBe(0);
    const keys = (JSON.parse(run.stdout) as { key: string }[]).map((k) => k.key);
    expect(keys).toEqual(['auth.a', 'copied.keep']);
  });
});
