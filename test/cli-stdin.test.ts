import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { runBinary, runCli } from './helpers/run.js';
import { tempProject } from './helpers/temp-project.js';

// --stdin --stdin-filename: an editor's unsaved buffer, audited as that file
// of the app on disk. The buffer's findings only, with what the app knows.

const NS = "import * as SecureStore from 'expo-secure-store';\n";
const OPTS = '{ keychainAccessible: SecureStore.WHEN_UNLOCKED_THIS_DEVICE_ONLY }';
const keys = "export const TOKEN_KEY = 'auth.token';\n";
const signOut = `// SecureStore prefix: auth.*\n${NS}import { TOKEN_KEY } from './keys';\nexport const signOut = () => SecureStore.deleteItemAsync(TOKEN_KEY, ${OPTS});\n`;
/** Writes the token under the imported key: a finding only if the key were unknown or never deleted. */
const session = `// SecureStore prefix: auth.*\n${NS}import { TOKEN_KEY } from './keys';\nexport const save = (t: string) => SecureStore.setItemAsync(TOKEN_KEY, t, ${OPTS});\n`;
/** The same, without the keychain class. */
const sessionNoOptions = `// SecureStore prefix: auth.*\n${NS}import { TOKEN_KEY } from './keys';\nexport const save = (t: string) => SecureStore.setItemAsync(TOKEN_KEY, t);\n`;

interface Result {
  filePath: string;
  messages: { ruleId: string | null; line: number; message: string }[];
}

/** The two rules these cases are about: one per file, one project-wide. */
const RULES = ['--rule', 'require-keychain-accessible', '--rule', 'require-sign-out-cleanup'];

const json = (stdout: string) => JSON.parse(stdout) as Result[];

describe('--stdin --stdin-filename', () => {
  it('audits the text as that file, seeing the app on disk: an imported key, its delete in another file', async () => {
    const cwd = tempProject({ 'lib/keys.ts': keys, 'lib/signOut.ts': signOut, 'lib/other.ts': sessionNoOptions.replace('save', 'other') });
    const run = await runBinary(['--stdin', '--stdin-filename', 'lib/session.ts', '--format', 'json', ...RULES], { cwd, input: session });
    expect(run.stderr).toBe('');
    // Clean: the key is resolved from lib/keys.ts and deleted in lib/signOut.ts. lib/other.ts's finding is not the buffer's.
    expect(json(run.stdout)).toEqual([expect.objectContaining({ filePath: join(cwd, 'lib/session.ts'), messages: [] })]);
    expect(run.code).toBe(0);
  });

  it("reports the text's findings with the usual exit code, and the project-wide ones it has in the app", async () => {
    const cwd = tempProject({ 'lib/keys.ts': keys });
    const run = await runCli(['--stdin', '--stdin-filename', 'lib/session.ts', '--format', 'json', ...RULES], { cwd, input: sessionNoOptions });
    expect(run.code).toBe(1);
    const [result] = json(run.stdout);
    expect(result!.filePath).toBe(join(cwd, 'lib/session.ts'));
    // The message names the key the import resolves to; nothing deletes it anywhere in the app.
    expect(result!.messages.map((m) => [m.ruleId, m.line])).toEqual([
      ['securestore/require-keychain-accessible', 4],
      ['securestore/require-sign-out-cleanup', 4],
    ]);
    expect(result!.messages[0]!.message).toContain("'auth.token'");
  });

  it('the text stands in for the file on disk: the disk version is neither reported nor seen', async () => {
    const cwd = tempProject({ 'lib/keys.ts': keys, 'lib/signOut.ts': signOut, 'lib/session.ts': sessionNoOptions });
    const run = await runCli(['--stdin', '--stdin-filename', 'lib/session.ts', '--format', 'json', ...RULES], { cwd, input: session });
    expect(run.code).toBe(0);
    expect(json(run.stdout)[0]!.messages).toEqual([]);
    // The other way round: the buffer drops the delete that is on disk.
    const buffer = `${NS}export const signOut = () => undefined;\n`;
    const dropped = await runCli(['--stdin', '--stdin-filename', 'lib/signOut.ts', '--format', 'json', '--rule', 'require-sign-out-cleanup'], {
      cwd,
      input: buffer,
    });
    // The finding is on lib/session.ts, which is not the buffer: nothing reported, but the buffer's own result is there.
    expect(json(dropped.stdout).map((r) => [r.filePath, r.messages.length])).toEqual([[join(cwd, 'lib/signOut.ts'), 0]]);
  });

  it('stylish names the file; a file the audit leaves out is said so, exit 0', async () => {
    const cwd = tempProject({ 'lib/keys.ts': keys });
    const run = await runCli(['--stdin', '--stdin-filename', 'lib/session.ts', '--no-color', '--rule', 'require-keychain-accessible'], {
      cwd,
      input: sessionNoOptions,
    });
    expect(run.stdout.split('\n')[0]).toBe('lib/session.ts');
    const test = await runCli(['--stdin', '--stdin-filename', 'lib/session.test.ts', '--format', 'json', ...RULES], { cwd, input: sessionNoOptions });
    expect(test.code).toBe(0);
    expect(json(test.stdout)[0]!.messages.map((m) => m.message)).toEqual(['File skipped: a test file (--include-tests audits it).']);
  });

  it('--fix-dry-run shows the fix against the text, not the disk', async () => {
    const cwd = tempProject({ 'lib/keys.ts': keys });
    const text = `${NS}export const save = (t: string) => SecureStore.setItemAsync('auth.token', t, ${OPTS});\nexport const clear = () => SecureStore.deleteItemAsync('auth.token', ${OPTS});\n`;
    const run = await runCli(['--stdin', '--stdin-filename', 'lib/new.ts', '--fix-dry-run', '--format', 'json', '--rule', 'require-prefix-header'], {
      cwd,
      input: text,
    });
    const [result] = json(run.stdout) as (Result & { output?: string })[];
    expect(result!.output).toBe(`// SecureStore prefix: auth.*\n${text}`);
  });

  it('usage errors: no --stdin-filename, a file name that is no source file, --fix, --stdin-filename alone', async () => {
    const cwd = tempProject({});
    const cases: [string[], string][] = [
      [['--stdin'], '--stdin needs --stdin-filename <path>: the file of the app the text stands for (its extension says how to parse it)'],
      [['--stdin', '--stdin-filename', 'notes.md'], 'notes.md: not a JavaScript, TypeScript or Dart source file (--stdin-filename)'],
      [['--stdin', '--stdin-filename', 'a.ts', '--fix'], '--fix cannot write back to standard input; use --fix-dry-run with --stdin'],
      [['--stdin-filename', 'a.ts'], '--stdin-filename needs --stdin'],
    ];
    for (const [args, message] of cases)
      expect(await runCli(args, { cwd, input: '' })).toEqual({ code: 2, stdout: '', stderr: `securestore-audit: ${message}\n` });
  });

  it('a Dart buffer: audited as that file of the Flutter app, the disk version neither reported nor seen', async () => {
    const fss = "import 'package:flutter_secure_storage/flutter_secure_storage.dart';\n";
    const store = `${fss}const _s = FlutterSecureStorage(iOptions: IOSOptions(accessibility: KeychainAccessibility.unlocked_this_device));\n`;
    const onDisk = `// SecureStore prefix: auth.*\n${store}Future<void> save(String t) => _s.write(key: 'auth.token', value: t);\n`;
    const signOutDart = `// SecureStore prefix: auth.*\n${store}Future<void> signOut() => _s.delete(key: 'auth.token');\n`;
    const cwd = tempProject({ 'pubspec.yaml': 'name: demo_app\n', 'lib/session.dart': onDisk, 'lib/sign_out.dart': signOutDart });
    // The buffer writes a second key that nothing deletes, with the default iOS class.
    const buffer = `${onDisk}const _plain = FlutterSecureStorage();\nFuture<void> keep(String t) => _plain.write(key: 'auth.refresh', value: t);\n`;
    const run = await runCli(['--stdin', '--stdin-filename', 'lib/session.dart', '--format', 'json', ...RULES], { cwd, input: buffer });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(1);
    const results = json(run.stdout);
    expect(results.map((r) => r.filePath)).toEqual([join(cwd, 'lib/session.dart')]);
    // 'auth.token' is deleted in lib/sign_out.dart; 'auth.refresh' is not, and its instance has no iOS class.
    expect(results[0]!.messages.map((m) => [m.ruleId, m.line])).toEqual([
      ['securestore/require-keychain-accessible', 5],
      ['securestore/require-sign-out-cleanup', 6],
    ]);
  });
});
