import { ts } from './ts.js';
import { isConstDeclaration, type FileModel } from './model.js';
import { publicCryptoParameter } from './classifier.js';
import { isFlagValue } from './flag-value.js';
import { referencedTypeName, typeDeclaration } from './type-declarations.js';
import { memberName, stripWrappers } from './values.js';

// A value can say, from what is written, that it is no secret, whatever the
// key it is stored under says: a passcode's salt, the state of the passcode
// (`'set' | 'not-set'`), a flag. The evidence, each kind its own reason:
//
// - a flag or a number spelled out at the write (flag-value.ts);
// - a member of an enum (`PasscodeState.Set`);
// - a parameter or variable whose declared type admits only a closed set of
//   values: an enum, a union of literals, `boolean`, or an alias of these
//   written in the audited files (`state: PasscodeState`);
// - a value whose own name says it is a salt, a nonce or an IV
//   (`passcodeKey.salt`, `saltHex`), which are public by design.
//
// What never counts: a string or a number type (a PIN is a number, a hash a
// string), a hash or digest by its name (a PIN's hash is found again by
// hashing every PIN), a name such as `state` without a type that closes it,
// and anything that cannot be resolved.

const MAX_STEPS = 8;

/** Why a stored value is no secret (`enum member`, `closed set: PasscodeState`, `public crypto parameter: salt`, …); undefined when nothing says so. */
export function nonSecretValue(expr: ts.Expression, file: FileModel, steps = 0): string | undefined {
  if (steps > MAX_STEPS) return undefined;
  if (isFlagValue(expr)) return 'flag or number';
  let inner = stripWrappers(expr);
  while (ts.isAwaitExpression(inner)) inner = stripWrappers(inner.expression);
  if (ts.isConditionalExpression(inner)) {
    const whenTrue = nonSecretValue(inner.whenTrue, file, steps + 1);
    return whenTrue && nonSecretValue(inner.whenFalse, file, steps + 1) ? whenTrue : undefined;
  }
  // `salt.toString('hex')` is the same salt, written out.
  if (ts.isCallExpression(inner) && ts.isPropertyAccessExpression(inner.expression) && inner.expression.name.text === 'toString') {
    return nonSecretValue(inner.expression.expression, file, steps + 1);
  }
  if (ts.isPropertyAccessExpression(inner) || ts.isElementAccessExpression(inner)) {
    if (isEnumMember(inner, file)) return 'enum member';
    const name = memberName(inner);
    return name === undefined ? undefined : publicCryptoParameter(name);
  }
  if (ts.isIdentifier(inner)) return publicCryptoParameter(inner.text) ?? declaredNonSecret(inner, file, steps);
  return undefined;
}

function isEnumMember(expr: ts.PropertyAccessExpression | ts.ElementAccessExpression, file: FileModel): boolean {
  const object = stripWrappers(expr.expression);
  if (!ts.isIdentifier(object)) return false;
  const target = file.resolveIdentifier(object);
  return (target?.kind === 'declaration' || target?.kind === 'local') && ts.isEnumDeclaration(target.node);
}

/** A parameter or variable whose declared type is a closed set, or a `const` whose initialiser is no secret. */
function declaredNonSecret(identifier: ts.Identifier, file: FileModel, steps: number): string | undefined {
  const target = file.resolveIdentifier(identifier);
  if (target?.kind === 'parameter') {
    const type = target.fn.parameters[target.index]?.type;
    return type && closedSet(type, target.file, steps + 1) ? `closed set: ${type.getText()}` : undefined;
  }
  if (target?.kind !== 'local' && target?.kind !== 'declaration') return undefined;
  const node = target.node;
  if (!ts.isVariableDeclaration(node)) return undefined;
  if (node.type && closedSet(node.type, target.file, steps + 1)) return `closed set: ${node.type.getText()}`;
  return isConstDeclaration(node) && node.initializer ? nonSecretValue(node.initializer, target.file, steps + 1) : undefined;
}

/** Whether a written type admits only a closed set of values: literals, `boolean`, enums, and unions and aliases of these. */
export function closedSet(type: ts.TypeNode, file: FileModel, steps = 0): boolean {
  if (steps > MAX_STEPS) return false;
  if (ts.isParenthesizedTypeNode(type)) return closedSet(type.type, file, steps + 1);
  if (ts.isLiteralTypeNode(type) || type.kind === ts.SyntaxKind.BooleanKeyword || type.kind === ts.SyntaxKind.UndefinedKeyword) return true;
  if (ts.isUnionTypeNode(type)) return type.types.every((t) => closedSet(t, file, steps + 1));
  const name = referencedTypeName(type);
  const declared = name === undefined ? undefined : typeDeclaration(name, file);
  if (!declared) return false;
  if (ts.isEnumDeclaration(declared.node)) return true;
  return ts.isTypeAliasDeclaration(declared.node) && closedSet(declared.node.type, declared.file, steps + 1);
}
