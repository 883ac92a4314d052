import { ts } from './ts.js';
import { normalizeName } from './classifier.js';
import { isConstDeclaration, type FileModel } from './model.js';
import { importedOutOfSight, referencedTypeName, typeDeclaration } from './type-declarations.js';
import { memberName, propertyKey, stripWrappers } from './values.js';
import { stateTypeOfGetter } from './zustand-store.js';

// Whether a value serialises to JSON of a fixed shape: an object with a fixed
// set of fields, each a scalar (a string, a number, a boolean, a literal, an
// enum member, a date) or, a few levels deep, another such object. Such a
// value does not grow with the data: `JSON.stringify({ address, publicKey,
// privateKey, createdAt })` has four fields however the app is used. A string
// field may still be long, as a string stored alone may be; no rule estimates
// the size of a string built at run time, except that a field named for what
// carries claims or a list (a token, a JWT, proofs: CARRIER_FIELD) grows.
//
// Known from what is written, never from a name: object literals (spreads of
// fixed objects included), `const`s initialised with them, and the types that
// parameters and variables are declared with, when the type is written in the
// audited files (an interface, a type literal, a type alias, an enum, a union
// of literals, `T['field']`). Types reach a value the way they do in code
// without annotations: a `const` has its initialiser's, an element of a list
// its element type, a copy `[...list]` the list's, and zustand's `get()` the
// state type the store is declared with (`create<State>()((set, get) => …)`). Arrays, tuples, maps, `Record<…>`, generic
// types, index signatures, `any`, `unknown` and anything unresolved are not a
// fixed shape. A type imported where imports cannot be followed (the ESLint
// plugin sees one file) is neither: the shape is unknown there, and the CLI,
// which follows the import, decides.

/** `fixed`: cannot grow; `grows`: may; `unknown`: depends on a type this front-end cannot see. */
export type Shape = 'fixed' | 'grows' | 'unknown';

/** `grows` wins over `unknown`, which wins over `fixed`. */
function all(shapes: Iterable<() => Shape>): Shape {
  let result: Shape = 'fixed';
  for (const shape of shapes) {
    const one = shape();
    if (one === 'grows') return 'grows';
    if (one === 'unknown') result = 'unknown';
  }
  return result;
}

const of = (fixed: boolean): Shape => (fixed ? 'fixed' : 'grows');

/**
 * A field named for what carries claims or a list inside one string: a token
 * or a JWT (the seeds' JWT full of claims), a Cashu token's proofs, a
 * certificate, a payload, JSON or base64 data. Its string grows with what it
 * carries, so the object is not a fixed shape. The last word decides:
 * `accessToken`, `proofs`, `payloadJson`; not `tokenExpiry`.
 */
const CARRIER_FIELD = /\b(tokens?|jwts?|payloads?|claims|certificates?|certs?|proofs?|json|blobs?|base 64|data uri)$/;

function carriesData(field: string | undefined): boolean {
  return field !== undefined && CARRIER_FIELD.test(normalizeName(field));
}

const MAX_LEVELS = 4;
const MAX_STEPS = 80;

/** Built-in calls whose result is a string or a number, whatever they are called on. */
const SCALAR_METHODS = new Set(['toISOString', 'toString', 'toFixed', 'toLowerCase', 'toUpperCase', 'trim', 'toLocaleDateString', 'toLocaleString']);
const SCALAR_FUNCTIONS = new Set(['String', 'Number', 'Boolean', 'parseInt', 'parseFloat']);

interface Walk {
  steps: number;
}

/** Whether `expr` is an object of a fixed set of scalar fields (see above). */
export function shapeOf(expr: ts.Expression, file: FileModel): Shape {
  const inner = unwrap(expr);
  // The shape is about objects: a bare scalar is judged elsewhere.
  return isObjectLike(inner) ? fixedValue(inner, file, 0, { steps: 0 }) : 'grows';
}

function unwrap(expr: ts.Expression): ts.Expression {
  let inner = stripWrappers(expr);
  while (ts.isAwaitExpression(inner)) inner = stripWrappers(inner.expression);
  return inner;
}

/** An object literal, a name or a member chain: what can hold an object. */
function isObjectLike(expr: ts.Expression): boolean {
  return ts.isObjectLiteralExpression(expr) || ts.isIdentifier(expr) || ts.isPropertyAccessExpression(expr) || ts.isElementAccessExpression(expr);
}

function fixedValue(expr: ts.Expression, file: FileModel, level: number, walk: Walk): Shape {
  if (++walk.steps > MAX_STEPS || level > MAX_LEVELS) return 'grows';
  const inner = unwrap(expr);
  if (isScalarExpression(inner)) return 'fixed';
  if (ts.isConditionalExpression(inner))
    return all([() => fixedValue(inner.whenTrue, file, level, walk), () => fixedValue(inner.whenFalse, file, level, walk)]);
  if (ts.isBinaryExpression(inner)) {
    const op = inner.operatorToken.kind;
    if (op === ts.SyntaxKind.QuestionQuestionToken || op === ts.SyntaxKind.BarBarToken || op === ts.SyntaxKind.AmpersandAmpersandToken) {
      return all([() => fixedValue(inner.left, file, level, walk), () => fixedValue(inner.right, file, level, walk)]);
    }
    // `+` gives a string or a number; comparisons a boolean.
    return of(op !== ts.SyntaxKind.EqualsToken && op !== ts.SyntaxKind.CommaToken);
  }
  if (ts.isObjectLiteralExpression(inner)) return fixedObjectLiteral(inner, file, level, walk);
  if (ts.isCallExpression(inner)) return of(isScalarCall(inner));
  if (ts.isNewExpression(inner)) return of(ts.isIdentifier(inner.expression) && inner.expression.text === 'Date' && !file.resolveIdentifier(inner.expression));
  if (ts.isIdentifier(inner)) return fixedName(inner, file, level, walk);
  if (ts.isPropertyAccessExpression(inner) || ts.isElementAccessExpression(inner)) {
    if (isEnumMember(inner, file)) return 'fixed';
    const declared = declaredTypeOf(inner, file, walk);
    if (declared) return fixedType(declared.type, declared.file, level, walk);
    return rootTypeOutOfSight(inner, file, walk) ? 'unknown' : 'grows';
  }
  return 'grows';
}

/** `wallet.address` where `wallet`'s declared type is imported and this front-end cannot follow the import. */
function rootTypeOutOfSight(expr: ts.Expression, file: FileModel, walk: Walk): boolean {
  let root = unwrap(expr);
  while (ts.isPropertyAccessExpression(root) || ts.isElementAccessExpression(root)) root = unwrap(root.expression);
  const declared = ts.isIdentifier(root) ? declaredTypeOf(root, file, walk) : undefined;
  const name = declared && referencedTypeName(declared.type);
  return name !== undefined && importedOutOfSight(name, declared!.file);
}

function isScalarExpression(expr: ts.Expression): boolean {
  return (
    ts.isStringLiteralLike(expr) ||
    ts.isTemplateExpression(expr) ||
    ts.isNumericLiteral(expr) ||
    ts.isPrefixUnaryExpression(expr) ||
    ts.isTypeOfExpression(expr) ||
    expr.kind === ts.SyntaxKind.TrueKeyword ||
    expr.kind === ts.SyntaxKind.FalseKeyword ||
    expr.kind === ts.SyntaxKind.NullKeyword ||
    (ts.isIdentifier(expr) && expr.text === 'undefined')
  );
}

function isScalarCall(call: ts.CallExpression): boolean {
  const callee = stripWrappers(call.expression);
  if (ts.isIdentifier(callee)) return SCALAR_FUNCTIONS.has(callee.text);
  if (!ts.isPropertyAccessExpression(callee)) return false;
  const receiver = stripWrappers(callee.expression);
  if (ts.isIdentifier(receiver) && receiver.text === 'Date' && callee.name.text === 'now') return true;
  return SCALAR_METHODS.has(callee.name.text);
}

function fixedObjectLiteral(object: ts.ObjectLiteralExpression, file: FileModel, level: number, walk: Walk): Shape {
  return all(
    object.properties.map((property) => (): Shape => {
      if (ts.isPropertyAssignment(property)) {
        if (ts.isComputedPropertyName(property.name) || carriesData(propertyKey(property.name))) return 'grows';
        return fixedValue(property.initializer, file, level + 1, walk);
      }
      if (ts.isShorthandPropertyAssignment(property)) return carriesData(property.name.text) ? 'grows' : fixedValue(property.name, file, level + 1, walk);
      // A spread brings the fields of its object: fixed when that object is.
      if (ts.isSpreadAssignment(property)) return fixedValue(property.expression, file, level, walk);
      return 'grows';
    }),
  );
}

function isEnumMember(expr: ts.PropertyAccessExpression | ts.ElementAccessExpression, file: FileModel): boolean {
  const object = stripWrappers(expr.expression);
  if (!ts.isIdentifier(object)) return false;
  const target = file.resolveIdentifier(object);
  return (target?.kind === 'declaration' || target?.kind === 'local') && ts.isEnumDeclaration(target.node);
}

function fixedName(identifier: ts.Identifier, file: FileModel, level: number, walk: Walk): Shape {
  const target = file.resolveIdentifier(identifier);
  if (target?.kind === 'parameter') {
    const type = target.fn.parameters[target.index]?.type;
    return type === undefined ? 'grows' : fixedType(type, target.file, level, walk);
  }
  if (target?.kind !== 'local' && target?.kind !== 'declaration') return 'grows';
  const node = target.node;
  if (!ts.isVariableDeclaration(node)) return 'grows';
  const initialiser = isConstDeclaration(node) ? node.initializer : undefined;
  const type = node.type;
  if (!type) return initialiser ? fixedValue(initialiser, target.file, level, walk) : 'grows';
  // The declared type says what the variable holds, later too (a const object's fields can be set after it is
  // made); an object literal initialiser must fit as well, since a spread can bring fields the type does not list.
  const literal = initialiser && ts.isObjectLiteralExpression(unwrap(initialiser)) ? initialiser : undefined;
  return all([() => (literal ? fixedValue(literal, target.file, level, walk) : 'fixed'), () => fixedType(type, target.file, level, walk)]);
}

/** The declared type of a name or a member chain, through written types: `wallet.keys` where `wallet: { keys: Keys }`. */
function declaredTypeOf(expr: ts.Expression, file: FileModel, walk: Walk): { type: ts.TypeNode; file: FileModel } | undefined {
  if (++walk.steps > MAX_STEPS) return undefined;
  const inner = unwrap(expr);
  if (ts.isIdentifier(inner)) {
    const target = file.resolveIdentifier(inner);
    if (target?.kind === 'parameter') {
      const type = target.fn.parameters[target.index]?.type;
      return type && { type, file: target.file };
    }
    if ((target?.kind === 'local' || target?.kind === 'declaration') && ts.isVariableDeclaration(target.node)) {
      if (target.node.type) return { type: target.node.type, file: target.file };
      // A const keeps what it was initialised with, and so its type: `const entries = [...get().entries]`.
      if (isConstDeclaration(target.node) && target.node.initializer) return declaredTypeOf(target.node.initializer, target.file, walk);
    }
    return undefined;
  }
  if (ts.isCallExpression(inner)) return stateOfGetter(inner, file);
  // `[...list]`: a copy of a list has the list's type.
  if (ts.isArrayLiteralExpression(inner) && inner.elements.length === 1 && ts.isSpreadElement(inner.elements[0]!)) {
    return declaredTypeOf(inner.elements[0].expression, file, walk);
  }
  if (ts.isPropertyAccessExpression(inner) || ts.isElementAccessExpression(inner)) {
    const base = declaredTypeOf(inner.expression, file, walk);
    if (!base) return undefined;
    // `entries[i]`: an element of a list, whatever the index.
    const element = ts.isElementAccessExpression(inner) ? elementType(base.type, base.file, walk) : undefined;
    if (element) return element;
    const name = memberName(inner);
    return name === undefined ? undefined : memberType(base.type, name, base.file, walk);
  }
  return undefined;
}

/** `get()`, where `get` is the second parameter of a zustand state creator: the store's written state type. */
function stateOfGetter(call: ts.CallExpression, file: FileModel): { type: ts.TypeNode; file: FileModel } | undefined {
  const callee = unwrap(call.expression);
  if (call.arguments.length > 0 || !ts.isIdentifier(callee)) return undefined;
  const target = file.resolveIdentifier(callee);
  if (target?.kind !== 'parameter') return undefined;
  const type = stateTypeOfGetter(target.fn, target.index, target.file);
  return type && { type, file: target.file };
}

/** The element type of a list type: `T[]`, `readonly T[]`, `Array<T>`, `ReadonlyArray<T>`, or an alias of one. */
function elementType(type: ts.TypeNode, file: FileModel, walk: Walk): { type: ts.TypeNode; file: FileModel } | undefined {
  if (++walk.steps > MAX_STEPS) return undefined;
  if (ts.isParenthesizedTypeNode(type)) return elementType(type.type, file, walk);
  if (ts.isTypeOperatorNode(type) && type.operator === ts.SyntaxKind.ReadonlyKeyword) return elementType(type.type, file, walk);
  if (ts.isArrayTypeNode(type)) return { type: type.elementType, file };
  const name = referencedTypeName(type);
  if (name === undefined) return undefined;
  const declared = typeDeclaration(name, file);
  if (declared && ts.isTypeAliasDeclaration(declared.node)) return elementType(declared.node.type, declared.file, walk);
  const argument = ts.isTypeReferenceNode(type) && type.typeArguments?.length === 1 ? type.typeArguments[0] : undefined;
  return !declared && argument && (name === 'Array' || name === 'ReadonlyArray') ? { type: argument, file } : undefined;
}

/** The type of field `name` of an object type written in the audited files. */
function memberType(type: ts.TypeNode, name: string, file: FileModel, walk: Walk): { type: ts.TypeNode; file: FileModel } | undefined {
  if (++walk.steps > MAX_STEPS) return undefined;
  const members = objectMembers(type, file, walk);
  if (!members) return undefined;
  for (const member of members.members) {
    if (ts.isPropertySignature(member) && propertyKey(member.name) === name && member.type) return { type: member.type, file: members.file };
  }
  return undefined;
}

/** The members of an object type (a type literal, an interface and those it extends, an alias of these); undefined when unknown. */
function objectMembers(type: ts.TypeNode, file: FileModel, walk: Walk): { members: ts.TypeElement[]; file: FileModel } | undefined {
  if (++walk.steps > MAX_STEPS) return undefined;
  if (ts.isParenthesizedTypeNode(type)) return objectMembers(type.type, file, walk);
  if (ts.isTypeLiteralNode(type)) return { members: [...type.members], file };
  if (ts.isIndexedAccessTypeNode(type)) {
    const key = ts.isLiteralTypeNode(type.indexType) && ts.isStringLiteral(type.indexType.literal) ? type.indexType.literal.text : undefined;
    const field = key === undefined ? undefined : memberType(type.objectType, key, file, walk);
    return field && objectMembers(field.type, field.file, walk);
  }
  const name = referencedTypeName(type);
  const declared = name === undefined ? undefined : typeDeclaration(name, file);
  if (!declared || ts.isEnumDeclaration(declared.node)) return undefined;
  if (ts.isTypeAliasDeclaration(declared.node)) return objectMembers(declared.node.type, declared.file, walk);
  const members = [...declared.node.members];
  for (const clause of declared.node.heritageClauses ?? []) {
    for (const base of clause.types) {
      // `interface A extends B`: B's fields are A's too, and must be known.
      if (!ts.isIdentifier(base.expression) || base.typeArguments) return undefined;
      const inherited = objectMembers(ts.factory.createTypeReferenceNode(base.expression.text), declared.file, walk);
      if (!inherited) return undefined;
      members.push(...inherited.members);
    }
  }
  return { members, file: declared.file };
}

const SCALAR_TYPES = new Set([
  ts.SyntaxKind.StringKeyword,
  ts.SyntaxKind.NumberKeyword,
  ts.SyntaxKind.BooleanKeyword,
  ts.SyntaxKind.NullKeyword,
  ts.SyntaxKind.UndefinedKeyword,
]);

function fixedType(type: ts.TypeNode, file: FileModel, level: number, walk: Walk): Shape {
  if (++walk.steps > MAX_STEPS || level > MAX_LEVELS) return 'grows';
  if (SCALAR_TYPES.has(type.kind) || ts.isLiteralTypeNode(type) || ts.isTemplateLiteralTypeNode(type)) return 'fixed';
  if (ts.isParenthesizedTypeNode(type)) return fixedType(type.type, file, level, walk);
  if (ts.isUnionTypeNode(type)) return all(type.types.map((t) => () => fixedType(t, file, level, walk)));
  const name = referencedTypeName(type);
  if (name !== undefined) {
    if (importedOutOfSight(name, file)) return 'unknown';
    const declared = typeDeclaration(name, file);
    // A Date serialises to its ISO string.
    if (!declared) return of(name === 'Date');
    if (ts.isEnumDeclaration(declared.node)) return 'fixed';
    if (ts.isTypeAliasDeclaration(declared.node)) return fixedType(declared.node.type, declared.file, level, walk);
  }
  const members = objectMembers(type, file, walk);
  if (!members) return 'grows';
  return all(
    members.members.map((member) => (): Shape => {
      if (!ts.isPropertySignature(member) || ts.isComputedPropertyName(member.name) || member.type === undefined) return 'grows';
      if (carriesData(propertyKey(member.name))) return 'grows';
      return fixedType(member.type, members.file, level + 1, walk);
    }),
  );
}
