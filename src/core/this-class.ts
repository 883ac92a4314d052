import { ts } from './ts.js';
import type { FileModel } from './model.js';
import { memoSlot } from './memo-slot.js';

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
  return redeclaredBySubclass(cls, name, file);
}

function writtenMembers(sf: ts.SourceFile): WrittenMembers {
  const result: WrittenMembers = { all: false, names: new Set() };
  const addTarget = (target: ts.Expression): void => {
    const inner = skipParentheses(target);
    if (ts.isPropertyAccessExpression(inner)) {
      if (ts.isIdentifier(inner.name)) result.names.add(inner.name.text);
      else if (ts.isPrivateIdentifier(inner.name)) result.names.add(inner.name.text);
    } else if (ts.isElementAccessExpression(inner)) {
      const arg = skipParentheses(inner.argumentExpression);
      if (ts.isStringLiteralLike(arg) || ts.isNumericLiteral(arg)) result.names.add(arg.text);
      // `this[name] = …` may set any field; `map[id] = …` on another object sets an entry of that object.
      else if (skipParentheses(inner.expression).kind === ts.SyntaxKind.ThisKeyword) result.all = true;
    } else if (ts.isObjectLiteralExpression(inner) || ts.isArrayLiteralExpression(inner)) {
      // A destructuring assignment: every member access inside its targets is written.
      inner.forEachChild(function visitPattern(child): void {
        if (ts.isPropertyAccessExpression(child) || ts.isElementAccessExpression(child)) addTarget(child);
        else child.forEachChild(visitPattern);
      });
    }
  };
  const visit = (node: ts.Node): void => {
    if (ts.isBinaryExpression(node) && isAssignmentOperator(node.operatorToken.kind)) addTarget(node.left);
    else if ((ts.isPrefixUnaryExpression(node) || ts.isPostfixUnaryExpression(node)) && isIncrementOrDecrement(node.operator)) addTarget(node.operand);
    else if (ts.isDeleteExpression(node)) addTarget(node.expression);
    else if ((ts.isForOfStatement(node) || ts.isForInStatement(node)) && !ts.isVariableDeclarationList(node.initializer)) addTarget(node.initializer);
    else if (ts.isCallExpression(node) && writesMembersOfThis(node)) result.all = true;
    node.forEachChild(visit);
  };
  visit(sf);
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

/** A class of the file whose `extends` names `cls` and that declares a member of that name. */
function redeclaredBySubclass(cls: ts.ClassLikeDeclaration, name: string, file: FileModel): boolean {
  let found = false;
  const visit = (node: ts.Node): void => {
    if (found) return;
    if (ts.isClassLike(node) && node !== cls && extendsClass(node, cls, file)) {
      found = node.members.some((member) => member.name !== undefined && memberNameText(member.name) === name);
    }
    node.forEachChild(visit);
  };
  visit(file.sf);
  return found;
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

function isAssignmentOperator(op: ts.SyntaxKind): boolean {
  return op >= ts.SyntaxKind.FirstAssignment && op <= ts.SyntaxKind.LastAssignment;
}

function isIncrementOrDecrement(op: ts.SyntaxKind): boolean {
  return op === ts.SyntaxKind.PlusPlusToken || op === ts.SyntaxKind.MinusMinusToken;
}
