import { ts } from './ts.js';
import type { FileModel } from './model.js';
import { stripWrappers } from './values.js';

// Code that only runs on the web: SecureStore does not exist there, and the
// expo-secure-store docs themselves show a web fallback to browser storage.
// Rules about the device's storage leave such branches alone.

/** `Platform.OS === 'web'` (true), `Platform.OS !== 'web'` (false), else undefined. */
function testsWeb(condition: ts.Expression, file: FileModel): boolean | undefined {
  const inner = stripWrappers(condition);
  if (ts.isPrefixUnaryExpression(inner) && inner.operator === ts.SyntaxKind.ExclamationToken) {
    const negated = testsWeb(inner.operand, file);
    return negated === undefined ? undefined : !negated;
  }
  if (!ts.isBinaryExpression(inner)) return undefined;
  const op = inner.operatorToken.kind;
  const equal = op === ts.SyntaxKind.EqualsEqualsEqualsToken || op === ts.SyntaxKind.EqualsEqualsToken;
  const notEqual = op === ts.SyntaxKind.ExclamationEqualsEqualsToken || op === ts.SyntaxKind.ExclamationEqualsToken;
  if (!equal && !notEqual) return undefined;
  const [a, b] = [stripWrappers(inner.left), stripWrappers(inner.right)];
  const platformSide = isPlatformOs(a, file) ? b : isPlatformOs(b, file) ? a : undefined;
  if (!platformSide || !ts.isStringLiteralLike(platformSide) || platformSide.text !== 'web') return undefined;
  return equal;
}

/** `Platform.OS`, where `Platform` is not a local name of the file (it is React Native's). */
function isPlatformOs(expr: ts.Expression, file: FileModel): boolean {
  if (!ts.isPropertyAccessExpression(expr) || expr.name.text !== 'OS' || !ts.isIdentifier(expr.expression) || expr.expression.text !== 'Platform') return false;
  const target = file.resolveIdentifier(expr.expression);
  return target === undefined || target.kind === 'api';
}

/** Whether `node` sits in a branch that runs only when `Platform.OS === 'web'`. */
export function isWebOnlyBranch(node: ts.Node, file: FileModel): boolean {
  for (let child = node, parent = node.parent; parent; child = parent, parent = parent.parent) {
    if (ts.isIfStatement(parent) && child !== parent.expression) {
      const web = testsWeb(parent.expression, file);
      if (web !== undefined && (child === parent.thenStatement) === web) return true;
    }
    if (ts.isConditionalExpression(parent) && child !== parent.condition) {
      const web = testsWeb(parent.condition, file);
      if (web !== undefined && (child === parent.whenTrue) === web) return true;
    }
  }
  return false;
}
