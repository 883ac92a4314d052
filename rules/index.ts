import type { RuleDefinition } from '../src/core/rule.js';
import requireKeychainAccessible from './require-keychain-accessible.js';
import noSyncOnHotPath from './no-sync-on-hot-path.js';
import noOversizedValue from './no-oversized-value.js';
import noTokensInAsyncStorage from './no-tokens-in-async-storage.js';
import requirePrefixHeader from './require-prefix-header.js';
import noReadBeforeBiometricGate from './no-read-before-biometric-gate.js';
import validSecureStoreKey from './valid-secure-store-key.js';
import consistentKeychainOptions from './consistent-keychain-options.js';
import requireSignOutCleanup from './require-sign-out-cleanup.js';
import noOrphanKey from './no-orphan-key.js';

/** Every rule, in the order of the README table. */
export const allRules: RuleDefinition<any>[] = [
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
];
