import { ts } from './ts.js';
import { isConstDeclaration, type FileModel, type NameTarget } from './model.js';
import { propertyKey, stripWrappers } from './values.js';
import { memoSlot } from './memo-slot.js';
import { syntaxIndex, writtenNodes } from './syntax-index.js';

// Every value a mutable place is given, for a question that must hold for
// each of them ("is this an MMKV instance without an encryptionKey?"):
//
//   let box: MMKV;  if (id) box = new MMKV({ id }); else box = vaults.current;
//   export const vaults = { current: undefined as MMKV | undefined };  …  vaults.current = new MMKV({ id });
//
// A `let` or `var` is given its initializer and every `=` to it in its scope
// (an importer cannot assign an imported binding). A property of a constant
// object literal is given the literal's value and every `object.name =` in
// the files the analysis can see: the object's own file and the file that
// asks. Any other write (`+=`, a destructuring target, `Object.assign`, a
// computed member) makes the values unknown: undefined, never a guess.

/** A value given, with the file it is written in. */
export interface GivenValue {
  expr: ts.Expression;
  file: FileModel;
}

type Write = { kind: 'assigned'; value: ts.Expression } | { kind: 'removed' } | { kind: 'unknown' };

/** Whether an expression is written to here, and how: `x = v`, `delete o.x`, or a write whose value cannot be read. */
export function writeAt(node: ts.Expression): Write | undefined {
  let child: ts.Node = node;
  let parent = node.parent;
  while (
    parent &&
    (ts.isParenthesizedExpression(parent) ||
      ts.isNonNullExpression(parent) ||
      ts.isAsExpression(parent) ||
      ts.isSatisfiesExpression(parent) ||
      ts.isTypeAssertionExpression(parent))
  ) {
    child = parent;
    parent = parent.parent;
  }
  if (!parent) return undefined;
  if (ts.isBinaryExpression(parent) && parent.left === child) {
    const operator = parent.operatorToken.kind;
    if (operator === ts.SyntaxKind.EqualsToken) return { kind: 'assigned', value: parent.right };
    return operator >= ts.SyntaxKind.FirstCompoundAssignment && operator <= ts.SyntaxKind.LastCompoundAssignment ? { kind: 'unknown' } : undefined;
  }
  if ((ts.isPrefixUnaryExpression(parent) || ts.isPostfixUnaryExpression(parent)) && isIncrement(parent.operator)) return { kind: 'unknown' };
  if (ts.isDeleteExpression(parent)) return { kind: 'removed' };
  if ((ts.isForOfStatement(parent) || ts.isForInStatement(parent)) && parent.initializer === child) return { kind: 'unknown' };
  // A destructuring target: a piece of an array or object literal that is itself written to.
  if (isLiteralPiece(parent, child)) {
    let top: ts.Node = parent;
    while (top.parent && isLiteralPiece(top.parent, top)) top = top.parent;
    return ts.isExpression(top) && writeAt(top) ? { kind: 'unknown' } : undefined;
  }
  return undefined;
}

function isIncrement(operator: ts.SyntaxKind): boolean {
  return operator === ts.SyntaxKind.PlusPlusToken || operator === ts.SyntaxKind.MinusMinusToken;
}

function isLiteralPiece(parent: ts.Node, child: ts.Node): boolean {
  return (
    ts.isArrayLiteralExpression(parent) ||
    ts.isObjectLiteralExpression(parent) ||
    ts.isShorthandPropertyAssignment(parent) ||
    (ts.isPropertyAssignment(parent) && parent.initializer === child) ||
    ts.isSpreadElement(parent) ||
    ts.isSpreadAssignment(parent)
  );
}

/** The values a `let` or `var` is given (a `const`: its initializer); undefined when one write cannot be read. */
export function variableValues(declaration: ts.VariableDeclaration, file: FileModel): GivenValue[] | undefined {
  const declared = declaration.name;
  if (!ts.isIdentifier(declared)) return undefined;
  const initial = declaration.initializer ? [{ expr: declaration.initializer, file }] : [];
  if (isConstDeclaration(declaration)) return initial;
  const name = declared.text;
  const values: GivenValue[] = [...initial];
  // The file's writes are in its syntax index; a name read elsewhere is no write.
  for (const node of writtenNodes(file.sf, (node) => ts.isIdentifier(node) && node.text === name)) {
    const write = writeAt(node);
    if (!write || nodeOf(file.resolveIdentifier(node as ts.Identifier)) !== declaration) continue;
    if (write.kind === 'assigned') values.push({ expr: write.value, file });
    else if (write.kind === 'unknown') return undefined;
  }
  return values;
}

/** The declaration a name refers to, if it is one of the app's. */
function nodeOf(target: NameTarget | undefined): ts.Node | undefined {
  return target?.kind === 'local' || target?.kind === 'declaration' ? target.node : undefined;
}

/** Property writes of a file, by property name (`*` for a computed name), found once per file. */
const PROPERTY_WRITES = memoSlot<Map<string, { object: ts.Expression; write: Write }[]>>('propertyWrites');

function propertyWrites(file: FileModel): Map<string, { object: ts.Expression; write: Write }[]> {
  return file.cached(PROPERTY_WRITES, () => {
    const writes = new Map<string, { object: ts.Expression; write: Write }[]>();
    const add = (name: string, object: ts.Expression, write: Write) => writes.set(name, [...(writes.get(name) ?? []), { object, write }]);
    for (const node of writtenNodes(file.sf, (node) => ts.isPropertyAccessExpression(node) || ts.isElementAccessExpression(node))) {
      const access = node as ts.PropertyAccessExpression | ts.ElementAccessExpression;
      const write = writeAt(access);
      if (!write) continue;
      const name = ts.isPropertyAccessExpression(access) ? access.name.text : literalName(access.argumentExpression);
      add(name ?? '*', access.expression, write);
    }
    for (const call of syntaxIndex(file.sf).calls) if (isObjectAssign(call) && call.arguments[0]) add('*', call.arguments[0], { kind: 'unknown' });
    return writes;
  });
}

function literalName(expr: ts.Expression): string | undefined {
  const inner = stripWrappers(expr);
  return ts.isStringLiteralLike(inner) || ts.isNumericLiteral(inner) ? inner.text : undefined;
}

function isObjectAssign(call: ts.CallExpression): boolean {
  const callee = stripWrappers(call.expression);
  return ts.isPropertyAccessExpression(callee) && ts.isIdentifier(callee.expression) && callee.expression.text === 'Object' && callee.name.text === 'assign';
}

/**
 * The values `object.name` is given, when `object` names a constant whose
 * initializer is an object literal: the literal's own value (none when it
 * has no such property) and every write seen. Undefined when the object is
 * no such constant, or a write or a spread cannot be read.
 */
export function propertyValues(access: ts.PropertyAccessExpression, file: FileModel): GivenValue[] | undefined {
  const base = stripWrappers(access.expression);
  if (!ts.isIdentifier(base)) return undefined;
  const target = file.resolveIdentifier(base);
  if ((target?.kind !== 'local' && target?.kind !== 'declaration') || !isConstDeclaration(target.node) || !target.node.initializer) return undefined;
  const declaration = target.node;
  const literal = stripWrappers(declaration.initializer!);
  if (!ts.isObjectLiteralExpression(literal)) return undefined;
  const name = access.name.text;
  const values: GivenValue[] = [];
  for (const property of literal.properties) {
    if (ts.isSpreadAssignment(property)) return undefined;
    const key = propertyKey(property.name);
    if (key === undefined) return undefined;
    if (key !== name) continue;
    if (ts.isPropertyAssignment(property)) values.push({ expr: property.initializer, file: target.file });
    else if (ts.isShorthandPropertyAssignment(property)) values.push({ expr: property.name, file: target.file });
    else return undefined;
  }
  for (const seen of new Set([target.file, file])) {
    const writes = propertyWrites(seen);
    for (const { object, write } of [...(writes.get(name) ?? []), ...(writes.get('*') ?? [])]) {
      const written = stripWrappers(object);
      if (!ts.isIdentifier(written) || written.text !== base.text || nodeOf(seen.resolveIdentifier(written)) !== declaration) continue;
      if (write.kind === 'unknown') return undefined;
      if (write.kind === 'assigned') values.push({ expr: write.value, file: seen });
    }
  }
  return values;
}
