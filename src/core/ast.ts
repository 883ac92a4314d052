import { ts } from './ts.js';

export type FunctionNode =
  | ts.FunctionDeclaration
  | ts.FunctionExpression
  | ts.ArrowFunction
  | ts.MethodDeclaration
  | ts.GetAccessorDeclaration
  | ts.SetAccessorDeclaration
  | ts.ConstructorDeclaration;

/**
 * Function kinds, as a table: this runs for every node of every analysed
 * file, and each `ts.SyntaxKind.X` read is a call (TypeScript's exports are
 * getters), seven of them per node in a switch.
 */
const FUNCTION_KINDS = new Uint8Array(ts.SyntaxKind.Count);
for (const kind of [
  ts.SyntaxKind.FunctionDeclaration,
  ts.SyntaxKind.FunctionExpression,
  ts.SyntaxKind.ArrowFunction,
  ts.SyntaxKind.MethodDeclaration,
  ts.SyntaxKind.GetAccessor,
  ts.SyntaxKind.SetAccessor,
  ts.SyntaxKind.Constructor,
]) {
  FUNCTION_KINDS[kind] = 1;
}

/** Kinds of node that hold a list of statements: the blocks a `const` or `function` is scoped to. */
export const STATEMENT_LIST_KINDS: readonly ts.SyntaxKind[] = [
  ts.SyntaxKind.Block,
  ts.SyntaxKind.ModuleBlock,
  ts.SyntaxKind.CaseClause,
  ts.SyntaxKind.DefaultClause,
];

export function isFunctionNode(node: ts.Node): node is FunctionNode {
  return FUNCTION_KINDS[node.kind] === 1;
}

/** The innermost function that contains `node`, or undefined at module level. */
export function enclosingFunction(node: ts.Node): FunctionNode | undefined {
  for (let current = node.parent; current; current = current.parent) {
    if (isFunctionNode(current)) return current;
  }
  return undefined;
}

/** The name a function is known by: its own, or the variable, property or method it is assigned to. */
export function functionName(fn: FunctionNode): string | undefined {
  if ((ts.isFunctionDeclaration(fn) || ts.isFunctionExpression(fn)) && fn.name) return fn.name.text;
  if (ts.isMethodDeclaration(fn) || ts.isGetAccessorDeclaration(fn) || ts.isSetAccessorDeclaration(fn)) {
    return ts.isIdentifier(fn.name) || ts.isStringLiteral(fn.name) ? fn.name.text : undefined;
  }
  let parent = fn.parent;
  while (parent && (ts.isParenthesizedExpression(parent) || ts.isAsExpression(parent) || ts.isSatisfiesExpression(parent))) parent = parent.parent;
  // React.memo(function ...), forwardRef((props, ref) => ...): the wrapper call's variable names it.
  if (parent && ts.isCallExpression(parent) && parent.arguments.includes(fn as ts.Expression)) {
    const wrapped = parent.parent;
    if (wrapped && ts.isVariableDeclaration(wrapped) && ts.isIdentifier(wrapped.name) && isComponentWrapperCall(parent)) return wrapped.name.text;
  }
  if (parent && ts.isVariableDeclaration(parent) && ts.isIdentifier(parent.name)) return parent.name.text;
  if (parent && ts.isPropertyAssignment(parent) && (ts.isIdentifier(parent.name) || ts.isStringLiteral(parent.name))) return parent.name.text;
  if (parent && ts.isPropertyDeclaration(parent) && ts.isIdentifier(parent.name)) return parent.name.text;
  if (parent && ts.isExportAssignment(parent)) return 'default';
  return undefined;
}

function isComponentWrapperCall(call: ts.CallExpression): boolean {
  const callee = call.expression;
  const name = ts.isIdentifier(callee) ? callee.text : ts.isPropertyAccessExpression(callee) ? callee.name.text : '';
  return name === 'memo' || name === 'forwardRef';
}

export function isAsyncFunction(fn: FunctionNode): boolean {
  return (ts.getCombinedModifierFlags(fn) & ts.ModifierFlags.Async) !== 0;
}

/** Calls a name as a method or a plain function: `x.map(...)` gives "map". */
export function calleeName(call: ts.CallExpression): string | undefined {
  const callee = call.expression;
  if (ts.isIdentifier(callee)) return callee.text;
  if (ts.isPropertyAccessExpression(callee) && ts.isIdentifier(callee.name)) return callee.name.text;
  return undefined;
}
