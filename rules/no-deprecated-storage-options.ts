import { defineRule, type FactsContext } from '../src/core/rule-api.js';

// Options flutter_secure_storage deprecated, ignores or is about to remove,
// as its source's @Deprecated annotations and changelog say. Apps copy them
// from old articles (seed 004 warns that copying platform options from an old
// plugin version selects deprecated storage or migration behaviour). On
// TypeScript the rule has nothing to check: expo-secure-store's deprecated
// keychain classes are require-keychain-accessible's business.

const messages = {
  encryptedSharedPreferences: 'AndroidOptions(encryptedSharedPreferences: …) is ignored since flutter_secure_storage 10.0.0; remove it.',
  sharedPreferencesName: 'AndroidOptions(sharedPreferencesName: …) is deprecated since flutter_secure_storage 10.1.0; use storageNamespace.',
  legacyKeyCipher: 'KeyCipherAlgorithm.RSA_ECB_PKCS1Padding is deprecated (padding oracle); leave keyCipherAlgorithm at its default.',
  legacyStorageCipher: 'StorageCipherAlgorithm.AES_CBC_PKCS7Padding is deprecated (padding oracle); leave storageCipherAlgorithm unset.',
} as const;

type MessageId = keyof typeof messages;

/** The message for each deprecated option the Dart facts name. */
const MESSAGE_OF: Record<string, MessageId> = {
  'AndroidOptions.encryptedSharedPreferences': 'encryptedSharedPreferences',
  'AndroidOptions.sharedPreferencesName': 'sharedPreferencesName',
  'KeyCipherAlgorithm.RSA_ECB_PKCS1Padding': 'legacyKeyCipher',
  'StorageCipherAlgorithm.AES_CBC_PKCS7Padding': 'legacyStorageCipher',
};

function checkFacts(context: FactsContext<object, MessageId>): void {
  for (const { option, range } of context.facts.deprecatedOptions) {
    const messageId = MESSAGE_OF[option];
    if (messageId) context.report({ start: range.start, end: range.end, messageId });
  }
}

export default defineRule<object, MessageId>({
  id: 'no-deprecated-storage-options',
  meta: {
    type: 'problem',
    description: 'Disallow flutter_secure_storage options the package deprecated or ignores, such as encryptedSharedPreferences',
    // test/fixtures.test.ts holds the ESLint plugin's recommended config to the fixtures: 'off' would fail it.
    recommended: 'warn',
    messages,
    schema: { type: 'object', properties: {}, additionalProperties: false },
    defaultOptions: {},
  },
  check() {
    // expo-secure-store has no deprecated option of this kind: its deprecated keychain classes are require-keychain-accessible's.
  },
  checkFacts,
});
