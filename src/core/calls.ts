import { ts } from './ts.js';
import { syntaxIndex } from './syntax-index.js';
import { tick } from './budget.js';
import { isConstDeclaration, type ApiBinding, type FileModel, type Lookup, type NameTarget } from './model.js';
import { apiNamespaceOfLoad, apiNamespaceOfPromise } from './bindings.js';
import {
  API_NAMES,
  ASYNC_STORAGE_HOOK_METHODS,
  ASYNC_STORAGE_METHODS,
  LOCAL_AUTH_GATE,
  MMKV_METHODS,
  MMKV_MODULE,
  SECURE_STORE_METHODS,
  WEB_ONLY_FILE,
  WEB_STORAGE_GLOBALS,
  type ApiName,
  type MethodShape,
} from './apis.js';
import { stripWrappers } from './values.js';
import { holdsPlaintextMmkv, isPlaintextMmkvInstance } from './mmkv-instance.js';
import type { ApiCall } from './api-call.js';
import { memoSlot } from './memo-slot.js';

export type { ApiCall } from './api-call.js';

const API_CALLS = memoSlot<ApiCall[]>('apiCalls');
/** What each call was recognised as: undefined for a call of no known API. */
const CLASSIFIED_CALLS = memoSlot<Map<ts.CallExpression, ApiCall | undefined>>('classifiedCalls');

/** Every lookup here asks whether something is an API (or holds one): never a plain value. */
const CALLEE: Lookup = { callee: true };

function methodsOf(api: ApiName): Record<string, MethodShape> {
  if (api === 'secure-store') return SECURE_STORE_METHODS;
  if (api === 'async-storage' || api === 'web-storage') return ASYNC_STORAGE_METHODS;
  if (api === 'mmkv') return MMKV_METHODS;
  return { [LOCAL_AUTH_GATE]: { kind: 'other' } };
}

/** Every call expression in the file, in source order: one walk, shared by the analyses that look at calls. */
export function callExpressions(file: FileModel): ts.CallExpression[] {
  return syntaxIndex(file.sf).calls;
}

/** Every API call in the file, in source order. Computed once per file. */
export function findApiCalls(file: FileModel): ApiCall[] {
  return file.cached(API_CALLS, () => {
    // Files that import none of the APIs can still not call them: skip the walk.
    if (!file.mayUseApis) return [];
    // Each call is a unit of the rules' work: the per-file budget is checked as they go.
    const found: ApiCall[] = [];
    for (const node of callExpressions(file)) {
      tick();
      const call = classifyCall(node, file);
      if (call) found.push(call);
    }
    return found;
  });
}

/** Recognises a call of a known API method through its import binding; once per call. */
export function classifyCall(node: ts.CallExpression, file: FileModel): ApiCall | undefined {
  const known = file.cached(CLASSIFIED_CALLS, () => new Map<ts.CallExpression, ApiCall | undefined>());
  let call = known.get(node);
  if (call === undefined && !known.has(node)) {
    call = classify(node, file);
    known.set(node, call);
  }
  return call;
}

/** The method names of the APIs other than MMKV's: the only ones in an app that never names react-native-mmkv. */
const NON_MMKV_METHOD_NAMES = new Set([
  ...Object.keys(SECURE_STORE_METHODS),
  ...Object.keys(ASYNC_STORAGE_METHODS),
  ...Object.keys(ASYNC_STORAGE_HOOK_METHODS),
  LOCAL_AUTH_GATE,
]);

/**
 * Every method name of the storage APIs (and of the object useAsyncStorage
 * returns). A method call by any other name is none of theirs whatever its
 * receiver is, so most calls of an app (`rows.push()`, `query.set()`) are
 * passed by without resolving their receiver.
 */
const API_METHOD_NAMES = new Set([...NON_MMKV_METHOD_NAMES, ...Object.keys(MMKV_METHODS)]);

/** The name of AsyncStorage's hook: only code that writes it can call it (or bind its result). */
const ASYNC_STORAGE_HOOK = 'useAsyncStorage';

function classify(node: ts.CallExpression, file: FileModel): ApiCall | undefined {
  const callee = stripWrappers(node.expression);
  if (ts.isPropertyAccessExpression(callee) && ts.isIdentifier(callee.name)) {
    const method = callee.name.text;
    if (!API_METHOD_NAMES.has(method)) return undefined;
    // `query.set()`, `cache.delete()`: MMKV's names, in an app that never names its module (an API is reached only by an import of it).
    const withMmkv = file.appMentions(MMKV_MODULE);
    if (!withMmkv && !NON_MMKV_METHOD_NAMES.has(method)) return undefined;
    const receiver = stripWrappers(callee.expression);
    const hook = file.appMentions(ASYNC_STORAGE_HOOK) ? asyncStorageHookCall(receiver, file) : undefined;
    if (hook) return build(node, file, 'async-storage', method, ASYNC_STORAGE_HOOK_METHODS[method], hook);
    const web = webStorage(receiver, file);
    // Messages name the store the code uses: `sessionStorage.setItem`, not `localStorage.setItem`.
    if (web) return build(node, file, 'web-storage', method, ASYNC_STORAGE_METHODS[method], undefined, web);
    // `Keychain.setItemAsync()`: a member of an app module that re-exports the API's.
    if (ts.isIdentifier(receiver)) {
      const exported = file.resolveNamespaceMember(receiver, method, CALLEE);
      if (exported?.kind === 'api' && exported.binding.kind === 'member')
        return build(node, file, exported.binding.api, exported.binding.member, methodsOf(exported.binding.api)[exported.binding.member]);
    }
    const target = receiverTarget(receiver, file);
    if (target?.kind === 'declaration' || target?.kind === 'local') {
      return isPlaintextMmkvInstance(target.node, target.file) ? build(node, file, 'mmkv', method, MMKV_METHODS[method]) : undefined;
    }
    // `vaults.current.set()`: a constant object's property that holds a plaintext instance (mmkv-instance.ts).
    if (withMmkv && !target && ts.isPropertyAccessExpression(receiver) && holdsPlaintextMmkv(receiver, file))
      return build(node, file, 'mmkv', method, MMKV_METHODS[method]);
    if (target?.kind !== 'api' || target.binding.kind !== 'namespace' || target.binding.api === 'mmkv') return undefined;
    const api = target.binding.api;
    return build(node, file, api, method, methodsOf(api)[method]);
  }
  if (ts.isIdentifier(callee)) {
    const target = file.resolveIdentifier(callee, CALLEE);
    if (target?.kind === 'api' && target.binding.kind === 'member') {
      const { api, member } = target.binding;
      // An MMKV hook given its own instance counts when that instance is a plaintext one.
      if (api === 'mmkv' && (!member.startsWith('useMMKV') || (node.arguments.length > 1 && !isPlaintextInstanceArgument(node.arguments[1]!, file))))
        return undefined;
      return build(node, file, api, member, methodsOf(api)[member]);
    }
    // `const { setItem } = useAsyncStorage(key)`
    if (target?.kind === 'local' || target?.kind === 'declaration') {
      const element = target.node;
      if (ts.isBindingElement(element) && ts.isVariableDeclaration(element.parent.parent)) {
        const init = element.parent.parent.initializer;
        const hook = init && file.appMentions(ASYNC_STORAGE_HOOK) && asyncStorageHookCall(stripWrappers(init), target.file);
        const method = (element.propertyName && ts.isIdentifier(element.propertyName) ? element.propertyName : element.name) as ts.Identifier;
        if (hook) return build(node, file, 'async-storage', method.text, ASYNC_STORAGE_HOOK_METHODS[method.text], hook);
      }
    }
  }
  return undefined;
}

/**
 * What a method call's receiver is: a name (`SecureStore`), or a namespace
 * import's member (`Keychain.SecureStore`, `Keychain.default`) when that app
 * module exports the API's namespace.
 */
function receiverTarget(receiver: ts.Expression, file: FileModel): NameTarget | undefined {
  if (ts.isIdentifier(receiver)) {
    const target = file.resolveIdentifier(receiver, CALLEE);
    const loaded = target && loadedNamespace(target);
    return loaded ? { kind: 'api', binding: loaded } : target;
  }
  if (ts.isPropertyAccessExpression(receiver) && ts.isIdentifier(receiver.name)) {
    const base = stripWrappers(receiver.expression);
    if (ts.isIdentifier(base)) return file.resolveNamespaceMember(base, receiver.name.text, CALLEE);
  }
  return undefined;
}

/**
 * A local that holds an API's namespace loaded on demand:
 * `const SecureStore = await import('expo-secure-store')` in a function, or
 * the module a `.then` callback of `import('expo-secure-store')` receives.
 */
function loadedNamespace(target: NameTarget): ApiBinding | undefined {
  if ((target.kind === 'local' || target.kind === 'declaration') && isConstDeclaration(target.node)) {
    return apiNamespaceOfLoad(target.node.initializer) as ApiBinding | undefined;
  }
  if (target.kind === 'parameter' && target.index === 0 && ts.isCallExpression(target.fn.parent) && target.fn.parent.arguments[0] === target.fn) {
    const callee = stripWrappers(target.fn.parent.expression);
    if (ts.isPropertyAccessExpression(callee) && callee.name.text === 'then') return apiNamespaceOfPromise(callee.expression) as ApiBinding | undefined;
  }
  return undefined;
}

/** An MMKV method call built as the API call it is, for calls whose receiver is known by other means (mmkv-augmentation.ts). */
export function buildMmkvCall(node: ts.CallExpression, file: FileModel, method: string): ApiCall | undefined {
  return build(node, file, 'mmkv', method, MMKV_METHODS[method]);
}

function isPlaintextInstanceArgument(arg: ts.Expression, file: FileModel): boolean {
  const inner = stripWrappers(arg);
  if (!ts.isIdentifier(inner)) return false;
  const target = file.resolveIdentifier(inner, CALLEE);
  return (target?.kind === 'declaration' || target?.kind === 'local') && isPlaintextMmkvInstance(target.node, target.file);
}

/** The browser's `localStorage` / `sessionStorage` (or `window.…`), in a web-only file, not shadowed: which of the two. */
function webStorage(receiver: ts.Expression, file: FileModel): string | undefined {
  if (!WEB_ONLY_FILE.test(file.fileName)) return undefined;
  if (ts.isIdentifier(receiver)) {
    return WEB_STORAGE_GLOBALS.has(receiver.text) && file.resolveIdentifier(receiver, CALLEE) === undefined ? receiver.text : undefined;
  }
  const viaWindow =
    ts.isPropertyAccessExpression(receiver) && ts.isIdentifier(receiver.expression) && receiver.expression.text === 'window' && ts.isIdentifier(receiver.name);
  return viaWindow && WEB_STORAGE_GLOBALS.has(receiver.name.text) && file.resolveIdentifier(receiver.expression, CALLEE) === undefined
    ? receiver.name.text
    : undefined;
}

/** `useAsyncStorage(key)`, directly or through a `const` holding its result. */
function asyncStorageHookCall(expr: ts.Expression, file: FileModel): ts.CallExpression | undefined {
  if (ts.isIdentifier(expr)) {
    const target = file.resolveIdentifier(expr, CALLEE);
    if ((target?.kind === 'local' || target?.kind === 'declaration') && ts.isVariableDeclaration(target.node) && target.node.initializer) {
      return asyncStorageHookCall(stripWrappers(target.node.initializer), target.file);
    }
    return undefined;
  }
  if (!ts.isCallExpression(expr) || !ts.isIdentifier(expr.expression)) return undefined;
  const target = file.resolveIdentifier(expr.expression, CALLEE);
  return target?.kind === 'api' && target.binding.kind === 'member' && target.binding.member === ASYNC_STORAGE_HOOK ? expr : undefined;
}

function build(
  node: ts.CallExpression,
  file: FileModel,
  api: ApiName,
  method: string,
  shape: MethodShape | undefined,
  hookCall?: ts.CallExpression,
  receiver: string = API_NAMES[api].receiver,
): ApiCall | undefined {
  if (!shape) return undefined;
  const arg = (index: number | undefined) => (index === undefined ? undefined : node.arguments[index]);
  return {
    node,
    file,
    api,
    method,
    shape,
    apiName: `${receiver}.${method}`,
    key: hookCall ? hookCall.arguments[0] : arg(shape.key),
    value: arg(shape.value),
    options: arg(shape.options),
    list: arg(shape.pairs ?? shape.keys),
    hookCall,
  };
}
