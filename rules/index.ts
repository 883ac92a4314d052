// Written by scripts/write-rules-index.js from the files in rules/, in the order
// of scripts/rule-order.json: do not edit (npm run new-rule adds a rule).
import type { AnyRule } from '../src/core/rule.js';
import requireKeychainAccessible from './require-keychain-accessible.js';
import noSyncOnHotPath from './no-sync-on-hot-path.js';
import noOversizedValue from './no-oversized-value.js';
import noTokensInAsyncStorage from './no-tokens-in-async-storage.js';
import noReadBeforeBiometricGate from './no-read-before-biometric-gate.js';
import requirePrefixHeader from './require-prefix-header.js';
import validSecureStoreKey from './valid-secure-store-key.js';
import consistentKeychainOptions from './consistent-keychain-options.js';
import requireSignOutCleanup from './require-sign-out-cleanup.js';
import noOrphanKey from './no-orphan-key.js';
import noDeprecatedStorageOptions from './no-deprecated-storage-options.js';

/** Every rule, in the order --list-rules prints them and SARIF and the config schema name them. */
export const allRules: AnyRule[] = [
  requireKeychainAccessible,
  noSyncOnHotPath,
  noOversizedValue,
  noTokensInAsyncStorage,
  noReadBeforeBiometricGate,
  requirePrefixHeader,
  validSecureStoreKey,
  consistentKeychainOptions,
  requireSignOutCleanup,
  noOrphanKey,
  noDeprecatedStorageOptions,
];
