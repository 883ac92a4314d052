import type { ts } from './ts.js';

/**
 * Data that lives and dies with one syntax tree (its index, its model), kept
 * as a property of the tree's root instead of in a WeakMap keyed by it.
 *
 * Why: V8's young-generation collector keeps alive the values of a WeakMap
 * that has itself lived long, whether or not their keys are still in use. A
 * value that points into a tree, as an index or a model does, then holds the
 * whole tree through its parent pointers: a tree the audit had already let
 * go (see ProjectFiles.release) was copied and promoted, to die in the old
 * generation instead of the young one. Parsing the 223 relevant files of the
 * bench app took clearly longer to collect with such a WeakMap beside it
 * than without. A property goes when its tree goes.
 */
export interface TreeSlot<T> {
  get(sf: ts.SourceFile): T | undefined;
  set(sf: ts.SourceFile, value: T): void;
}

export function treeSlot<T>(description: string): TreeSlot<T> {
  const key = Symbol(description);
  return {
    get: (sf) => (sf as unknown as Record<symbol, T | undefined>)[key],
    set: (sf, value) => {
      (sf as unknown as Record<symbol, T>)[key] = value;
    },
  };
}
