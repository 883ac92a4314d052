import type { Node } from 'web-tree-sitter';
import type { OptionValue, PlatformOptions, StringValue, ValueName, ValuePart, ValueShape } from './facts-types.js';
import type { Declaration, FileScope } from './scope.js';
import { callArguments, exprAt, stepOf, stringValue, unwrap, type Expr, kids, namedKids } from './syntax.js';

// Values an expression has whatever runs: literals, and names declared
// `const` or `final` in this file with such a value. Anything else is
// unknown (undefined), never guessed.

const MAX_DEPTH = 8;

export interface ValueContext {
  scope: FileScope;
  /** Whether `name` (with an optional import prefix) is the package type of that name here, not the app's. */
  isPackageName(name: string, prefix: string | undefined, at: Node): boolean;
  isImportPrefix(name: string): boolean;
  /** A name this file does not declare (`TOKEN_KEY`, `Keys.token`, `k.Keys.token`): its string in an imported library, if one says. */
  importedString?(expr: Expr): StringValue | undefined;
  /** Whether a class of this file overrides `toString()` to return `jsonEncode(…)`. */
  encodesInToString?(className: string): boolean;
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

/**
 * The value a declaration always has: its initialiser, when it is final and
 * not assigned elsewhere in the file; or a getter's `=>` expression, which
 * every read evaluates anew (`String get _key => 'recovery_${userId}';`, a
 * key pattern whatever the user).
 */
function constantInit(declaration: Declaration | undefined): Expr | undefined {
  if (!declaration?.init || !(declaration.isFinal || declaration.isGetter)) return undefined;
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
        if (init) return resolveString(init, context, depth + 1);
        return declaration ? undefined : context.importedString?.({ head: named[0]!, selectors: [] });
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
  const declaration = declarationOf(inner, context);
  const init = constantInit(declaration);
  if (init) return resolveString(init, context, depth + 1);
  return declaration ? undefined : context.importedString?.(inner);
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
  let namedConstructor: string | undefined;
  let args: Node | undefined;
  if ((head.type === 'const_object_expression' || head.type === 'new_expression') && selectors.length === 0) {
    const names = kids(head)
      .filter((c) => c.type === 'type_identifier' || c.type === 'identifier')
      .map((c) => c.text);
    type = names.find(isOptionsType);
    namedConstructor = type ? names[names.indexOf(type) + 1] : undefined;
    args = kids(head).find((c) => c.type === 'arguments');
  } else if (head.type === 'identifier') {
    const steps = selectors.map(stepOf);
    const last = steps[steps.length - 1];
    const names = [head.text, ...steps.filter((s) => s.kind === 'member').map((s) => (s as { name: string }).name)];
    type = names.find(isOptionsType);
    if (type && context.scope.resolve(type, head) === undefined) {
      if (last?.kind === 'call') {
        args = last.args;
        namedConstructor = names[names.indexOf(type) + 1];
      }
      // `IOSOptions.defaultOptions`: the defaults, no argument.
      else if (last?.kind === 'member' && last.name === 'defaultOptions') return { known: true, type, values: {} };
    } else type = undefined;
  }
  if (type && args) {
    const values: Record<string, OptionValue> = {};
    for (const [name, { expr: value }] of callArguments(args).named) values[name] = resolveOptionValue(value, context, depth + 1);
    return { known: true, type, ...(namedConstructor ? { namedConstructor } : {}), values };
  }
  const init = constantInit(declarationOf(inner, context));
  return init ? resolvePlatformOptions(init, context, depth + 1) : { known: false };
}

/** What kind of value is written: its length if literal, JSON if encoded here, `null` (a delete). */
export function valueShape(expr: Expr, context: ValueContext): ValueShape {
  const inner = unwrap(expr);
  const { head, selectors } = inner;
  if (head.type === 'null_literal' && selectors.length === 0) return { kind: 'null' };
  // A literal, or a final name holding one: its size is known.
  if ((head.type === 'string_literal' || head.type === 'identifier') && selectors.length === 0) {
    const value = resolveString(inner, context);
    if (value?.kind === 'exact') return { kind: 'string-literal', length: value.value.length, bytes: Buffer.byteLength(value.value, 'utf8') };
    if (head.type === 'string_literal') return encodedByToString(inner, context) ? { kind: 'json-encoded' } : { kind: 'other' };
  }
  if (head.type === 'identifier') {
    const steps = selectors.map(stepOf);
    const encodeCall =
      (head.text === 'jsonEncode' && steps.length === 1 && steps[0]!.kind === 'call') ||
      (head.text === 'json' && steps.length === 2 && steps[0]!.kind === 'member' && steps[0]!.name === 'encode' && steps[1]!.kind === 'call');
    if (encodeCall && context.isPackageName(head.text, undefined, head)) return { kind: 'json-encoded' };
  }
  if (encodedByToString(inner, context)) return { kind: 'json-encoded' };
  return { kind: 'other' };
}

/**
 * `session.toString()` or `'$session'`, where `session` is declared as a class
 * of this file whose `toString()` returns `jsonEncode(…)`, or is a final
 * initialised with a construction of one; also `Session(…).toString()`
 * itself: the object's JSON. The name of the object, or undefined.
 */
export function encodedByToString(expr: Expr, context: ValueContext): string | undefined {
  if (!context.encodesInToString) return undefined;
  const { head, selectors } = unwrap(expr);
  const steps = selectors.map(stepOf);
  const [member, call] = steps.slice(-2);
  const callsToString = member?.kind === 'member' && member.name === 'toString' && call?.kind === 'call';
  if (callsToString) {
    const made = constructedClass({ head, selectors: selectors.slice(0, -2) }, context);
    if (made) return context.encodesInToString(made) ? `${made}(…)` : undefined;
  }
  let subject: Node | undefined;
  if (head.type === 'identifier' && selectors.length === 2 && callsToString) subject = head;
  else if (head.type === 'string_literal' && selectors.length === 0) {
    // Only the interpolation, nothing around it: the string is the object's text.
    const parts = namedKids(head);
    const only = parts.length === 1 && parts[0]!.type === 'template_substitution' && head.text.length === parts[0]!.text.length + 2 ? parts[0] : undefined;
    const named = only ? namedKids(only) : [];
    if (named.length === 1 && (named[0]!.type === 'identifier_dollar_escaped' || named[0]!.type === 'identifier')) subject = named[0];
  }
  if (!subject) return undefined;
  const name = subject.text.replace(/^\$/, '');
  const declaration = context.scope.resolve(name, subject);
  const type = declaration?.declaredType;
  const className = type ? (type.prefix ? undefined : type.name) : constructedClass(constantInit(declaration), context);
  return className && context.encodesInToString(className) ? name : undefined;
}

/**
 * `Session(…)`, `const Session(…)`, `new Session(…)`: the class of this file
 * the expression constructs. A named constructor counts only after `const` or
 * `new`: without them, `Session.parse(…)` may be a static method returning
 * anything.
 */
function constructedClass(expr: Expr | undefined, context: ValueContext): string | undefined {
  if (!expr) return undefined;
  const { head, selectors } = unwrap(expr);
  if ((head.type === 'const_object_expression' || head.type === 'new_expression') && selectors.length === 0) {
    const type = kids(head).find((c) => c.type === 'type_identifier')?.text;
    return type && context.scope.declaredTypes.has(type) ? type : undefined;
  }
  const steps = selectors.map(stepOf);
  // A local or a function of that name is not the class.
  if (head.type !== 'identifier' || steps.length !== 1 || steps[0]!.kind !== 'call' || context.scope.resolve(head.text, head)) return undefined;
  return context.scope.declaredTypes.has(head.text) ? head.text : undefined;
}

/** A name path `a.b.c` (`this` included), or undefined for anything else. */
function namePath(expr: Expr): string[] | undefined {
  const { head, selectors } = unwrap(expr);
  if (head.type !== 'identifier' && head.type !== 'this') return undefined;
  const path = [head.text];
  for (const selector of selectors) {
    const step = stepOf(selector);
    if (step.kind !== 'member') return undefined;
    path.push(step.name);
  }
  return path;
}

/** `jsonEncode(x)` or `json.encode(x)` of dart:convert: `x`. */
export function jsonEncodeArgument(expr: Expr, context: ValueContext): Expr | undefined {
  const { head, selectors } = unwrap(expr);
  if (head.type !== 'identifier') return undefined;
  const steps = selectors.map(stepOf);
  const call =
    head.text === 'jsonEncode' && steps.length === 1 && steps[0]!.kind === 'call'
      ? steps[0]
      : head.text === 'json' && steps.length === 2 && steps[0]!.kind === 'member' && steps[0]!.name === 'encode' && steps[1]!.kind === 'call'
        ? steps[1]
        : undefined;
  if (call?.kind !== 'call' || !context.isPackageName(head.text, undefined, head)) return undefined;
  return callArguments(call.args).positional[0];
}

/** How a JSON-encoded argument is written, for a message: its name path, `{…}`, `[…]`, or `…`. */
export function describeSubject(expr: Expr): string {
  const path = namePath(expr);
  if (path) return path.join('.');
  const { head } = unwrap(expr);
  if (head.type === 'set_or_map_literal') return '{…}';
  if (head.type === 'list_literal') return '[…]';
  return '…';
}

/** A literal that serialises to a short fixed text: a string, number, boolean, null, `{}` or `[]`. */
export function isPrimitiveLiteral(expr: Expr): boolean {
  const { head, selectors } = unwrap(expr);
  if (selectors.length > 0) return false;
  if (['string_literal', 'decimal_integer_literal', 'decimal_floating_point_literal', 'true', 'false', 'null_literal'].includes(head.type)) return true;
  return (
    (head.type === 'set_or_map_literal' || head.type === 'list_literal') &&
    namedKids(head).every((c) => c.type === 'type_arguments' || c.type === 'const_builtin')
  );
}

/**
 * The names a value goes by, in source order: a variable (and what a final
 * name was copied from), the last member of `session.token` (labelled with
 * its path), interpolated names, both sides of `+` and `??`, and for
 * `jsonEncode({...})` the map's keys and values.
 */
export function valueNames(expr: Expr, context: ValueContext, depth = 0): ValueName[] {
  if (depth > MAX_DEPTH) return [];
  const inner = unwrap(expr);
  const { head, selectors } = inner;
  const deeper = (e: Expr) => valueNames(e, context, depth + 1);
  const path = namePath(inner);
  if (path) {
    if (path.length === 1 && head.type === 'identifier') {
      const own = { name: head.text, label: head.text };
      const init = constantInit(context.scope.resolve(head.text, head));
      return init ? [own, ...deeper(init)] : [own];
    }
    const name = path[path.length - 1]!;
    return name === 'this' ? [] : [{ name, label: path.join('.') }];
  }
  if (selectors.length > 0) {
    const encoded = jsonEncodeArgument(inner, context);
    if (!encoded) return [];
    const names = deeper(encoded);
    const map = unwrap(encoded).head;
    if (map.type === 'set_or_map_literal') {
      for (const pair of namedKids(map).filter((c) => c.type === 'pair')) {
        const [keyNode] = namedKids(pair);
        const key = keyNode && keyNode.type === 'string_literal' ? resolveString({ head: keyNode, selectors: [] }, context) : undefined;
        if (key?.kind === 'exact') names.push({ name: key.value, label: key.value });
        const valueAt = kids(pair).findIndex((c) => c.type === ':');
        const value = valueAt >= 0 ? exprAt(kids(pair), valueAt + 1) : undefined;
        if (value) names.push(...deeper(value));
      }
    }
    return names;
  }
  if (head.type === 'string_literal') {
    return kids(head)
      .filter((c) => c.type === 'template_substitution')
      .flatMap((substitution) => {
        const children = kids(substitution);
        const named = namedKids(substitution);
        if (named.length === 1 && named[0]!.type === 'identifier_dollar_escaped') {
          const name = named[0]!.text;
          return [{ name, label: name }];
        }
        const open = children.findIndex((c) => c.type === '{');
        const part = open >= 0 ? exprAt(children, open + 1) : undefined;
        return part ? deeper(part) : [];
      });
  }
  if (head.type === 'additive_expression' || head.type === 'if_null_expression') {
    const operands: Expr[] = [];
    const children = kids(head);
    for (let i = 0; i < children.length; i++) {
      const part = exprAt(children, i);
      if (part) {
        operands.push(part);
        i += part.selectors.length;
      }
    }
    return operands.flatMap(deeper);
  }
  return [];
}

/**
 * The parts a value is assembled from, each with the names it goes by:
 * interpolations, operands of `+`, the pairs of a `jsonEncode({...})` map and
 * the elements of a `jsonEncode([...])` list, through final names. A value
 * that is one name has no parts: it is one secret at most.
 */
export function valueParts(expr: Expr, context: ValueContext, depth = 0): ValuePart[] {
  if (depth > MAX_DEPTH) return [];
  const inner = unwrap(expr);
  const { head, selectors } = inner;
  const part = (e: Expr): ValuePart[] => {
    const names = valueNames(e, context, depth + 1);
    return names.length > 0 ? [{ label: names[0]!.label, names: names.map((n) => n.name) }] : [];
  };
  if (head.type === 'identifier' && selectors.length === 0) {
    const init = constantInit(context.scope.resolve(head.text, head));
    return init ? valueParts(init, context, depth + 1) : [];
  }
  if (head.type === 'string_literal' && selectors.length === 0) {
    return kids(head)
      .filter((c) => c.type === 'template_substitution')
      .flatMap((substitution) => {
        const named = namedKids(substitution);
        if (named.length === 1 && named[0]!.type === 'identifier_dollar_escaped') return [{ label: named[0]!.text, names: [named[0]!.text] }];
        const children = kids(substitution);
        const open = children.findIndex((c) => c.type === '{');
        const e = open >= 0 ? exprAt(children, open + 1) : undefined;
        return e ? part(e) : [];
      });
  }
  if (head.type === 'additive_expression' && selectors.length === 0) {
    const children = kids(head);
    const parts: ValuePart[] = [];
    for (let i = 0; i < children.length; i++) {
      const e = exprAt(children, i);
      if (!e) continue;
      i += e.selectors.length;
      const nested = unwrap(e).head.type;
      parts.push(...(nested === 'string_literal' || nested === 'additive_expression' ? valueParts(e, context, depth + 1) : part(e)));
    }
    return parts;
  }
  const encoded = jsonEncodeArgument(inner, context);
  const literal = encoded && unwrap(encoded).head;
  if (literal?.type === 'set_or_map_literal') {
    return namedKids(literal)
      .filter((c) => c.type === 'pair')
      .flatMap((pair) => {
        const [keyNode] = namedKids(pair);
        const key = keyNode?.type === 'string_literal' ? resolveString({ head: keyNode, selectors: [] }, context) : undefined;
        const valueAt = kids(pair).findIndex((c) => c.type === ':');
        const value = valueAt >= 0 ? exprAt(kids(pair), valueAt + 1) : undefined;
        const names = value ? valueNames(value, context, depth + 1).map((n) => n.name) : [];
        return key?.kind === 'exact' ? [{ label: key.value, names: [key.value, ...names] }] : [];
      });
  }
  if (literal?.type === 'list_literal') {
    const children = kids(literal);
    return children.flatMap((c, i) => {
      const e = c.isNamed && c.type !== 'selector' ? exprAt(children, i) : undefined;
      return e ? part(e) : [];
    });
  }
  return [];
}
