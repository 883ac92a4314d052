import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './helpers/run.js';
import { committedRepo, git } from './helpers/git-repo.js';

// `--changed-since <ref>`: the whole app is analysed, and only the findings on
// lines changed since the ref are reported. Real git in temp repositories,
// the built CLI.

const KEYCHAIN = 'securestore/require-keychain-accessible';
const CLEANUP = 'securestore/require-sign-out-cleanup';

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
  await SecureStore.deleteItemAsync('auth.pin_token');
  await SecureStore.setItemAsync('auth.session_token', 'x');
}
`;

/** A committed app in a fresh repository (on branch main). */
function committedApp(extra: Record<string, string> = {}): string {
  return committedRepo({
    'package.json': '{ "name": "app", "dependencies": { "expo-secure-store": "*" } }\n',
    'securestore-audit.config.json': '{ "rules": { "require-prefix-header": "off" } }',
    'lib/token.ts': TOKEN_TS,
    'lib/signout.ts': SIGNOUT_TS,
    ...extra,
  });
}

type Json = { filePath: string; messages: { line: number; ruleId: string | null }[] }[];

async function audit(cwd: string, args: string[]) {
  const run = await runCli(['--format', 'json', ...args], { cwd });
  expect([0, 1], run.stderr).toContain(run.code);
  const json = JSON.parse(run.stdout) as Json;
  return json.flatMap((file) => file.messages.map((m) => `${file.filePath.slice(cwd.length + 1)}:${m.line} ${m.ruleId}`)).sort();
}

const edit = (cwd: string, file: string, change: (text: string) => string) => writeFileSync(join(cwd, file), change(readFileSync(join(cwd, file), 'utf8')));

/** A second write without keychainAccessible, added at line 6 of token.ts. */
const addWrite = (text: string) =>
  text.replace(
    "  await SecureStore.setItemAsync('auth.token', token, OPTIONS);\n",
    "  await SecureStore.setItemAsync('auth.token', token, OPTIONS);\n  await SecureStore.setItemAsync('auth.pin_token', token);\n",
  );

describe('--changed-since', () => {
  it('reports only the findings on the changed line, while the whole app is analysed', async () => {
    const cwd = committedApp();
    edit(cwd, 'lib/token.ts', addWrite);
    expect(await audit(cwd, ['.'])).toEqual(
      [`lib/signout.ts:7 ${CLEANUP}`, `lib/signout.ts:7 ${KEYCHAIN}`, `lib/token.ts:11 ${KEYCHAIN}`, `lib/token.ts:7 ${KEYCHAIN}`].sort(),
    );
    // auth.pin_token is deleted in signout.ts, an unchanged file: the new line is not "never deleted".
    expect(await audit(cwd, ['--changed-since', 'HEAD'])).toEqual([`lib/token.ts:7 ${KEYCHAIN}`]);
    // Staged or committed, the same lines are changed since the first commit.
    git(cwd, 'add', '-A');
    expect(await audit(cwd, ['--changed-since', 'HEAD'])).toEqual([`lib/token.ts:7 ${KEYCHAIN}`]);
    git(cwd, 'commit', '-q', '-m', 'pin');
    expect(await audit(cwd, ['--changed-since', 'HEAD~1'])).toEqual([`lib/token.ts:7 ${KEYCHAIN}`]);
    expect(await audit(cwd, ['--changed-since', 'HEAD'])).toEqual([]);
  });

  it('nothing changed: nothing reported, exit 0, and the summary counts what is reported', async () => {
    const cwd = committedApp();
    const run = await runCli(['--changed-since', 'HEAD'], { cwd });
    expect(run.code).toBe(0);
    edit(cwd, 'lib/token.ts', addWrite);
    const changed = await runCli(['--changed-since', 'HEAD'], { cwd });
    expect(changed.code).toBe(1);
    expect(changed.stdout).toContain('1 problem (1 error, 0 warnings)');
  });

  it('a file git does not track yet is wholly changed', async () => {
    const cwd = committedApp();
    writeFileSync(
      join(cwd, 'lib/pin.ts'),
      "import * as SecureStore from 'expo-secure-store';\n\nexport const savePin = (pin: string) => SecureStore.setItemAsync('auth.pin_token', pin);\n",
    );
    expect(await audit(cwd, ['--changed-since', 'HEAD'])).toEqual([`lib/pin.ts:3 ${KEYCHAIN}`]);
    const debug = await runCli(['--debug', '--changed-since', 'HEAD'], { cwd });
    expect(debug.stderr).toContain('securestore-audit: --changed-since HEAD: 1 file changed in the work tree\n');
  });

  it('a file whose name git quotes in its diff (spaces, accents) is found', async () => {
    const cwd = committedApp({ 'lib/clé "pin".ts': TOKEN_TS });
    edit(cwd, 'lib/clé "pin".ts', addWrite);
    expect(await audit(cwd, ['--changed-since', 'HEAD'])).toEqual([`lib/clé "pin".ts:7 ${KEYCHAIN}`]);
  });

  it('a finding spanning removed lines is reported (the option removed from a call)', async () => {
    const cwd = committedApp({
      'lib/vault.ts': `import * as SecureStore from 'expo-secure-store';

export async function saveSeed(seed: string): Promise<void> {
  await SecureStore.setItemAsync('wallet.seed_secret', seed, {
    keychainAccessible: SecureStore.WHEN_UNLOCKED_THIS_DEVICE_ONLY,
    keychainService: 'vault',
  });
}

export async function forget(): Promise<void> {
  await SecureStore.deleteItemAsync('wallet.seed_secret', { keychainService: 'vault' });
}
`,
    });
    edit(cwd, 'lib/vault.ts', (text) => text.replace('    keychainAccessible: SecureStore.WHEN_UNLOCKED_THIS_DEVICE_ONLY,\n', ''));
    expect(await audit(cwd, ['--changed-since', 'HEAD'])).toEqual([`lib/vault.ts:4 ${KEYCHAIN}`]);
  });

  it("counts from where the branch left the ref: the ref's later changes are not the branch's", async () => {
    const cwd = committedApp();
    git(cwd, 'checkout', '-q', '-b', 'feature');
    edit(cwd, 'lib/token.ts', addWrite);
    git(cwd, 'commit', '-q', '-am', 'feature');
    git(cwd, 'checkout', '-q', 'main');
    // main moves on: the refresh token write gets its option there.
    edit(cwd, 'lib/token.ts', (text) => text.replace("'auth.refresh_token', token)", "'auth.refresh_token', token, OPTIONS)"));
    git(cwd, 'commit', '-q', '-am', 'main');
    git(cwd, 'checkout', '-q', 'feature');
    expect(await audit(cwd, ['--changed-since', 'main'])).toEqual([`lib/token.ts:7 ${KEYCHAIN}`]);
  });

  it('a missing prefix header is reported when its file changed at all', async () => {
    const cwd = committedApp({ 'securestore-audit.config.json': '{ "rules": { "require-keychain-accessible": "off", "require-sign-out-cleanup": "off" } }' });
    expect(await audit(cwd, ['--changed-since', 'HEAD'])).toEqual([]);
    edit(cwd, 'lib/token.ts', (text) => `${text}\nexport const VERSION = 2;\n`);
    const found = await audit(cwd, ['--changed-since', 'HEAD']);
    expect(found).toEqual(['lib/token.ts:6 securestore/require-prefix-header']);
  });

  it('named files and changed lines together: both narrow the report', async () => {
    const cwd = committedApp();
    edit(cwd, 'lib/token.ts', addWrite);
    edit(cwd, 'lib/signout.ts', (text) => text.replace("'auth.session_token', 'x'", "'auth.session_token', 'y'"));
    expect(await audit(cwd, ['--changed-since', 'HEAD'])).toEqual(
      [`lib/signout.ts:7 ${CLEANUP}`, `lib/signout.ts:7 ${KEYCHAIN}`, `lib/token.ts:7 ${KEYCHAIN}`].sort(),
    );
    expect(await audit(cwd, ['--changed-since', 'HEAD', 'lib/token.ts'])).toEqual([`lib/token.ts:7 ${KEYCHAIN}`]);
  });

  it.each(['github', 'sarif', 'gitlab', 'stylish'])('works with --format %s', async (format) => {
    const cwd = committedApp();
    edit(cwd, 'lib/token.ts', addWrite);
    const run = await runCli(['--format', format, '--changed-since', 'HEAD'], { cwd });
    expect(run.code).toBe(1);
    // SARIF also carries the rules' documentation: its results are what was reported.
    const reported =
      format === 'sarif'
        ? (JSON.parse(run.stdout) as { runs: { results: { message: { text: string } }[] }[] }).runs[0]!.results.map((r) => r.message.text).join('\n')
        : run.stdout;
    expect(reported).toContain('auth.pin_token');
    expect(reported).not.toContain('auth.refresh_token');
    expect(reported).not.toContain('auth.session_token');
  });

  it('a bad ref, or no repository, is a one-line usage error (exit 2)', async () => {
    const cwd = committedApp();
    const bad = await runCli(['--changed-since', 'no-such-branch'], { cwd });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toBe('securestore-audit: --changed-since: "no-such-branch" is not a commit of this repository, or shares no history with HEAD\n');
    const option = await runCli(['--changed-since', '--output=x'], { cwd });
    expect(option.code).toBe(2);
    expect(option.stderr.trim().split('\n')).toHaveLength(1);
    const outside = mkdtempSync(join(tmpdir(), 'ssa-nogit-'));
    writeFileSync(join(outside, 'a.ts'), 'export {};\n');
    const noRepo = await runCli(['--changed-since', 'HEAD'], { cwd: outside, env: { GIT_CEILING_DIRECTORIES: tmpdir() } });
    expect(noRepo.code).toBe(2);
    expect(noRepo.stderr).toMatch(/^securestore-audit: --changed-since: .* is not in a git work tree\n$/);
  });

  it('refuses --update-baseline and --stdin', async () => {
    const cwd = committedApp();
    const baseline = await runCli(['--changed-since', 'HEAD', '--update-baseline'], { cwd });
    expect(baseline).toMatchObject({ code: 2, stderr: 'securestore-audit: --update-baseline cannot be used with --changed-since\n' });
    const stdin = await runCli(['--changed-since', 'HEAD', '--stdin', '--stdin-filename', 'lib/token.ts'], { cwd, input: TOKEN_TS });
    expect(stdin).toMatchObject({ code: 2, stderr: 'securestore-audit: --changed-since cannot be used with --stdin\n' });
  });
});
