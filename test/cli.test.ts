import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { allRules } from '../rules/index.js';
import { repoRoot, runBinary, runCli } from './helpers/run.js';
import { tempProject } from './helpers/temp-project.js';

const OPTS = '{ keychainAccessible: SecureStore.WHEN_UNLOCKED_THIS_DEVICE_ONLY }';
const HEADER = '// SecureStore prefix: auth.*\n';
const NS = "import * as SecureStore from 'expo-secure-store';\n";
// eslint-disable-next-line no-control-regex -- an escape sequence is what this finds
const ANSI = /\u001b\[\d+m/;

const clean = HEADER + NS + `export const read = () => SecureStore.getItemAsync('auth.token', ${OPTS});\n`;
// The delete keeps require-sign-out-cleanup quiet; it needs no class of its own.
const missingOptions =
  HEADER +
  NS +
  `export const save = (v: string) => SecureStore.setItemAsync('auth.token', v);\nexport const clear = () => SecureStore.deleteItemAsync('auth.token');\n`;

describe('securestore-audit CLI', () => {
  // The executable itself, as a child process: its exit codes (0, 1, and 2 below) and its streams.
  it('exits 0 and prints nothing on a clean project', async () => {
    const cwd = tempProject({ 'src/a.ts': clean, 'src/b.ts': 'export const x = 1;\n' });
    const run = await runBinary([], { cwd });
    expect(run).toEqual({ code: 0, stdout: '', stderr: '' });
  });

  it('exits 1 and prints findings with a code frame and a summary', async () => {
    const cwd = tempProject({ 'src/a.ts': missingOptions });
    const run = await runBinary(['src'], { cwd });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('src/a.ts');
    expect(run.stdout).toMatch(
      /3:36 {2}error {2}setItemAsync\('auth\.token'\) has no keychainAccessible; pass WHEN_UNLOCKED_THIS_DEVICE_ONLY\. {2}securestore\/require-keychain-accessible/,
    );
    expect(run.stdout).toContain("3 | export const save = (v: string) => SecureStore.setItemAsync('auth.token', v);");
    expect(run.stdout).toContain('✖ 1 problem (1 error, 0 warnings)');
    expect(run.stdout).not.toMatch(ANSI);
  });

  it('reports reads and deletes without a class only under --strict, with their own message', async () => {
    const cwd = tempProject({ 'a.ts': HEADER + NS + "export const load = () => SecureStore.getItemAsync('auth.token');\n" });
    const plain = await runCli(['--format', 'json', '--rule', 'require-keychain-accessible'], { cwd });
    expect(JSON.parse(plain.stdout)[0].messages).toEqual([]);
    const strict = await runCli(['--format', 'json', '--strict', '--rule', 'require-keychain-accessible'], { cwd });
    expect(JSON.parse(strict.stdout)[0].messages.map((m: { messageId: string; message: string }) => [m.messageId, m.message])).toEqual([
      ['missingOnReadOrDelete', "getItemAsync('auth.token') has no keychainAccessible; pass the options this key is written with."],
    ]);
  });

  it('writes ESLint-compatible JSON', async () => {
    const cwd = tempProject({ 'a.ts': missingOptions, 'b.ts': clean });
    const run = await runCli(['--format', 'json', '--rule', 'require-keychain-accessible'], { cwd });
    expect(run.code).toBe(1);
    const results = JSON.parse(run.stdout);
    expect(results).toHaveLength(2);
    const a = results.find((r: { filePath: string }) => r.filePath.endsWith('a.ts'));
    expect(a).toMatchObject({ errorCount: 1, warningCount: 0, fatalErrorCount: 0, suppressedMessages: [] });
    expect(a.messages[0]).toMatchObject({
      ruleId: 'securestore/require-keychain-accessible',
      messageId: 'missingOptions',
      severity: 2,
      line: 3,
      column: 36,
      endLine: 3,
      endColumn: 77,
    });
    expect(a.messages[0].suggestions[0].fix.text).toBe(`, ${OPTS}`);
  });

  it('recognises SecureStore through a local re-export and constants imported through a paths alias', async () => {
    const cwd = tempProject({
      'tsconfig.json': JSON.stringify({ compilerOptions: { strict: true, paths: { '@/*': ['./*'] } } }),
      'lib/store.ts': "export * from 'expo-secure-store';\n",
      'lib/options.ts':
        "import * as SecureStore from 'expo-secure-store';\nexport const GOOD = { keychainAccessible: SecureStore.AFTER_FIRST_UNLOCK_THIS_DEVICE_ONLY };\nexport const BAD = { requireAuthentication: false };\n",
      'app/screen.ts':
        "// SecureStore prefix: auth.*\nimport { setItemAsync } from '../lib/store';\nimport { GOOD, BAD } from '@/lib/options';\nexport async function f(v: string) {\n  await setItemAsync('auth.a', v, GOOD);\n  await setItemAsync('auth.b', v, BAD);\n  await setItemAsync('auth.c', v);\n}\n",
    });
    // The wrapper and the options live outside app/: they are read only because lib is audited too.
    const run = await runCli(['--format', 'json', '--rule', 'require-keychain-accessible', 'app', 'lib'], { cwd });
    const messages = JSON.parse(run.stdout).find((r: { filePath: string }) => r.filePath.endsWith('screen.ts')).messages;
    expect(messages.map((m: { line: number; messageId: string }) => `${m.line} ${m.messageId}`)).toEqual(['6 missingKeychainAccessible', '7 missingOptions']);
  });

  it('honours .gitignore and the default ignores', async () => {
    const cwd = tempProject({
      '.gitignore': 'generated/\n',
      'generated/a.ts': missingOptions,
      'node_modules/pkg/index.ts': missingOptions,
      'ios/Pods/x.ts': missingOptions,
      'src/ok.ts': clean,
    });
    const run = await runCli([], { cwd });
    expect(run).toMatchObject({ code: 0, stdout: '' });
  });

  it('reports a file that does not parse and goes on with the others', async () => {
    const cwd = tempProject({ 'a.ts': NS + 'export const = ;\n', 'b.ts': missingOptions });
    const run = await runCli(['--format', 'json'], { cwd });
    expect(run.code).toBe(1);
    const results = JSON.parse(run.stdout);
    const broken = results.find((r: { filePath: string }) => r.filePath.endsWith('a.ts'));
    expect(broken.fatalErrorCount).toBe(1);
    expect(broken.messages[0]).toMatchObject({ ruleId: null, fatal: true, severity: 2, line: 2 });
    expect(broken.messages[0].message).toMatch(/^Parsing error: /);
    expect(results.find((r: { filePath: string }) => r.filePath.endsWith('b.ts')).errorCount).toBe(1);
  });

  it('never prints a secret-looking literal', async () => {
    const jwt = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.c2lnbmF0dXJlLXZhbHVl';
    const cwd = tempProject({ 'a.ts': HEADER + NS + `SecureStore.setItemAsync('auth.token', '${jwt}');\n` });
    for (const format of ['stylish', 'json', 'sarif', 'github', 'gitlab']) {
      const run = await runCli(['--format', format], { cwd });
      expect(run.code).toBe(1);
      expect(run.stdout).not.toContain(jwt);
    }
    const stylish = await runCli([], { cwd });
    expect(stylish.stdout).toContain("SecureStore.setItemAsync('auth.token', '<redacted>');");
  });

  it('uses colours only when asked for', async () => {
    const cwd = tempProject({ 'a.ts': missingOptions });
    expect((await runCli([], { cwd, env: { FORCE_COLOR: '1' } })).stdout).toMatch(ANSI);
    expect((await runCli(['--no-color'], { cwd, env: { FORCE_COLOR: '1' } })).stdout).not.toMatch(ANSI);
    expect((await runCli([], { cwd, env: { FORCE_COLOR: '1', NO_COLOR: '1' } })).stdout).not.toMatch(ANSI);
  });

  it('colours with the basic 16-colour codes, each style closed by its own reset', async () => {
    const cwd = tempProject({ 'a.ts': missingOptions });
    const lines = (await runCli([], { cwd, env: { FORCE_COLOR: '1' } })).stdout.split('\n');
    const e = '\u001b[';
    expect(lines[0]).toBe(`${e}4ma.ts${e}24m`);
    expect(lines[1]).toMatch(
      new RegExp(
        `^  \\u001b\\[2m\\d+:\\d+\\u001b\\[22m  \\u001b\\[31merror\\u001b\\[39m  .*  \\u001b\\[2msecurestore/require-keychain-accessible\\u001b\\[22m$`,
      ),
    );
    expect(lines).toContain(`${e}1m${e}31m✖ 1 problem (1 error, 0 warnings)${e}39m${e}22m`);
  });

  it('--output writes the report to a file', async () => {
    const cwd = tempProject({ 'a.ts': missingOptions });
    const run = await runCli(['--format', 'json', '--output', 'out/report.json'], { cwd });
    expect(run).toMatchObject({ code: 1, stdout: '' });
    expect(JSON.parse(readFileSync(join(cwd, 'out/report.json'), 'utf8'))[0].errorCount).toBe(1);
  });

  it('--list-rules lists every rule', async () => {
    const run = await runCli(['--list-rules']);
    expect(run.code).toBe(0);
    for (const rule of allRules) expect(run.stdout).toContain(`securestore/${rule.id}`);
  });

  it('--strict turns on requireThisDeviceOnly', async () => {
    const cwd = tempProject({
      'a.ts': HEADER + NS + "export const r = () => SecureStore.getItemAsync('auth.t', { keychainAccessible: SecureStore.WHEN_UNLOCKED });\n",
    });
    expect((await runCli([], { cwd })).code).toBe(0);
    const strict = await runCli(['--strict', '--format', 'json', '--rule', 'require-keychain-accessible'], { cwd });
    expect(strict.code).toBe(1);
    expect(JSON.parse(strict.stdout)[0].messages[0].messageId).toBe('notThisDeviceOnly');
  });

  describe('usage errors exit 2 with one line and no stack', () => {
    const cases: [string, string[], RegExp][] = [
      ['missing path', ['does-not-exist'], /^securestore-audit: No files matching the pattern "does-not-exist" were found\.\n$/],
      ['unknown rule', ['--rule', 'no-such-rule'], /^securestore-audit: unknown rule "no-such-rule"/],
      ['bad --max-warnings', ['--max-warnings', 'many'], /--max-warnings/],
      ['unknown format', ['--format', 'xml'], /xml/],
      ['unknown option', ['--frobnicate'], /unknown option/],
      ['not a source file', ['package.json'], /package\.json: not a JavaScript, TypeScript or Dart source file/],
    ];
    // Two of them through the executable: an error of commander's and one of ours.
    const throughTheBinary = new Set(['missing path', 'unknown option']);
    for (const [name, args, message] of cases) {
      it(name, async () => {
        const run = await (throughTheBinary.has(name) ? runBinary : runCli)(args);
        expect(run.code).toBe(2);
        expect(run.stderr).toMatch(message);
        expect(run.stderr).not.toMatch(/\n\s+at /);
        expect(run.stdout).toBe('');
      });
    }
  });

  it('does not touch files without --fix', async () => {
    const cwd = tempProject({ 'a.ts': missingOptions });
    await runCli([], { cwd });
    expect(readFileSync(join(cwd, 'a.ts'), 'utf8')).toBe(missingOptions);
    expect(existsSync(join(cwd, 'a.ts'))).toBe(true);
  });
});

describe('--fix', () => {
  const unfixed =
    NS +
    `export const save = (v: string) => SecureStore.setItemAsync('auth.accessToken', v, ${OPTS});\nexport const load = () => SecureStore.getItemAsync('auth.refreshToken', ${OPTS});\n`;

  it('inserts the prefix header atomically, and a second run changes nothing', async () => {
    const cwd = tempProject({ 'lib/tokens.ts': unfixed });
    const before = await runCli(['--format', 'json', '--rule', 'require-prefix-header'], { cwd });
    expect(JSON.parse(before.stdout)[0].messages[0]).toMatchObject({ messageId: 'missingHeader', fix: { range: [0, 0] } });
    const fixed = await runCli(['--fix', '--rule', 'require-prefix-header'], { cwd });
    expect(fixed).toMatchObject({ code: 0, stdout: '' });
    const text = readFileSync(join(cwd, 'lib/tokens.ts'), 'utf8');
    expect(text).toBe(`// SecureStore prefix: auth.*\n${unfixed}`);
    const again = await runCli(['--fix', '--rule', 'require-prefix-header'], { cwd });
    expect(again.code).toBe(0);
    expect(readFileSync(join(cwd, 'lib/tokens.ts'), 'utf8')).toBe(text);
    // No temporary file is left behind by the atomic write.
    expect(readdirSync(join(cwd, 'lib'))).toEqual(['tokens.ts']);
  });
});

describe('--quiet and --max-warnings', () => {
  const syncInRender = `// SecureStore prefix: auth.*\n${NS}export function Screen() {\n  return SecureStore.getItem('auth.pin', ${OPTS});\n}\n`;

  it('counts warnings against --max-warnings, and --quiet hides them', async () => {
    const cwd = tempProject({ 'Screen.tsx': syncInRender });
    const plain = await runCli([], { cwd });
    expect(plain.code).toBe(0);
    expect(plain.stdout).toContain('warning');
    expect(plain.stdout).toContain('securestore/no-sync-on-hot-path');
    const limited = await runCli(['--max-warnings', '0'], { cwd });
    expect(limited.code).toBe(1);
    expect(limited.stderr).toContain('securestore-audit found too many warnings (maximum: 0).');
    expect(await runCli(['--max-warnings', '1'], { cwd })).toMatchObject({ code: 0 });
    expect(await runCli(['--quiet'], { cwd })).toEqual({ code: 0, stdout: '', stderr: '' });
  });
});

describe('securestore-audit keys on the demo app', () => {
  it('writes the key registry to --output, creating its folder', async () => {
    const cwd = tempProject({});
    const run = await runCli(['keys', '--format', 'json', '--output', 'reports/new/keys.json', join(repoRoot, 'fixtures/demo-app')], { cwd });
    expect(run).toMatchObject({ code: 0, stdout: '', stderr: '' });
    const keys = JSON.parse(readFileSync(join(cwd, 'reports/new/keys.json'), 'utf8')) as { key: string }[];
    expect(keys.map((k) => k.key)).toContain('auth.session.accessToken');
  });

  it('lists keys with their store, options and sites, in text, JSON and Markdown', async () => {
    const json = await runCli(['keys', '--format', 'json', 'fixtures/demo-app']);
    expect(json.code).toBe(0);
    const entries = JSON.parse(json.stdout) as { key: string; store: string; sites: { operation: string; file: string; options?: Record<string, string> }[] }[];
    const access = entries.find((e) => e.key === 'auth.session.accessToken')!;
    expect(access.store).toBe('secure-store');
    expect(new Set(access.sites.map((s) => s.operation))).toEqual(new Set(['write', 'read', 'delete']));
    expect(access.sites.every((s) => s.options?.keychainAccessible === 'AFTER_FIRST_UNLOCK_THIS_DEVICE_ONLY')).toBe(true);
    // A key written through the generic wrapper is listed where the caller names it.
    const backup = entries.find((e) => e.key === 'vault.walletBackup')!;
    expect(backup.sites.map((s) => `${s.operation} ${s.file}`)).toEqual([
      'write fixtures/demo-app/lib/walletBackup.ts',
      'read fixtures/demo-app/lib/walletBackup.ts',
      'delete fixtures/demo-app/lib/walletBackup.ts',
    ]);
    expect(entries.some((e) => e.store === 'async-storage' && e.key === 'analytics.sessionToken')).toBe(true);

    const text = await runCli(['keys', 'fixtures/demo-app']);
    expect(text.stdout).toMatch(/^auth\.session\.accessToken {2}\(SecureStore\)$/m);
    expect(text.stdout).toMatch(new RegExp(`\\n${entries.length} keys\\n$`));

    const markdown = await runCli(['keys', '--format', 'markdown', 'fixtures/demo-app']);
    const rows = markdown.stdout.trim().split('\n');
    expect(rows[0]).toBe('| Key | Store | Written | Read | Deleted | Options |');
    expect(rows).toHaveLength(entries.length + 2);
  });
});
