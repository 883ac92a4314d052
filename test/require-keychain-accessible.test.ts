import rule from '../rules/require-keychain-accessible.js';
import { createRuleTester, eslintRule } from './rule-tester.js';

const ruleTester = createRuleTester();
const NS = "import * as SecureStore from 'expo-secure-store';\n";

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
    NS + `export function save(key: string, value: string, options: SecureStore.SecureStoreOptions) {
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
    // A parameter named like the import shadows it.
    NS + `function f(SecureStore: { getItemAsync(k: string): void }) { SecureStore.getItemAsync('k'); }`,
  ],
  invalid: [
    {
      code: NS + `export async function load() {\n  return SecureStore.getItemAsync('auth.token');\n}`,
      errors: [
        {
          messageId: 'missingOptions',
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
      code: `const SS = require('expo-secure-store');\nSS.getItem('auth.token');`,
      errors: [
        {
          messageId: 'missingOptions',
          suggestions: [
            {
              messageId: 'addKeychainAccessible',
              output: `const SS = require('expo-secure-store');\nSS.getItem('auth.token', { keychainAccessible: SS.AFTER_FIRST_UNLOCK_THIS_DEVICE_ONLY });`,
            },
          ],
        },
      ],
    },
    {
      // Named imports: the suggestion adds the constant to the import.
      code: `import { deleteItemAsync } from 'expo-secure-store';\nexport async function signOut() { await deleteItemAsync('auth.token', {}); }`,
      errors: [
        {
          messageId: 'missingKeychainAccessible',
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
      errors: [
        {
          messageId: 'missingKeychainAccessible',
          line: 3,
          suggestions: [
            {
              messageId: 'addKeychainAccessible',
              output: NS + `const OPTS = { keychainAccessible: SecureStore.WHEN_UNLOCKED_THIS_DEVICE_ONLY, requireAuthentication: true };\nexport const read = () => SecureStore.getItemAsync('k', OPTS);`,
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
          data: { value: 'ALWAYS_THIS_DEVICE_ONLY' },
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
      options: [{ requireThisDeviceOnly: true }],
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
      code: NS + `export const f = () => SecureStore.getItemAsync('k', { keychainAccessible: 3 });`,
      errors: [
        {
          messageId: 'notAConstant',
          suggestions: [
            { messageId: 'useClass', output: NS + `export const f = () => SecureStore.getItemAsync('k', { keychainAccessible: SecureStore.WHEN_UNLOCKED_THIS_DEVICE_ONLY });` },
          ],
        },
      ],
    },
    {
      // `import SecureStore from` works through interop and is still the module.
      code: `import Vault from 'expo-secure-store';\nexport const f = () => Vault.getItemAsync('k', undefined);`,
      errors: [
        {
          messageId: 'missingOptions',
          suggestions: [
            { messageId: 'addKeychainAccessible', output: `import Vault from 'expo-secure-store';\nexport const f = () => Vault.getItemAsync('k', { keychainAccessible: Vault.WHEN_UNLOCKED_THIS_DEVICE_ONLY });` },
          ],
        },
      ],
    },
  ],
});
