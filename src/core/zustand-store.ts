import { ts } from './ts.js';
import type { FunctionNode } from './ast.js';
import type { FileModel } from './model.js';
import { stripWrappers } from './values.js';

// zustand stores: `create((set, get) => state)`, `create<State>()(…)`, and the
// same through middlewares wrapped around the state creator
// (`create(persist(immer((set, get) => …), options))`). zustand calls the
// state creator once, when the store is made: its body runs where `create(…)`
// stands (at import, for a store made at module top level), while the actions
// it returns run later, when something calls them. The state type a store is
// declared with (`create<State>()`, `persist<State>(…)`) is the type of what
// `get()` returns and of the state `partialize` receives. Everything here is
// recognised by import binding, under any local name.

/** The exports that make a store from a state creator, per module. */
const STORE_FACTORIES: Record<string, readonly string[]> = {
  zustand: ['create', 'createStore', 'default'],
  'zustand/vanilla': ['createStore', 'default'],
  'zustand/traditional': ['createWithEqualityFn'],
};

/** Middlewares that take the state creator as their first argument and call it when the store is made. */
const CREATOR_MIDDLEWARES: Record<string, readonly string[]> = {
  'zustand/middleware': ['persist', 'devtools', 'subscribeWithSelector'],
  'zustand/middleware/immer': ['immer'],
};

/** Middlewares wrapped around one state creator are looked through this deep. */
const MAX_MIDDLEWARES = 4;

export interface ZustandStore {
  /** The call that makes the store: the state creator runs where it stands. */
  creation: ts.CallExpression;
  /** The state type written as a type argument of the store or of a middleware around the creator. */
  stateType?: ts.TypeNode;
}

/** The export of one of `modules` that an identifier is imported as, when it is one of the names listed. */
function importedFrom(identifier: ts.Expression, file: FileModel, modules: Record<string, readonly string[]>): boolean {
  const inner = stripWrappers(identifier);
  if (!ts.isIdentifier(inner)) return false;
  return Object.entries(modules).some(([module, names]) => {
    const imported = file.packageImport(inner, module);
    return imported !== undefined && names.includes(imported);
  });
}

/** Whether an expression names one of zustand's middlewares that call the state creator they wrap (`persist`, `immer`…). */
export function isCreatorMiddleware(expr: ts.Expression, file: FileModel): boolean {
  return importedFrom(expr, file, CREATOR_MIDDLEWARES);
}

/** `persist(…)` around `immer(…)`: the expression as it stands among its parent's children, past parentheses and casts. */
function outermostWrapper(node: ts.Node): ts.Node {
  let current = node;
  while (current.parent && (ts.isParenthesizedExpression(current.parent) || ts.isAsExpression(current.parent) || ts.isSatisfiesExpression(current.parent))) {
    current = current.parent;
  }
  return current;
}

/**
 * The store a function is the state creator of: the function is the first
 * argument of `create(…)` / `create<State>()(…)`, directly or through
 * middlewares that call it (`persist`, `devtools`, `immer`,
 * `subscribeWithSelector`). Undefined for any other function.
 */
export function storeOfStateCreator(fn: FunctionNode, file: FileModel): ZustandStore | undefined {
  return storeMadeFrom(fn, file);
}

/** The store made from `creator`: the first argument of the store's call, or of middlewares inside it. */
function storeMadeFrom(creator: ts.Node, file: FileModel): ZustandStore | undefined {
  let argument = outermostWrapper(creator);
  let stateType: ts.TypeNode | undefined;
  for (let depth = 0; depth <= MAX_MIDDLEWARES; depth++) {
    const call = argument.parent;
    if (!call || !ts.isCallExpression(call) || call.arguments[0] !== argument) return undefined;
    // `persist<State>(…)` inside `create(…)`: the innermost written state type is the one the creator sees.
    stateType ??= call.typeArguments?.[0];
    const callee = stripWrappers(call.expression);
    if (importedFrom(callee, file, STORE_FACTORIES)) return { creation: call, stateType };
    if (ts.isCallExpression(callee) && callee.arguments.length === 0 && importedFrom(callee.expression, file, STORE_FACTORIES)) {
      return { creation: call, stateType: stateType ?? callee.typeArguments?.[0] };
    }
    if (!isCreatorMiddleware(callee, file)) return undefined;
    argument = outermostWrapper(call);
  }
  return undefined;
}

/**
 * The state type of what `get()` returns, when `get` is the second parameter
 * of a state creator whose store declares its state type in writing.
 */
export function stateTypeOfGetter(fn: ts.SignatureDeclaration, index: number, file: FileModel): ts.TypeNode | undefined {
  if (index !== 1 || !isStateCreatorLike(fn)) return undefined;
  return storeOfStateCreator(fn, file)?.stateType;
}

/**
 * The state type `partialize` receives: `persist<State>(…, { partialize: (state) => … })`,
 * or the state type of the store the persist call makes.
 */
export function stateTypeOfPartialize(fn: ts.SignatureDeclaration, index: number, file: FileModel): ts.TypeNode | undefined {
  if (index !== 0) return undefined;
  const property = ts.isMethodDeclaration(fn) ? fn : outermostWrapper(fn).parent;
  if (!property || !(ts.isPropertyAssignment(property) || ts.isMethodDeclaration(property)) || propertyName(property.name) !== 'partialize') return undefined;
  const options = outermostWrapper(property.parent);
  const call = options.parent;
  if (!call || !ts.isCallExpression(call) || call.arguments[1] !== options) return undefined;
  const callee = stripWrappers(call.expression);
  if (!ts.isIdentifier(callee) || file.packageImport(callee, 'zustand/middleware') !== 'persist') return undefined;
  return call.typeArguments?.[0] ?? storeMadeFrom(call, file)?.stateType;
}

function propertyName(name: ts.PropertyName): string | undefined {
  return ts.isIdentifier(name) || ts.isStringLiteral(name) ? name.text : undefined;
}

function isStateCreatorLike(fn: ts.SignatureDeclaration): fn is FunctionNode {
  return ts.isArrowFunction(fn) || ts.isFunctionExpression(fn);
}
