import { ts } from './ts.js';
import type { FileModel } from './model.js';

// Types read from what is written, without a type checker: a name in a type
// annotation is looked up among the declarations of its file, then through
// the file's imports (`import { type Mode } from './modes'`) to a declaration
// the imported module exports itself. The model's bindings leave type-only
// imports out, so this module reads the import declarations on its own.

export type TypeDeclaration = ts.InterfaceDeclaration | ts.TypeAliasDeclaration | ts.EnumDeclaration;

function isTypeDeclaration(statement: ts.Statement): statement is TypeDeclaration {
  return ts.isInterfaceDeclaration(statement) || ts.isTypeAliasDeclaration(statement) || ts.isEnumDeclaration(statement);
}

function isExported(statement: TypeDeclaration): boolean {
  return ts.getModifiers(statement)?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword) ?? false;
}

/**
 * Whether a type name is imported from a module this front-end cannot see
 * (none it can resolve to an app file, or no way to follow imports at all):
 * what it is can only be known elsewhere, and is not guessed.
 */
export function importedOutOfSight(name: string, file: FileModel): boolean {
  return file.sf.statements.some((statement) => {
    if (!ts.isImportDeclaration(statement) || !ts.isStringLiteral(statement.moduleSpecifier)) return false;
    const named = statement.importClause?.namedBindings;
    if (named === undefined || !ts.isNamedImports(named) || !named.elements.some((e) => e.name.text === name)) return false;
    return file.importedModule(statement.moduleSpecifier.text) === undefined;
  });
}

/** The interface, type alias or enum a type name refers to, with its file; undefined when unknown. */
export function typeDeclaration(name: string, file: FileModel, hops = 0): { node: TypeDeclaration; file: FileModel } | undefined {
  for (const statement of file.sf.statements) {
    if (isTypeDeclaration(statement) && statement.name.text === name && (hops === 0 || isExported(statement))) return { node: statement, file };
  }
  // One hop: a declaration the imported module exports itself (re-exports are not followed).
  if (hops > 0) return undefined;
  for (const statement of file.sf.statements) {
    if (!ts.isImportDeclaration(statement) || !ts.isStringLiteral(statement.moduleSpecifier)) continue;
    const named = statement.importClause?.namedBindings;
    if (!named || !ts.isNamedImports(named)) continue;
    const element = named.elements.find((e) => e.name.text === name);
    if (!element) continue;
    const module = file.importedModule(statement.moduleSpecifier.text);
    return module && typeDeclaration(element.propertyName?.text ?? name, module, hops + 1);
  }
  return undefined;
}

/** `T` in `x: T` when `T` is a plain name (no type arguments). */
export function referencedTypeName(type: ts.TypeNode): string | undefined {
  return ts.isTypeReferenceNode(type) && ts.isIdentifier(type.typeName) && !type.typeArguments ? type.typeName.text : undefined;
}
