import rule from '../rules/valid-secure-store-key.js';
import { createRuleTester, eslintRule } from './rule-tester.js';

const ruleTester = createRuleTester();
const NS = "import * as SecureStore from 'expo-secure-store';\nconst O = { keychainAccessible: SecureStore.WHEN_UNLOCKED_THIS_DEVICE_ONLY };\n";

ruleTester.run('valid-secure-store-key', eslintRule(rule), {
  valid: [
    NS + "SecureStore.setItemAsync('auth.remember.email', 'v', O);",
    NS + "SecureStore.getItemAsync('auth_token-2', O);",
    // Unknown parts of a pattern are not guessed about.
    NS + 'export const f = (id: string) => SecureStore.getItemAsync(`auth.remember.${id}`, O);',
    NS + 'export const f = (key: string) => SecureStore.getItemAsync(key, O);',
    // AsyncStorage keys may contain anything.
    "import AsyncStorage from '@react-native-async-storage/async-storage';\nAsyncStorage.setItem('@app:theme', 'dark');",
    // Not SecureStore: a local object of the same name.
    "const SecureStore = { getItemAsync(k: string) {} };\nSecureStore.getItemAsync('user:1');",
  ],
  invalid: [
    {
      code: NS + "SecureStore.setItemAsync('@auth:token', 'v', O);",
      errors: [{ messageId: 'invalidKey', data: { key: '@auth:token', characters: "'@', ':'" }, line: 3, column: 26 }],
    },
    {
      code: NS + "const KEY = 'user token';\nexport const f = () => SecureStore.deleteItemAsync(KEY, O);",
      errors: [{ messageId: 'invalidKey', data: { key: 'user token', characters: 'a space' }, line: 4 }],
    },
    {
      code: NS + 'export const f = (id: string) => SecureStore.getItemAsync(`user:${id}`, O);',
      errors: [{ messageId: 'invalidKey', data: { key: 'user:${…}', characters: "':'" } }],
    },
    {
      code: "const { getItemAsync: read } = require('expo-secure-store');\nread('', {});",
      errors: [{ messageId: 'emptyKey' }],
    },
  ],
});
