import type { RuleDefinition } from '../src/core/rule.js';
import requireKeychainAccessible from './require-keychain-accessible.js';
import noSyncOnHotPath from './no-sync-on-hot-path.js';
import noOversizedValue from './no-oversized-value.js';
import validSecureStoreKey from './valid-secure-store-key.js';
import consistentKeychainOptions from './consistent-keychain-options.js';

/** Every rule, in the order of the README table. */
export const allRules: RuleDefinition<any>[] = [
  requireKeychainAccessible,
  noSyncOnHotPath,
  noOversizedValue,
  validSecureStoreKey,
  consistentKeychainOptions,
];
