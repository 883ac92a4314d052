import rule from '../rules/no-deprecated-storage-options.js';
import { createRuleTester, eslintRule } from './rule-tester.js';

// The rule is about flutter_secure_storage (Dart: test/dart/rules-on-facts.test.ts).
// On TypeScript it reports nothing, not even the deprecated keychain classes of
// expo-secure-store, which require-keychain-accessible reports.

const ruleTester = createRuleTester();
const NS = "import * as SecureStore from 'expo-secure-store';\n";

ruleTester.run('no-deprecated-storage-options', eslintRule(rule), {
  valid: [
    NS + "SecureStore.setItemAsync('auth.token', 'v', { keychainAccessible: SecureStore.ALWAYS });",
    NS + 'const AndroidOptions = (o: object) => o;\nAndroidOptions({ encryptedSharedPreferences: true });',
  ],
  invalid: [],
});
