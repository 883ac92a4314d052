import { ts } from './ts.js';
import {
  ASYNC_STORAGE_MODULES,
  LOCAL_AUTH_MODULE,
  MMKV_MODULE,
  REACT_NATIVE_MODULE,
  SECURE_STORE_MODULE,
  type ApiName,
} from './apis.js';

/**
 * What a local name refers to. `namespace` is an object whose members are the
 * API (`import * as S from 'expo-secure-store'`, AsyncStorage's default
 * export); `member` is one exported function or constant; `import` is a name
 * from another module of the app, followed later through the module host.
 */
export type Binding =
  | { kind: 'namespace'; api: ApiName }
  | { kind: 'member'; api: ApiName; member: string }
  | { kind: 'import'; specifier: string; imported: string };

/** Names a file exports: to a local name, or straight from another module. */
export type ExportEntry = { kind: 'local'; name: string } | { kind: 'reexport'; specifier: string; imported: string };

export interface FileBindings {
  bindings: Map<string, Binding>;
  exports: Map<string, ExportEntry>;
  /** `export * from '...'` specifiers. */
  starExports: string[];
  /** Top-level declarations by name: the values constants and wrappers resolve to. */
  declarations: Map<string, ts.Node>;
}

function apiOfModule(specifier: string): ApiName | undefined {
  if (specifier === SECURE_STORE_MODULE) return 'secure-store';
  if (specifier === LOCAL_AUTH_MODULE) return 'local-auth';
  if (ASYNC_STORAGE_MODULES.includes(specifier)) return 'async-storage';
  if (specifier === MMKV_MODULE) return 'mmkv';
  return undefined;
}

/** The binding that importing `imported` from `specifier` creates. */
export function bindingForImport(specifier: string, imported: string): Binding | undefined {
  const api = apiOfModule(specifier);
  if (api === 'async-storage') {
    // AsyncStorage is the default export; `useAsyncStorage` is named.
    if (imported === 'default' || imported === '*') return { kind: 'namespace', api };
    return { kind: 'member', api, member: imported };
  }
  if (api) {
    // expo modules are ES namespaces; a default import works through interop.
    if (imported === '*' || imported === 'default') return { kind: 'namespace', api };
    return { kind: 'member', api, member: imported };
  }
  if (specifier === REACT_NATIVE_MODULE) {
    return imported === 'AsyncStorage' ? { kind: 'namespace', api: 'async-storage' } : undefined;
  }
  return { kind: 'import', specifier, imported };
}

function moduleOfRequire(node: ts.Expression | undefined): string | undefined {
  let expr = node;
  while (expr && (ts.isParenthesizedExpression(expr) || ts.isAsExpression(expr))) expr = expr.expression;
  if (!expr) return undefined;
  // `require('x').default` is AsyncStorage's default export under CommonJS interop.
  if (ts.isPropertyAccessExpression(expr) && expr.name.text === 'default') expr = expr.expression;
  if (
    ts.isCallExpression(expr) &&
    ts.isIdentifier(expr.expression) &&
    expr.expression.text === 'require' &&
    expr.arguments.length === 1 &&
    ts.isStringLiteralLike(expr.arguments[0]!)
  ) {
    return expr.arguments[0].text;
  }
  return undefined;
}

function importedNameOf(element: ts.ImportSpecifier | ts.ExportSpecifier): string {
  return (element.propertyName ?? element.name).text;
}

/** Collects imports, requires, aliases, exports and top-level declarations in one pass over the statements. */
export function collectBindings(sf: ts.SourceFile): FileBindings {
  const bindings = new Map<string, Binding>();
  const exports = new Map<string, ExportEntry>();
  const starExports: string[] = [];
  const declarations = new Map<string, ts.Node>();

  const bindVariable = (decl: ts.VariableDeclaration): void => {
    const spec = moduleOfRequire(decl.initializer);
    if (spec !== undefined) {
      if (ts.isIdentifier(decl.name)) {
        const binding = bindingForImport(spec, '*');
        if (binding) bindings.set(decl.name.text, binding);
      } else if (ts.isObjectBindingPattern(decl.name)) {
        for (const element of decl.name.elements) {
          if (!ts.isIdentifier(element.name)) continue;
          const imported = element.propertyName && ts.isIdentifier(element.propertyName) ? element.propertyName.text : element.name.text;
          const binding = bindingForImport(spec, imported);
          if (binding) bindings.set(element.name.text, binding);
        }
      }
      return;
    }
    if (ts.isIdentifier(decl.name)) declarations.set(decl.name.text, decl);
    else if (ts.isObjectBindingPattern(decl.name)) {
      for (const element of decl.name.elements) if (ts.isIdentifier(element.name)) declarations.set(element.name.text, element);
    }
  };

  for (const statement of sf.statements) {
    if (ts.isImportDeclaration(statement) && ts.isStringLiteral(statement.moduleSpecifier)) {
      const spec = statement.moduleSpecifier.text;
      const clause = statement.importClause;
      if (!clause || clause.isTypeOnly) continue;
      if (clause.name) {
        const binding = bindingForImport(spec, 'default');
        if (binding) bindings.set(clause.name.text, binding);
      }
      const named = clause.namedBindings;
      if (named && ts.isNamespaceImport(named)) {
        const binding = bindingForImport(spec, '*');
        if (binding) bindings.set(named.name.text, binding);
      } else if (named) {
        for (const element of named.elements) {
          if (element.isTypeOnly) continue;
          const binding = bindingForImport(spec, importedNameOf(element));
          if (binding) bindings.set(element.name.text, binding);
        }
      }
    } else if (ts.isImportEqualsDeclaration(statement) && ts.isExternalModuleReference(statement.moduleReference)) {
      const ref = statement.moduleReference.expression;
      if (ts.isStringLiteral(ref)) {
        const binding = bindingForImport(ref.text, '*');
        if (binding) bindings.set(statement.name.text, binding);
      }
    } else if (ts.isVariableStatement(statement)) {
      const exported = statement.modifiers?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
      for (const decl of statement.declarationList.declarations) {
        bindVariable(decl);
        if (exported && ts.isIdentifier(decl.name)) exports.set(decl.name.text, { kind: 'local', name: decl.name.text });
      }
    } else if (
      (ts.isFunctionDeclaration(statement) || ts.isClassDeclaration(statement) || ts.isEnumDeclaration(statement)) &&
      statement.name
    ) {
      declarations.set(statement.name.text, statement);
      const modifiers = ts.canHaveModifiers(statement) ? ts.getModifiers(statement) : undefined;
      if (modifiers?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword)) {
        const isDefault = modifiers.some((m) => m.kind === ts.SyntaxKind.DefaultKeyword);
        exports.set(isDefault ? 'default' : statement.name.text, { kind: 'local', name: statement.name.text });
      }
    } else if (ts.isExportDeclaration(statement) && !statement.isTypeOnly) {
      const spec = statement.moduleSpecifier && ts.isStringLiteral(statement.moduleSpecifier) ? statement.moduleSpecifier.text : undefined;
      const clause = statement.exportClause;
      if (!clause) {
        if (spec) starExports.push(spec);
      } else if (ts.isNamespaceExport(clause)) {
        if (spec) exports.set(clause.name.text, { kind: 'reexport', specifier: spec, imported: '*' });
      } else {
        for (const element of clause.elements) {
          const imported = importedNameOf(element);
          exports.set(
            element.name.text,
            spec ? { kind: 'reexport', specifier: spec, imported } : { kind: 'local', name: imported },
          );
        }
      }
    } else if (ts.isExportAssignment(statement) && ts.isIdentifier(statement.expression)) {
      exports.set('default', { kind: 'local', name: statement.expression.text });
    } else if (ts.isExportAssignment(statement)) {
      declarations.set('default', statement.expression);
      exports.set('default', { kind: 'local', name: 'default' });
    }
  }

  // Second pass: `const Store = SecureStore` and `const { getItem } = SecureStore`
  // keep pointing at the API.
  for (const [name, node] of [...declarations]) {
    if (!ts.isVariableDeclaration(node) || !node.initializer || !ts.isIdentifier(node.initializer)) continue;
    const target = bindings.get(node.initializer.text);
    if (target?.kind === 'namespace') {
      bindings.set(name, target);
      declarations.delete(name);
    }
  }
  for (const [name, node] of [...declarations]) {
    if (!ts.isBindingElement(node)) continue;
    const decl = node.parent.parent;
    if (!ts.isVariableDeclaration(decl) || !decl.initializer || !ts.isIdentifier(decl.initializer)) continue;
    const target = bindings.get(decl.initializer.text);
    if (target?.kind !== 'namespace') continue;
    const member = node.propertyName && ts.isIdentifier(node.propertyName) ? node.propertyName.text : name;
    bindings.set(name, { kind: 'member', api: target.api, member });
    declarations.delete(name);
  }
  return { bindings, exports, starExports, declarations };
}
