import type { RuleDefinition } from '../src/core/rule.js';
import requireKeychainAccessible from './require-keychain-accessible.js';

/** Every rule, in the order of the README table. */
export const allRules: RuleDefinition<any>[] = [requireKeychainAccessible];
