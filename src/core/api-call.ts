import type { ts } from './ts.js';
import type { ApiName, MethodShape } from './apis.js';
import type { FileModel } from './model.js';
import type { FunctionNode } from './ast.js';
import type { Route } from './route.js';

// The shapes of a recognised API call and of one reached through the app's
// own functions. Types only, in a file of their own: calls.ts finds the
// direct calls, storage-summaries.ts the forwarded ones, and each names the
// other's shape without importing the other.

/** A call into one of the known APIs, with its arguments picked out by role. */
export interface ApiCall {
  node: ts.CallExpression;
  file: FileModel;
  api: ApiName;
  method: string;
  shape: MethodShape;
  /** Canonical name for messages, whatever the local alias: `SecureStore.setItemAsync`. */
  apiName: string;
  key?: ts.Expression;
  value?: ts.Expression;
  options?: ts.Expression;
  /** `multiSet` pairs or `multiRemove` keys. */
  list?: ts.Expression;
  /** Set when the call goes through `useAsyncStorage(key)`. */
  hookCall?: ts.CallExpression;
  /**
   * Set when this is a call of an app function that reaches the storage call
   * (see storage-summaries.ts): `node` is the caller's call, and only the roles
   * the caller supplies are filled in; the wrapper's own fixed arguments were
   * checked where the wrapper makes the storage call.
   */
  via?: {
    path: string;
    /** The app functions the call runs through, from the called one in (the functions of `path`). */
    functions: FunctionNode[];
    fromCaller: { key: boolean; value: boolean; options: boolean };
    forwarded: ForwardedStorageCall;
    /** The caller's argument the wrapper writes as `JSON.stringify(argument)` (see ForwardedStorageCall.serialises). */
    serialised?: ts.Expression;
    /**
     * Set when the wrapper writes each element of a list the caller passes:
     * the caller's list, and the fields of each element that are the key and
     * (when the wrapper writes it as it is) the value.
     */
    elements?: { list: ts.Expression; key: string; value?: string };
  };
}

/**
 * Where an argument of the storage call comes from, seen from the wrapper.
 * `element`: the field `field` of each element of the list parameter `index`
 * (`for (const { key, value } of pairs) store.set(key, value)`), read in the
 * loop `loop` (element-source.ts).
 */
export type ArgumentSource =
  | { kind: 'parameter'; index: number }
  | { kind: 'element'; index: number; field: string; loop: ts.Node }
  | { kind: 'fixed'; expr: ts.Expression; file: FileModel }
  | { kind: 'absent' };

export interface ForwardedStorageCall {
  /** The storage call itself, inside the innermost wrapper. */
  call: ApiCall;
  /** Wrapper names from the outermost in: ['saveSecret', 'writeRaw']. */
  via: string[];
  /** The functions of `via`, in the same order. */
  viaFunctions: FunctionNode[];
  key: ArgumentSource;
  value: ArgumentSource;
  options: ArgumentSource;
  /** The condition on the outermost wrapper's parameters under which the storage call runs (route.ts); none: always. */
  route?: Route;
  /**
   * The parameter the written value serialises, when the value is
   * `JSON.stringify(parameter)`: the caller's object is what gets stored, so
   * its fields are checked at the call. Kept apart from `value` (still the
   * fixed `JSON.stringify(…)` expression, checked inside the wrapper).
   */
  serialises?: number;
}
