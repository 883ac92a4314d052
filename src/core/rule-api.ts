// Everything a rule may use of the core, and nothing else: rules import from
// this file only (test/meta.test.ts holds them to it). The model behind it can
// be reorganised freely as long as these names keep their meaning; a rule
// that needs something new adds it here, where the list is reviewed.

// Defining a rule and reporting.
export { defineRule, type FactsContext, type ProjectContext, type RuleContext } from './rule.js';
export type { FactRange, FileFacts, ItemClass, StorageOperationFact, StoreConstructionFact, ValueFact } from './facts.js';
export type { ReportDescriptor, SourceText, SuggestionData, TextEdit } from './types.js';

// The compiler's syntax tree, and the model of one parsed file.
export { ts } from './ts.js';
export { isConstDeclaration, type FileModel } from './model.js';
export { enclosingFunction, isAsyncFunction, isFunctionNode, type FunctionNode } from './ast.js';
export { syntaxIndex } from './syntax-index.js';

// Calls of the storage APIs, directly or through the app's wrappers.
export { findApiCalls, type ApiCall } from './calls.js';
export { findStorageCalls } from './storage-summaries.js';
export { findConstructionCalls, type ConstructionStorageCall } from './construction-calls.js';
export { findPersistedStates, isFunctionValued, type PersistedState } from './persisted-state.js';
export { gateFlow, type FlowRead, type SecureStoreRead } from './gate-flow.js';
export { DEPRECATED_KEYCHAIN_CLASSES, KEYCHAIN_STORES, PLAINTEXT_STORES, storeName, type ApiName } from './apis.js';
export { secureStoreMemberReference } from './import-style.js';

// Values: what an expression resolves to, and the names it goes by.
export {
  describeString,
  resolveExpression,
  resolveKeychainClass,
  resolveObject,
  resolveString,
  stripWrappers,
  type Located,
  type StringValue,
} from './values.js';
export { resolveKeys } from './key-set.js';
export { elementPairs, type ElementPair } from './element-pairs.js';
export { jsonStringifyArgument, valueNames } from './value-names.js';
export { isFlagValue } from './flag-value.js';
export { nonSecretValue } from './non-secret-value.js';
export { shapeOf, type Shape } from './fixed-shape.js';
export { hasPrimitiveDeclaredType } from './declared-type.js';
export { objectFields, shortFieldLabel, type ObjectField } from './object-fields.js';

// Where a call runs: hot paths, background tasks, web-only branches.
export { bodyIsHotPath, describeFunctionContext, hotPathOf } from './hot-path.js';
export { isBackgroundOrColdStart, isColdStartFunctionName } from './execution-context.js';
export { isWebOnlyBranch } from './platform.js';

// Which names are secrets (one classifier, shared by every rule).
export { CLASSIFIER_SCHEMA_PROPERTIES, classifierFor, type ClassifierOptions, type SecretClassifier } from './classifier.js';

// Storage keys: every use of a key, per store, and the prefix header.
export { keyUsages, KEYCHAIN_OPTION_NAMES, type KeychainOptionName, type KeyUsage } from './key-usage.js';
export { keysByStore, mayHaveOperation, namesKeyFamily, type StoreKeys } from './key-index.js';
export {
  DEFAULT_HEADER_PATTERN,
  findPrefixHeader,
  headerLine,
  headerLineRoundTrips,
  headerRegExp,
  keyMatchesPrefix,
  prefixesOverlap,
  sharedPrefix,
  type PrefixHeader,
} from './key-prefix.js';

// Messages: a file's path as a finding names it.
export { displayPath } from './display-path.js';
export { uniquePathSuffix } from './short-path.js';
export { oldLocationCalls } from './migration.js';
export { lineAndCharacter } from './lines.js';
