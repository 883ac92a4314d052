import type { Node } from 'web-tree-sitter';
import { importsPackageName, STORE_TYPES } from './apis.js';
import { readDirectives } from './directives.js';
import type { DartImport, StoreName, StringValue } from './facts-types.js';
import { withDartTree, type DartParser } from './parser.js';
import { buildScope, type Declaration, type DeclaredType, type FileScope } from './scope.js';
import { storeSubclasses } from './subclasses.js';
import { namedConstruction } from './constructions.js';
import { genericCall, unwrap, type Expr } from './syntax.js';
import { resolveString, type ValueContext } from './values.js';

// What another file of the app can learn from a library it imports, without
// analysing it as a whole:
// - strings: keys are often constants of another file (`lib/core/consts.dart`:
//   `const PREFS_ACCESS_TOKEN = 'accessToken';`, or `class StorageKeys {
//   static const token = 'auth.token'; }`), by the name another file writes
//   (`PREFS_ACCESS_TOKEN`, `StorageKeys.token`). Only values the library itself
//   resolves count: a constant built from a third file's is unknown.
// - members: stores are often reached through another file's getter or
//   singleton (`PreferenceHelper.asyncPref`, `SecureStorage.instance`,
//   `Binding.instance.sharedPreferences`): the store a member holds, from its
//   declared type or its initialiser, or the class of this library it holds,
//   for the next step of the chain.
// - providers: a Riverpod `Provider<SharedPreferencesAsync>` another file
//   reads with `ref.read(prefsProvider)`.
// Names that start with `_` are private to their library and never listed.

export interface LibrarySummary {
  strings: Map<string, StringValue>;
  members: Map<string, LibraryMember>;
}

/** The store a member holds; the class of this library it holds; or the store a Riverpod `Provider<T>` it holds provides. */
export type LibraryMember = { store: StoreName } | { className: string } | { provides: StoreName };

/** What a library that declares nothing of interest, or cannot be parsed, tells. */
export const EMPTY_SUMMARY: LibrarySummary = { strings: new Map(), members: new Map() };

/** Stores a plain constructor call makes (`SharedPreferences` only comes from the awaited `getInstance()`, which a field cannot hold). */
const CONSTRUCTED_STORES = new Set(['FlutterSecureStorage', 'SharedPreferencesAsync', 'GetStorage']);

/** Without a string literal or a store type's name, a library declares no member of interest: it need not be parsed. */
export function mayDeclareMembers(text: string): boolean {
  return /['"]|FlutterSecureStorage|SharedPreferences|GetStorage/.test(text);
}

export function librarySummary(parser: DartParser, text: string): LibrarySummary {
  if (!mayDeclareMembers(text)) return EMPTY_SUMMARY;
  return withDartTree(parser, text, (tree) => summaryOfTree(tree.rootNode));
}

/** The summary of a library from its tree (the caller parses, and may use the same tree for the file's own analysis). */
export function summaryOfTree(root: Node): LibrarySummary {
  const scope = buildScope(root);
  const { imports } = readDirectives(root, undefined);
  const isPackageType = (name: string, prefix: string | undefined) => isImportedPackageType(name, prefix, imports, scope);
  const subclasses = storeSubclasses(root, (name, prefix) => name === 'FlutterSecureStorage' && isPackageType(name, prefix));
  const context: ValueContext = { scope, isPackageName: () => false, isImportPrefix: () => false };
  const summary: LibrarySummary = { strings: new Map(), members: new Map() };
  for (const { name, declaration } of scope.libraryMembers()) {
    if (name.split('.').some((part) => part.startsWith('_'))) continue;
    if (declaration.isFinal && declaration.init) {
      const value = resolveString(declaration.init, context);
      if (value) summary.strings.set(name, value);
    }
    const member = memberOf(declaration, scope, imports, isPackageType, (type) => subclasses.has(type));
    if (member) summary.members.set(name, member);
  }
  return summary;
}

function isImportedPackageType(name: string, prefix: string | undefined, imports: DartImport[], scope: FileScope): boolean {
  return !(prefix === undefined && scope.declaredTypes.has(name)) && importsPackageName(name, prefix, imports);
}

function memberOf(
  declaration: Declaration,
  scope: FileScope,
  imports: DartImport[],
  isPackageType: (name: string, prefix: string | undefined) => boolean,
  isStoreSubclass: (name: string) => boolean,
): LibraryMember | undefined {
  const fromType = (type: DeclaredType | undefined): LibraryMember | undefined => {
    if (!type) return undefined;
    const store = STORE_TYPES[type.name];
    if (store && isPackageType(type.name, type.prefix)) return { store };
    if (type.prefix) return undefined;
    if (isStoreSubclass(type.name)) return { store: 'flutter-secure-storage' };
    return scope.declaredTypes.has(type.name) ? { className: type.name } : undefined;
  };
  const declared = fromType(declaration.declaredType);
  if (declared || declaration.declaredType) return declared;
  const provided = providedStore(declaration, isPackageType);
  if (provided) return { provides: provided };
  // No type written: a final whose initialiser constructs the store (or an instance of a class here).
  if (!declaration.isFinal || !declaration.init) return undefined;
  const constructed = constructedType(declaration.init, imports);
  if (!constructed) return undefined;
  return CONSTRUCTED_STORES.has(constructed.name) || !STORE_TYPES[constructed.name] ? fromType(constructed) : undefined;
}

/** `X(…)`, `const X(…)`, `X.named(…)`, `p.X(…)`: the class constructed, when the expression is only that. */
function constructedType(init: Expr, imports: DartImport[]): DeclaredType | undefined {
  const made = namedConstruction(unwrap(init), (name) => imports.some((i) => i.directive === 'import' && i.prefix === name));
  // Without `const`/`new`, a class name starts with a capital, a function's does not.
  if (!made || (!made.keyword && !/^[A-Z]/.test(made.type))) return undefined;
  return { name: made.type, ...(made.prefix ? { prefix: made.prefix } : {}) };
}

/** `final p = Provider<SharedPreferencesAsync>((ref) => …);` (Riverpod): the store it provides. */
function providedStore(declaration: Declaration, isPackageType: (name: string, prefix: string | undefined) => boolean): StoreName | undefined {
  if (!declaration.isFinal || !declaration.init) return undefined;
  const call = genericCall(declaration.init);
  if (call?.callee.text !== 'Provider' || !isPackageType('Provider', undefined)) return undefined;
  const { type } = call;
  const store = STORE_TYPES[type.name];
  return store && isPackageType(type.name, type.prefix) ? store : undefined;
}
