import { ts } from './ts.js';
import { isFunctionNode, type FunctionNode } from './ast.js';
import { API_NAMES, type ApiName } from './apis.js';
import type { FileModel } from './model.js';
import { memoSlot } from './memo-slot.js';
import { syntaxIndex } from './syntax-index.js';
import { resolveExpression, resolveObject, resolveString, stripWrappers, type StringValue } from './values.js';

// State that a persistence middleware writes to a store for the app. zustand's
// `persist(creator, { name, storage: createJSONStorage(() => AsyncStorage) })`
// calls `AsyncStorage.setItem(name, JSON.stringify({ state, version }))` on
// every change: what is stored is the state the creator returns, or what
// `partialize` returns when the options have one. Recognised by import
// binding (`persist` and `createJSONStorage` of 'zustand/middleware', under
// any local name; zustand 3's `getStorage: () => AsyncStorage` too), and only
// when the store is one the model knows: a storage adapter of the app's own
// is not followed.

const ZUSTAND_MIDDLEWARE = 'zustand/middleware';
/** Middlewares wrapped around the state creator (`persist(immer((set) => …))`) are looked through this deep. */
const MAX_WRAPPED_CREATORS = 4;

export interface PersistedState {
  /** The `persist(…)` call; findings go on its callee, the line a suppression comment names. */
  node: ts.CallExpression;
  /** How messages name the write the middleware makes: `persist() → AsyncStorage.setItem`. */
  callName: string;
  api: ApiName;
  /** The `name` option: the key the state is stored under. */
  key?: StringValue;
  /** The objects written: what the creator (or `partialize`) returns, each with its file. */
  states: { expr: ts.Expression; file: FileModel }[];
}

const PERSISTED_STATES = memoSlot<PersistedState[]>('persistedStates');

/** The calls of zustand's persist middleware in a file that write to a store the model knows. */
export function findPersistedStates(file: FileModel): PersistedState[] {
  return file.cached(PERSISTED_STATES, () => {
    const found: PersistedState[] = [];
    // `persist` is imported from the middleware's module by name (isZustandMiddleware): a file that never writes it has none.
    if (!file.text.includes(ZUSTAND_MIDDLEWARE)) return found;
    for (const call of syntaxIndex(file.sf).calls) {
      const state = persistedState(call, file);
      if (state) found.push(state);
    }
    return found;
  });
}

function isZustandMiddleware(expr: ts.Expression, file: FileModel, name: string): boolean {
  const inner = stripWrappers(expr);
  if (!ts.isIdentifier(inner)) return false;
  return file.packageImport(inner, ZUSTAND_MIDDLEWARE) === name;
}

function persistedState(call: ts.CallExpression, file: FileModel): PersistedState | undefined {
  if (!isZustandMiddleware(call.expression, file, 'persist')) return undefined;
  const [creator, options] = call.arguments;
  const settings = options && resolveObject(options, file);
  if (!creator || !settings) return undefined;
  const api = storeOf(settings.properties.get('storage'), settings.properties.get('getStorage'));
  if (!api) return undefined;
  const name = settings.properties.get('name');
  const key = name && resolveString(name.expr, name.file);
  const partialize = settings.properties.get('partialize');
  // `partialize` says what is written; one that cannot be read leaves the state unknown.
  const written = partialize ? functionOf(partialize.expr, partialize.file) : stateCreator(creator, file);
  const states = written ? returnedValues(written.fn).map((expr) => ({ expr, file: written.file })) : [];
  return { node: call, callName: `persist() → ${API_NAMES[api].receiver}.setItem`, api, key, states };
}

/** The store of `storage: createJSONStorage(() => AsyncStorage)` or zustand 3's `getStorage: () => AsyncStorage`. */
function storeOf(
  storage: { expr: ts.Expression; file: FileModel } | undefined,
  getStorage: { expr: ts.Expression; file: FileModel } | undefined,
): ApiName | undefined {
  let getter = getStorage;
  if (storage) {
    // `storage: createJSONStorage(…)`, or a constant holding one that several stores share.
    const created = resolveExpression(storage.expr, storage.file);
    if (!created || !ts.isCallExpression(created.expr) || !isZustandMiddleware(created.expr.expression, created.file, 'createJSONStorage')) return undefined;
    const argument = created.expr.arguments[0];
    getter = argument && { expr: argument, file: created.file };
  }
  const fn = getter && functionOf(getter.expr, getter.file);
  if (!fn) return undefined;
  const stores = returnedValues(fn.fn).map((expr) => storeNamed(expr, fn.file));
  return stores.length > 0 && stores.every((s) => s === 'async-storage') ? 'async-storage' : undefined;
}

/** `AsyncStorage`, by its import: the store an expression names, when the model knows it as a namespace. */
function storeNamed(expr: ts.Expression, file: FileModel): ApiName | undefined {
  const inner = stripWrappers(expr);
  if (!ts.isIdentifier(inner)) return undefined;
  const target = file.resolveIdentifier(inner, { callee: true });
  return target?.kind === 'api' && target.binding.kind === 'namespace' ? target.binding.api : undefined;
}

/** The creator function, through middlewares wrapped around it: `immer((set) => …)`, `devtools(…)`. */
function stateCreator(expr: ts.Expression, file: FileModel): { fn: FunctionNode; file: FileModel } | undefined {
  let current: ts.Expression | undefined = expr;
  for (let depth = 0; current && depth <= MAX_WRAPPED_CREATORS; depth++) {
    const fn = functionOf(current, file);
    if (fn) return fn;
    const inner = stripWrappers(current);
    current = ts.isCallExpression(inner) ? inner.arguments[0] : undefined;
  }
  return undefined;
}

function functionOf(expr: ts.Expression, file: FileModel): { fn: FunctionNode; file: FileModel } | undefined {
  const inner = stripWrappers(expr);
  if (isFunctionNode(inner)) return { fn: inner, file };
  const resolved = resolveExpression(inner, file);
  return resolved && isFunctionNode(resolved.expr) ? { fn: resolved.expr, file: resolved.file } : undefined;
}

/** What a function returns: its expression body, or the expressions of its `return` statements (not those of nested functions). */
function returnedValues(fn: FunctionNode): ts.Expression[] {
  const body = fn.body;
  if (!body) return [];
  if (!ts.isBlock(body)) return [body];
  const values: ts.Expression[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isReturnStatement(node)) {
      if (node.expression) values.push(node.expression);
      return;
    }
    if (!isFunctionNode(node) && !ts.isClassLike(node)) ts.forEachChild(node, visit);
  };
  ts.forEachChild(body, visit);
  return values;
}

/** Whether a property of a state object is a function: an action, which JSON.stringify leaves out. */
export function isFunctionValued(expr: ts.Expression, file: FileModel): boolean {
  return functionOf(expr, file) !== undefined || ts.isMethodDeclaration(expr) || ts.isAccessor(expr);
}
