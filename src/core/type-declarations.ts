import { ts } from './ts.js';
import type { FileModel } from './model.js';

// Types read from what is written, without a type checker: a name in a type
// annotation is looked up among the declarations of the same file, and enums
// also through imports (an enum is a value too, so the model follows it like
// a constant). Interfaces and type aliases of other files stay unknown.

export type TypeDeclaration = ts.InterfaceDeclaration | ts.TypeAliasDeclaration | ts.EnumDeclaration;

/** The interface, type alias or enum a type name refers to, with its file; undefined when unknown. */
export function typeDeclaration(name: string, file: FileModel): { node: TypeDeclaration; file: FileModel } | undefined {
  for (const statement of file.sf.statements) {
    if ((ts.isInterfaceDeclaration(statement) || ts.isTypeAliasDeclaration(statement) || ts.isEnumDeclaration(statement)) && statement.name.text === name) {
      return { node: statement, file };
    }
  }
  const target = file.resolveTopLevel(name);
  if ((target?.kind === 'declaration' || target?.kind === 'local') && ts.isEnumDeclaration(target.node)) return { node: target.node, file: target.file };
  return undefined;
}

/** `T` in `x: T` when `T` is a plain name (no type arguments). */
export function referencedTypeName(type: ts.TypeNode): string | undefined {
  return ts.isTypeReferenceNode(type) && ts.isIdentifier(type.typeName) && !type.typeArguments ? type.typeName.text : undefined;
}
