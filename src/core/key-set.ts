import { ts } from './ts.js';
import type { FileModel } from './model.js';
import { resolveExpression, resolveObject, resolveString, stripWrappers, type StringValue } from './values.js';

// A key that stands for several: a loop variable bound to each element of a
// list of keys in turn.
//
//   for (const key of ['auth.token', `auth.refresh.${id}`]) SecureStore.deleteItemAsync(key)
//   Object.keys(ACCOUNT).forEach((key) => storage.set(key, …))
//   for (const key of Object.keys(ACCOUNT)) …
//   for (const [key, value] of Object.entries(ACCOUNT)) …
//
// Each element of the array, or each property name of the constant object,
// is a key the call uses. A list the code does not show (a parameter, a
// fetched record) gives nothing: unknown, not a finding.

/**
 * Array methods that call their callback once for every element, in order,
 * whatever it returns (`some`, `find`… may stop early, `filter` only picks).
 */
export const EVERY_ELEMENT_CALLBACKS = new Set(['forEach', 'map', 'flatMap']);

/** The keys a key expression may be: one when it resolves, each key of a loop over a known list, none when unknown. */
export function resolveKeys(expr: ts.Expression, file: FileModel): StringValue[] {
  const single = resolveString(expr, file);
  if (single) return [single];
  return (loopedKeys(expr, file) ?? []).filter((key): key is StringValue => key !== undefined);
}

/**
 * The keys a loop variable takes, one per element (undefined for one that
 * cannot be resolved, or for the names of an object that may have more than
 * the code shows), when the call runs for every element: none when a
 * condition, `continue`, `break` or an early `return` may skip some
 * (`if (isValid(key)) delete(key)`). Undefined when the key is no such variable.
 */
export function loopedKeys(keyExpr: ts.Expression, file: FileModel): (StringValue | undefined)[] | undefined {
  const inner = stripWrappers(keyExpr);
  if (!ts.isIdentifier(inner)) return undefined;
  const loop = loopOf(inner, file);
  if (!loop || !loop.constant || !runsForEveryElement(inner, loop.boundary)) return undefined;
  const keysCall = objectKeysCall(loop.source, file);
  if (keysCall) {
    if (!bindsPropertyName(loop.binding, keysCall.method, inner)) return undefined;
    const object = resolveObject(keysCall.object, file);
    if (!object) return undefined;
    const names: (StringValue | undefined)[] = [...object.properties.keys()].map((value) => ({ kind: 'exact', value }));
    return object.complete ? names : [...names, undefined];
  }
  // An array of keys: only a plain `key` (a destructured element is not the key).
  if (!ts.isIdentifier(loop.binding)) return undefined;
  const list = resolveExpression(loop.source, file);
  if (!list || !ts.isArrayLiteralExpression(list.expr)) return undefined;
  const elements = list.expr.elements;
  if (elements.length === 0 || elements.some((e) => ts.isSpreadElement(e) || ts.isOmittedExpression(e))) return undefined;
  return elements.map((element) => resolveString(element, list.file));
}

export interface Loop {
  /** What is iterated: `Object.keys(obj)`, an array. */
  source: ts.Expression;
  /** The name or pattern each element is bound to. */
  binding: ts.BindingName;
  /** The node whose body runs once per element: the for-of statement or the callback. */
  boundary: ts.ForOfStatement | ts.FunctionLikeDeclaration;
  constant: boolean;
}

/** The loop that binds `identifier`: a `for…of` variable, or the first parameter of a `forEach`/`map` callback. */
export function loopOf(identifier: ts.Identifier, file: FileModel): Loop | undefined {
  const target = file.resolveIdentifier(identifier);
  if (target?.kind === 'local' && ts.isVariableDeclarationList(target.node) && ts.isForOfStatement(target.node.parent)) {
    const declarations = target.node.declarations;
    if (declarations.length !== 1) return undefined;
    const constant = (target.node.flags & ts.NodeFlags.Const) !== 0;
    return { source: target.node.parent.expression, binding: declarations[0]!.name, boundary: target.node.parent, constant };
  }
  if (target?.kind === 'parameter' && target.index === 0 && (ts.isArrowFunction(target.fn) || ts.isFunctionExpression(target.fn))) {
    const fn = target.fn;
    const call = fn.parent;
    if (!ts.isCallExpression(call) || call.arguments[0] !== fn) return undefined;
    const callee = stripWrappers(call.expression);
    if (!ts.isPropertyAccessExpression(callee) || !EVERY_ELEMENT_CALLBACKS.has(callee.name.text)) return undefined;
    // A parameter the callback reassigns is not the element any more: treated like a `let` loop variable.
    return { source: callee.expression, binding: fn.parameters[0]!.name, boundary: fn, constant: !reassigns(fn, identifier.text) };
  }
  return undefined;
}

function reassigns(fn: ts.FunctionLikeDeclaration, name: string): boolean {
  let found = false;
  const visit = (node: ts.Node): void => {
    if (found) return;
    if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.EqualsToken && ts.isIdentifier(node.left) && node.left.text === name) {
      found = true;
      return;
    }
    ts.forEachChild(node, visit);
  };
  if (fn.body) visit(fn.body);
  return found;
}

/** `Object.keys(obj)` / `Object.entries(obj)` with the global `Object`: which one, and the object. */
export function objectKeysCall(expr: ts.Expression, file: FileModel): { method: 'keys' | 'entries'; object: ts.Expression } | undefined {
  const call = stripWrappers(expr);
  if (!ts.isCallExpression(call) || call.arguments.length !== 1) return undefined;
  const callee = stripWrappers(call.expression);
  if (!ts.isPropertyAccessExpression(callee) || !ts.isIdentifier(callee.expression) || callee.expression.text !== 'Object') return undefined;
  if (file.resolveIdentifier(callee.expression) !== undefined) return undefined;
  const method = callee.name.text;
  return method === 'keys' || method === 'entries' ? { method, object: call.arguments[0]! } : undefined;
}

/** Whether `name` binds each property name: the element itself for `Object.keys`, the first of the pair for `Object.entries`. */
function bindsPropertyName(name: ts.BindingName, method: 'keys' | 'entries', identifier: ts.Identifier): boolean {
  if (method === 'keys') return ts.isIdentifier(name) && name.text === identifier.text;
  if (!ts.isArrayBindingPattern(name)) return false;
  const first = name.elements[0];
  return first !== undefined && ts.isBindingElement(first) && !first.dotDotDotToken && ts.isIdentifier(first.name) && first.name.text === identifier.text;
}

/** Whether nothing between the loop and `node` is conditional, and the loop body neither skips nor leaves. */
function runsForEveryElement(node: ts.Node, boundary: Loop['boundary']): boolean {
  for (let current = node.parent; current && current !== boundary; current = current.parent) {
    if (ts.isIfStatement(current) || ts.isConditionalExpression(current) || ts.isSwitchStatement(current) || ts.isFunctionLike(current)) return false;
    if (ts.isBinaryExpression(current) && isShortCircuit(current.operatorToken.kind)) return false;
    // A catch block runs only on an error.
    if (ts.isCatchClause(current)) return false;
  }
  const body = ts.isForOfStatement(boundary) ? boundary.statement : boundary.body;
  return body !== undefined && !leavesEarly(body, ts.isForOfStatement(boundary));
}

function isShortCircuit(kind: ts.SyntaxKind): boolean {
  return kind === ts.SyntaxKind.AmpersandAmpersandToken || kind === ts.SyntaxKind.BarBarToken || kind === ts.SyntaxKind.QuestionQuestionToken;
}

/**
 * A `continue`, `break`, `return` or `throw` in a loop body (not in a nested
 * function); in a callback's body, a `return` or `throw` (a `return` at the
 * end is harmless, but where it stands is not looked at: unknown).
 */
function leavesEarly(body: ts.Node, isLoop: boolean): boolean {
  let found = false;
  const visit = (node: ts.Node): void => {
    if (found || ts.isFunctionLike(node)) return;
    if (ts.isReturnStatement(node) || ts.isThrowStatement(node) || (isLoop && (ts.isContinueStatement(node) || ts.isBreakStatement(node)))) {
      found = true;
      return;
    }
    ts.forEachChild(node, visit);
  };
  visit(body);
  return found;
}
