import { ts } from './ts.js';

export type FunctionNode =
  | ts.FunctionDeclaration
  | ts.FunctionExpression
  | ts.ArrowFunction
  | ts.MethodDeclaration
  | ts.GetAccessorDeclaration
  | ts.SetAccessorDeclaration
  | ts.ConstructorDeclaration;

export function isFunctionNode(node: ts.Node): node is FunctionNode {
  // One switch on the kind: this runs for every node of every analysed file.
  switch (node.kind) {
    case ts.SyntaxKind.FunctionDeclaration:
    case ts.SyntaxKind.FunctionExpression:
    case ts.SyntaxKind.ArrowFunction:
    case ts.SyntaxKind.MethodDeclaration:
    case ts.SyntaxKind.GetAccessor:
    case ts.SyntaxKind.SetAccessor:
    case ts.SyntaxKind.Constructor:
      return true;
    default:
      return false;
  }
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

/** Leading position of a node, skipping trivia. */
export function startOf(node: ts.Node, sf: ts.SourceFile): number {
  return node.getStart(sf);
}

export function isAsyncFunction(fn: FunctionNode): boolean {
  return (ts.getCombinedModifierFlags(fn as ts.Declaration) & ts.ModifierFlags.Async) !== 0;
}

/** Calls a name as a method or a plain function: `x.map(...)` gives "map". */
export function calleeName(call: ts.CallExpression): string | undefined {
  const callee = call.expression;
  if (ts.isIdentifier(callee)) return callee.text;
  if (ts.isPropertyAccessExpression(callee) && ts.isIdentifier(callee.name)) return callee.name.text;
  return undefined;
}
