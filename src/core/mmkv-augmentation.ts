import { ts } from './ts.js';
import type { FunctionNode } from './ast.js';
import type { FileModel, Lookup } from './model.js';
import { MMKV_METHODS, MMKV_MODULE } from './apis.js';
import { propertyKey, stripWrappers } from './values.js';
import { memoSlot } from './memo-slot.js';
import { buildMmkvCall } from './calls.js';
import { isPlaintextMmkvInstance } from './mmkv-instance.js';
import type { ApiCall } from './api-call.js';

// Methods an app adds to MMKV's prototype:
//
//   MMKV.prototype.setAny = function (key, value) { this.set(key, JSON.stringify(value)) };
//   storage.setAny('token', t);
//
// The added method is a wrapper whose receiver is the caller's instance. So
// its `this.set()` is an MMKV call only when reached from a call on a
// plaintext instance (the instance decides whether the store encrypts): the
// storage summaries see it, the direct API calls of the file do not. The
// `declare module 'react-native-mmkv'` block that types such a method is a
// type only, and is never read here.

/** Lookups here ask what a name is as a callee (see model.ts Lookup). */
const CALLEE: Lookup = { callee: true };

/** The class whose prototype an app can extend; `createMMKV` (v4) returns an object no app code can augment this way. */
const MMKV_CLASS = 'MMKV';

/** How many imports deep an augmentation is looked for: apps load it from their entry or a barrel. */
const MAX_AUGMENTATION_DEPTH = 4;

type Augmentations = ReadonlyMap<string, FunctionNode>;
/** Methods each file adds to MMKV's prototype, by name. */
const OWN_AUGMENTATIONS = memoSlot<Augmentations>('mmkvOwnAugmentations');
/** The method each name resolves to for a call in this file: its own, or one of a module it loads. */
const REACHABLE_AUGMENTATIONS = memoSlot<Map<string, { fn: FunctionNode; file: FileModel } | undefined>>('mmkvReachableAugmentations');

/** `MMKV.prototype.name = function …`, where `MMKV` is react-native-mmkv's class: the method's name. */
export function mmkvPrototypeMethodName(fn: FunctionNode, file: FileModel): string | undefined {
  if (!ts.isFunctionExpression(fn)) return undefined;
  let node: ts.Node = fn;
  while (ts.isParenthesizedExpression(node.parent) || ts.isAsExpression(node.parent)) node = node.parent;
  const assignment = node.parent;
  if (!ts.isBinaryExpression(assignment) || assignment.operatorToken.kind !== ts.SyntaxKind.EqualsToken || assignment.right !== node) return undefined;
  const target = stripWrappers(assignment.left);
  if (!ts.isPropertyAccessExpression(target) || !ts.isIdentifier(target.name)) return undefined;
  const prototype = stripWrappers(target.expression);
  if (!ts.isPropertyAccessExpression(prototype) || prototype.name.text !== 'prototype') return undefined;
  const cls = stripWrappers(prototype.expression);
  if (!ts.isIdentifier(cls)) return undefined;
  const binding = file.resolveIdentifier(cls, CALLEE);
  return binding?.kind === 'api' && binding.binding.kind === 'member' && binding.binding.api === 'mmkv' && binding.binding.member === MMKV_CLASS
    ? target.name.text
    : undefined;
}

function ownAugmentations(file: FileModel): Augmentations {
  return file.cached(OWN_AUGMENTATIONS, () => {
    const result = new Map<string, FunctionNode>();
    if (![...file.apiBindings.values()].some((binding) => binding.api === 'mmkv')) return result;
    // Only a top-level assignment: one inside a function may never run.
    for (const statement of file.sf.statements) {
      if (!ts.isExpressionStatement(statement)) continue;
      const expr = stripWrappers(statement.expression);
      if (!ts.isBinaryExpression(expr)) continue;
      const fn = stripWrappers(expr.right);
      if (!ts.isFunctionExpression(fn)) continue;
      const name = mmkvPrototypeMethodName(fn, file);
      if (name && !result.has(name)) result.set(name, fn);
    }
    return result;
  });
}

/** Specifiers of the modules a file loads: imports (side-effect ones too) and re-exports. */
function loadedSpecifiers(file: FileModel): string[] {
  const result: string[] = [];
  for (const statement of file.sf.statements) {
    if (
      (ts.isImportDeclaration(statement) || ts.isExportDeclaration(statement)) &&
      statement.moduleSpecifier &&
      ts.isStringLiteral(statement.moduleSpecifier)
    ) {
      const typeOnly = ts.isImportDeclaration(statement) ? statement.importClause?.isTypeOnly === true : statement.isTypeOnly;
      if (!typeOnly) result.push(statement.moduleSpecifier.text);
    }
  }
  return result;
}

/**
 * The method `name` added to MMKV's prototype by this file or by a module it
 * loads (breadth first, a few imports deep). Only modules that can reach a
 * storage API are opened: an augmentation imports react-native-mmkv.
 */
function reachableAugmentation(name: string, file: FileModel): { fn: FunctionNode; file: FileModel } | undefined {
  const known = file.cached(REACHABLE_AUGMENTATIONS, () => new Map<string, { fn: FunctionNode; file: FileModel } | undefined>());
  if (known.has(name)) return known.get(name);
  let found: { fn: FunctionNode; file: FileModel } | undefined;
  const seen = new Set<FileModel>([file]);
  let level: FileModel[] = [file];
  for (let depth = 0; depth <= MAX_AUGMENTATION_DEPTH && level.length > 0 && !found; depth++) {
    const next: FileModel[] = [];
    for (const module of level) {
      const fn = ownAugmentations(module).get(name);
      if (fn) {
        found = { fn, file: module };
        break;
      }
      for (const specifier of loadedSpecifiers(module)) {
        if (!module.mayReachApis(specifier)) continue;
        const imported = module.importedModule(specifier);
        if (imported && !seen.has(imported)) {
          seen.add(imported);
          next.push(imported);
        }
      }
    }
    level = next;
  }
  known.set(name, found);
  return found;
}

/**
 * The app method a call on an MMKV instance runs, when the instance is a
 * plaintext one (`declaration`, in `declarationFile`) and the method is one
 * the app added to the prototype, seen from the calling file or the file that
 * creates the instance. MMKV's own methods are API calls, not wrappers.
 */
export function augmentedMmkvMethod(
  member: string,
  declaration: ts.Node,
  declarationFile: FileModel,
  callingFile: FileModel,
): { fn: FunctionNode; file: FileModel } | undefined {
  if (Object.hasOwn(MMKV_METHODS, member) || !isPlaintextMmkvInstance(declaration, declarationFile)) return undefined;
  return reachableAugmentation(member, callingFile) ?? (declarationFile === callingFile ? undefined : reachableAugmentation(member, declarationFile));
}

/** The prototype method whose `this` a `this` expression is: the nearest enclosing non-arrow function, if it is one. */
function prototypeMethodOfThis(node: ts.Node, file: FileModel): FunctionNode | undefined {
  for (let current = node.parent; current; current = current.parent) {
    if (ts.isArrowFunction(current)) continue;
    if (ts.isFunctionExpression(current)) return mmkvPrototypeMethodName(current, file) ? current : undefined;
    if (ts.isFunctionLike(current) || ts.isClassLike(current) || ts.isSourceFile(current)) return undefined;
  }
  return undefined;
}

/**
 * `this.set(key, v)` inside a method added to MMKV's prototype: an MMKV call
 * on whichever instance the method is called on. For the storage summaries
 * only, which are asked about such a method only from a plaintext instance.
 */
export function mmkvCallOnThis(call: ts.CallExpression, file: FileModel): ApiCall | undefined {
  const callee = stripWrappers(call.expression);
  if (!ts.isPropertyAccessExpression(callee) || stripWrappers(callee.expression).kind !== ts.SyntaxKind.ThisKeyword) return undefined;
  const method = propertyKey(callee.name);
  if (!method || !Object.hasOwn(MMKV_METHODS, method) || method.startsWith('useMMKV')) return undefined;
  return prototypeMethodOfThis(callee, file) ? buildMmkvCall(call, file, method) : undefined;
}

/** `this.other()` inside a method added to MMKV's prototype: another added method, on the same instance. */
export function augmentedMethodOnThis(receiver: ts.Expression, member: string, file: FileModel): { fn: FunctionNode; file: FileModel } | undefined {
  if (stripWrappers(receiver).kind !== ts.SyntaxKind.ThisKeyword || Object.hasOwn(MMKV_METHODS, member)) return undefined;
  return prototypeMethodOfThis(receiver, file) ? reachableAugmentation(member, file) : undefined;
}

/** A method call on `this` inside a method added to MMKV's prototype. */
export function isCallOnAugmentedMmkvThis(call: ts.CallExpression, file: FileModel): boolean {
  const callee = stripWrappers(call.expression);
  return (
    file.appMentions(MMKV_MODULE) &&
    ts.isPropertyAccessExpression(callee) &&
    stripWrappers(callee.expression).kind === ts.SyntaxKind.ThisKeyword &&
    prototypeMethodOfThis(callee, file) !== undefined
  );
}
