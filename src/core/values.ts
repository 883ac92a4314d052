import { ts } from './ts.js';
import { isConstDeclaration, type FileModel } from './model.js';
import { KEYCHAIN_CLASSES } from './apis.js';
import { isInstanceFieldRewritten, thisClass } from './this-class.js';
import { memoSlot } from './memo-slot.js';

// Static value resolution. Everything here answers "undefined" when it is not
// sure: an unresolved value is never a finding.

const MAX_DEPTH = 12;

/** An expression together with the file it belongs to (constants may live in another file). */
export interface Located {
  expr: ts.Expression;
  file: FileModel;
}

/**
 * `undefined` (the global, not a local of that name) or `void …`: a property
 * holding it is left out by JSON.stringify, so it stores nothing.
 */
export function isUndefinedValue(expr: ts.Expression, file: FileModel): boolean {
  const inner = stripWrappers(expr);
  if (ts.isVoidExpression(inner)) return true;
  return ts.isIdentifier(inner) && inner.text === 'undefined' && file.resolveIdentifier(inner) === undefined;
}

/** A resolved string: exact, or a pattern whose `null` parts are unknown runs of text. */
export type StringValue = { kind: 'exact'; value: string } | { kind: 'pattern'; parts: (string | null)[] };

export function stripWrappers(expr: ts.Expression): ts.Expression {
  let current = expr;
  for (;;) {
    if (
      ts.isParenthesizedExpression(current) ||
      ts.isAsExpression(current) ||
      ts.isSatisfiesExpression(current) ||
      ts.isNonNullExpression(current) ||
      ts.isTypeAssertionExpression(current)
    ) {
      current = current.expression;
    } else {
      return current;
    }
  }
}

/**
 * Follows `const` identifiers, constant object properties and enum members to
 * the expression that produces the value.
 */
export function resolveExpression(expr: ts.Expression, file: FileModel, depth = 0): Located | undefined {
  if (depth > MAX_DEPTH) return undefined;
  const inner = stripWrappers(expr);
  if (ts.isIdentifier(inner)) {
    if (inner.text === 'undefined') return { expr: inner, file };
    const target = file.resolveIdentifier(inner);
    if (!target) return undefined;
    if (target.kind === 'api') return { expr: inner, file };
    if (target.kind === 'parameter' || target.kind === 'opaque') return undefined;
    const node = target.node;
    if (isConstDeclaration(node) && node.initializer) return resolveExpression(node.initializer, target.file, depth + 1);
    if (ts.isBindingElement(node)) return resolveBindingElement(node, target.file, depth + 1);
    // `export default { ... }` is kept as a declaration named "default" whose node is the expression.
    if (target.kind === 'declaration' && ts.isExportAssignment(node.parent) && node.parent.expression === node) {
      return resolveExpression(node as ts.Expression, target.file, depth + 1);
    }
    return undefined;
  }
  if (ts.isPropertyAccessExpression(inner) || ts.isElementAccessExpression(inner)) {
    const name = memberName(inner);
    if (name === undefined) return undefined;
    const enumValue = resolveEnumMember(inner.expression, name, file);
    if (enumValue) return enumValue;
    const fieldValue = resolveClassField(inner.expression, name, file);
    if (fieldValue) return resolveExpression(fieldValue.expr, fieldValue.file, depth + 1);
    const object = resolveObject(inner.expression, file, depth + 1);
    const property = object?.properties.get(name);
    if (!property) return undefined;
    return resolveExpression(property.expr, property.file, depth + 1);
  }
  return { expr: inner, file };
}

function resolveBindingElement(element: ts.BindingElement, file: FileModel, depth: number): Located | undefined {
  const pattern = element.parent;
  const decl = pattern.parent;
  if (!ts.isObjectBindingPattern(pattern) || !isConstDeclaration(decl) || !decl.initializer) return undefined;
  const key = element.propertyName ?? element.name;
  if (!ts.isIdentifier(key) && !ts.isStringLiteral(key)) return undefined;
  const object = resolveObject(decl.initializer, file, depth + 1);
  const property = object?.properties.get(key.text);
  return property ? resolveExpression(property.expr, property.file, depth + 1) : undefined;
}

export function memberName(expr: ts.PropertyAccessExpression | ts.ElementAccessExpression): string | undefined {
  if (ts.isPropertyAccessExpression(expr)) return ts.isIdentifier(expr.name) ? expr.name.text : undefined;
  const arg = stripWrappers(expr.argumentExpression);
  return ts.isStringLiteralLike(arg) || ts.isNumericLiteral(arg) ? arg.text : undefined;
}

function resolveEnumMember(objectExpr: ts.Expression, name: string, file: FileModel): Located | undefined {
  const inner = stripWrappers(objectExpr);
  if (!ts.isIdentifier(inner)) return undefined;
  const target = file.resolveIdentifier(inner);
  if (!target || (target.kind !== 'declaration' && target.kind !== 'local') || !ts.isEnumDeclaration(target.node)) return undefined;
  const member = target.node.members.find((m) => (ts.isIdentifier(m.name) || ts.isStringLiteral(m.name)) && m.name.text === name);
  return member?.initializer ? { expr: member.initializer, file: target.file } : undefined;
}

/**
 * `ClassName.X` or, inside a static method, `this.X`, where the class declares
 * `static readonly X = …`: the initializer. Only `readonly` fields: any other
 * may be reassigned. Inside an instance member, `this.X` where the class
 * declares an instance field `X = …` that the file never writes again (see
 * isInstanceFieldRewritten): `protected unlockCodeKey = 'vault.unlockCode'`.
 */
function resolveClassField(objectExpr: ts.Expression, name: string, file: FileModel): Located | undefined {
  const inner = stripWrappers(objectExpr);
  let owner: ts.ClassLikeDeclaration | undefined;
  let ownerFile = file;
  let isStatic = true;
  if (inner.kind === ts.SyntaxKind.ThisKeyword) {
    const seen = thisClass(inner);
    owner = seen?.cls;
    isStatic = seen?.isStatic ?? true;
  } else if (ts.isIdentifier(inner)) {
    const target = file.resolveIdentifier(inner);
    if (target && (target.kind === 'declaration' || target.kind === 'local') && ts.isClassDeclaration(target.node)) {
      owner = target.node;
      ownerFile = target.file;
    }
  }
  if (!owner) return undefined;
  // Asked again for each read of the field (`this.entries.get()`, `this.entries.set()`): the answer is kept per class.
  const byClass = ownerFile.cached(CLASS_FIELDS, () => new Map<ts.ClassLikeDeclaration, ClassFields>());
  let fields = byClass.get(owner);
  if (!fields) byClass.set(owner, (fields = { static: new Map(), instance: new Map() }));
  const known = isStatic ? fields.static : fields.instance;
  let found = known.get(name);
  if (found === undefined) {
    found = fieldValue(owner, name, isStatic, ownerFile) ?? null;
    known.set(name, found);
  }
  return found ?? undefined;
}

/** A class's fields as resolveClassField found them, by name (null: none that keeps its initializer). */
interface ClassFields {
  static: Map<string, Located | null>;
  instance: Map<string, Located | null>;
}

const CLASS_FIELDS = memoSlot<Map<ts.ClassLikeDeclaration, ClassFields>>('classFields');

/** The initializer of the class's field `name` that keeps it (see resolveClassField). */
function fieldValue(owner: ts.ClassLikeDeclaration, name: string, isStatic: boolean, ownerFile: FileModel): Located | undefined {
  for (const member of owner.members) {
    if (!ts.isPropertyDeclaration(member) || !member.initializer || propertyKey(member.name) !== name) continue;
    const flags = ts.getCombinedModifierFlags(member);
    const memberIsStatic = (flags & ts.ModifierFlags.Static) !== 0;
    if (memberIsStatic !== isStatic) continue;
    if (isStatic && flags & ts.ModifierFlags.Readonly) return { expr: member.initializer, file: ownerFile };
    if (!isStatic && !isInstanceFieldRewritten(owner, name, ownerFile)) return { expr: member.initializer, file: ownerFile };
  }
  return undefined;
}

export interface ObjectValue {
  properties: Map<string, Located>;
  /** False when a spread or computed key could not be resolved: absent keys are then unknown. */
  complete: boolean;
  node: ts.ObjectLiteralExpression;
  file: FileModel;
}

/** Resolves an expression to an object literal's properties, merging spreads in order. */
export function resolveObject(expr: ts.Expression, file: FileModel, depth = 0): ObjectValue | undefined {
  if (depth > MAX_DEPTH) return undefined;
  const resolved = resolveExpression(expr, file, depth + 1);
  if (!resolved || !ts.isObjectLiteralExpression(resolved.expr)) return undefined;
  const literal = resolved.expr;
  const properties = new Map<string, Located>();
  let complete = true;
  for (const property of literal.properties) {
    if (ts.isSpreadAssignment(property)) {
      const spread = resolveObject(property.expression, resolved.file, depth + 1);
      if (!spread) {
        complete = false;
        continue;
      }
      complete &&= spread.complete;
      for (const [key, value] of spread.properties) properties.set(key, value);
      continue;
    }
    const key = propertyKey(property.name);
    if (key === undefined) {
      complete = false;
      continue;
    }
    if (ts.isPropertyAssignment(property)) properties.set(key, { expr: property.initializer, file: resolved.file });
    else if (ts.isShorthandPropertyAssignment(property)) properties.set(key, { expr: property.name, file: resolved.file });
    else properties.set(key, { expr: property as unknown as ts.Expression, file: resolved.file });
  }
  return { properties, complete, node: literal, file: resolved.file };
}

export function propertyKey(name: ts.PropertyName | undefined): string | undefined {
  if (!name) return undefined;
  if (ts.isIdentifier(name) || ts.isStringLiteral(name) || ts.isNumericLiteral(name) || ts.isPrivateIdentifier(name)) return name.text;
  if (ts.isComputedPropertyName(name)) {
    const inner = stripWrappers(name.expression);
    if (ts.isStringLiteralLike(inner)) return inner.text;
  }
  return undefined;
}

/**
 * The arguments of a call to a key-building function (`mnemonicKey(address)`),
 * by the function's parameters: what its parameters stand for while its
 * returned expression is resolved.
 */
interface Arguments {
  fn: ts.SignatureDeclaration;
  values: (StringValue | undefined)[];
}

/** Resolves a string through literals, constants, templates, `+` and the app's key-building functions. */
export function resolveString(expr: ts.Expression, file: FileModel, depth = 0, args?: Arguments): StringValue | undefined {
  if (depth > MAX_DEPTH) return undefined;
  if (args) {
    const inner = stripWrappers(expr);
    if (ts.isIdentifier(inner)) {
      const target = file.resolveIdentifier(inner);
      if (target?.kind === 'parameter' && target.fn === args.fn) return args.values[target.index];
    }
  }
  const resolved = resolveExpression(expr, file, depth + 1);
  if (!resolved) return undefined;
  const node = resolved.expr;
  // Parameters are only substituted in the builder's own returned expression, not in constants it names.
  const own = resolved.expr === stripWrappers(expr) ? args : undefined;
  if (ts.isStringLiteralLike(node)) return { kind: 'exact', value: node.text };
  if (ts.isNumericLiteral(node)) return { kind: 'exact', value: String(Number(node.text)) };
  if (ts.isTemplateExpression(node)) {
    const parts: (string | null)[] = [node.head.text];
    for (const span of node.templateSpans) {
      parts.push(...partsOf(resolveString(span.expression, resolved.file, depth + 1, own)), span.literal.text);
    }
    return fromParts(parts);
  }
  if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.PlusToken) {
    const left = resolveString(node.left, resolved.file, depth + 1, own);
    const right = resolveString(node.right, resolved.file, depth + 1, own);
    if (!left && !right) return undefined;
    return fromParts([...partsOf(left), ...partsOf(right)]);
  }
  if (ts.isCallExpression(node)) return resolveBuilderCall(node, resolved.file, depth + 1);
  return undefined;
}

/**
 * A call to a function of the app that builds a key from its parameters
 * (`` const mnemonicKey = (a) => `${a}-mnemonic` ``): the string it returns,
 * with the call's arguments in place of the parameters. The function must be
 * declared in this file or one it imports, and return one expression (an
 * arrow's body, or a body that is a single `return`); anything else is
 * unknown. Arguments that cannot be resolved are unknown parts, so
 * `mnemonicKey(address)` is the pattern `${…}-mnemonic`.
 */
function resolveBuilderCall(call: ts.CallExpression, file: FileModel, depth: number): StringValue | undefined {
  if (depth > MAX_DEPTH) return undefined;
  const callee = stripWrappers(call.expression);
  if (!ts.isIdentifier(callee)) return undefined;
  const target = file.resolveIdentifier(callee);
  if (!target || (target.kind !== 'declaration' && target.kind !== 'local')) return undefined;
  const fn = builderFunction(target.node);
  const returned = fn && returnedExpression(fn);
  if (!fn || !returned) return undefined;
  const spread = call.arguments.some((a) => ts.isSpreadElement(a));
  const values = fn.parameters.map((parameter, index) => {
    const arg = call.arguments[index];
    if (spread || !arg || !ts.isIdentifier(parameter.name) || parameter.dotDotDotToken) return undefined;
    return resolveString(arg, file, depth + 1);
  });
  return resolveString(returned, target.file, depth + 1, { fn, values });
}

function builderFunction(node: ts.Node): ts.FunctionDeclaration | ts.ArrowFunction | ts.FunctionExpression | undefined {
  if (ts.isFunctionDeclaration(node)) return plain(node) ? node : undefined;
  if (!isConstDeclaration(node) || !node.initializer) return undefined;
  const init = stripWrappers(node.initializer);
  return (ts.isArrowFunction(init) || ts.isFunctionExpression(init)) && plain(init) ? init : undefined;
}

/** Neither a generator nor async: a call returns what the body returns. */
function plain(fn: ts.FunctionDeclaration | ts.ArrowFunction | ts.FunctionExpression): boolean {
  return !fn.asteriskToken && !fn.modifiers?.some((m) => m.kind === ts.SyntaxKind.AsyncKeyword);
}

function returnedExpression(fn: ts.FunctionDeclaration | ts.ArrowFunction | ts.FunctionExpression): ts.Expression | undefined {
  const body = fn.body;
  if (!body) return undefined;
  if (!ts.isBlock(body)) return body;
  const only = body.statements.length === 1 ? body.statements[0] : undefined;
  return only && ts.isReturnStatement(only) ? only.expression : undefined;
}

function partsOf(value: StringValue | undefined): (string | null)[] {
  if (!value) return [null];
  return value.kind === 'exact' ? [value.value] : value.parts;
}

function fromParts(parts: (string | null)[]): StringValue {
  const merged: (string | null)[] = [];
  for (const part of parts) {
    const last = merged[merged.length - 1];
    if (part === null) {
      if (last !== null || merged.length === 0) merged.push(null);
    } else if (typeof last === 'string') {
      merged[merged.length - 1] = last + part;
    } else {
      merged.push(part);
    }
  }
  const exact = merged.every((p) => p !== null);
  if (exact) return { kind: 'exact', value: merged.join('') };
  return { kind: 'pattern', parts: merged.filter((p) => p !== '') };
}

/** `auth.remember.${userId}` style text of a value, for messages and the key registry. */
export function describeString(value: StringValue): string {
  if (value.kind === 'exact') return value.value;
  return value.parts.map((p) => (p === null ? '${…}' : p)).join('');
}

/** The constant literal text before the first unknown part. */
export function literalPrefix(value: StringValue): string {
  if (value.kind === 'exact') return value.value;
  const first = value.parts[0];
  return typeof first === 'string' ? first : '';
}

export type KeychainClassValue = { kind: 'constant'; name: string } | { kind: 'other'; text: string };

/**
 * What a `keychainAccessible` value is: one of SecureStore's constants (by import
 * binding), something else that is certainly not one, or undefined when unknown.
 */
export function resolveKeychainClass(expr: ts.Expression, file: FileModel, depth = 0): KeychainClassValue | undefined {
  if (depth > MAX_DEPTH) return undefined;
  const inner = stripWrappers(expr);
  if (ts.isPropertyAccessExpression(inner) && ts.isIdentifier(inner.expression)) {
    const target = file.resolveIdentifier(inner.expression);
    if (target?.kind === 'api') {
      if (target.binding.kind === 'namespace' && target.binding.api === 'secure-store') {
        const name = inner.name.text;
        return (KEYCHAIN_CLASSES as readonly string[]).includes(name) ? { kind: 'constant', name } : undefined;
      }
      return undefined;
    }
  }
  if (ts.isIdentifier(inner)) {
    const target = file.resolveIdentifier(inner);
    if (target?.kind === 'api' && target.binding.kind === 'member' && target.binding.api === 'secure-store') {
      const name = target.binding.member;
      return (KEYCHAIN_CLASSES as readonly string[]).includes(name) ? { kind: 'constant', name } : undefined;
    }
  }
  const resolved = resolveExpression(inner, file, depth + 1);
  if (!resolved) return undefined;
  if (resolved.expr !== inner) return resolveKeychainClass(resolved.expr, resolved.file, depth + 1);
  if (ts.isStringLiteralLike(inner) || ts.isNumericLiteral(inner)) return { kind: 'other', text: inner.getText() };
  if (ts.isIdentifier(inner) && inner.text === 'undefined') return { kind: 'other', text: 'undefined' };
  return undefined;
}

/** `true` / `false` through constants, or undefined. */
export function resolveBoolean(expr: ts.Expression, file: FileModel): boolean | undefined {
  const resolved = resolveExpression(expr, file);
  if (!resolved) return undefined;
  if (resolved.expr.kind === ts.SyntaxKind.TrueKeyword) return true;
  if (resolved.expr.kind === ts.SyntaxKind.FalseKeyword) return false;
  return undefined;
}
