import { ts } from './ts.js';
import type { FileModel } from './model.js';
import { stripWrappers } from './values.js';

const PRIMITIVE_TYPES = new Set([ts.SyntaxKind.StringKeyword, ts.SyntaxKind.NumberKeyword, ts.SyntaxKind.BooleanKeyword, ts.SyntaxKind.BigIntKeyword]);

function isPrimitiveType(type: ts.TypeNode | undefined): boolean {
  if (!type) return false;
  if (PRIMITIVE_TYPES.has(type.kind) || ts.isLiteralTypeNode(type)) return true;
  // `string | null`: still no object to serialise.
  if (ts.isUnionTypeNode(type))
    return type.types.every(
      (t) => isPrimitiveType(t) || (ts.isLiteralTypeNode(t) && t.literal.kind === ts.SyntaxKind.NullKeyword) || t.kind === ts.SyntaxKind.UndefinedKeyword,
    );
  return false;
}

/**
 * Whether a name is declared with a primitive type (`value: string`): the
 * written annotation, read without a type checker. Unknown is false.
 */
export function hasPrimitiveDeclaredType(expr: ts.Expression, file: FileModel): boolean {
  const inner = stripWrappers(expr);
  if (!ts.isIdentifier(inner)) return false;
  const target = file.resolveIdentifier(inner);
  if (!target) return false;
  if (target.kind === 'parameter') return isPrimitiveType(target.fn.parameters[target.index]?.type);
  if (target.kind === 'api' || target.kind === 'opaque') return false;
  const node = target.node;
  return (ts.isVariableDeclaration(node) || ts.isParameter(node)) && isPrimitiveType(node.type);
}
