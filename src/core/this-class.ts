import { ts } from './ts.js';
import type { FileModel } from './model.js';
import { memoSlot } from './memo-slot.js';
import { syntaxIndex, writtenNodes } from './syntax-index.js';

// Which class `this` belongs to, and whether an instance field still holds its
// initializer when a method reads it. Value resolution asks this for
// `this.X`; nothing here resolves a value itself.

/** The class `this` refers to at a node, and whether it is the class itself (static code) or an instance. */
export interface ThisClass {
  cls: ts.ClassLikeDeclaration;
  isStatic: boolean;
}

/**
 * The class whose `this` a node sees: through arrow functions, up to the
 * nearest method, accessor, constructor or field initializer of a class. A
 * `function` or a static block in between has a `this` of its own: unknown.
 */
export function thisClass(node: ts.Node): ThisClass | undefined {
  for (let current = node.parent; current; current = current.parent) {
    if (ts.isArrowFunction(current)) continue;
    if (
      ts.isMethodDeclaration(current) ||
      ts.isGetAccessorDeclaration(current) ||
      ts.isSetAccessorDeclaration(current) ||
      ts.isPropertyDeclaration(current) ||
      ts.isConstructorDeclaration(current)
    ) {
      if (!ts.isClassLike(current.parent)) return undefined;
      const isStatic = !ts.isConstructorDeclaration(current) && (ts.getCombinedModifierFlags(current) & ts.ModifierFlags.Static) !== 0;
      return { cls: current.parent, isStatic };
    }
    if (ts.isFunctionLike(current) || ts.isClassLike(current) || ts.isClassStaticBlockDeclaration(current)) return undefined;
  }
  return undefined;
}

/** Member names the file writes after an object is made; `all` when a write's name cannot be known. */
interface WrittenMembers {
  all: boolean;
  names: Set<string>;
  /** The file's classes with an `extends` clause, which may declare a base's field again. */
  derived: readonly ts.ClassLikeDeclaration[];
}

const WRITTEN_MEMBERS = memoSlot<WrittenMembers>('writtenMembers');

/**
 * Whether an instance field of `cls` may hold something other than its
 * initializer when a method reads it: the file writes a member of that name
 * anywhere (`this.X = …`, `vault.X = …`, `X++`, a destructuring target,
 * `delete`, `Object.assign(this, …)`), or a class of the file that extends
 * `cls` declares the field again. Writes in other files are not seen: a field
 * the class's own code never sets is taken to keep its initializer.
 */
export function isInstanceFieldRewritten(cls: ts.ClassLikeDeclaration, name: string, file: FileModel): boolean {
  const written = file.cached(WRITTEN_MEMBERS, () => writtenMembers(file.sf));
  if (written.all || written.names.has(name)) return true;
  return redeclaredBySubclass(cls, name, written.derived, file);
}

function writtenMembers(sf: ts.SourceFile): WrittenMembers {
  const result: WrittenMembers = { all: false, names: new Set(), derived: [] };
  const index = syntaxIndex(sf);
  const isMemberAccess = (node: ts.Node) => ts.isPropertyAccessExpression(node) || ts.isElementAccessExpression(node);
  for (const access of writtenNodes(sf, isMemberAccess)) {
    if (ts.isPropertyAccessExpression(access)) {
      result.names.add(access.name.text);
    } else if (ts.isElementAccessExpression(access)) {
      const arg = skipParentheses(access.argumentExpression);
      if (ts.isStringLiteralLike(arg) || ts.isNumericLiteral(arg)) result.names.add(arg.text);
      // `this[name] = …` may set any field; `map[id] = …` on another object sets an entry of that object.
      else if (skipParentheses(access.expression).kind === ts.SyntaxKind.ThisKeyword) result.all = true;
    }
  }
  if (index.calls.some(writesMembersOfThis)) result.all = true;
  result.derived = index.derivedClasses;
  return result;
}

/** `Object.assign(this, …)` / `Object.defineProperty(this, …)`: fields set from values not written here. */
function writesMembersOfThis(call: ts.CallExpression): boolean {
  const callee = call.expression;
  if (!ts.isPropertyAccessExpression(callee) || !ts.isIdentifier(callee.expression) || callee.expression.text !== 'Object') return false;
  const method = callee.name.text;
  if (method !== 'assign' && method !== 'defineProperty' && method !== 'defineProperties') return false;
  const target = call.arguments[0];
  return target !== undefined && skipParentheses(target).kind === ts.SyntaxKind.ThisKeyword;
}

/**
 * A class of the file whose `extends` names `cls` and that declares a member
 * of that name. The file's derived classes come from its syntax index: a walk
 * per field read made large files slow.
 */
function redeclaredBySubclass(cls: ts.ClassLikeDeclaration, name: string, derived: readonly ts.ClassLikeDeclaration[], file: FileModel): boolean {
  return derived.some(
    (node) => node !== cls && extendsClass(node, cls, file) && node.members.some((member) => member.name !== undefined && memberNameText(member.name) === name),
  );
}

function extendsClass(node: ts.ClassLikeDeclaration, cls: ts.ClassLikeDeclaration, file: FileModel): boolean {
  const clause = node.heritageClauses?.find((h) => h.token === ts.SyntaxKind.ExtendsKeyword);
  const base = clause?.types[0]?.expression;
  if (!base || !ts.isIdentifier(base)) return false;
  // A base that cannot be resolved may be `cls` under another name: count it.
  const target = file.resolveIdentifier(base);
  return target === undefined || !('node' in target) || target.node === cls;
}

function memberNameText(name: ts.PropertyName | ts.PrivateIdentifier): string | undefined {
  if (ts.isIdentifier(name) || ts.isPrivateIdentifier(name) || ts.isStringLiteralLike(name) || ts.isNumericLiteral(name)) return name.text;
  return undefined;
}

function skipParentheses(expr: ts.Expression): ts.Expression {
  let current = expr;
  while (ts.isParenthesizedExpression(current) || ts.isNonNullExpression(current) || ts.isAsExpression(current)) current = current.expression;
  return current;
}
