import type { ProjectFile } from './project-file.js';
import type { KeyOperation, KeyUsage } from './key-usage.js';
import { prefixesOverlap } from './key-prefix.js';
import type { StringValue } from './values.js';

// The keys of a whole project, per store, for rules that need to see every
// write, read and delete at once.

export interface StoreKeys {
  usages: KeyUsage[];
  /** Operations done somewhere with a key that could not be resolved. */
  opaque: Set<KeyOperation>;
  /** Operations done somewhere on every key of the store (`clear()`). */
  everyKey: Set<KeyOperation>;
}

export function keysByStore(files: ProjectFile[]): Map<string, StoreKeys> {
  const stores = new Map<string, StoreKeys>();
  const entry = (store: string) => {
    let keys = stores.get(store);
    if (!keys) {
      keys = { usages: [], opaque: new Set(), everyKey: new Set() };
      stores.set(store, keys);
    }
    return keys;
  };
  // Storage calls inside wrappers that some audited call reaches: their keys are the callers' usages.
  const reached = new Set(files.flatMap((file) => file.reachedWrapperCalls));
  for (const file of files) {
    for (const usage of file.keyUsages) if (!usage.onlyWhenReached || reached.has(usage.onlyWhenReached)) entry(usage.store).usages.push(usage);
    for (const op of file.opaqueOperations) {
      if (op.wrapperCall && reached.has(op.wrapperCall)) continue;
      (op.everyKey ? entry(op.store).everyKey : entry(op.store).opaque).add(op.operation);
    }
  }
  return stores;
}

/**
 * Whether every key this value may be names one family of items: an exact
 * key, or a pattern with some literal text that says what it is
 * (`${…}-mnemonic`). A pattern of unknown parts and punctuation
 * (`${…}${…}_${…}`) may be any key at all: calls that share it need not
 * share an item.
 */
export function namesKeyFamily(key: StringValue): boolean {
  return key.kind === 'exact' || key.parts.some((part) => part !== null && /[\p{L}\p{N}]/u.test(part));
}

/** A key as a glob: unknown parts become `*`. */
function globOf(key: StringValue): string {
  return key.kind === 'exact' ? key.value : key.parts.map((p) => (p === null ? '*' : p)).join('');
}

/** Whether two keys may name the same item (an exact key and a pattern that can produce it). */
export function keysMayMatch(a: StringValue, b: StringValue): boolean {
  return prefixesOverlap(globOf(a), globOf(b));
}

/** Whether the store has, somewhere, an operation that may touch `key`. */
export function mayHaveOperation(store: StoreKeys, key: StringValue, operation: KeyOperation): boolean {
  if (store.opaque.has(operation) || store.everyKey.has(operation)) return true;
  return store.usages.some((u) => u.operation === operation && keysMayMatch(u.key, key));
}
