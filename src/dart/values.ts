import type { Node } from 'web-tree-sitter';
import type { OptionValue, PlatformOptions, StringValue, ValueShape } from './facts-types.js';
import type { Declaration, FileScope } from './scope.js';
import { callArguments, stepOf, stringValue, unwrap, type Expr, kids, namedKids } from './syntax.js';

// Values an expression has whatever runs: literals, and names declared
// `const` or `final` in this file with such a value. Anything else is
// unknown (undefined), never guessed.

const MAX_DEPTH = 8;

export interface ValueContext {
  scope: FileScope;
  /** Whether `name` (with an optional import prefix) is the package type of that name here, not the app's. */
  isPackageName(name: string, prefix: string | undefined, at: Node): boolean;
  isImportPrefix(name: string): boolean;
}

/** The declaration a plain name, `this.name` or `Class.name` refers to. */
export function declarationOf(expr: Expr, context: ValueContext): Declaration | undefined {
  const { head, selectors } = expr;
  if (head.type === 'identifier' && selectors.length === 0) return context.scope.resolve(head.text, head);
  if (selectors.length !== 1) return undefined;
  const step = stepOf(selectors[0]!);
  if (step.kind !== 'member') return undefined;
  if (head.type === 'this') return context.scope.resolveField(step.name, head);
  if (head.type === 'identifier' && context.scope.declaredTypes.has(head.text)) return context.scope.resolveStatic(head.text, step.name);
  return undefined;
}

/** The value a declaration always has: its initialiser, when it is final and not assigned elsewhere in the file. */
function constantInit(declaration: Declaration | undefined): Expr | undefined {
  if (!declaration || !declaration.isFinal || !declaration.init) return undefined;
  return declaration.init;
}

export function resolveString(expr: Expr, context: ValueContext, depth = 0): StringValue | undefined {
  if (depth > MAX_DEPTH) return undefined;
  const inner = unwrap(expr);
  if (inner.head.type === 'string_literal' && inner.selectors.length === 0) {
    return stringValue(inner.head, (substitution) => {
      const named = namedKids(substitution);
      if (named.length === 1 && (named[0]!.type === 'identifier_dollar_escaped' || named[0]!.type === 'identifier')) {
        const declaration = context.scope.resolve(named[0]!.text, named[0]!);
        const init = constantInit(declaration);
        return init ? resolveString(init, context, depth + 1) : undefined;
      }
      const children = kids(substitution);
      const open = children.findIndex((c) => c.type === '{' || c.type === '${');
      const head = open >= 0 ? children[open + 1] : undefined;
      if (!head || !head.isNamed) return undefined;
      const selectors: Node[] = [];
      for (let i = open + 2; i < children.length && children[i]!.type === 'selector'; i++) selectors.push(children[i]!);
      return resolveString({ head, selectors }, context, depth + 1);
    });
  }
  const init = constantInit(declarationOf(inner, context));
  return init ? resolveString(init, context, depth + 1) : undefined;
}

export function resolveOptionValue(expr: Expr, context: ValueContext, depth = 0): OptionValue {
  const unknown: OptionValue = { kind: 'unknown' };
  if (depth > MAX_DEPTH) return unknown;
  const inner = unwrap(expr);
  const { head, selectors } = inner;
  if (selectors.length === 0) {
    if (head.type === 'true' || head.type === 'false') return { kind: 'boolean', value: head.type === 'true' };
    if (head.type === 'decimal_integer_literal' || head.type === 'decimal_floating_point_literal') return { kind: 'number', value: Number(head.text) };
    if (head.type === 'string_literal') {
      const value = resolveString(inner, context, depth + 1);
      return value?.kind === 'exact' ? { kind: 'string', value: value.value } : unknown;
    }
  }
  // `KeychainAccessibility.first_unlock`, or `fss.KeychainAccessibility.first_unlock`.
  if (head.type === 'identifier' && !context.scope.declaredTypes.has(head.text)) {
    const steps = selectors.map(stepOf);
    const names = steps.every((s) => s.kind === 'member') ? steps.map((s) => (s as { name: string }).name) : [];
    const viaPrefix = context.isImportPrefix(head.text) && context.scope.resolve(head.text, head) === undefined;
    const path = viaPrefix ? names : [head.text, ...names];
    if (path.length === 2 && /^[A-Z]/.test(path[0]!) && (viaPrefix || context.scope.resolve(head.text, head) === undefined)) {
      return { kind: 'constant', type: path[0]!, name: path[1]! };
    }
  }
  const init = constantInit(declarationOf(inner, context));
  return init ? resolveOptionValue(init, context, depth + 1) : unknown;
}

/**
 * `IOSOptions(accessibility: …)` (const or not), `IOSOptions.defaultOptions`,
 * or a final/const name holding one: the options class and its named
 * arguments. Anything else is unknown.
 */
export function resolvePlatformOptions(expr: Expr, context: ValueContext, depth = 0): PlatformOptions {
  if (depth > MAX_DEPTH) return { known: false };
  const inner = unwrap(expr);
  const { head, selectors } = inner;
  const isOptionsType = (name: string) => /Options$/.test(name);
  let type: string | undefined;
  let args: Node | undefined;
  if ((head.type === 'const_object_expression' || head.type === 'new_expression') && selectors.length === 0) {
    const names = kids(head)
      .filter((c) => c.type === 'type_identifier' || c.type === 'identifier')
      .map((c) => c.text);
    type = names.find(isOptionsType);
    args = kids(head).find((c) => c.type === 'arguments');
  } else if (head.type === 'identifier') {
    const steps = selectors.map(stepOf);
    const last = steps[steps.length - 1];
    const names = [head.text, ...steps.filter((s) => s.kind === 'member').map((s) => (s as { name: string }).name)];
    type = names.find(isOptionsType);
    if (type && context.scope.resolve(type, head) === undefined) {
      if (last?.kind === 'call') args = last.args;
      // `IOSOptions.defaultOptions`: the defaults, no argument.
      else if (last?.kind === 'member' && last.name === 'defaultOptions') return { known: true, type, values: {} };
    } else type = undefined;
  }
  if (type && args) {
    const values: Record<string, OptionValue> = {};
    for (const [name, { expr: value }] of callArguments(args).named) values[name] = resolveOptionValue(value, context, depth + 1);
    return { known: true, type, values };
  }
  const init = constantInit(declarationOf(inner, context));
  return init ? resolvePlatformOptions(init, context, depth + 1) : { known: false };
}

/** What kind of value is written: its length if literal, JSON if encoded here, `null` (a delete). */
export function valueShape(expr: Expr, context: ValueContext): ValueShape {
  const inner = unwrap(expr);
  const { head, selectors } = inner;
  if (head.type === 'null_literal' && selectors.length === 0) return { kind: 'null' };
  if (head.type === 'string_literal' && selectors.length === 0) {
    const value = resolveString(inner, context);
    return value?.kind === 'exact' ? { kind: 'string-literal', length: value.value.length } : { kind: 'other' };
  }
  if (head.type === 'identifier') {
    const steps = selectors.map(stepOf);
    const encodeCall =
      (head.text === 'jsonEncode' && steps.length === 1 && steps[0]!.kind === 'call') ||
      (head.text === 'json' && steps.length === 2 && steps[0]!.kind === 'member' && steps[0]!.name === 'encode' && steps[1]!.kind === 'call');
    if (encodeCall && context.isPackageName(head.text, undefined, head)) return { kind: 'json-encoded' };
  }
  return { kind: 'other' };
}
