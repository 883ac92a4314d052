import { ts } from './ts.js';
import type { FileModel } from './model.js';
import { propertyKey, resolveExpression, resolveObject, resolveString, stripWrappers, type Located, type StringValue } from './values.js';
import { objectKeysCall } from './key-set.js';

// The pairs a caller hands to a wrapper that writes each element of a list
// (element-source.ts), read from the code written:
//
//   writePairs([{ key: 'auth.token', value: token }, …])
//   writePairs(Object.keys(session).map((k) => ({ key: k, value: session[k] })))
//   writePairs(Object.entries(session).map(([k, v]) => ({ key: k, value: v })))
//
// where `session` is a constant whose initializer is an object literal. An
// element the code does not show (a spread, a fetched record, a callback
// that computes its key) gives no pair: unknown, never a guess.

/** One element's key and value, as far as they are known. */
export interface ElementPair {
  key?: StringValue;
  value?: Located;
}

/** The pairs of a list whose elements carry the key in field `keyField` and the value in `valueField`. */
export function elementPairs(list: ts.Expression, file: FileModel, keyField: string, valueField: string | undefined): ElementPair[] {
  const mapped = mappedObjectPairs(list, file, keyField, valueField);
  if (mapped) return mapped;
  const resolved = resolveExpression(list, file);
  if (!resolved || !ts.isArrayLiteralExpression(resolved.expr)) return [];
  return resolved.expr.elements.flatMap((element) => {
    if (ts.isSpreadElement(element) || ts.isOmittedExpression(element)) return [];
    const object = resolveObject(element, resolved.file);
    const key = object?.properties.get(keyField);
    if (!key) return [];
    const value = valueField === undefined ? undefined : object!.properties.get(valueField);
    return [{ key: resolveString(key.expr, key.file), value }];
  });
}

/** `Object.keys(obj).map(…)` / `Object.entries(obj).map(…)` whose callback returns an object literal: one pair per property of `obj`. */
function mappedObjectPairs(list: ts.Expression, file: FileModel, keyField: string, valueField: string | undefined): ElementPair[] | undefined {
  const call = stripWrappers(list);
  if (!ts.isCallExpression(call) || !ts.isPropertyAccessExpression(call.expression) || call.expression.name.text !== 'map') return undefined;
  const keysCall = objectKeysCall(call.expression.expression, file);
  const callback = call.arguments[0];
  if (!keysCall || !callback || !(ts.isArrowFunction(callback) || ts.isFunctionExpression(callback))) return undefined;
  const returned = returnedObject(callback);
  const object = resolveObject(keysCall.object, file);
  if (!returned || !object) return [];
  const names = elementNames(callback, keysCall.method);
  const fieldOf = (name: string) => {
    const property = returned.properties.find((p) => propertyKey(p.name) === name);
    if (!property) return undefined;
    return ts.isShorthandPropertyAssignment(property) ? property.name : ts.isPropertyAssignment(property) ? property.initializer : undefined;
  };
  const keyExpr = fieldOf(keyField);
  const valueExpr = valueField === undefined ? undefined : fieldOf(valueField);
  if (!keyExpr) return [];
  return [...object.properties].map(([name, property]) => {
    const key = isBoundTo(keyExpr, names?.key) ? ({ kind: 'exact', value: name } as const) : undefined;
    const value = valueExpr && (isBoundTo(valueExpr, names?.value) || isMemberOf(valueExpr, keysCall.object, names?.key, file)) ? property : undefined;
    return { key, value };
  });
}

/** The object literal a callback returns, when it returns nothing else. */
function returnedObject(callback: ts.ArrowFunction | ts.FunctionExpression): ts.ObjectLiteralExpression | undefined {
  let body: ts.Node = callback.body;
  if (ts.isBlock(body)) {
    const [only] = body.statements;
    if (body.statements.length !== 1 || !only || !ts.isReturnStatement(only) || !only.expression) return undefined;
    body = only.expression;
  }
  const expr = stripWrappers(body as ts.Expression);
  if (!ts.isObjectLiteralExpression(expr) || expr.properties.some((p) => ts.isSpreadAssignment(p) || propertyKey(p.name) === undefined)) return undefined;
  return expr;
}

/** The callback's names for each property's name and value: `(k) =>` for keys, `([k, v]) =>` for entries. */
function elementNames(
  callback: ts.ArrowFunction | ts.FunctionExpression,
  method: 'keys' | 'entries',
): { key?: ts.Identifier; value?: ts.Identifier } | undefined {
  const first = callback.parameters[0]?.name;
  if (!first) return undefined;
  if (method === 'keys') return ts.isIdentifier(first) ? { key: first } : undefined;
  if (!ts.isArrayBindingPattern(first)) return undefined;
  const [k, v] = first.elements.map((e) => (ts.isBindingElement(e) && !e.dotDotDotToken && ts.isIdentifier(e.name) ? e.name : undefined));
  return { key: k, value: v };
}

/** Whether `expr` is the name `bound` (the callback's own parameter, not shadowed: the callback is one expression). */
function isBoundTo(expr: ts.Expression, bound: ts.Identifier | undefined): boolean {
  const inner = stripWrappers(expr);
  return bound !== undefined && ts.isIdentifier(inner) && inner.text === bound.text;
}

/** `obj[k]`: the object's property of the callback's key. */
function isMemberOf(expr: ts.Expression, object: ts.Expression, key: ts.Identifier | undefined, file: FileModel): boolean {
  const inner = stripWrappers(expr);
  if (!ts.isElementAccessExpression(inner) || !isBoundTo(inner.argumentExpression, key)) return false;
  const base = stripWrappers(inner.expression);
  const listed = stripWrappers(object);
  if (!ts.isIdentifier(base) || !ts.isIdentifier(listed) || base.text !== listed.text) return false;
  const target = file.resolveIdentifier(base);
  const other = file.resolveIdentifier(listed);
  return target !== undefined && other !== undefined && 'node' in target && 'node' in other && target.node === other.node;
}
