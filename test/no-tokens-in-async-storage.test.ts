import { describe } from 'vitest';
import rule from '../rules/no-tokens-in-async-storage.js';
import { createRuleTester, eslintRule } from './rule-tester.js';

const ruleTester = createRuleTester();
const AS = "import AsyncStorage from '@react-native-async-storage/async-storage';\n";

ruleTester.run('no-tokens-in-async-storage', eslintRule(rule), {
  valid: [
    // Seed 002's migration: reads the legacy tokens, moves them, multiRemoves them, sets a versioned flag.
    AS +
      `import { saveTokens } from './secureToken';
const MIGRATION_FLAG = 'auth.migratedToSecureStore.v1';
export async function migrateTokensIfNeeded() {
  const done = await AsyncStorage.getItem(MIGRATION_FLAG);
  if (done) return;
  const legacyAccess = await AsyncStorage.getItem('accessToken');
  const legacyRefresh = await AsyncStorage.getItem('refreshToken');
  if (legacyAccess && legacyRefresh) {
    await saveTokens(legacyAccess, legacyRefresh);
    await AsyncStorage.multiRemove(['accessToken', 'refreshToken']);
  }
  await AsyncStorage.setItem(MIGRATION_FLAG, '1');
}`,
    // Seed 002's sign-out clears personal data from AsyncStorage.
    AS + `export async function signOut() {\n  await AsyncStorage.multiRemove(['user.displayName', 'user.lastSyncedAt']);\n}`,
    // Settings, flags and non-secret data belong in AsyncStorage.
    AS +
      `export async function save(theme: string, profile: object, expiresAt: number, pushToken: string) {
  await AsyncStorage.setItem('theme', theme);
  await AsyncStorage.setItem('user_profile', JSON.stringify(profile));
  await AsyncStorage.setItem('tokenExpiry', String(expiresAt));
  await AsyncStorage.setItem('notifications.pushToken', pushToken);
  await AsyncStorage.mergeItem('settings', JSON.stringify({ theme, language: 'en' }));
  await AsyncStorage.multiSet([['language', 'en'], ['onboarding.complete', 'true']]);
}`,
    // Reads and removals, also through the hook and multiGet.
    `import AsyncStorage, { useAsyncStorage } from '@react-native-async-storage/async-storage';
export async function drop() {
  await AsyncStorage.getItem('accessToken');
  await AsyncStorage.multiGet(['accessToken', 'refreshToken']);
  await AsyncStorage.removeItem('auth.sessionToken');
  await AsyncStorage.clear();
}
export function useLegacyPin() {
  const { getItem, removeItem } = useAsyncStorage('security.pin');
  return { getItem, removeItem };
}`,
    // A local object called AsyncStorage is not the module.
    `const AsyncStorage = { async setItem(k: string, v: string) {} };\nAsyncStorage.setItem('accessToken', 'x');`,
    // A parameter shadows the import.
    AS + `export function f(AsyncStorage: Map<string, string>, token: string) { AsyncStorage.set('accessToken', token); }`,
    AS + `export function f(AsyncStorage: { setItem(k: string, v: string): void }, token: string) { AsyncStorage.setItem('accessToken', token); }`,
    // Neither key nor value can be known: nothing is guessed.
    AS + `export const save = (key: string, value: string) => AsyncStorage.setItem(key, value);`,
    AS + `declare function keyFor(n: number): string;\nexport const save = (n: number, payload: string) => AsyncStorage.setItem(keyFor(n), payload);`,
    // A key that may change is not resolved.
    AS + `let key = 'accessToken';\nkey = 'theme';\nexport const save = (v: string) => AsyncStorage.setItem(key, v);`,
    // A literal value and a call's result have no name to judge.
    AS + `AsyncStorage.setItem('lastSession', 'none');`,
    AS + `declare function fetchToken(): Promise<string>;\nexport async function f() { await AsyncStorage.setItem('cache.v2', await fetchToken()); }`,
    // Not AsyncStorage: SecureStore, and a name from another module.
    `import * as SecureStore from 'expo-secure-store';\nexport const f = (accessToken: string) => SecureStore.setItemAsync('auth.accessToken', accessToken);`,
    `import { AsyncStorage } from './my-storage';\nAsyncStorage.setItem('accessToken', 'x');`,
    // The user says csrf tokens are fine.
    {
      code: AS + `export const f = (csrfToken: string) => AsyncStorage.setItem('csrfToken', csrfToken);`,
      options: [{ ignorePatterns: [String.raw`\bcsrf\b`] }],
    },
  ],
  invalid: [
    {
      // Seed 002's starting point: both tokens written straight into AsyncStorage.
      code:
        AS +
        `export async function saveTokens(access: string, refresh: string) {
  await AsyncStorage.setItem('accessToken', access);
  await AsyncStorage.setItem('refreshToken', refresh);
}`,
      errors: [
        { messageId: 'sensitiveKey', data: { call: 'AsyncStorage.setItem', key: 'accessToken' }, line: 3, column: 30, endColumn: 43 },
        { messageId: 'sensitiveKey', data: { call: 'AsyncStorage.setItem', key: 'refreshToken' }, line: 4, column: 30 },
      ],
    },
    {
      // A harmless key, a secret value: reported on the value.
      code: AS + `export async function keep(session: { accessToken: string }) {\n  await AsyncStorage.setItem('lastSession', session.accessToken);\n}`,
      errors: [{ messageId: 'sensitiveValue', data: { call: 'AsyncStorage.setItem', name: 'session.accessToken' }, line: 3, column: 45, endColumn: 64 }],
    },
    {
      code: AS + `export const keep = (sessionToken: string) => AsyncStorage.setItem('lastSession', sessionToken);`,
      errors: [{ messageId: 'sensitiveValue', data: { name: 'sessionToken', call: 'AsyncStorage.setItem' } }],
    },
    {
      // The key through a constant; the message names the key, not the value.
      code: AS + `const ACCESS_KEY = 'auth.accessToken';\nexport const save = (v: string) => AsyncStorage.setItem(ACCESS_KEY, v);`,
      errors: [{ messageId: 'sensitiveKey', data: { key: 'auth.accessToken', call: 'AsyncStorage.setItem' }, line: 3, column: 57 }],
    },
    {
      // A template key is judged by its literal parts.
      code: AS + 'export const save = (id: string, v: string) => AsyncStorage.setItem(`user.${id}.refreshToken`, v);',
      errors: [{ messageId: 'sensitiveKey', data: { key: 'user.${…}.refreshToken', call: 'AsyncStorage.setItem' } }],
    },
    {
      // Property names inside JSON.stringify({ … }), shorthand included.
      code: AS + `export const save = (accessToken: string, user: string) => AsyncStorage.setItem('login', JSON.stringify({ user, accessToken }));`,
      errors: [{ messageId: 'sensitiveValue', data: { name: 'accessToken', call: 'AsyncStorage.setItem' } }],
    },
    {
      code:
        AS +
        `export function save(t: string) {\n  const session = { jwt: t, theme: 'dark' };\n  return AsyncStorage.setItem('login', JSON.stringify(session));\n}`,
      errors: [{ messageId: 'sensitiveValue', data: { name: 'jwt', call: 'AsyncStorage.setItem' }, line: 4, column: 40 }],
    },
    {
      // A const copied from a secret property, a fallback and a template.
      code:
        AS +
        `export async function save(response: { accessToken: string }, token?: string) {
  const value = response.accessToken;
  await AsyncStorage.setItem('a', value);
  await AsyncStorage.setItem('b', token ?? '');
  await AsyncStorage.setItem('c', \`Bearer \${token}\`);
}`,
      errors: [
        { messageId: 'sensitiveValue', data: { name: 'response.accessToken', call: 'AsyncStorage.setItem' }, line: 4 },
        { messageId: 'sensitiveValue', data: { name: 'token', call: 'AsyncStorage.setItem' }, line: 5 },
        { messageId: 'sensitiveValue', data: { name: 'token', call: 'AsyncStorage.setItem' }, line: 6 },
      ],
    },
    {
      // A secret key and a secret value are one finding, on the key.
      code: AS + `export const save = (password: string) => AsyncStorage.setItem('login.password', password);`,
      errors: [{ messageId: 'sensitiveKey', data: { key: 'login.password', call: 'AsyncStorage.setItem' } }],
    },
    {
      // mergeItem, multiSet and multiMerge: each pair on its own.
      code:
        AS +
        `export async function save(state: string, theme: string, apiKey: string) {
  await AsyncStorage.mergeItem('auth.credentials', state);
  await AsyncStorage.multiSet([
    ['theme', theme],
    ['auth.refreshToken', state],
  ]);
  await AsyncStorage.multiMerge([['settings', state], ['integrations', apiKey]]);
}`,
      errors: [
        { messageId: 'sensitiveKey', data: { key: 'auth.credentials', call: 'AsyncStorage.mergeItem' }, line: 3, column: 32 },
        { messageId: 'sensitiveKey', data: { key: 'auth.refreshToken', call: 'AsyncStorage.multiSet' }, line: 6, column: 6 },
        { messageId: 'sensitiveValue', data: { name: 'apiKey', call: 'AsyncStorage.multiMerge' }, line: 8, column: 72 },
      ],
    },
    {
      // Pairs through a constant.
      code: AS + `declare const otp: string;\nconst PAIRS = [['auth.otp', otp]];\nAsyncStorage.multiSet(PAIRS);`,
      errors: [{ messageId: 'sensitiveKey', data: { key: 'auth.otp', call: 'AsyncStorage.multiSet' }, line: 3, column: 17 }],
    },
    {
      // useAsyncStorage: the key comes from the hook, and each write through it is reported where it writes.
      code: `import { useAsyncStorage } from '@react-native-async-storage/async-storage';
export function usePin(draft: string, password: string) {
  const { setItem, mergeItem } = useAsyncStorage('security.pin');
  const notes = useAsyncStorage('notes.draft');
  return () => {
    setItem(draft);
    mergeItem(draft);
    notes.setItem(password);
  };
}`,
      errors: [
        { messageId: 'sensitiveKey', data: { key: 'security.pin', call: 'AsyncStorage.setItem' }, line: 6, column: 5, endColumn: 19 },
        { messageId: 'sensitiveKey', data: { key: 'security.pin', call: 'AsyncStorage.mergeItem' }, line: 7, column: 5, endColumn: 21 },
        { messageId: 'sensitiveValue', data: { name: 'password', call: 'AsyncStorage.setItem' }, line: 8, column: 19 },
      ],
    },
    {
      // Recognised by the import, whatever the local name: default import, require().default, legacy react-native.
      code: `import Storage from '@react-native-async-storage/async-storage';
const Plain = require('@react-native-async-storage/async-storage').default;
import { AsyncStorage as Legacy } from 'react-native';
export async function f(body: string) {
  await Storage.setItem('auth.jwt', body);
  await Plain.setItem('api_key', body);
  await Legacy.setItem('wallet.mnemonic', body);
}`,
      errors: [
        { messageId: 'sensitiveKey', data: { key: 'auth.jwt', call: 'AsyncStorage.setItem' }, line: 5 },
        { messageId: 'sensitiveKey', data: { key: 'api_key', call: 'AsyncStorage.setItem' }, line: 6 },
        { messageId: 'sensitiveKey', data: { key: 'wallet.mnemonic', call: 'AsyncStorage.setItem' }, line: 7 },
      ],
    },
    {
      // expo-sqlite's kv-store has the same API and is as unencrypted.
      code: `import Storage from 'expo-sqlite/kv-store';\nexport const f = (v: string) => Storage.setItem('auth.cookie', v);`,
      errors: [{ messageId: 'sensitiveKey', data: { key: 'auth.cookie', call: 'AsyncStorage.setItem' } }],
    },
    {
      // sensitivePatterns extend the classifier.
      code: AS + `export const f = (v: string) => AsyncStorage.setItem('wallet.address', v);`,
      options: [{ sensitivePatterns: [String.raw`\bwallet\b`] }],
      errors: [{ messageId: 'sensitiveKey', data: { key: 'wallet.address', call: 'AsyncStorage.setItem' } }],
    },
  ],
});

describe('other plaintext stores', () => {
  const mmkvTester = createRuleTester();
  mmkvTester.run('no-tokens-in-async-storage (MMKV, web storage)', eslintRule(rule), {
    valid: [
      // Encrypted MMKV, keychain-backed stores and same-named methods of unrelated modules are not plaintext stores.
      "import { MMKV } from 'react-native-mmkv';\nconst vault = new MMKV({ id: 'vault', encryptionKey: 'k' });\nvault.set('accessToken', 't');",
      "import * as Keychain from 'react-native-keychain';\nKeychain.setGenericPassword('user', 'password');",
      "import EncryptedStorage from 'react-native-encrypted-storage';\nEncryptedStorage.setItem('accessToken', 't');",
      "import { storage } from './my-cache';\nstorage.set('accessToken', 't');",
      // localStorage outside a web-only file is not analysed.
      "localStorage.setItem('accessToken', 't');",
    ],
    invalid: [
      {
        code: "import { MMKV } from 'react-native-mmkv';\nconst storage = new MMKV();\nexport const save = (t: string) => storage.set('auth.accessToken', t);",
        errors: [{ messageId: 'sensitiveKeyInPlaintextStore', line: 3, column: 48 }],
      },
      {
        code: "import { createMMKV } from 'react-native-mmkv';\nconst storage = createMMKV({ id: 'session' });\nexport const save = (sessionToken: string) => storage.set('session', sessionToken);",
        errors: [{ messageId: 'sensitiveValueInPlaintextStore' }],
      },
      {
        code: "export const save = (t: string) => window.localStorage.setItem('refreshToken', t);",
        filename: 'session.web.ts',
        errors: [{ messageId: 'sensitiveKeyInPlaintextStore' }],
      },
    ],
  });
});
