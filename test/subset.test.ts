import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './helpers/run.js';
import { tempProject } from './helpers/temp-project.js';

// Named files are where findings are reported, not all that is known: a run
// on `lib/token.ts` (what lint-staged passes) reads the rest of its app, so a
// key deleted at sign-out in another file is not "never deleted". Real runs
// of the built CLI on small apps written to temp folders.

const NO_PREFIX_RULE = '{ "rules": { "require-prefix-header": "off" } }';

const TOKEN_TS = `import * as SecureStore from 'expo-secure-store';

const OPTIONS = { keychainAccessible: SecureStore.WHEN_UNLOCKED_THIS_DEVICE_ONLY };

export async function saveToken(token: string): Promise<void> {
  await SecureStore.setItemAsync('auth.token', token, OPTIONS);
}

export async function saveRefresh(token: string): Promise<void> {
  await SecureStore.setItemAsync('auth.refresh_token', token);
}
`;
const SIGNOUT_TS = `import * as SecureStore from 'expo-secure-store';

export async function signOut(): Promise<void> {
  await SecureStore.deleteItemAsync('auth.token');
  await SecureStore.deleteItemAsync('auth.refresh_token');
  await SecureStore.setItemAsync('auth.session_token', 'x');
}
`;

const expoApp = () =>
  tempProject({
    'package.json': '{ "name": "app", "dependencies": { "expo-secure-store": "*" } }\n',
    'securestore-audit.config.json': NO_PREFIX_RULE,
    'lib/token.ts': TOKEN_TS,
    'lib/signout.ts': SIGNOUT_TS,
  });

type Json = { filePath: string; messages: { line: number; ruleId: string | null }[]; errorCount: number; warningCount: number }[];

/** A JSON run from `cwd`; findings as `path:line rule`, the path relative to `app` (default: the working directory). */
async function audit(cwd: string, args: string[], app = cwd) {
  const run = await runCli(['--format', 'json', ...args], { cwd });
  expect([0, 1], run.stderr).toContain(run.code);
  const json = JSON.parse(run.stdout) as Json;
  const found = json.flatMap((file) => file.messages.map((m) => `${file.filePath.slice(app.length + 1)}:${m.line} ${m.ruleId}`)).sort();
  return { ...run, json, found };
}

const KEYCHAIN = 'securestore/require-keychain-accessible';
const CLEANUP = 'securestore/require-sign-out-cleanup';

describe('named files are audited in their whole app', () => {
  it('a key deleted in another file is not "never deleted"; the named file keeps its real finding', async () => {
    const cwd = expoApp();
    const { found, json } = await audit(cwd, ['lib/token.ts']);
    expect(found).toEqual([`lib/token.ts:10 ${KEYCHAIN}`]);
    // Only the named file is listed: signout.ts's own findings are not this run's.
    expect(json.map((file) => file.filePath)).toEqual([join(cwd, 'lib/token.ts')]);
  });

  it('the whole app still has signout.ts findings (the subset hides them, it does not lose them)', async () => {
    const cwd = expoApp();
    const { found } = await audit(cwd, ['.']);
    expect(found).toEqual([`lib/signout.ts:6 ${CLEANUP}`, `lib/signout.ts:6 ${KEYCHAIN}`, `lib/token.ts:10 ${KEYCHAIN}`].sort());
  });

  it('absolute paths from another working directory (as lint-staged passes them) find the same app', async () => {
    const cwd = expoApp();
    const { found } = await audit(join(cwd, 'lib'), [join(cwd, 'lib/signout.ts')], cwd);
    expect(found).toEqual([`lib/signout.ts:6 ${CLEANUP}`, `lib/signout.ts:6 ${KEYCHAIN}`].sort());
  });

  it('a named folder inside the app reports its files only', async () => {
    const cwd = expoApp();
    writeFileSync(join(cwd, 'App.tsx'), "import * as SecureStore from 'expo-secure-store';\nSecureStore.setItemAsync('auth.pin_token', '1');\n");
    const { found } = await audit(cwd, ['lib']);
    expect(found.filter((f) => f.startsWith('App.tsx'))).toEqual([]);
    expect(found).toContain(`lib/token.ts:10 ${KEYCHAIN}`);
  });

  it('the summary counts the reported findings only', async () => {
    const cwd = expoApp();
    const run = await runCli(['lib/token.ts'], { cwd });
    expect(run.stdout).toContain('1 problem (1 error, 0 warnings)');
  });

  it('--no-app-root analyses only what is named (the delete in signout.ts is then unseen)', async () => {
    const cwd = expoApp();
    const { found } = await audit(cwd, ['--no-app-root', 'lib/token.ts']);
    expect(found).toEqual([`lib/token.ts:10 ${CLEANUP}`, `lib/token.ts:10 ${KEYCHAIN}`, `lib/token.ts:6 ${CLEANUP}`].sort());
  });

  it('--debug names the app root read, and says when a named file has none', async () => {
    const cwd = expoApp();
    const rooted = await runCli(['--debug', 'lib/token.ts'], { cwd });
    expect(rooted.stderr).toContain('the rest of the app read for the named paths: . (findings reported in the 1 named file only)');
    const bare = tempProject({ 'securestore-audit.config.json': NO_PREFIX_RULE, 'lib/token.ts': TOKEN_TS, 'lib/signout.ts': SIGNOUT_TS });
    // A temp folder has no package.json above it, unless the machine's temp folder sits under one: then this says nothing.
    const unrooted = await runCli(['--debug', 'lib/token.ts'], { cwd: bare });
    expect(unrooted.stderr).toMatch(
      /no package\.json or pubspec\.yaml above lib\/token\.ts: analysed with the other named paths only|the rest of the app read/,
    );
  });

  it('--cache answers a subset from the whole app run, and the subset stays a subset', async () => {
    const cwd = expoApp();
    const whole = await audit(cwd, ['--cache', '.']);
    expect(whole.found).toHaveLength(3);
    const subset = await audit(cwd, ['--cache', '--debug', 'lib/token.ts']);
    expect(subset.found).toEqual([`lib/token.ts:10 ${KEYCHAIN}`]);
    expect(subset.stderr).toContain('0 parsed');
    const again = await audit(cwd, ['--cache', '.']);
    expect(again.found).toEqual(whole.found);
  });

  it('--fix fixes the named files only, though the whole app is analysed', async () => {
    const cwd = expoApp();
    writeFileSync(join(cwd, 'securestore-audit.config.json'), '{ "rules": { "require-keychain-accessible": "off" } }');
    const run = await runCli(['--fix', 'lib/token.ts'], { cwd });
    expect(run.stderr).toBe('');
    expect(readFileSync(join(cwd, 'lib/token.ts'), 'utf8')).toMatch(/^\/\/ SecureStore prefix: /);
    expect(readFileSync(join(cwd, 'lib/signout.ts'), 'utf8')).toBe(SIGNOUT_TS);
  });

  it('keys on a named file lists the keys it uses, each with its sites in the whole app', async () => {
    const cwd = expoApp();
    const run = await runCli(['keys', '--format', 'json', 'lib/token.ts'], { cwd });
    expect(run.code, run.stderr).toBe(0);
    const entries = JSON.parse(run.stdout) as { key: string; sites: { operation: string; file: string; line: number }[] }[];
    expect(entries.map((e) => e.key)).toEqual(['auth.refresh_token', 'auth.token']);
    expect(entries[1]!.sites.map((s) => `${s.operation} ${s.file}:${s.line}`)).toEqual(['delete lib/signout.ts:4', 'write lib/token.ts:6']);
    const alone = JSON.parse((await runCli(['keys', '--format', 'json', '--no-app-root', 'lib/token.ts'], { cwd })).stdout) as typeof entries;
    expect(alone[1]!.sites.map((s) => s.file)).toEqual(['lib/token.ts']);
  });

  it('--update-baseline on named files replaces their entries and keeps the rest of the app', async () => {
    const cwd = expoApp();
    await runCli(['--update-baseline', '.'], { cwd });
    const files = () =>
      (JSON.parse(readFileSync(join(cwd, 'securestore-audit-baseline.json'), 'utf8')) as { findings: { file: string }[] }).findings.map((f) => f.file);
    expect(files()).toEqual(['lib/signout.ts', 'lib/signout.ts', 'lib/token.ts']);
    writeFileSync(join(cwd, 'lib/token.ts'), TOKEN_TS.replace("'auth.refresh_token', token)", "'auth.refresh_token', token, OPTIONS)"));
    const run = await runCli(['--update-baseline', 'lib/token.ts'], { cwd });
    expect(run.stderr).toContain('wrote 2 findings');
    expect(files()).toEqual(['lib/signout.ts', 'lib/signout.ts']);
  });
});

const PUBSPEC = 'name: wallet_app\nenvironment:\n  sdk: ^3.4.0\n';
const IMPORT = "import 'package:flutter_secure_storage/flutter_secure_storage.dart';\n";
const STORAGE = 'const storage = FlutterSecureStorage(iOptions: IOSOptions(accessibility: KeychainAccessibility.first_unlock_this_device));\n';
const BARE_STORAGE = 'const bare = FlutterSecureStorage();\n';

describe('named Dart files are audited in their whole app', () => {
  const flutterApp = () =>
    tempProject({
      'pubspec.yaml': PUBSPEC,
      'securestore-audit.config.json': NO_PREFIX_RULE,
      'lib/token_store.dart': `${IMPORT}\n${STORAGE}${BARE_STORAGE}\nFuture<void> save(String value) async {\n  await storage.write(key: 'auth.session_token', value: value);\n  await bare.write(key: 'auth.refresh_token', value: value);\n}\n`,
      'lib/sign_out.dart': `${IMPORT}\n${STORAGE}\nFuture<void> signOut() async {\n  await storage.delete(key: 'auth.session_token');\n  await storage.delete(key: 'auth.refresh_token');\n  await storage.write(key: 'auth.access_token', value: 'x');\n}\n`,
    });

  it('a key deleted in sign_out.dart is not reported in token_store.dart; its own findings are', async () => {
    const cwd = flutterApp();
    const whole = await audit(cwd, ['.']);
    const inTokenStore = whole.found.filter((f) => f.startsWith('lib/token_store.dart'));
    expect(inTokenStore.length).toBeGreaterThan(0);
    expect(inTokenStore.some((f) => f.endsWith(CLEANUP))).toBe(false);
    expect(whole.found).toContain(`lib/sign_out.dart:8 ${CLEANUP}`);

    const subset = await audit(cwd, ['lib/token_store.dart']);
    expect(subset.found).toEqual(inTokenStore);
    const alone = await audit(cwd, ['--no-app-root', 'lib/token_store.dart']);
    expect(alone.found.filter((f) => f.endsWith(CLEANUP))).toEqual([`lib/token_store.dart:7 ${CLEANUP}`, `lib/token_store.dart:8 ${CLEANUP}`]);
  });
});
