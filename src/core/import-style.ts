import { ts } from './ts.js';
import { SECURE_STORE_MODULE } from './apis.js';
import type { FileModel } from './model.js';
import type { TextEdit } from './types.js';

/**
 * How to write a reference to `member` of expo-secure-store in this file, in
 * the file's own import style: `SecureStore.X` under a namespace import, `X`
 * under a named import (adding it to the import when missing). Undefined when
 * the file gives no clean place to add it.
 */
export function secureStoreMemberReference(file: FileModel, member: string): { text: string; edits: TextEdit[] } | undefined {
  let namespaceName: string | undefined;
  for (const [local, binding] of file.apiBindings) {
    if (binding.api !== 'secure-store') continue;
    if (binding.kind === 'member' && binding.member === member) return { text: local, edits: [] };
    if (binding.kind === 'namespace') namespaceName ??= local;
  }
  if (namespaceName) return { text: `${namespaceName}.${member}`, edits: [] };
  if (file.resolveTopLevel(member)) return undefined; // the name is taken by something else
  for (const statement of file.sf.statements) {
    if (!ts.isImportDeclaration(statement) || !ts.isStringLiteral(statement.moduleSpecifier)) continue;
    if (statement.moduleSpecifier.text !== SECURE_STORE_MODULE) continue;
    const named = statement.importClause?.namedBindings;
    if (named && ts.isNamedImports(named) && !statement.importClause?.isTypeOnly) {
      const last = named.elements[named.elements.length - 1];
      const edit = last
        ? { start: last.getEnd(), end: last.getEnd(), text: `, ${member}` }
        : { start: named.getStart(file.sf) + 1, end: named.getStart(file.sf) + 1, text: ` ${member} ` };
      return { text: member, edits: [edit] };
    }
  }
  for (const statement of file.sf.statements) {
    if (!ts.isVariableStatement(statement)) continue;
    for (const decl of statement.declarationList.declarations) {
      const init = decl.initializer;
      if (
        ts.isObjectBindingPattern(decl.name) &&
        init &&
        ts.isCallExpression(init) &&
        ts.isIdentifier(init.expression) &&
        init.expression.text === 'require' &&
        init.arguments[0] &&
        ts.isStringLiteral(init.arguments[0]) &&
        init.arguments[0].text === SECURE_STORE_MODULE
      ) {
        const last = decl.name.elements[decl.name.elements.length - 1];
        if (!last) continue;
        return { text: member, edits: [{ start: last.getEnd(), end: last.getEnd(), text: `, ${member}` }] };
      }
    }
  }
  return undefined;
}
