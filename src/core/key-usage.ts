import { ts } from './ts.js';
import { lineAndCharacter } from './lines.js';
import type { ApiCall } from './calls.js';
import { findStorageCalls, isWrapperParameter, routedWrapperCalls } from './storage-summaries.js';
import type { FileModel } from './model.js';
import type { SourceText } from './types.js';
import { describeString, resolveBoolean, resolveKeychainClass, resolveObject, resolveString, stripWrappers, type StringValue } from './values.js';
import { memoSlot } from './memo-slot.js';
import { nonSecretValue } from './non-secret-value.js';
import { loopedKeys } from './key-set.js';

// Every use of a storage key in a file, as plain data: which store, which
// operation, which options. The key registry, the sign-out and orphan-key
// rules and `securestore-audit keys` all read this. Nothing here refers to a
// syntax tree, so a file's usages outlive its tree (see project-file.ts).

export type KeyOperation = 'write' | 'read' | 'delete';

/** SecureStore options that decide where an item lives and who can read it. */
export const KEYCHAIN_OPTION_NAMES = ['keychainService', 'keychainAccessible', 'accessGroup', 'requireAuthentication'] as const;
export type KeychainOptionName = (typeof KEYCHAIN_OPTION_NAMES)[number];

/** A resolved option value; the string `unknown` when it is set but cannot be resolved. */
export type OptionValue = string;

export interface KeyUsage {
  store: string;
  key: StringValue;
  /** Printable key: the exact value, or a pattern such as `auth.remember.${…}`. */
  keyText: string;
  operation: KeyOperation;
  method: string;
  file: SourceText;
  /** Offsets of the key expression in `file`. */
  start: number;
  end: number;
  line: number;
  /** Set when the key reaches the store through the app's wrappers: the path, and the file that makes the storage call. */
  via?: { path: string; storageFile: SourceText };
  /** Set on a write whose value says it is no secret, a flag or a number spelled out, a salt, an enum member (see non-secret-value.ts), whatever the key. */
  flag?: true;
  /**
   * A usage that happens only if some audited file reaches it: its id is
   * then among a ProjectFile's reachedWrapperCalls (a Dart wrapper's write
   * that deletes when a caller passes null; see src/dart/null-calls.ts).
   */
  onlyWhenReached?: string;
  /** Options by name (SecureStore only); absent names were not passed. Undefined when the options are unknown. */
  options?: Partial<Record<KeychainOptionName, OptionValue>>;
}

function optionText(name: KeychainOptionName, expr: ts.Expression, file: FileModel): OptionValue {
  if (name === 'keychainAccessible') {
    const value = resolveKeychainClass(expr, file);
    return value?.kind === 'constant' ? value.name : value?.kind === 'other' ? value.text : 'unknown';
  }
  if (name === 'requireAuthentication') {
    const value = resolveBoolean(expr, file);
    return value === undefined ? 'unknown' : String(value);
  }
  const value = resolveString(expr, file);
  return value?.kind === 'exact' ? value.value : 'unknown';
}

/** The keychain options of a SecureStore call, or undefined when they cannot be known. */
export function keychainOptionsOf(call: ApiCall): KeyUsage['options'] {
  // Through a wrapper that fixes the options itself, they are the wrapper's.
  const fixed = call.via && !call.via.fromCaller.options ? call.via.forwarded.options : undefined;
  if (fixed?.kind === 'absent') return {};
  if (fixed?.kind === 'fixed') return optionsObject(fixed.expr, fixed.file);
  if (!call.options || (ts.isIdentifier(stripWrappers(call.options)) && stripWrappers(call.options).getText() === 'undefined')) return {};
  return optionsObject(call.options, call.file);
}

function optionsObject(expr: ts.Expression, file: FileModel): KeyUsage['options'] {
  if (ts.isIdentifier(stripWrappers(expr)) && stripWrappers(expr).getText() === 'undefined') return {};
  const object = resolveObject(expr, file);
  if (!object) return undefined;
  const result: Partial<Record<KeychainOptionName, OptionValue>> = {};
  for (const name of KEYCHAIN_OPTION_NAMES) {
    const value = object.properties.get(name);
    if (value) result[name] = optionText(name, value.expr, value.file);
    else if (!object.complete) result[name] = 'unknown';
  }
  return result;
}

function operationOf(call: ApiCall): KeyOperation | undefined {
  const kind = call.shape.kind;
  return kind === 'write' || kind === 'read' || kind === 'delete' ? kind : undefined;
}

/** The value a write stores, as written: the caller's, or the one a wrapper fixes itself. */
/** A flag, a salt, an enum member… (non-secret-value.ts): no secret, whatever the key. */
function storesNoSecret(value: ts.Expression, call: ApiCall, file: FileModel): boolean {
  return nonSecretValue(value, fileOfValue(value, call, file)) !== undefined;
}

/** The file a stored value is written in: the caller's for its own argument; a wrapper's fixed value is in the wrapper's. */
function fileOfValue(value: ts.Expression, call: ApiCall, file: FileModel): FileModel {
  if (value === call.value) return file;
  const sf = value.getSourceFile();
  return sf === file.sf ? file : file.workspace.file(sf);
}

function storedValue(call: ApiCall): ts.Expression | undefined {
  const fixed = call.via?.forwarded.value;
  return call.value ?? (fixed?.kind === 'fixed' ? fixed.expr : undefined);
}

/** The value stored under each listed key of `multiSet([[k, v], ...])`, by key expression. */
function listedValues(call: ApiCall): Map<ts.Expression, ts.Expression> {
  const values = new Map<ts.Expression, ts.Expression>();
  const list = call.list && stripWrappers(call.list);
  if (call.shape.pairs === undefined || !list || !ts.isArrayLiteralExpression(list)) return values;
  for (const element of list.elements) {
    const pair = stripWrappers(element);
    if (ts.isArrayLiteralExpression(pair) && pair.elements[0] && pair.elements[1]) values.set(pair.elements[0], pair.elements[1]);
  }
  return values;
}

/** Keys listed in `multiRemove([...])` / `multiSet([[k, v], ...])`. */
function listedKeys(call: ApiCall): ts.Expression[] {
  const list = call.list && stripWrappers(call.list);
  if (!list || !ts.isArrayLiteralExpression(list)) return [];
  return list.elements.flatMap((element) => {
    const inner = stripWrappers(element);
    if (call.shape.pairs !== undefined) {
      return ts.isArrayLiteralExpression(inner) && inner.elements[0] ? [inner.elements[0]] : [];
    }
    return [inner];
  });
}

/** Whether a call's key is known: resolved, or each element of a loop's array, all resolved. */
function resolvesEveryKey(keyExpr: ts.Expression, file: FileModel): boolean {
  const looped = loopedKeys(keyExpr, file);
  if (looped) return looped.every((key) => key !== undefined);
  return resolveString(keyExpr, file) !== undefined;
}

const KEY_USAGES = memoSlot<KeyUsage[]>('keyUsages');
const OPAQUE_OPERATIONS = memoSlot<OpaqueOperation[]>('opaqueOperations');

/** Every key a file writes, reads or deletes, directly or through the app's wrappers, with its options. */
export function keyUsages(file: FileModel): KeyUsage[] {
  return file.cached(KEY_USAGES, () => {
    const usages: KeyUsage[] = [];
    for (const call of findStorageCalls(file)) {
      const operation = operationOf(call);
      if (!operation || call.api === 'local-auth') continue;
      const looped = call.key && loopedKeys(call.key, file);
      // A key that is each element of a loop's list in turn is one usage per element, at the call.
      const keys = looped
        ? looped.map((key) => ({ key, keyExpr: undefined, site: call.key! }))
        : (call.key ? [call.key] : listedKeys(call)).map((expr) => ({ key: resolveString(expr, file), keyExpr: expr, site: expr }));
      const pairValues = call.key ? undefined : listedValues(call);
      for (const { key, keyExpr, site } of keys) {
        const value = operation === 'write' ? (pairValues ? keyExpr && pairValues.get(keyExpr) : storedValue(call)) : undefined;
        if (!key) continue;
        const start = site.getStart(file.sf);
        const usage: KeyUsage = {
          store: call.api,
          key,
          keyText: describeString(key),
          operation,
          method: call.method,
          file: file.source,
          start,
          end: site.getEnd(),
          line: lineAndCharacter(file.sf, start).line + 1,
          ...(value && storesNoSecret(value, call, file) ? { flag: true as const } : {}),
          ...(call.api === 'secure-store' ? { options: keychainOptionsOf(call) } : {}),
          ...(call.via ? { via: { path: call.via.path, storageFile: call.via.forwarded.call.file.source } } : {}),
        };
        usages.push(usage);
        // MMKV's hooks (`useMMKVString(key)`) hand out the value and its setter: a read and a write.
        if (call.api === 'mmkv' && call.method.startsWith('useMMKV')) usages.push({ ...usage, operation: 'read' });
      }
    }
    return usages;
  });
}

/**
 * Storage operations whose key is not known: a key that cannot be resolved
 * (often a wrapper's parameter), a key list that is not a literal, or an
 * operation on every key (`AsyncStorage.clear()`, MMKV `clearAll()`).
 * Project-wide key rules stay silent about a store that has one of these for
 * the operation they look for: the missing write, read or delete may be it.
 */
export interface OpaqueOperation {
  store: string;
  operation: KeyOperation;
  everyKey: boolean;
  /**
   * Set when the key is a parameter of the enclosing function: the call is a
   * wrapper's (its callId), and only unknown if no call of the wrapper is seen.
   */
  wrapperCall?: string;
}

/** Names a call across files without holding its syntax tree: its file and offsets. */
export function callId(file: SourceText, call: ts.CallExpression): string {
  return `${file.fileName}\u0000${call.pos}\u0000${call.end}`;
}

export function opaqueOperations(file: FileModel): OpaqueOperation[] {
  return file.cached(OPAQUE_OPERATIONS, () => opaqueCalls(file).map(({ operation }) => operation));
}

/** A storage call whose key could not be resolved, for the key registry: where it is. */
export interface UnresolvedKeySite {
  store: string;
  operation: KeyOperation;
  method: string;
  line: number;
  /** As in OpaqueOperation: a wrapper's call, unknown only if no call of the wrapper is seen. */
  wrapperCall?: string;
}

/** The calls of a file whose key is unknown (not those on every key, such as `clear()`). */
export function unresolvedKeySites(file: FileModel): UnresolvedKeySite[] {
  return opaqueCalls(file)
    .filter(({ operation }) => !operation.everyKey)
    .map(({ operation, call }) => ({
      store: operation.store,
      operation: operation.operation,
      method: call.method,
      line: lineAndCharacter(file.sf, call.node.getStart(file.sf)).line + 1,
      ...(operation.wrapperCall ? { wrapperCall: operation.wrapperCall } : {}),
    }));
}

function opaqueCalls(file: FileModel): { operation: OpaqueOperation; call: ApiCall }[] {
  const result: { operation: OpaqueOperation; call: ApiCall }[] = [];
  const add = (call: ApiCall, operation: OpaqueOperation) => result.push({ operation, call });
  for (const call of findStorageCalls(file)) {
    const operation = operationOf(call);
    if (!operation || call.api === 'local-auth') continue;
    // Through a wrapper, only a key the caller passes is this call's; the wrapper's own keys are counted where it makes the call.
    if (call.via && !call.via.fromCaller.key) continue;
    const keyed = call.shape.key !== undefined || call.hookCall !== undefined;
    // A callback's parameter that is each key of a known list in turn (key-set.ts) is no wrapper's input: it is checked below.
    const listed = call.shape.pairs !== undefined || call.shape.keys !== undefined;
    if (!keyed && !listed) {
      if (!call.via) add(call, { store: call.api, operation, everyKey: true });
    } else if (keyed && !call.via && isWrapperParameter(call.key, file) && !(call.key && loopedKeys(call.key, file))) {
      add(call, { store: call.api, operation, everyKey: false, wrapperCall: callId(file, call.node) });
    } else if (keyed && (!call.key || !resolvesEveryKey(call.key, file))) {
      add(call, { store: call.api, operation, everyKey: false });
    } else if (listed) {
      const list = call.list && stripWrappers(call.list);
      const keys = listedKeys(call);
      if (!list || !ts.isArrayLiteralExpression(list) || keys.length !== list.elements.length || keys.some((k) => !resolveString(k, file))) {
        add(call, { store: call.api, operation, everyKey: false });
      }
    }
  }
  // A wrapper call whose route cannot be known for its key may reach this store with it, or not.
  for (const { call, verdict } of routedWrapperCalls(file)) {
    const operation = operationOf(call);
    if (verdict === 'unknown' && call.via?.fromCaller.key && operation && call.api !== 'local-auth') add(call, { store: call.api, operation, everyKey: false });
  }
  return result;
}
