import type { RuleDefinition } from '../src/core/rule.js';
import requireKeychainAccessible from './require-keychain-accessible.js';
import validSecureStoreKey from './valid-secure-store-key.js';
import consistentKeychainOptions from './consistent-keychain-options.js';

/** Every rule, in the order of the README table. */
export const allRules: RuleDefinition<any>[] = [requireKeychainAccessible, validSecureStoreKey, consistentKeychainOptions];
