import { ts } from './ts.js';
import { isFunctionNode, type FunctionNode } from './ast.js';
import type { FileModel, Lookup } from './model.js';
import { isConstDeclaration } from './model.js';
import { propertyKey, resolveObject, stripWrappers } from './values.js';
import { augmentedMethodOnThis, augmentedMmkvMethod } from './mmkv-augmentation.js';

// Which function of the app a call runs: a function declaration, a const
// arrow, a method of a const object literal (or of a default-exported one), a
// method of a class instance, a function a custom hook returns, or a function
// of a namespace-imported module. Unknown callees stay unknown.

export interface CalledFunction {
  fn: FunctionNode;
  file: FileModel;
  /** How the call names it, for messages: `saveSecret`, `tokenStore.getAccessToken`. */
  name: string;
}

/** The lookups here look for app functions that may reach an API: see Lookup. */
const CALLEE: Lookup = { callee: true };

function asFunction(node: ts.Node | undefined): FunctionNode | undefined {
  if (!node) return undefined;
  const inner = ts.isExpression(node) ? stripWrappers(node) : node;
  return isFunctionNode(inner) ? inner : undefined;
}

/** The function a name refers to where it is used. */
function functionOfIdentifier(id: ts.Identifier, file: FileModel): { fn: FunctionNode; file: FileModel } | undefined {
  const target = file.resolveIdentifier(id, CALLEE);
  if (!target || (target.kind !== 'declaration' && target.kind !== 'local')) return undefined;
  const node = target.node;
  if (ts.isFunctionDeclaration(node) && node.body) return { fn: node, file: target.file };
  if (isConstDeclaration(node)) {
    const fn = asFunction(node.initializer);
    if (fn) return { fn, file: target.file };
  }
  // `const { saveSecret } = useSecureValue()`: the function the hook returns.
  if (ts.isBindingElement(node) && ts.isObjectBindingPattern(node.parent) && isConstDeclaration(node.parent.parent)) {
    const init = node.parent.parent.initializer;
    const key = propertyKey(node.propertyName ?? (ts.isIdentifier(node.name) ? node.name : undefined));
    if (init && key && ts.isCallExpression(stripWrappers(init))) return memberOfValue(init, key, target.file);
  }
  return undefined;
}

/** A member of an object value: an object literal's method, a class instance's method, a hook's returned function. */
function memberOf(receiver: ts.Expression, member: string, file: FileModel): { fn: FunctionNode; file: FileModel } | undefined {
  const inner = stripWrappers(receiver);
  if (inner.kind === ts.SyntaxKind.ThisKeyword) {
    const cls = enclosingClass(inner);
    return cls ? classMethod(cls, member, file) : augmentedMethodOnThis(inner, member, file);
  }
  if (ts.isIdentifier(inner)) {
    const module = file.namespaceModule(inner.text, CALLEE);
    if (module && !file.resolveIdentifier(inner)) {
      const exported = module.resolveExport(member, 0, CALLEE);
      if (exported && (exported.kind === 'declaration' || exported.kind === 'local')) {
        const node = exported.node;
        if (ts.isFunctionDeclaration(node)) return { fn: node, file: exported.file };
        if (isConstDeclaration(node) && asFunction(node.initializer)) return { fn: asFunction(node.initializer)!, file: exported.file };
      }
      return undefined;
    }
    const target = file.resolveIdentifier(inner, CALLEE);
    if (!target || (target.kind !== 'declaration' && target.kind !== 'local')) return undefined;
    if (ts.isClassDeclaration(target.node)) return classMethod(target.node, member, target.file, true);
    // `storage.setAny()`, a method the app added to MMKV's prototype.
    const augmented = augmentedMmkvMethod(member, target.node, target.file, file);
    if (augmented) return augmented;
    // `export default { saveToken }`, imported as `storage`: the object itself (bindings.ts keeps it as the declaration named "default").
    if (target.kind === 'declaration' && ts.isExportAssignment(target.node.parent) && target.node.parent.expression === target.node)
      return memberOfValue(target.node as ts.Expression, member, target.file);
    if (!isConstDeclaration(target.node) || !target.node.initializer) return undefined;
    return memberOfValue(target.node.initializer, member, target.file);
  }
  return memberOfValue(inner, member, file);
}

function memberOfValue(value: ts.Expression, member: string, file: FileModel): { fn: FunctionNode; file: FileModel } | undefined {
  const inner = stripWrappers(value);
  // `new TokenStore()` → the class's method.
  if (ts.isNewExpression(inner) && ts.isIdentifier(inner.expression)) {
    const target = file.resolveIdentifier(inner.expression, CALLEE);
    if ((target?.kind === 'declaration' || target?.kind === 'local') && ts.isClassDeclaration(target.node))
      return classMethod(target.node, member, target.file);
    return undefined;
  }
  // `useSecureStorage()` → the object its body returns.
  if (ts.isCallExpression(inner) && ts.isIdentifier(inner.expression)) {
    const hook = functionOfIdentifier(inner.expression, file);
    return hook ? memberOfReturned(hook.fn, member, hook.file) : undefined;
  }
  const object = resolveObject(inner, file);
  const property = object?.properties.get(member);
  if (!property) return undefined;
  const fn = asFunction(property.expr);
  if (fn) return { fn, file: property.file };
  if (ts.isIdentifier(property.expr)) return functionOfIdentifier(property.expr, property.file);
  return undefined;
}

function memberOfReturned(fn: FunctionNode, member: string, file: FileModel): { fn: FunctionNode; file: FileModel } | undefined {
  const body = fn.body;
  if (!body) return undefined;
  const returned = ts.isBlock(body) ? body.statements.filter(ts.isReturnStatement).map((r) => r.expression) : [body];
  for (const expr of returned) {
    if (!expr) continue;
    const inner = stripWrappers(expr);
    if (!ts.isObjectLiteralExpression(inner)) continue;
    for (const property of inner.properties) {
      if (propertyKey(property.name) !== member) continue;
      if (ts.isMethodDeclaration(property)) return { fn: property, file };
      if (ts.isShorthandPropertyAssignment(property)) return functionOfIdentifier(property.name, file);
      if (ts.isPropertyAssignment(property)) {
        const direct = asFunction(property.initializer);
        if (direct) return { fn: direct, file };
        if (ts.isIdentifier(property.initializer)) return functionOfIdentifier(property.initializer, file);
      }
    }
  }
  return undefined;
}

function enclosingClass(node: ts.Node): ts.ClassLikeDeclaration | undefined {
  for (let current = node.parent; current; current = current.parent) {
    if (ts.isClassLike(current)) return current;
    // `this` inside a plain function is not the class's.
    if (ts.isFunctionDeclaration(current) || ts.isFunctionExpression(current)) return undefined;
  }
  return undefined;
}

function classMethod(cls: ts.ClassLikeDeclaration, member: string, file: FileModel, staticOnly = false): { fn: FunctionNode; file: FileModel } | undefined {
  for (const element of cls.members) {
    if (propertyKey(element.name) !== member) continue;
    const isStatic = ts.canHaveModifiers(element) && (ts.getModifiers(element)?.some((m) => m.kind === ts.SyntaxKind.StaticKeyword) ?? false);
    if (staticOnly !== isStatic) continue;
    if (ts.isMethodDeclaration(element) && element.body) return { fn: element, file };
    if (ts.isPropertyDeclaration(element)) {
      const fn = asFunction(element.initializer);
      if (fn) return { fn, file };
    }
  }
  return undefined;
}

/** The app function a call runs, if it can be known without guessing. */
export function resolveCalledFunction(call: ts.CallExpression, file: FileModel): CalledFunction | undefined {
  const callee = stripWrappers(call.expression);
  if (ts.isIdentifier(callee)) {
    const found = functionOfIdentifier(callee, file);
    return found && { ...found, name: callee.text };
  }
  if (ts.isPropertyAccessExpression(callee) && ts.isIdentifier(callee.name)) {
    const found = memberOf(callee.expression, callee.name.text, file);
    const receiver = stripWrappers(callee.expression);
    const receiverName = ts.isIdentifier(receiver) ? receiver.text : receiver.kind === ts.SyntaxKind.ThisKeyword ? 'this' : '…';
    return found && { ...found, name: `${receiverName}.${callee.name.text}` };
  }
  return undefined;
}

/**
 * The app function a call runs, for what callees do with the APIs (storage
 * summaries, the biometric gate's flow): only a function in a module that
 * may reach an API can do anything with one. So a method call whose name no
 * such module gives a member (see FileModel.mayNameApiMember) is passed by
 * without resolving its receiver: most calls of an app are `rows.push()`,
 * `res.json()`, `router.push()`.
 */
export function resolveApiCallee(call: ts.CallExpression, file: FileModel): CalledFunction | undefined {
  const callee = stripWrappers(call.expression);
  // `helpers.default()` reaches a default export, which gives no name of its own.
  const member = ts.isPropertyAccessExpression(callee) && ts.isIdentifier(callee.name) ? callee.name.text : undefined;
  if (member !== undefined && member !== 'default' && !file.mayNameApiMember(member)) return undefined;
  return resolveCalledFunction(call, file);
}

/**
 * The constructor a `new` runs, when the class is the app's own and declares
 * one with a body: `new ApiClient(url)` → `ApiClient`'s constructor.
 */
export function resolveConstructor(construction: ts.NewExpression, file: FileModel): CalledFunction | undefined {
  const callee = stripWrappers(construction.expression);
  if (!ts.isIdentifier(callee)) return undefined;
  const target = file.resolveIdentifier(callee, CALLEE);
  if (!target || (target.kind !== 'declaration' && target.kind !== 'local')) return undefined;
  const node = target.node;
  const cls = ts.isClassDeclaration(node) ? node : isConstDeclaration(node) && node.initializer && stripWrappers(node.initializer);
  if (!cls || !ts.isClassLike(cls)) return undefined;
  const constructor = cls.members.find((m): m is ts.ConstructorDeclaration => ts.isConstructorDeclaration(m) && m.body !== undefined);
  return constructor && { fn: constructor, file: target.file, name: `new ${callee.text}` };
}
