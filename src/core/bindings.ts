import { ts } from './ts.js';
import { ASYNC_STORAGE_MODULES, LOCAL_AUTH_MODULE, MMKV_MODULE, REACT_NATIVE_MODULE, SECURE_STORE_MODULE, type ApiName } from './apis.js';

/**
 * What a local name refers to. `namespace` is an object whose members are the
 * API (`import * as S from 'expo-secure-store'`, AsyncStorage's default
 * export); `member` is one exported function or constant; `import` is a name
 * from another module of the app, followed later through the module host.
 */
export type Binding =
  { kind: 'namespace'; api: ApiName } | { kind: 'member'; api: ApiName; member: string } | { kind: 'import'; specifier: string; imported: string };

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

const API_MODULES = [SECURE_STORE_MODULE, LOCAL_AUTH_MODULE, ...ASYNC_STORAGE_MODULES, MMKV_MODULE];
const LOADS_API_MODULE = new RegExp(
  `\\b(?:import|require)\\s*\\(\\s*['"\`](?:${API_MODULES.map((m) => m.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')).join('|')})['"\`]`,
);

/**
 * Whether the text loads an API module with `import(…)` or `require(…)`
 * (anywhere, not only at the top level): only then can a name bound inside a
 * function, or a `let` set later, hold its namespace.
 */
export function loadsApiModule(text: string): boolean {
  return LOADS_API_MODULE.test(text);
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

/** What a `require` gives: the module's namespace (`*`), or its default export (`require('x').default`). */
interface Required {
  specifier: string;
  imported: '*' | 'default';
}

function unwrap(node: ts.Expression | undefined, awaited: boolean): ts.Expression | undefined {
  let expr = node;
  while (expr && (ts.isParenthesizedExpression(expr) || ts.isAsExpression(expr) || (awaited && ts.isAwaitExpression(expr)))) expr = expr.expression;
  return expr;
}

/**
 * The module a `require('x')` or an awaited `import('x')` loads. Only an
 * awaited import gives the module: `import('x')` alone is a promise of it.
 */
function moduleOfRequire(node: ts.Expression | undefined): Required | undefined {
  let expr = unwrap(node, false);
  if (!expr) return undefined;
  // `require('x').default` is the default export under CommonJS interop (AsyncStorage's is its namespace).
  let imported: Required['imported'] = '*';
  if (ts.isPropertyAccessExpression(expr) && expr.name.text === 'default') {
    expr = unwrap(expr.expression, false)!;
    imported = 'default';
  }
  let awaited = false;
  if (ts.isAwaitExpression(expr)) {
    awaited = true;
    expr = unwrap(expr.expression, true)!;
  }
  if (!ts.isCallExpression(expr) || expr.arguments.length !== 1 || !ts.isStringLiteralLike(expr.arguments[0]!)) return undefined;
  const isRequire = !awaited && ts.isIdentifier(expr.expression) && expr.expression.text === 'require';
  const isImport = awaited && expr.expression.kind === ts.SyntaxKind.ImportKeyword;
  return isRequire || isImport ? { specifier: expr.arguments[0].text, imported } : undefined;
}

/** The API namespace an expression loads (`await import('expo-secure-store')`, `require(...)`), if it is one. */
export function apiNamespaceOfLoad(expr: ts.Expression | undefined): Binding | undefined {
  const required = moduleOfRequire(expr);
  const binding = required && bindingForImport(required.specifier, required.imported);
  return binding?.kind === 'namespace' ? binding : undefined;
}

/** `import('expo-secure-store')`, not awaited: the promise of an API's namespace (`.then(m => …)`). */
export function apiNamespaceOfPromise(expr: ts.Expression): Binding | undefined {
  const inner = unwrap(expr, false);
  if (!inner || !ts.isCallExpression(inner) || inner.expression.kind !== ts.SyntaxKind.ImportKeyword) return undefined;
  const spec = inner.arguments[0];
  const binding = inner.arguments.length === 1 && spec && ts.isStringLiteralLike(spec) ? bindingForImport(spec.text, '*') : undefined;
  return binding?.kind === 'namespace' ? binding : undefined;
}

/**
 * Module-level `let` names with no initial value (or null/undefined) whose
 * every assignment loads the same API module: `let SecureStore: any;` …
 * `SecureStore = await import('expo-secure-store')`. They hold the API's
 * namespace once set (before that, a call would throw). Any other assignment,
 * or none, leaves the name unknown. Walks the file only when such a `let` is
 * there and the text loads an API module.
 */
function lazilyLoadedNamespaces(sf: ts.SourceFile, candidates: Set<string>): Map<string, Binding> {
  const found = new Map<string, Binding | null>();
  if (candidates.size === 0 || !loadsApiModule(sf.text)) return new Map();
  const visit = (node: ts.Node): void => {
    if (ts.isBinaryExpression(node) && ts.isIdentifier(node.left) && candidates.has(node.left.text)) {
      const op = node.operatorToken.kind;
      const assigns = op === ts.SyntaxKind.EqualsToken || op === ts.SyntaxKind.QuestionQuestionEqualsToken || op === ts.SyntaxKind.BarBarEqualsToken;
      if (assigns || isAssignmentOperator(op)) {
        const name = node.left.text;
        const binding = assigns ? apiNamespaceOfLoad(node.right) : undefined;
        const before = found.get(name);
        const same = binding?.kind === 'namespace' && (before === undefined || (before?.kind === 'namespace' && before.api === binding.api));
        found.set(name, same ? binding : null);
      }
    } else if (
      (ts.isPrefixUnaryExpression(node) || ts.isPostfixUnaryExpression(node)) &&
      (node.operator === ts.SyntaxKind.PlusPlusToken || node.operator === ts.SyntaxKind.MinusMinusToken) &&
      ts.isIdentifier(node.operand) &&
      candidates.has(node.operand.text)
    ) {
      found.set(node.operand.text, null);
    } else if ((ts.isArrayLiteralExpression(node) || ts.isObjectLiteralExpression(node)) && ts.isBinaryExpression(node.parent) && node.parent.left === node) {
      // A destructuring assignment may set one of the names: not followed, so they are unknown.
      for (const name of candidates) if (node.getText(sf).includes(name)) found.set(name, null);
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  const result = new Map<string, Binding>();
  for (const [name, binding] of found) if (binding) result.set(name, binding);
  return result;
}

function isAssignmentOperator(op: ts.SyntaxKind): boolean {
  return op >= ts.SyntaxKind.FirstAssignment && op <= ts.SyntaxKind.LastAssignment;
}

/** A module-level `let x;` (or `= null` / `= undefined`): a name set later, if at all. */
function isUnsetLet(decl: ts.VariableDeclaration): boolean {
  if (!ts.isIdentifier(decl.name) || (decl.parent.flags & ts.NodeFlags.BlockScoped) === 0 || (decl.parent.flags & ts.NodeFlags.Const) !== 0) return false;
  const init = decl.initializer;
  return !init || init.kind === ts.SyntaxKind.NullKeyword || (ts.isIdentifier(init) && init.text === 'undefined');
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
  const unsetLets = new Set<string>();

  const bindVariable = (decl: ts.VariableDeclaration): void => {
    const required = moduleOfRequire(decl.initializer);
    if (required !== undefined) {
      const spec = required.specifier;
      if (ts.isIdentifier(decl.name)) {
        const binding = bindingForImport(spec, required.imported);
        if (binding) bindings.set(decl.name.text, binding);
      } else if (ts.isObjectBindingPattern(decl.name)) {
        // Members of a default export are known only when it is an API's namespace (AsyncStorage's).
        const whole = bindingForImport(spec, required.imported);
        if (required.imported === 'default' && whole?.kind !== 'namespace') return;
        for (const element of decl.name.elements) {
          if (!ts.isIdentifier(element.name)) continue;
          const imported = element.propertyName && ts.isIdentifier(element.propertyName) ? element.propertyName.text : element.name.text;
          const binding =
            required.imported === 'default' && whole?.kind === 'namespace'
              ? { kind: 'member' as const, api: whole.api, member: imported }
              : bindingForImport(spec, imported);
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
        if (isUnsetLet(decl)) unsetLets.add((decl.name as ts.Identifier).text);
        bindVariable(decl);
        if (exported && ts.isIdentifier(decl.name)) exports.set(decl.name.text, { kind: 'local', name: decl.name.text });
      }
    } else if ((ts.isFunctionDeclaration(statement) || ts.isClassDeclaration(statement) || ts.isEnumDeclaration(statement)) && statement.name) {
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
          exports.set(element.name.text, spec ? { kind: 'reexport', specifier: spec, imported } : { kind: 'local', name: imported });
        }
      }
    } else if (ts.isExportAssignment(statement) && ts.isIdentifier(statement.expression)) {
      exports.set('default', { kind: 'local', name: statement.expression.text });
    } else if (ts.isExportAssignment(statement)) {
      declarations.set('default', statement.expression);
      exports.set('default', { kind: 'local', name: 'default' });
    }
  }

  for (const [name, binding] of lazilyLoadedNamespaces(sf, unsetLets)) {
    if (!bindings.has(name)) {
      bindings.set(name, binding);
      declarations.delete(name);
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
