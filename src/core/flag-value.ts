import { ts } from './ts.js';
import { stripWrappers } from './values.js';

// A write whose value is written out as a flag or a number stores no secret,
// whatever its key says: `storage.set('passcode-setup-shown', true)` records
// that a screen was shown, `setItem('returnToSettingsAfterPinChange', 'true')`
// where to go next. Only what the code spells out counts, so nothing is
// guessed: a variable, a constant or a call's result is not a flag here.

const FLAG_STRINGS = new Set(['true', 'false']);

/**
 * Whether `expr` is, as written, a flag or a number: `true` / `false`,
 * `'true'` / `'false'`, a number literal (`0`, `-1`), `String(…)` of one of
 * these, or `c ? a : b` where both `a` and `b` are.
 */
export function isFlagValue(expr: ts.Expression): boolean {
  const inner = stripWrappers(expr);
  if (inner.kind === ts.SyntaxKind.TrueKeyword || inner.kind === ts.SyntaxKind.FalseKeyword) return true;
  if (ts.isNumericLiteral(inner)) return true;
  if (ts.isPrefixUnaryExpression(inner)) return inner.operator === ts.SyntaxKind.MinusToken && ts.isNumericLiteral(stripWrappers(inner.operand));
  if (ts.isStringLiteral(inner) || ts.isNoSubstitutionTemplateLiteral(inner)) return FLAG_STRINGS.has(inner.text);
  if (ts.isConditionalExpression(inner)) return isFlagValue(inner.whenTrue) && isFlagValue(inner.whenFalse);
  if (ts.isCallExpression(inner) && ts.isIdentifier(inner.expression) && inner.expression.text === 'String' && inner.arguments.length === 1) {
    return isFlagValue(inner.arguments[0]!);
  }
  return false;
}
