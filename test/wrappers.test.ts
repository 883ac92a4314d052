import { describe, expect, it } from 'vitest';
import noOversizedValue from '../rules/no-oversized-value.js';
import noSyncOnHotPath from '../rules/no-sync-on-hot-path.js';
import noTokensInAsyncStorage from '../rules/no-tokens-in-async-storage.js';
import requireKeychainAccessible from '../rules/require-keychain-accessible.js';
import { createRuleTester, eslintRule } from './rule-tester.js';
import { runCli } from './helpers/run.js';
import { tempProject } from './helpers/temp-project.js';

// Real apps wrap storage. Each rule reports at the caller when the caller
// makes the mistake, and names the path from the wrapper to the storage call.

const ruleTester = createRuleTester();
const NS = "import * as SecureStore from 'expo-secure-store';\nconst O = { keychainAccessible: SecureStore.WHEN_UNLOCKED_THIS_DEVICE_ONLY };\n";
const AS = "import AsyncStorage from '@react-native-async-storage/async-storage';\n";

ruleTester.run('no-oversized-value through wrappers', eslintRule(noOversizedValue), {
  valid: [
    // The wrapper's caller passes a small value.
    NS +
      "function saveSecret(key: string, value: string) { return SecureStore.setItemAsync(key, value, O); }\nsaveSecret('auth.pin', pin);\ndeclare const pin: string;",
    // A same-named function of an unrelated module is not a wrapper.
    "import { saveSecret } from 'some-vault';\ndeclare const wallet: object;\nsaveSecret('wallet', JSON.stringify(wallet));",
  ],
  invalid: [
    {
      // A plain function wrapper.
      code:
        NS +
        "export function saveSecret(key: string, value: string) { return SecureStore.setItemAsync(key, value, O); }\ndeclare const wallet: { mnemonic: string; accounts: string[] };\nsaveSecret('wallet.backup', JSON.stringify(wallet));",
      errors: [{ messageId: 'jsonBlob', line: 5, column: 29 }],
    },
    {
      // A method of an exported object literal, and a wrapper of a wrapper.
      code:
        NS +
        "const writeRaw = (k: string, v: string) => SecureStore.setItemAsync(k, v, O);\nexport const storage = { set(k: string, v: string) { return writeRaw(k, v); } };\ndeclare const profile: object;\nstorage.set('profile.cache', JSON.stringify(profile));",
      errors: [{ messageId: 'jsonBlob', line: 6, data: { call: 'storage.set() → … → SecureStore.setItemAsync', subject: 'profile' } }],
    },
    {
      // A class method, called on an exported instance.
      code:
        NS +
        "class TokenStore {\n  save(key: string, value: string) { return SecureStore.setItemAsync(key, value, O); }\n}\nexport const tokenStore = new TokenStore();\ndeclare const session: object;\ntokenStore.save('auth.session', JSON.stringify(session));",
      errors: [{ messageId: 'jsonBlob', line: 8 }],
    },
  ],
});

ruleTester.run('require-keychain-accessible through wrappers', eslintRule(requireKeychainAccessible), {
  valid: [
    // A wrapper that always passes correct fixed options makes its callers clean.
    NS + "const saveSecret = (k: string, v: string) => SecureStore.setItemAsync(k, v, O);\nsaveSecret('a', 'b');\nsaveSecret('c', 'd');",
    // The caller passes the options the wrapper forwards.
    NS + "const save = (k: string, v: string, o?: SecureStore.SecureStoreOptions) => SecureStore.setItemAsync(k, v, o);\nsave('a', 'b', O);",
  ],
  invalid: [
    {
      // A wrapper that passes no options is reported once, inside the wrapper, not at each caller.
      code: NS + "const saveSecret = (k: string, v: string) => SecureStore.setItemAsync(k, v);\nsaveSecret('a', 'b');\nsaveSecret('c', 'd');",
      errors: [
        {
          messageId: 'missingOptions',
          line: 3,
          suggestions: [
            {
              messageId: 'addKeychainAccessible',
              output:
                NS +
                "const saveSecret = (k: string, v: string) => SecureStore.setItemAsync(k, v, { keychainAccessible: SecureStore.WHEN_UNLOCKED_THIS_DEVICE_ONLY });\nsaveSecret('a', 'b');\nsaveSecret('c', 'd');",
            },
          ],
        },
      ],
    },
    {
      // The wrapper forwards options from its caller, who passes none.
      code: NS + "const save = (k: string, v: string, o?: SecureStore.SecureStoreOptions) => SecureStore.setItemAsync(k, v, o);\nsave('a', 'b');",
      errors: [{ messageId: 'missingOptions', line: 4, data: { call: "save() → setItemAsync('a')", suggested: 'AFTER_FIRST_UNLOCK_THIS_DEVICE_ONLY' } }],
    },
  ],
});

ruleTester.run('no-sync-on-hot-path through wrappers', eslintRule(noSyncOnHotPath), {
  valid: [NS + "function readPinSync() { return SecureStore.getItem('auth.pin', O); }\nexport function onPress() { return readPinSync(); }"],
  invalid: [
    {
      // A custom hook returns the sync reader; a component calls it in its body.
      code:
        NS +
        "export function useSecureValue() {\n  const read = (k: string) => SecureStore.getItem(k, O);\n  return { read };\n}\nexport function PinScreen() {\n  const { read } = useSecureValue();\n  return read('auth.pin');\n}",
      errors: [
        {
          messageId: 'syncOnHotPath',
          line: 9,
          data: {
            call: 'read() → SecureStore.getItem',
            where: 'in component PinScreen (runs on every render)',
            asyncMethod: 'getItemAsync',
          },
        },
      ],
    },
  ],
});

ruleTester.run('no-tokens-in-async-storage through wrappers', eslintRule(noTokensInAsyncStorage), {
  valid: [AS + "const remember = (k: string, v: string) => AsyncStorage.setItem(k, v);\nremember('ui.theme', 'dark');"],
  invalid: [
    {
      code:
        AS + "const remember = (k: string, v: string) => AsyncStorage.setItem(k, v);\ndeclare const accessToken: string;\nremember('session', accessToken);",
      errors: [{ messageId: 'sensitiveValue', line: 4, column: 21 }],
    },
  ],
});

describe('wrappers across files (CLI)', () => {
  it('follows a wrapper through a re-export and a paths alias, reporting at the caller', async () => {
    const cwd = tempProject({
      'tsconfig.json': JSON.stringify({ compilerOptions: { paths: { '@/*': ['./*'] } } }),
      'lib/secureStorage.ts':
        "// SecureStore prefix: wallet.*\nimport * as SecureStore from 'expo-secure-store';\nconst O = { keychainAccessible: SecureStore.WHEN_UNLOCKED_THIS_DEVICE_ONLY };\nexport async function saveSecret(key: string, value: string) {\n  await SecureStore.setItemAsync(key, value, O);\n}\nexport const getSecret = (key: string) => SecureStore.getItemAsync(key, O);\nexport const deleteSecret = (key: string) => SecureStore.deleteItemAsync(key, O);\n",
      'lib/index.ts': "export * from './secureStorage';\n",
      'app/wallet.ts':
        "import { saveSecret } from '@/lib';\ndeclare const wallet: { mnemonic: string; accounts: string[] };\nexport const backUp = () => saveSecret('wallet.backup', JSON.stringify(wallet));\n",
    });
    const run = await runCli(['--format', 'json'], { cwd });
    const messages = JSON.parse(run.stdout).flatMap((r: { filePath: string; messages: { ruleId: string; line: number; message: string }[] }) =>
      r.messages.map((m) => `${r.filePath.slice(cwd.length + 1)}:${m.line} ${m.ruleId} ${m.message.slice(0, 60)}`),
    );
    expect(messages).toEqual(['app/wallet.ts:3 securestore/no-oversized-value saveSecret() → SecureStore.setItemAsync() stores JSON.string']);
  });

  it('keys written through a wrapper appear in the key registry, at the caller', async () => {
    const cwd = tempProject({
      'lib/store.ts':
        "import * as SecureStore from 'expo-secure-store';\nexport const saveSecret = (key: string, value: string) => SecureStore.setItemAsync(key, value, { keychainService: 'app' });\n",
      'app/login.ts': "import { saveSecret } from '../lib/store';\nexport const save = (t: string) => saveSecret('auth.token', t);\n",
    });
    const run = await runCli(['keys', '--format', 'json'], { cwd });
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual([
      {
        key: 'auth.token',
        pattern: false,
        store: 'secure-store',
        sites: [{ operation: 'write', file: 'app/login.ts', line: 2, method: 'setItemAsync', options: { keychainService: 'app' } }],
      },
    ]);
  });
});

// Precision fixes found by running the CLI on real apps (see the closing note).
ruleTester.run('no-tokens-in-async-storage: web fallbacks and wrappers with a fixed key', eslintRule(noTokensInAsyncStorage), {
  valid: [
    // The expo-secure-store docs' own web fallback: SecureStore does not exist on the web.
    "import { Platform } from 'react-native';\n" +
      AS +
      "export async function saveToken(token: string) {\n  if (Platform.OS === 'web') {\n    await AsyncStorage.setItem('userToken', token);\n  }\n}",
    "import { Platform } from 'react-native';\n" +
      AS +
      "export const save = (token: string) => (Platform.OS !== 'web' ? null : AsyncStorage.setItem('userToken', token));",
  ],
  invalid: [
    {
      // The key the wrapper fixes is reported once, inside it; its callers are not reported again for the value.
      code:
        AS +
        "export const saveToken = (token: string) => AsyncStorage.setItem('userToken', token);\ndeclare const response: { token: string };\nsaveToken(response.token);",
      errors: [{ messageId: 'sensitiveKey', line: 2 }],
    },
    {
      // Only the web branch is exempt: the native branch still counts.
      code:
        "import { Platform } from 'react-native';\n" +
        AS +
        "export async function saveToken(token: string) {\n  if (Platform.OS === 'web') return;\n  await AsyncStorage.setItem('userToken', token);\n}",
      errors: [{ messageId: 'sensitiveKey', line: 5 }],
    },
  ],
});

ruleTester.run('no-oversized-value: values declared as strings', eslintRule(noOversizedValue), {
  valid: [NS + "export const setItem = (value: string) => SecureStore.setItemAsync('token', JSON.stringify(value), O);"],
  invalid: [
    {
      code: NS + "export const setItem = (value: { a: string[] }) => SecureStore.setItemAsync('token', JSON.stringify(value), O);",
      errors: [{ messageId: 'jsonBlob' }],
    },
  ],
});

describe('require-prefix-header through wrappers', () => {
  it("reports a caller's key outside the prefix the wrapper's file declares", async () => {
    const cwd = tempProject({
      'lib/vault.ts':
        "// SecureStore prefix: vault.*\nimport * as SecureStore from 'expo-secure-store';\nconst O = { keychainAccessible: SecureStore.WHEN_UNLOCKED_THIS_DEVICE_ONLY };\nexport const saveSecret = (key: string, value: string) => SecureStore.setItemAsync(key, value, O);\n",
      'app/a.ts':
        "import { saveSecret } from '../lib/vault';\nexport const ok = (v: string) => saveSecret('vault.pin', v);\nexport const stray = (v: string) => saveSecret('auth.token', v);\n",
    });
    const run = await runCli(['--format', 'json', '--rule', 'require-prefix-header'], { cwd });
    const messages = JSON.parse(run.stdout).flatMap((r: { filePath: string; messages: { line: number; messageId: string; message: string }[] }) =>
      r.messages.map((m) => `${r.filePath.slice(cwd.length + 1)}:${m.line} ${m.messageId}`),
    );
    expect(messages).toEqual(['app/a.ts:3 keyOutsideWrapperPrefix']);
  });
});
