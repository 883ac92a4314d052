import rule from '../rules/require-keychain-accessible.js';
import { createRuleTester, eslintRule } from './rule-tester.js';

const ruleTester = createRuleTester();
const NS = "import * as SecureStore from 'expo-secure-store';\n";
// The class is set only when an item is written; reads and deletes are checked on request.
const READS: [Record<string, unknown>] = [{ checkReadsAndDeletes: true }];

ruleTester.run('require-keychain-accessible', eslintRule(rule), {
  valid: [
    // The seed's correct pattern: one KEYCHAIN_OPTIONS constant on every call.
    NS +
      `const KEYCHAIN_OPTIONS: SecureStore.SecureStoreOptions = {
  keychainAccessible: SecureStore.WHEN_UNLOCKED_THIS_DEVICE_ONLY,
};
export async function load() {
  await SecureStore.getItemAsync('auth.remember.email', KEYCHAIN_OPTIONS);
  await SecureStore.setItemAsync('auth.remember.email', 'a', KEYCHAIN_OPTIONS);
  await SecureStore.deleteItemAsync('auth.remember.email', KEYCHAIN_OPTIONS);
}`,
    // A local class that happens to be called SecureStore is not the module.
    `class SecureStore { static setItemAsync(k: string, v: string) {} }
SecureStore.setItemAsync('k', 'v');`,
    // Options that cannot be resolved are not guessed about.
    NS +
      `export function save(key: string, value: string, options: SecureStore.SecureStoreOptions) {
  return SecureStore.setItemAsync(key, value, options);
}`,
    // A spread that cannot be resolved may carry keychainAccessible.
    NS + `declare const base: object; SecureStore.getItemAsync('k', { ...base });`,
    // Other methods of the module take no options.
    NS + `SecureStore.isAvailableAsync();`,
    // Named import with alias, explicit class through a spread constant.
    `import { setItemAsync as save, AFTER_FIRST_UNLOCK_THIS_DEVICE_ONLY } from 'expo-secure-store';
const BASE = { keychainAccessible: AFTER_FIRST_UNLOCK_THIS_DEVICE_ONLY } as const;
save('auth.token', 't', { ...BASE, requireAuthentication: false });`,
    // WHEN_UNLOCKED is explicit: allowed unless requireThisDeviceOnly.
    NS + `SecureStore.getItemAsync('k', { keychainAccessible: SecureStore.WHEN_UNLOCKED });`,
    // Reads and deletes do not set the class: not reported by default.
    NS +
      `export const load = () => SecureStore.getItemAsync('auth.token');\nexport const clear = () => SecureStore.deleteItemAsync('auth.token', {});\nSecureStore.getItem('auth.token', { keychainAccessible: SecureStore.ALWAYS });`,
    // A parameter named like the import shadows it.
    NS + `function f(SecureStore: { getItemAsync(k: string): void }) { SecureStore.getItemAsync('k'); }`,
  ],
  invalid: [
    {
      // A short message that names the call and its key.
      code: NS + `export const save = (v: string) => SecureStore.setItemAsync('auth.token', v);`,
      errors: [
        {
          messageId: 'missingOptions',
          data: { call: "setItemAsync('auth.token')", suggested: 'WHEN_UNLOCKED_THIS_DEVICE_ONLY' },
          suggestions: [
            {
              messageId: 'addKeychainAccessible',
              output:
                NS +
                `export const save = (v: string) => SecureStore.setItemAsync('auth.token', v, { keychainAccessible: SecureStore.WHEN_UNLOCKED_THIS_DEVICE_ONLY });`,
            },
          ],
        },
      ],
    },
    {
      code: NS + `export const save = (k: string, v: string) => SecureStore.setItemAsync(k, v, { requireAuthentication: true });`,
      errors: [
        {
          messageId: 'missingKeychainAccessible',
          data: { call: 'setItemAsync(…)', suggested: 'WHEN_UNLOCKED_THIS_DEVICE_ONLY' },
          suggestions: [
            {
              messageId: 'addKeychainAccessible',
              output:
                NS +
                `export const save = (k: string, v: string) => SecureStore.setItemAsync(k, v, { keychainAccessible: SecureStore.WHEN_UNLOCKED_THIS_DEVICE_ONLY, requireAuthentication: true });`,
            },
          ],
        },
      ],
    },
    {
      code: NS + `export const load = () => SecureStore.getItemAsync('auth.token');`,
      options: READS,
      errors: [
        {
          messageId: 'missingOnReadOrDelete',
          data: { call: "getItemAsync('auth.token')" },
          suggestions: [
            {
              messageId: 'addKeychainAccessible',
              output:
                NS + `export const load = () => SecureStore.getItemAsync('auth.token', { keychainAccessible: SecureStore.WHEN_UNLOCKED_THIS_DEVICE_ONLY });`,
            },
          ],
        },
      ],
    },
    {
      code: NS + `export async function load() {\n  return SecureStore.getItemAsync('auth.token');\n}`,
      options: READS,
      errors: [
        {
          messageId: 'missingOnReadOrDelete',
          line: 3,
          column: 10,
          suggestions: [
            {
              messageId: 'addKeychainAccessible',
              output:
                NS +
                `export async function load() {\n  return SecureStore.getItemAsync('auth.token', { keychainAccessible: SecureStore.WHEN_UNLOCKED_THIS_DEVICE_ONLY });\n}`,
            },
          ],
        },
      ],
    },
    {
      // Cold start (module level) gets the class that is readable before first unlock.
      code: `const SS = require('expo-secure-store');\nSS.setItem('auth.token', 't');`,
      errors: [
        {
          messageId: 'missingOptions',
          suggestions: [
            {
              messageId: 'addKeychainAccessible',
              output: `const SS = require('expo-secure-store');\nSS.setItem('auth.token', 't', { keychainAccessible: SS.AFTER_FIRST_UNLOCK_THIS_DEVICE_ONLY });`,
            },
          ],
        },
      ],
    },
    {
      // Named imports: the suggestion adds the constant to the import.
      code: `import { deleteItemAsync } from 'expo-secure-store';\nexport async function signOut() { await deleteItemAsync('auth.token', {}); }`,
      options: READS,
      errors: [
        {
          messageId: 'missingOnReadOrDelete',
          suggestions: [
            {
              messageId: 'addKeychainAccessible',
              output: `import { deleteItemAsync, WHEN_UNLOCKED_THIS_DEVICE_ONLY } from 'expo-secure-store';\nexport async function signOut() { await deleteItemAsync('auth.token', { keychainAccessible: WHEN_UNLOCKED_THIS_DEVICE_ONLY }); }`,
            },
          ],
        },
      ],
    },
    {
      code: NS + `const OPTS = { requireAuthentication: true };\nexport const read = () => SecureStore.getItemAsync('k', OPTS);`,
      options: READS,
      errors: [
        {
          messageId: 'missingOnReadOrDelete',
          line: 3,
          suggestions: [
            {
              messageId: 'addKeychainAccessible',
              output:
                NS +
                `const OPTS = { keychainAccessible: SecureStore.WHEN_UNLOCKED_THIS_DEVICE_ONLY, requireAuthentication: true };\nexport const read = () => SecureStore.getItemAsync('k', OPTS);`,
            },
          ],
        },
      ],
    },
    {
      code: NS + `export const f = () => SecureStore.setItemAsync('k', 'v', { keychainAccessible: SecureStore.ALWAYS_THIS_DEVICE_ONLY });`,
      errors: [
        {
          messageId: 'deprecatedClass',
          data: { call: "setItemAsync('k')", value: 'ALWAYS_THIS_DEVICE_ONLY', suggested: 'WHEN_UNLOCKED_THIS_DEVICE_ONLY' },
          suggestions: [
            {
              messageId: 'useClass',
              output: NS + `export const f = () => SecureStore.setItemAsync('k', 'v', { keychainAccessible: SecureStore.WHEN_UNLOCKED_THIS_DEVICE_ONLY });`,
            },
          ],
        },
      ],
    },
    {
      code: NS + `export const f = () => SecureStore.getItemAsync('k', { keychainAccessible: SecureStore.WHEN_UNLOCKED });`,
      options: [{ requireThisDeviceOnly: true, checkReadsAndDeletes: true }],
      errors: [
        {
          messageId: 'notThisDeviceOnly',
          suggestions: [
            {
              messageId: 'useClass',
              output: NS + `export const f = () => SecureStore.getItemAsync('k', { keychainAccessible: SecureStore.WHEN_UNLOCKED_THIS_DEVICE_ONLY });`,
            },
          ],
        },
      ],
    },
    {
      code: NS + `export const f = () => SecureStore.setItemAsync('k', 'v', { keychainAccessible: 3 });`,
      errors: [
        {
          messageId: 'notAConstant',
          data: { call: "setItemAsync('k')", valueKind: 'a number', suggested: 'WHEN_UNLOCKED_THIS_DEVICE_ONLY' },
          suggestions: [
            {
              messageId: 'useClass',
              output: NS + `export const f = () => SecureStore.setItemAsync('k', 'v', { keychainAccessible: SecureStore.WHEN_UNLOCKED_THIS_DEVICE_ONLY });`,
            },
          ],
        },
      ],
    },
    {
      // A string that spells a constant's name is named as a string: the finding points at it.
      code: NS + `export const f = () => SecureStore.setItemAsync('k', 'v', { keychainAccessible: 'WHEN_UNLOCKED_THIS_DEVICE_ONLY' });`,
      errors: [
        {
          messageId: 'notAConstant',
          data: { call: "setItemAsync('k')", valueKind: 'a string', suggested: 'WHEN_UNLOCKED_THIS_DEVICE_ONLY' },
          suggestions: [
            {
              messageId: 'useClass',
              output: NS + `export const f = () => SecureStore.setItemAsync('k', 'v', { keychainAccessible: SecureStore.WHEN_UNLOCKED_THIS_DEVICE_ONLY });`,
            },
          ],
        },
      ],
    },
    {
      // `import SecureStore from` works through interop and is still the module.
      code: `import Vault from 'expo-secure-store';\nexport const f = () => Vault.setItemAsync('k', 'v', undefined);`,
      errors: [
        {
          messageId: 'missingOptions',
          suggestions: [
            {
              messageId: 'addKeychainAccessible',
              output: `import Vault from 'expo-secure-store';\nexport const f = () => Vault.setItemAsync('k', 'v', { keychainAccessible: Vault.WHEN_UNLOCKED_THIS_DEVICE_ONLY });`,
            },
          ],
        },
      ],
    },
  ],
});
