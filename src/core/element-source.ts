import { ts } from './ts.js';
import type { FunctionNode } from './ast.js';
import type { FileModel } from './model.js';
import { stripWrappers } from './values.js';
import { EVERY_ELEMENT_CALLBACKS, loopOf } from './key-set.js';

// A wrapper that stores each element of a list it is given:
//
//   for (const { key, value } of pairs) store.set(key, value)
//   for (const pair of pairs) store.set(pair.key, pair.value)
//   pairs.forEach(({ key, value }) => store.set(key, value))
//
// The key it writes is the `key` field of each element of its parameter, and
// the value the `value` field of the same element. Its callers are then
// checked pair by pair (element-pairs.ts resolves the list they pass).

/** A field of each element of a parameter of the wrapper, read in one loop over it. */
export interface ElementField {
  /** The wrapper's parameter that holds the list. */
  index: number;
  field: string;
  /** The loop or callback that reads the element: a key and a value of one write come from the same one. */
  loop: ts.Node;
}

/** The element field an argument of a storage call is, when it is one (see above). */
export function elementField(expr: ts.Expression, fn: FunctionNode, file: FileModel): ElementField | undefined {
  const inner = stripWrappers(expr);
  // `pair.key`, where `pair` is the element itself.
  if (ts.isPropertyAccessExpression(inner) && ts.isIdentifier(inner.name)) {
    const element = stripWrappers(inner.expression);
    if (!ts.isIdentifier(element)) return undefined;
    const loop = listLoop(element, fn, file);
    if (!loop || !ts.isIdentifier(loop.binding) || loop.binding.text !== element.text) return undefined;
    return { index: loop.index, field: inner.name.text, loop: loop.boundary };
  }
  // `key`, destructured from the element: `{ key, value }` or `{ key: name }`.
  if (!ts.isIdentifier(inner)) return undefined;
  const loop = listLoop(inner, fn, file);
  if (!loop || !ts.isObjectBindingPattern(loop.binding)) return undefined;
  for (const element of loop.binding.elements) {
    if (element.dotDotDotToken || !ts.isIdentifier(element.name) || element.name.text !== inner.text) continue;
    const field = element.propertyName ?? element.name;
    return ts.isIdentifier(field) || ts.isStringLiteral(field) ? { index: loop.index, field: field.text, loop: loop.boundary } : undefined;
  }
  return undefined;
}

/** The loop binding `identifier`, when it runs over a parameter of `fn` itself and the element is never reassigned. */
function listLoop(identifier: ts.Identifier, fn: FunctionNode, file: FileModel): { index: number; binding: ts.BindingName; boundary: ts.Node } | undefined {
  const loop = loopOf(identifier, file);
  if (!loop || !loop.constant) return undefined;
  const list = stripWrappers(loop.source);
  if (!ts.isIdentifier(list)) return undefined;
  const target = file.resolveIdentifier(list);
  if (target?.kind !== 'parameter' || target.fn !== fn) return undefined;
  return { index: target.index, binding: loop.binding, boundary: loop.boundary };
}

/**
 * The callbacks a function passes, written in place, to `forEach` / `map` /
 * `flatMap` of one of its own parameters: their calls run once per element,
 * as the function's own do in a `for…of`.
 */
export function elementCallbacks(fn: FunctionNode, calls: readonly ts.CallExpression[], file: FileModel): FunctionNode[] {
  const callbacks: FunctionNode[] = [];
  for (const call of calls) {
    const callee = stripWrappers(call.expression);
    if (!ts.isPropertyAccessExpression(callee) || !EVERY_ELEMENT_CALLBACKS.has(callee.name.text)) continue;
    const callback = call.arguments[0];
    if (!callback || !(ts.isArrowFunction(callback) || ts.isFunctionExpression(callback))) continue;
    const list = stripWrappers(callee.expression);
    if (!ts.isIdentifier(list)) continue;
    const target = file.resolveIdentifier(list);
    if (target?.kind === 'parameter' && target.fn === fn) callbacks.push(callback);
  }
  return callbacks;
}
