import { describe, expect, it } from 'vitest';
import { runCli } from './helpers/run.js';
import { tempProject } from './helpers/temp-project.js';

// The key registry shows keys built by the app's helpers as patterns, and
// lists the calls whose key no analysis could resolve, so a reviewer sees
// where the list is incomplete.

const NS = "import * as SecureStore from 'expo-secure-store';\n";

const app = () =>
  tempProject({
    'src/keys.ts': 'export const mnemonicKey = (a: string) => `${a}-mnemonic`;\n',
    'src/wallet.ts':
      NS +
      "import { mnemonicKey } from './keys';\n" +
      'export const save = (a: string, m: string) => SecureStore.setItemAsync(mnemonicKey(a), m);\n' +
      'export const load = (a: string) => SecureStore.getItemAsync(mnemonicKey(a), { requireAuthentication: true });\n' +
      'declare function lookUp(): string;\n' +
      'export const forget = () => SecureStore.deleteItemAsync(lookUp());\n',
  });

describe('keys: helper-built and unresolved keys', () => {
  it('text: the pattern with its sites, then the unresolved calls, counted in the summary', async () => {
    const run = await runCli(['keys'], { cwd: app() });
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(
      [
        '${…}-mnemonic  (SecureStore, pattern)',
        '  write  src/wallet.ts:3  setItemAsync  [none]',
        '  read   src/wallet.ts:4  getItemAsync  [requireAuthentication=true]',
        '(unresolved keys)  (SecureStore)',
        '  delete src/wallet.ts:6  deleteItemAsync',
        '',
        '1 key, and 1 call with a key that could not be resolved: the list is incomplete',
        '',
      ].join('\n'),
    );
  });

  it('markdown and JSON carry the unresolved calls too', async () => {
    const cwd = app();
    const markdown = await runCli(['keys', '--format', 'markdown'], { cwd });
    expect(markdown.stdout).toContain('| `${…}-mnemonic` | SecureStore | `src/wallet.ts:3` | `src/wallet.ts:4` | — | none<br>requireAuthentication=true |');
    expect(markdown.stdout).toContain('| (unresolved) | SecureStore | — | — | `src/wallet.ts:6` | — |');
    expect(markdown.stdout.trimEnd().endsWith('1 key, and 1 call with a key that could not be resolved: the list is incomplete.')).toBe(true);
    const json = JSON.parse((await runCli(['keys', '--format', 'json'], { cwd })).stdout);
    expect(json).toEqual([
      expect.objectContaining({ key: '${…}-mnemonic', pattern: true, store: 'secure-store' }),
      {
        key: '*',
        pattern: true,
        store: 'secure-store',
        unresolved: true,
        sites: [{ operation: 'delete', file: 'src/wallet.ts', line: 6, method: 'deleteItemAsync' }],
      },
    ]);
  });

  it('a loop over a list of keys uses each, unless a condition may skip some', async () => {
    const cwd = tempProject({
      'src/signOut.ts':
        NS +
        "const KEYS = ['auth.token', 'auth.refresh'];\n" +
        'declare function isValid(k: string): boolean;\n' +
        'export async function signOut() {\n  for (const key of KEYS) await SecureStore.deleteItemAsync(key);\n}\n' +
        'export async function guarded() {\n  for (const key of KEYS) {\n    if (isValid(key)) await SecureStore.deleteItemAsync(key);\n  }\n}\n',
    });
    const run = await runCli(['keys'], { cwd });
    // Line 5 deletes each listed key; line 9 may skip any of them, so its key is unknown.
    expect(run.stdout).toBe(
      [
        'auth.refresh  (SecureStore)',
        '  delete src/signOut.ts:5  deleteItemAsync  [none]',
        'auth.token  (SecureStore)',
        '  delete src/signOut.ts:5  deleteItemAsync  [none]',
        '(unresolved keys)  (SecureStore)',
        '  delete src/signOut.ts:9  deleteItemAsync',
        '',
        '2 keys, and 1 call with a key that could not be resolved: the list is incomplete',
        '',
      ].join('\n'),
    );
  });

  it('a wrapper whose callers are all seen is not unresolved: its keys are listed at the callers', async () => {
    const cwd = tempProject({
      'src/vault.ts': NS + 'export const removeSecret = (k: string) => SecureStore.deleteItemAsync(k);\n',
      'src/signOut.ts': "import { removeSecret } from './vault';\nexport const signOut = () => removeSecret('auth.token');\n",
    });
    const run = await runCli(['keys'], { cwd });
    expect(run.stdout).not.toContain('unresolved');
    expect(run.stdout).toContain('auth.token  (SecureStore)');
  });
});
