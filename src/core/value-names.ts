import { ts } from './ts.js';
import { isConstDeclaration, type FileModel } from './model.js';
import { isUndefinedValue, memberName, resolveObject, stripWrappers } from './values.js';

// The names a written value goes by: `accessToken`, `session.accessToken`, the
// property names of `JSON.stringify({ accessToken, user })`. A rule asks the
// secret classifier about each of them; a value with no names (a literal, a
// call result) tells nothing.

export interface ValueName {
  /**
   * What the classifier looks at, with `explainMember`: a variable name, a
   * property name, or a member chain (`auth.tokens`), whose objects can make
   * a token a credential.
   */
  name: string;
  /** How a message shows where the name comes from: `session.accessToken`. */
  label: string;
}

const MAX_DEPTH = 6;

/** `JSON.stringify(x)` with the global JSON: its argument. */
export function jsonStringifyArgument(expr: ts.Expression, file: FileModel): ts.Expression | undefined {
  if (!ts.isCallExpression(expr)) return undefined;
  const callee = stripWrappers(expr.expression);
  if (!ts.isPropertyAccessExpression(callee) || callee.name.text !== 'stringify') return undefined;
  const receiver = stripWrappers(callee.expression);
  if (!ts.isIdentifier(receiver) || receiver.text !== 'JSON' || file.resolveIdentifier(receiver)) return undefined;
  return expr.arguments[0];
}

/** `a.b.c` for names and member chains (string-literal element access included); undefined otherwise. */
export function memberPath(expr: ts.Expression): string | undefined {
  const inner = stripWrappers(expr);
  if (ts.isIdentifier(inner) || inner.kind === ts.SyntaxKind.ThisKeyword) return inner.getText();
  if (ts.isPropertyAccessExpression(inner) || ts.isElementAccessExpression(inner)) {
    const name = memberName(inner);
    const base = memberPath(inner.expression);
    return name === undefined || base === undefined ? undefined : `${base}.${name}`;
  }
  return undefined;
}

/**
 * The names of a value, in source order: the variable or the member chain (and, for a `const`, the names of what it was copied from),
 * the property names and values of a `JSON.stringify({ … })` argument, and the
 * parts of templates, `+`, `??`, `||` and `?:`.
 */
export function valueNames(expr: ts.Expression, file: FileModel, depth = 0): ValueName[] {
  if (depth > MAX_DEPTH) return [];
  let inner = stripWrappers(expr);
  while (ts.isAwaitExpression(inner)) inner = stripWrappers(inner.expression);
  const deeper = (e: ts.Expression, f: FileModel = file) => valueNames(e, f, depth + 1);

  if (ts.isIdentifier(inner)) {
    if (inner.text === 'undefined') return [];
    const own = { name: inner.text, label: inner.text };
    const target = file.resolveIdentifier(inner);
    if ((target?.kind === 'local' || target?.kind === 'declaration') && isConstDeclaration(target.node) && target.node.initializer) {
      return [own, ...deeper(target.node.initializer, target.file)];
    }
    return [own];
  }
  if (ts.isPropertyAccessExpression(inner) || ts.isElementAccessExpression(inner)) {
    const name = memberName(inner);
    if (name === undefined) return [];
    const path = memberPath(inner);
    return [{ name: path ?? name, label: path ?? name }];
  }
  if (ts.isTemplateExpression(inner)) return inner.templateSpans.flatMap((span) => deeper(span.expression));
  if (ts.isBinaryExpression(inner)) {
    const op = inner.operatorToken.kind;
    const joins = op === ts.SyntaxKind.PlusToken || op === ts.SyntaxKind.QuestionQuestionToken || op === ts.SyntaxKind.BarBarToken;
    return joins ? [...deeper(inner.left), ...deeper(inner.right)] : [];
  }
  if (ts.isConditionalExpression(inner)) return [...deeper(inner.whenTrue), ...deeper(inner.whenFalse)];
  const arg = jsonStringifyArgument(inner, file);
  if (arg) {
    const names = deeper(arg);
    const object = resolveObject(arg, file);
    for (const [key, property] of object?.properties ?? []) {
      if (isUndefinedValue(property.expr, property.file)) continue;
      names.push({ name: key, label: key }, ...deeper(property.expr, property.file));
    }
    return names;
  }
  return [];
}
