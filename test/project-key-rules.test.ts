import { describe, expect, it } from 'vitest';
import { editDistance } from '../rules/no-orphan-key.js';
import { runCli } from './helpers/run.js';
import { tempProject } from './helpers/temp-project.js';

const NS = "import * as SecureStore from 'expo-secure-store';\nconst O = { keychainAccessible: SecureStore.WHEN_UNLOCKED_THIS_DEVICE_ONLY };\n";
const AS = "import AsyncStorage from '@react-native-async-storage/async-storage';\n";

async function findings(files: Record<string, string>, rule: string): Promise<string[]> {
  const cwd = tempProject(files);
  const run = await runCli(['--format', 'json', '--rule', rule], { cwd });
  expect(run.stderr).toBe('');
  return JSON.parse(run.stdout).flatMap((r: { filePath: string; messages: { line: number; message: string }[] }) =>
    r.messages.map((m) => `${r.filePath.slice(cwd.length + 1)}:${m.line} ${m.message}`),
  );
}

describe('require-sign-out-cleanup (CLI)', () => {
  it('reports a secret written but never deleted, once, and not keys that are deleted', async () => {
    const result = await findings(
      {
        'lib/tokens.ts':
          NS +
          "export const save = (a: string, r: string) => Promise.all([SecureStore.setItemAsync('auth.accessToken', a, O), SecureStore.setItemAsync('auth.refreshToken', r, O)]);\nexport const again = (a: string) => SecureStore.setItemAsync('auth.accessToken', a, O);\nexport const theme = (t: string) => SecureStore.setItemAsync('ui.theme', t, O);\n",
        'lib/signOut.ts': NS + "export const signOut = () => SecureStore.deleteItemAsync('auth.refreshToken', O);\n",
      },
      'require-sign-out-cleanup',
    );
    expect(result).toEqual(["lib/tokens.ts:3 Secret 'auth.accessToken' is written to SecureStore but never deleted; delete it at sign-out."]);
  });

  it('a delete of a matching pattern, a delete through an unresolved key, or clear() may remove it: no finding', async () => {
    const write = NS + "export const save = (v: string) => SecureStore.setItemAsync('auth.remember.password', v, O);\n";
    expect(
      await findings(
        { 'a.ts': write, 'b.ts': NS + 'export const forget = (f: string) => SecureStore.deleteItemAsync(`auth.remember.${f}`, O);\n' },
        'require-sign-out-cleanup',
      ),
    ).toEqual([]);
    expect(
      await findings(
        { 'a.ts': write, 'b.ts': NS + 'export const removeSecret = (k: string) => SecureStore.deleteItemAsync(k, O);\n' },
        'require-sign-out-cleanup',
      ),
    ).toEqual([]);
    const asyncWrite = AS + "export const s = (t: string) => AsyncStorage.setItem('sessionToken', t);\n";
    expect(await findings({ 'a.ts': asyncWrite, 'b.ts': AS + 'export const wipe = () => AsyncStorage.clear();\n' }, 'require-sign-out-cleanup')).toEqual([]);
    expect(await findings({ 'a.ts': asyncWrite }, 'require-sign-out-cleanup')).toHaveLength(1);
  });
});

describe('require-sign-out-cleanup and flag values (CLI)', () => {
  it('a flag or a number written under a secret-named key needs no delete; the same key with a real value does', async () => {
    const MM = "import { MMKV } from 'react-native-mmkv';\nconst storage = new MMKV();\n";
    const flags =
      MM +
      "export const done = (a: string) => { storage.set('passcode-setup-shown', true); storage.set(`holders-token-solana-${a}`, true); storage.set('pin.retries', 3); };\n";
    expect(await findings({ 'flags.ts': flags }, 'require-sign-out-cleanup')).toEqual([]);
    const wrapped =
      AS +
      "const setPreference = (k: string, v: string) => AsyncStorage.setItem(k, v);\nexport const setBoolean = (k: string, on: boolean) => setPreference(k, on ? 'true' : 'false');\nexport const cancel = () => setBoolean('auth.sessionToken.pending', true);\n";
    expect(await findings({ 'prefs.ts': wrapped }, 'require-sign-out-cleanup')).toEqual([]);
    const secret = MM + 'export const keep = (a: string, t: string) => storage.set(`holders-token-solana-${a}`, t);\n';
    expect(await findings({ 'holders.ts': secret }, 'require-sign-out-cleanup')).toHaveLength(1);
  });

  it('a salt or the passcode state under a passcode key needs no delete either; the passcode itself does', async () => {
    const MM = "import { MMKV } from 'react-native-mmkv';\nconst storage = new MMKV();\n";
    const derived =
      MM +
      "enum PasscodeState { NotSet = 'not-set', Set = 'set' }\nexport const save = (k: { salt: string }, state: PasscodeState) => { storage.set('passcode-salt-v1', k.salt); storage.set('passcode-kdf', k.salt); storage.set('passcode-state', state); storage.set('passcode-mode', PasscodeState.Set); };\n";
    expect(await findings({ 'derived.ts': derived }, 'require-sign-out-cleanup')).toEqual([]);
    const passcode = MM + "export const save = (passcode: string) => storage.set('passcode-state', passcode);\n";
    expect(await findings({ 'passcode.ts': passcode }, 'require-sign-out-cleanup')).toHaveLength(1);
  });
});

describe('require-sign-out-cleanup through a delete wrapper (CLI)', () => {
  it('a delete wrapper whose callers are all seen covers only the keys they pass', async () => {
    const files = {
      'a.ts': NS + "export const save = (v: string) => SecureStore.setItemAsync('auth.remember.password', v, O);\n",
      'vault.ts': NS + 'export const removeSecret = (k: string) => SecureStore.deleteItemAsync(k, O);\n',
      'signOut.ts': "import { removeSecret } from './vault';\nexport const signOut = () => removeSecret('auth.other');\n",
    };
    const result = await findings(files, 'require-sign-out-cleanup');
    expect(result).toHaveLength(1);
    expect(result[0]).toMatch(/^a\.ts:3 Secret 'auth\.remember\.password' is written to SecureStore but never deleted/);
  });
});

describe('require-sign-out-cleanup with keys built by helpers (CLI)', () => {
  const keys = 'export const privateKeyKeyFor = (a: string) => `${a}-private-key`;\nexport const mnemonicKeyFor = (a: string) => `${a}-mnemonic`;\n';
  const wallet =
    NS +
    "import { mnemonicKeyFor, privateKeyKeyFor } from './keys';\n" +
    'export const save = (a: string, k: string, m: string) => Promise.all([SecureStore.setItemAsync(privateKeyKeyFor(a), k, O), SecureStore.setItemAsync(mnemonicKeyFor(a), m, O)]);\n';

  it('reports a private key and a mnemonic written under helper-built keys and never deleted', async () => {
    const result = await findings({ 'keys.ts': keys, 'wallet.ts': wallet }, 'require-sign-out-cleanup');
    expect(result.map((line) => line.split(' is written')[0])).toEqual(["wallet.ts:4 Secret '${…}-private-key'", "wallet.ts:4 Secret '${…}-mnemonic'"]);
  });

  it('a delete through the same helper, or of the same pattern, cleans it up; a delete of another pattern does not', async () => {
    const viaHelper =
      NS + "import { privateKeyKeyFor } from './keys';\nexport const forget = (a: string) => SecureStore.deleteItemAsync(privateKeyKeyFor(a), O);\n";
    const samePattern = NS + 'export const forget = (a: string) => SecureStore.deleteItemAsync(`${a}-mnemonic`, O);\n';
    const other = NS + 'export const forget = (a: string) => SecureStore.deleteItemAsync(`${a}-settings`, O);\n';
    const result = await findings({ 'keys.ts': keys, 'wallet.ts': wallet, 'a.ts': viaHelper, 'b.ts': samePattern, 'c.ts': other }, 'require-sign-out-cleanup');
    expect(result).toEqual([]);
    const onlyOther = await findings({ 'keys.ts': keys, 'wallet.ts': wallet, 'a.ts': viaHelper, 'c.ts': other }, 'require-sign-out-cleanup');
    expect(onlyOther.map((line) => line.split(' is written')[0])).toEqual(["wallet.ts:4 Secret '${…}-mnemonic'"]);
  });

  it('a delete in a loop over a list of keys removes exactly the listed keys', async () => {
    const write =
      NS +
      "export const save = (k: string, m: string) => Promise.all([SecureStore.setItemAsync('wallet.privateKey', k, O), SecureStore.setItemAsync('wallet.mnemonic', m, O)]);\n";
    const loop =
      NS +
      "const KEYS = ['wallet.privateKey', 'auth.token'];\nexport async function signOut() {\n  for (const key of KEYS) await SecureStore.deleteItemAsync(key, O);\n}\n";
    const result = await findings({ 'a.ts': write, 'b.ts': loop }, 'require-sign-out-cleanup');
    expect(result.map((line) => line.split(' is written')[0])).toEqual(["a.ts:3 Secret 'wallet.mnemonic'"]);
    // A list with an element nothing resolves may hold any key.
    const unknown =
      NS +
      "declare const extra: string;\nexport async function signOut() {\n  for (const key of ['wallet.privateKey', extra]) await SecureStore.deleteItemAsync(key, O);\n}\n";
    expect(await findings({ 'a.ts': write, 'b.ts': unknown }, 'require-sign-out-cleanup')).toEqual([]);
  });

  it('a delete whose key nothing resolves may remove any key: no finding (documented)', async () => {
    const unknown = NS + 'declare function lookUp(): string;\nexport const forget = () => SecureStore.deleteItemAsync(lookUp(), O);\n';
    expect(await findings({ 'keys.ts': keys, 'wallet.ts': wallet, 'a.ts': unknown }, 'require-sign-out-cleanup')).toEqual([]);
  });
});

describe('no-orphan-key (CLI)', () => {
  it('reports a key read but never written, naming the near-duplicate spelling', async () => {
    const result = await findings(
      {
        'lib/write.ts':
          NS +
          "export const save = (v: string) => SecureStore.setItemAsync('auth.accessToken', v, O);\nexport const read = () => SecureStore.getItemAsync('auth.accessToken', O);\n",
        'app/read.ts': NS + "export const load = () => SecureStore.getItemAsync('auth.acessToken', O);\n",
      },
      'no-orphan-key',
    );
    expect(result).toEqual(["app/read.ts:3 SecureStore key 'auth.acessToken' is never written; did you mean 'auth.accessToken' (write.ts:3)?"]);
  });

  it('gives the near-duplicate its full path in SARIF, as a related location', async () => {
    const cwd = tempProject({
      'lib/write.ts': NS + "export const save = (v: string) => SecureStore.setItemAsync('auth.accessToken', v, O);\n",
      'app/read.ts': NS + "export const load = () => SecureStore.getItemAsync('auth.acessToken', O);\n",
    });
    const run = await runCli(['--format', 'sarif', '--rule', 'no-orphan-key'], { cwd });
    const results = JSON.parse(run.stdout).runs[0].results as { message: { text: string }; relatedLocations?: unknown[] }[];
    const related = (file: string) => [{ id: 0, physicalLocation: { artifactLocation: { uri: file, uriBaseId: '%SRCROOT%' }, region: { startLine: 3 } } }];
    // Each key is the other's near-duplicate: the one read, never written, and the one written, never read.
    expect(results.map((r) => [r.message.text, r.relatedLocations])).toEqual([
      ["SecureStore key 'auth.acessToken' is never written; did you mean 'auth.accessToken' (write.ts:3)?", related('lib/write.ts')],
      ["SecureStore key 'auth.accessToken' is never read; did you mean 'auth.acessToken' (read.ts:3)?", related('app/read.ts')],
    ]);
  });

  it('reports a key written but never read; legacy keys read and deleted in a migration are fine', async () => {
    const result = await findings(
      {
        'a.ts':
          AS +
          "export async function migrate() {\n  const legacy = await AsyncStorage.getItem('accessToken');\n  await AsyncStorage.multiRemove(['accessToken']);\n  await AsyncStorage.setItem('auth.migrated.v1', '1');\n  return legacy;\n}\n",
      },
      'no-orphan-key',
    );
    expect(result).toEqual(["a.ts:5 AsyncStorage key 'auth.migrated.v1' is never read."]);
  });

  it('stays silent when an unresolved read or write may be the counterpart', async () => {
    const files = {
      'a.ts': NS + "export const save = (v: string) => SecureStore.setItemAsync('auth.pin', v, O);\n",
      'b.ts': NS + 'export const getSecret = (k: string) => SecureStore.getItemAsync(k, O);\n',
    };
    expect(await findings(files, 'no-orphan-key')).toEqual([]);
  });

  it('an MMKV hook both reads and writes its key', async () => {
    const files = { 'a.ts': "import { useMMKVBoolean } from 'react-native-mmkv';\nexport const useFirstTime = () => useMMKVBoolean('IS_FIRST_TIME');\n" };
    expect(await findings(files, 'no-orphan-key')).toEqual([]);
  });

  it('edit distance counts a swap of neighbours as one edit', () => {
    expect(editDistance('accessToken', 'acessToken')).toBe(1);
    expect(editDistance('token', 'tokne')).toBe(1);
    expect(editDistance('theme', 'token')).toBeGreaterThan(2);
  });
});
