import type { StorageOperationFact } from './facts.js';

// The old location of a migration: a function reads a key where an earlier
// version of the app wrote it, deletes it there, and writes it anew under
// other options. Those reads and deletes must keep the old options to reach
// the item, so the rules that compare or require options leave them alone:
// consistent-keychain-options and require-keychain-accessible ask this one
// question. A delete under other options outside such a function (a sign-out
// that misses the item) is no migration.

/**
 * The calls of one key that reach a migration's old location. `valueOf` is
 * what locates the item for the asking rule (one option's value, or every
 * option that decides where the item lives): a value the key is deleted
 * under, but never written under, by a function that also writes the key is
 * an old location, and every read and delete under it is one of these calls.
 */
export function oldLocationCalls(calls: readonly StorageOperationFact[], valueOf: (call: StorageOperationFact) => string): Set<StorageOperationFact> {
  const writes = calls.filter((c) => c.operation === 'write');
  const written = new Set(writes.map(valueOf));
  const writers = new Set(writes.filter((c) => c.functionId).map((c) => c.functionId));
  const oldValues = new Set(
    calls.filter((c) => c.operation === 'delete' && c.functionId && writers.has(c.functionId) && !written.has(valueOf(c))).map(valueOf),
  );
  return new Set(calls.filter((c) => c.operation !== 'write' && oldValues.has(valueOf(c))));
}
