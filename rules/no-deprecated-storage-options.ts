import { defineRule, type FactsContext } from '../src/core/rule-api.js';

// Options flutter_secure_storage deprecated, ignores or is about to remove,
// as its source's @Deprecated annotations and changelog say. Apps copy them
// from old articles (seed 004 warns that copying platform options from an old
// plugin version selects deprecated storage or migration behaviour). On
// TypeScript the rule has nothing to check: expo-secure-store's deprecated
// keychain classes are require-keychain-accessible's business.

const messages = {
  encryptedSharedPreferences:
    'AndroidOptions(encryptedSharedPreferences: …) is deprecated since flutter_secure_storage 10.0.0 and ignored: the data is migrated to the package’s own ciphers, and v11 removes the parameter. Remove it.',
  sharedPreferencesName:
    'AndroidOptions(sharedPreferencesName: …) is deprecated since flutter_secure_storage 10.1.0: it isolates the data but not the KeyStore aliases and key storage. Use storageNamespace (items saved under the old name need a migration).',
  legacyKeyCipher:
    'KeyCipherAlgorithm.RSA_ECB_PKCS1Padding is deprecated since flutter_secure_storage 10.2.0: PKCS#1 v1.5 padding is open to padding-oracle attacks. Leave keyCipherAlgorithm at its default; existing data is migrated while migrateOnAlgorithmChange is on (the default).',
  legacyStorageCipher:
    'StorageCipherAlgorithm.AES_CBC_PKCS7Padding is deprecated since flutter_secure_storage 10.2.0: CBC has no authentication and is open to padding-oracle attacks. Leave storageCipherAlgorithm at its default, AES_GCM_NoPadding; existing data is migrated while migrateOnAlgorithmChange is on (the default).',
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
