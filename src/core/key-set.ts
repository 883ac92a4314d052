import { ts } from './ts.js';
import type { FileModel } from './model.js';
import { resolveObject, resolveString, stripWrappers, type StringValue } from './values.js';

// A key that stands for several: a name bound, one at a time, to the
// property names of a constant object.
//
//   Object.keys(ACCOUNT).forEach((key) => storage.set(key, …))
//   for (const key of Object.keys(ACCOUNT)) …
//   for (const [key, value] of Object.entries(ACCOUNT)) …
//
// Each property name of ACCOUNT is a key the code writes. An object the code
// does not show (a parameter, a fetched record) gives no keys: unknown, not a
// finding.

/** Array methods that hand each element to their first argument, a callback. */
const ELEMENT_CALLBACKS = new Set(['forEach', 'map', 'flatMap', 'filter', 'some', 'every', 'find']);

/** The keys an expression may be: one when it resolves to a string, the names of an object it iterates, none when unknown. */
export function resolveKeys(expr: ts.Expression, file: FileModel): StringValue[] {
  const single = resolveString(expr, file);
  if (single) return [single];
  const inner = stripWrappers(expr);
  return ts.isIdentifier(inner) ? (iteratedPropertyNames(inner, file) ?? []) : [];
}

/** `Object.keys(obj)` / `Object.entries(obj)` with the global `Object`: which one, and the object. */
function objectKeysCall(expr: ts.Expression, file: FileModel): { method: 'keys' | 'entries'; object: ts.Expression } | undefined {
  const call = stripWrappers(expr);
  if (!ts.isCallExpression(call) || call.arguments.length !== 1) return undefined;
  const callee = stripWrappers(call.expression);
  if (!ts.isPropertyAccessExpression(callee) || !ts.isIdentifier(callee.expression) || callee.expression.text !== 'Object') return undefined;
  if (file.resolveIdentifier(callee.expression) !== undefined) return undefined;
  const method = callee.name.text;
  return method === 'keys' || method === 'entries' ? { method, object: call.arguments[0]! } : undefined;
}

/**
 * Whether `name` binds the property name of each element of `source`: the
 * element itself for `Object.keys`, the first of the pair for `Object.entries`.
 */
function bindsPropertyName(name: ts.BindingName, method: 'keys' | 'entries', identifier: ts.Identifier): boolean {
  if (method === 'keys') return ts.isIdentifier(name) && name.text === identifier.text;
  if (!ts.isArrayBindingPattern(name)) return false;
  const first = name.elements[0];
  return first !== undefined && ts.isBindingElement(first) && !first.dotDotDotToken && ts.isIdentifier(first.name) && first.name.text === identifier.text;
}

/** The property names of the constant object whose keys `identifier` iterates over, if it does. */
function iteratedPropertyNames(identifier: ts.Identifier, file: FileModel): StringValue[] | undefined {
  const target = file.resolveIdentifier(identifier);
  if (!target) return undefined;
  let source: ts.Expression | undefined;
  let binding: ts.BindingName | undefined;
  if (target.kind === 'parameter' && target.index === 0) {
    // `Object.keys(obj).forEach((key) => …)`
    const fn = target.fn;
    const call = fn.parent;
    if (!ts.isCallExpression(call) || call.arguments[0] !== fn) return undefined;
    const callee = stripWrappers(call.expression);
    if (!ts.isPropertyAccessExpression(callee) || !ELEMENT_CALLBACKS.has(callee.name.text)) return undefined;
    source = callee.expression;
    binding = fn.parameters[0]?.name;
  } else if (target.kind === 'local' && ts.isVariableDeclarationList(target.node) && ts.isForOfStatement(target.node.parent)) {
    // `for (const key of Object.keys(obj))`
    const declarations = target.node.declarations;
    if (declarations.length !== 1) return undefined;
    source = target.node.parent.expression;
    binding = declarations[0]!.name;
  }
  if (!source || !binding) return undefined;
  const keysCall = objectKeysCall(source, target.kind === 'parameter' ? target.file : file);
  if (!keysCall || !bindsPropertyName(binding, keysCall.method, identifier)) return undefined;
  const object = resolveObject(keysCall.object, file);
  if (!object) return undefined;
  return [...object.properties.keys()].map((value) => ({ kind: 'exact', value }));
}
