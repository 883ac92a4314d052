import { ts } from './ts.js';
import { isConstDeclaration, type FileModel } from './model.js';
import { referencedTypeName, typeDeclaration } from './type-declarations.js';
import { isUndefinedValue, propertyKey, resolveObject, stripWrappers } from './values.js';
import { stateTypeOfPartialize } from './zustand-store.js';

// The field names of an object a wrapper serialises: `saveSession(session)`
// where the wrapper writes `JSON.stringify(s)` stores every field of
// `session`. They are known from what is written, never from a name alone:
// an object literal at the call, a `const` initialised with one, or the type
// a parameter or variable is declared with, when that type is written in the
// same file (an interface, a type alias or an inline type literal) or, where
// imports can be followed (the CLI), exported by an audited file it imports.
// A union gives the fields of each of its members; an index signature
// (`{ [app: string]: Connection[] }`) the fields of its values, as `state[…]`.
// A value written `{ … } as T` has the fields of T as well as its own.
//
// Nested objects are looked into up to MAX_OBJECT_LEVELS levels of object
// (arrays of objects, and maps written as index signatures, are collections
// and count no level of their own): `{ app: [{ sessionKeyPair }] }` gives
// `app` and `app[].sessionKeyPair`. A field typed `never` or `undefined`, or
// set to `undefined`, holds nothing and is left out, as is a field typed as a
// function (JSON.stringify drops it). Deeper fields, generic types and types
// of packages stay unknown. A caller that knows the object is a whole state
// (zustand's persisted state, where a secret often sits in a map of maps)
// asks for more levels.
//
// A parameter's type is the one written on it or, for the state zustand's
// `partialize` receives, the state type the store declares; a destructured
// parameter (`({ wallet }) => ({ wallet })`) gives each name the fields of
// its property of that type.

export interface ObjectField {
  /** What the classifier looks at: the property name. */
  name: string;
  /** Where the field sits, for messages: `app[].sessionKeyPair`, `session.token` when the object is a variable's. */
  label: string;
}

const MAX_OBJECT_LEVELS = 3;
/** A label longer than this is printed by its ends (see shortFieldLabel). */
const MAX_LABEL_LENGTH = 36;

/**
 * A field's label as a message prints it: whole, or for a deep one, the
 * object it starts from and the field itself, `connectedApps…sessionKeyPair`,
 * so the message stays one short sentence that still names both.
 */
export function shortFieldLabel(label: string): string {
  if (label.length <= MAX_LABEL_LENGTH) return label;
  const top = label.split(/[.[]/, 1)[0]!;
  const last = label.slice(label.lastIndexOf('.') + 1);
  return top && last !== label ? `${top}…${last}` : label;
}
/** Guards a chain of consts and type aliases pointing at each other, at the default depth; deeper walks get as many more. */
const MAX_STEPS = 16;

interface Limits {
  levels: number;
  steps: number;
}

/** The fields of the object a value holds, as far as the code written says; empty when unknown. */
export function objectFields(expr: ts.Expression, file: FileModel, options: { maxLevels?: number } = {}): ObjectField[] {
  // Labels start from the variable's name when there is one: `session.token`.
  const inner = stripWrappers(expr);
  const levels = options.maxLevels ?? MAX_OBJECT_LEVELS;
  const limits = { levels, steps: MAX_STEPS + 3 * (levels - MAX_OBJECT_LEVELS) };
  return fieldsOfValue(expr, file, ts.isIdentifier(inner) ? inner.text : '', 0, 0, limits);
}

function fieldsOfValue(expr: ts.Expression, file: FileModel, path: string, level: number, steps: number, limits: Limits): ObjectField[] {
  if (level >= limits.levels || steps > limits.steps) return [];
  const asserted = assertedType(expr);
  let inner = stripWrappers(expr);
  while (ts.isAwaitExpression(inner)) inner = stripWrappers(inner.expression);
  if (asserted) return [...fieldsOfValue(inner, file, path, level, steps + 1, limits), ...fieldsOfType(asserted, file, path, level, steps + 1, limits)];
  if (ts.isArrayLiteralExpression(inner)) {
    return inner.elements.flatMap((element) => (ts.isSpreadElement(element) ? [] : fieldsOfValue(element, file, `${path}[]`, level, steps + 1, limits)));
  }
  if (ts.isIdentifier(inner)) {
    const target = file.resolveIdentifier(inner);
    if (!target) return [];
    if (target.kind === 'parameter') return fieldsOfParameter(inner, target.fn, target.index, target.file, path, level, steps + 1, limits);
    if (target.kind !== 'local' && target.kind !== 'declaration') return [];
    const node = target.node;
    if (!ts.isVariableDeclaration(node)) return [];
    // A declared type says what any value of the variable holds; an initialiser only what a const keeps.
    if (node.type) return fieldsOfType(node.type, target.file, path, level, steps + 1, limits);
    return isConstDeclaration(node) && node.initializer ? fieldsOfValue(node.initializer, target.file, path, level, steps + 1, limits) : [];
  }
  if (!ts.isObjectLiteralExpression(inner)) return [];
  const object = resolveObject(inner, file);
  if (!object) return [];
  const fields: ObjectField[] = [];
  for (const [name, property] of object.properties) {
    if (ts.isExpression(property.expr) && isUndefinedValue(property.expr, property.file)) continue;
    const label = path ? `${path}.${name}` : name;
    fields.push({ name, label });
    if (ts.isExpression(property.expr)) fields.push(...fieldsOfValue(property.expr, property.file, label, level + 1, steps + 1, limits));
  }
  return fields;
}

function fieldsOfType(type: ts.TypeNode, file: FileModel, path: string, level: number, steps: number, limits: Limits): ObjectField[] {
  if (level >= limits.levels || steps > limits.steps) return [];
  if (ts.isParenthesizedTypeNode(type)) return fieldsOfType(type.type, file, path, level, steps + 1, limits);
  if (ts.isArrayTypeNode(type)) return fieldsOfType(type.elementType, file, `${path}[]`, level, steps + 1, limits);
  // `Remote | Injected`: a value of the type has the fields of one of them.
  if (ts.isUnionTypeNode(type) || ts.isIntersectionTypeNode(type)) return type.types.flatMap((t) => fieldsOfType(t, file, path, level, steps + 1, limits));
  if (ts.isTypeLiteralNode(type)) return fieldsOfMembers(type.members, file, path, level, steps, limits);
  const name = referencedTypeName(type);
  const declared = name === undefined ? undefined : typeDeclaration(name, file);
  if (!declared || ts.isEnumDeclaration(declared.node)) return [];
  // An interface that extends another has fields this one does not show: the ones it shows are still there.
  if (ts.isInterfaceDeclaration(declared.node)) return fieldsOfMembers(declared.node.members, declared.file, path, level, steps, limits);
  return fieldsOfType(declared.node.type, declared.file, path, level, steps + 1, limits);
}

function fieldsOfMembers(members: ts.NodeArray<ts.TypeElement>, file: FileModel, path: string, level: number, steps: number, limits: Limits): ObjectField[] {
  const fields: ObjectField[] = [];
  for (const member of members) {
    // `[app: string]: Connection[]`: whatever the keys, the values have these fields.
    if (ts.isIndexSignatureDeclaration(member)) {
      fields.push(...fieldsOfType(member.type, file, `${path}[…]`, level, steps + 1, limits));
      continue;
    }
    if (!ts.isPropertySignature(member)) continue;
    const name = propertyKey(member.name);
    if (name === undefined || (member.type && (holdsNoValue(member.type) || ts.isFunctionTypeNode(member.type)))) continue;
    const label = path ? `${path}.${name}` : name;
    fields.push({ name, label });
    if (member.type) fields.push(...fieldsOfType(member.type, file, label, level + 1, steps + 1, limits));
  }
  return fields;
}

/**
 * The fields of a parameter's object, from the type written on it or given by
 * the store (`partialize`'s state). `({ wallet }) => …`: the fields under
 * `wallet` of that type, labelled from where the value sits now.
 */
function fieldsOfParameter(
  name: ts.Identifier,
  fn: ts.SignatureDeclaration,
  index: number,
  file: FileModel,
  path: string,
  level: number,
  steps: number,
  limits: Limits,
): ObjectField[] {
  const parameter = fn.parameters[index];
  const type = parameter?.type ?? stateTypeOfPartialize(fn, index, file);
  if (!parameter || !type) return [];
  if (ts.isIdentifier(parameter.name)) return fieldsOfType(type, file, path, level, steps, limits);
  const property = destructuredProperty(parameter.name, name.text);
  if (property === undefined) return [];
  // The whole object's fields sit one level above this name's; those under the property are relabelled from `path`.
  const under = (label: string): boolean => label.length > property.length && label.startsWith(property) && /[.[]/.test(label[property.length]!);
  return fieldsOfType(type, file, '', level - 1, steps, limits)
    .filter((f) => under(f.label))
    .map((f) => ({ name: f.name, label: `${path}${f.label.slice(property.length)}`.replace(/^\./, '') }));
}

/** `{ wallet }` or `{ wallet: w }` binding `name`: the property it takes; undefined for nested patterns and rests. */
function destructuredProperty(pattern: ts.BindingName, name: string): string | undefined {
  if (!ts.isObjectBindingPattern(pattern)) return undefined;
  for (const element of pattern.elements) {
    if (element.dotDotDotToken || !ts.isIdentifier(element.name) || element.name.text !== name) continue;
    return element.propertyName ? propertyKey(element.propertyName) : name;
  }
  return undefined;
}

/**
 * `token?: never`, `token?: undefined`: no value can be put in the field, and
 * JSON.stringify leaves a field holding `undefined` out. Apps declare one to
 * keep a secret out of a persisted object at compile time, so it is no field
 * of what is stored. `string | undefined` can still hold the secret.
 */
function holdsNoValue(type: ts.TypeNode): boolean {
  if (ts.isParenthesizedTypeNode(type)) return holdsNoValue(type.type);
  if (ts.isUnionTypeNode(type)) return type.types.every(holdsNoValue);
  return type.kind === ts.SyntaxKind.NeverKeyword || type.kind === ts.SyntaxKind.UndefinedKeyword;
}

/** The type of `value as T` / `value satisfies T` (through parentheses), unless it is `as const`. */
function assertedType(expr: ts.Expression): ts.TypeNode | undefined {
  let inner: ts.Expression = expr;
  while (ts.isParenthesizedExpression(inner)) inner = inner.expression;
  if (!ts.isAsExpression(inner) && !ts.isSatisfiesExpression(inner)) return undefined;
  const type = inner.type;
  return ts.isTypeReferenceNode(type) && ts.isIdentifier(type.typeName) && type.typeName.text === 'const' ? undefined : type;
}
