/**
 * A named place in a file's memo (see FileModel.cached) that says what it
 * holds. Each analysis declares its slots once, next to the code that fills
 * them: the slot is the key, so two analyses cannot collide on a spelling,
 * and the type comes with the slot, so a reader cannot ask for the wrong one.
 */
export interface MemoSlot<T> {
  /** For debugging only: the slot's identity is the object. */
  readonly description: string;
  /** Never set: it only carries the value's type. */
  readonly valueType?: T;
}

export function memoSlot<T>(description: string): MemoSlot<T> {
  return { description };
}
