import { ts } from './ts.js';
import { isStackOverflow, nodeTooDeep } from './parse.js';
import { WEB_ONLY_FILE } from './apis.js';
import { STATEMENT_LIST_KINDS } from './ast.js';
import { bindingForImport, collectBindings, loadsApiModule, type Binding, type FileBindings } from './bindings.js';
import type { SourceText } from './types.js';
import { treeSlot } from './tree-slot.js';
import { memoSlot, type MemoSlot } from './memo-slot.js';
import { syntaxIndex } from './syntax-index.js';

/** How the front-end finds other files of the app. The ESLint adapter may have none. */
export interface ModuleHost {
  /** The parsed file `specifier` refers to when imported from `fromFile`, if it is part of the app. */
  resolveModule(fromFile: string, specifier: string): ts.SourceFile | undefined;
  /**
   * Whether the module can reach a storage API through its imports (see
   * prefilter.ts). When it cannot, a function or object it exports is neither
   * an API nor a wrapper of one, and the callee lookups below need not parse
   * it. Hosts that do not know answer true.
   */
  mayReachApis?(fromFile: string, specifier: string): boolean;
  /**
   * Whether the file imports expo-local-authentication, or an app module
   * that does (directly or not): only then can it ask for biometrics. Hosts
   * that do not know answer true.
   */
  mayReachLocalAuth?(file: string): boolean;
  /**
   * Whether `file`, or an app module it imports (directly or not) that may
   * reach an API, gives a member, property, key or export the name `name`
   * (SyntaxIndex.memberNames and declaredNames). Only such a module can hold
   * an app function that `receiver.name()` runs and that reaches an API: a
   * method by any other name (`rows.push()`, `res.json()`) is some library's.
   * Hosts that do not know answer true.
   */
  mayNameMember?(file: string, name: string): boolean;
  /**
   * Whether the text of some app file that may reach an API holds `text`
   * (a module's name, a hook's): an API the app never names cannot be
   * called. Hosts that do not know answer true.
   */
  mentions?(text: string): boolean;
}

export type ApiBinding = Exclude<Binding, { kind: 'import' }>;

/** What a name used at some place refers to, after following scopes and imports. */
export type NameTarget =
  | { kind: 'api'; binding: ApiBinding }
  | { kind: 'declaration'; node: ts.Node; file: FileModel }
  | { kind: 'parameter'; fn: ts.SignatureDeclaration; index: number; file: FileModel }
  | { kind: 'local'; node: ts.Node; file: FileModel }
  /** Asked as a callee: imported from an app module that cannot reach any API, so not looked into. */
  | { kind: 'opaque' };

/**
 * What a name is looked up for. `callee`: only whether it is an API, a
 * wrapper of one or a value holding one matters (not, say, a key's value).
 */
export interface Lookup {
  callee?: boolean;
}

const OPAQUE: NameTarget = { kind: 'opaque' };

const MAX_IMPORT_DEPTH = 8;

/** All files of one analysis, and the way between them. */
export class Workspace {
  private readonly files = treeSlot<FileModel>('securestore-audit model');
  private readonly analysable = new WeakMap<ts.SourceFile, boolean>();
  constructor(readonly host?: ModuleHost) {}

  file(sf: ts.SourceFile): FileModel {
    let model = this.files.get(sf);
    if (!model) {
      model = new FileModel(sf, this);
      this.files.set(sf, model);
    }
    return model;
  }

  /**
   * Whether the rules can walk a module reached through an import: one deeper
   * than MAX_SYNTAX_DEPTH would overflow the stack, so it is treated as unresolved.
   */
  admits(sf: ts.SourceFile): boolean {
    let verdict = this.analysable.get(sf);
    if (verdict === undefined) {
      verdict = nodeTooDeep(sf) === undefined;
      this.analysable.set(sf, verdict);
    }
    return verdict;
  }

  get crossFile(): boolean {
    return this.host !== undefined;
  }
}

const SOURCE = memoSlot<SourceText>('source');
const API_BINDINGS = memoSlot<Map<string, ApiBinding>>('apiBindings');
/** The app module each import specifier names; undefined when it cannot be seen. */
const IMPORTED_MODULES = memoSlot<Map<string, FileModel | undefined>>('importedModules');
const BLOCK_DECLARATIONS = memoSlot<Map<ts.NodeArray<ts.Statement>, Map<string, ts.Node>>>('blockDeclarations');

/** One parsed file and what the core derived from it; computed lazily and once. */
export class FileModel {
  private collected?: FileBindings;
  /** Per-file memo for rules and summaries, by the slot each analysis declares. */
  private readonly memo = new Map<MemoSlot<unknown>, unknown>();
  /** What each identifier refers to (see resolveIdentifier), asked as a callee or as a value. */
  private readonly resolvedCallees = new Map<ts.Identifier, NameTarget | undefined>();
  private readonly resolvedNames = new Map<ts.Identifier, NameTarget | undefined>();

  constructor(
    readonly sf: ts.SourceFile,
    readonly workspace: Workspace,
  ) {}

  get fileName(): string {
    return this.sf.fileName;
  }

  get text(): string {
    return this.sf.text;
  }

  /** The file's name and text, as data that does not keep its syntax tree alive. */
  get source(): SourceText {
    return this.cached(SOURCE, () => ({ fileName: this.sf.fileName, text: this.sf.text }));
  }

  private get info(): FileBindings {
    this.collected ??= collectBindings(this.sf);
    return this.collected;
  }

  /** Local names bound to an API in this file (imports and requires), by local name. */
  get apiBindings(): Map<string, ApiBinding> {
    return this.cached(API_BINDINGS, () => {
      const result = new Map<string, ApiBinding>();
      for (const [name, binding] of this.info.bindings) if (binding.kind !== 'import') result.set(name, binding);
      return result;
    });
  }

  /**
   * Whether the file can call an API the rules know: it imports one, or (when
   * other files can be seen) imports something that may re-export one.
   */
  get mayUseApis(): boolean {
    for (const binding of this.info.bindings.values()) {
      if (binding.kind !== 'import' || this.workspace.crossFile) return true;
    }
    // The browser's storage needs no import, in web-only files; an API loaded
    // with `await import('expo-secure-store')` inside a function has no top-level binding.
    return WEB_ONLY_FILE.test(this.fileName) || loadsApiModule(this.text);
  }

  /** Whether `receiver.name()` in this file can run an app function that reaches an API (see ModuleHost.mayNameMember). */
  mayNameApiMember(name: string): boolean {
    return this.workspace.host?.mayNameMember?.(this.fileName, name) ?? true;
  }

  /** Whether some file of the app that may reach an API holds `text` (see ModuleHost.mentions). */
  appMentions(text: string): boolean {
    return this.workspace.host?.mentions?.(text) ?? true;
  }

  /** Whether a biometric prompt can be asked for in this file (see ModuleHost.mayReachLocalAuth). */
  get mayAskForBiometrics(): boolean {
    return this.workspace.host?.mayReachLocalAuth?.(this.fileName) ?? true;
  }

  cached<T>(slot: MemoSlot<T>, compute: () => T): T {
    // One lookup in the usual case (a value is there); `has` only for a memoised undefined.
    let value = this.memo.get(slot) as T | undefined;
    if (value === undefined && !this.memo.has(slot)) {
      value = compute();
      this.memo.set(slot, value);
    }
    return value as T;
  }

  /** Resolves a top-level name of this file, following imports into other files. */
  resolveTopLevel(name: string, depth = 0, lookup: Lookup = {}): NameTarget | undefined {
    if (depth > MAX_IMPORT_DEPTH) return undefined;
    const declaration = this.info.declarations.get(name);
    if (declaration) return { kind: 'declaration', node: declaration, file: this };
    const binding = this.info.bindings.get(name);
    if (!binding) return undefined;
    if (binding.kind !== 'import') return { kind: 'api', binding };
    if (lookup.callee && !this.mayReachApis(binding.specifier)) return OPAQUE;
    const target = this.importedModule(binding.specifier);
    if (!target) return undefined;
    if (binding.imported === '*') return undefined;
    return target.resolveExport(binding.imported, depth + 1, lookup);
  }

  /** Whether the module a specifier names may reach an API; true when the host cannot tell. */
  mayReachApis(specifier: string): boolean {
    return this.workspace.host?.mayReachApis?.(this.fileName, specifier) ?? true;
  }

  /** Resolves what this file exports under `exported`. */
  resolveExport(exported: string, depth = 0, lookup: Lookup = {}): NameTarget | undefined {
    if (depth > MAX_IMPORT_DEPTH) return undefined;
    const entry = this.info.exports.get(exported);
    if (entry?.kind === 'local') return this.resolveTopLevel(entry.name, depth + 1, lookup);
    if (entry?.kind === 'reexport') {
      const api = bindingForReexport(entry.specifier, entry.imported);
      if (api) return { kind: 'api', binding: api };
      if (lookup.callee && !this.mayReachApis(entry.specifier)) return OPAQUE;
      const target = this.importedModule(entry.specifier);
      if (!target || entry.imported === '*') return undefined;
      return target.resolveExport(entry.imported, depth + 1, lookup);
    }
    // A barrel (`export * from './a'`) re-exports many modules; a callee can only come from one that reaches an API.
    let skipped = false;
    for (const spec of this.info.starExports) {
      // `export *` passes on every name but the default.
      if (exported === 'default') break;
      const api = bindingForReexport(spec, exported);
      if (api) return { kind: 'api', binding: api };
      if (lookup.callee && !this.mayReachApis(spec)) {
        skipped = true;
        continue;
      }
      const found = this.importedModule(spec)?.resolveExport(exported, depth + 1, lookup);
      if (found) return found;
    }
    return skipped ? OPAQUE : undefined;
  }

  /**
   * What `receiver.member` refers to when `receiver` is a namespace import
   * (or whole-module require) of an app module: that module's export. So
   * `Keychain.setItemAsync` is SecureStore's when lib/keychain re-exports it.
   * Undefined when the name is shadowed, is no such import, or the module
   * cannot be seen (ESLint without a host).
   */
  resolveNamespaceMember(receiver: ts.Identifier, member: string, lookup: Lookup = {}): NameTarget | undefined {
    const module = this.namespaceModule(receiver.text, lookup);
    // A local of the same name shadows the import: the lookup then finds it.
    if (!module || this.resolveIdentifier(receiver, lookup)) return undefined;
    return module.resolveExport(member, 0, lookup);
  }

  /** The app module a namespace import (`import * as tokens from './tokens'`) names, if visible. */
  namespaceModule(name: string, lookup: Lookup = {}): FileModel | undefined {
    const binding = this.info.bindings.get(name);
    if (binding?.kind !== 'import' || binding.imported !== '*') return undefined;
    return lookup.callee && !this.mayReachApis(binding.specifier) ? undefined : this.importedModule(binding.specifier);
  }

  importedModule(specifier: string): FileModel | undefined {
    const host = this.workspace.host;
    if (!host) return undefined;
    const modules = this.cached(IMPORTED_MODULES, () => new Map<string, FileModel | undefined>());
    let module = modules.get(specifier);
    if (module === undefined && !modules.has(specifier)) {
      module = this.loadModule(host, specifier);
      modules.set(specifier, module);
    }
    return module;
  }

  private loadModule(host: ModuleHost, specifier: string): FileModel | undefined {
    let sf: ts.SourceFile | undefined;
    try {
      sf = host.resolveModule(this.fileName, specifier);
    } catch (error) {
      // The parser ran out of stack on that module: it is as unknown as an unresolved one.
      if (isStackOverflow(error)) return undefined;
      throw error;
    }
    return sf && this.workspace.admits(sf) ? this.workspace.file(sf) : undefined;
  }

  /**
   * The export of package `specifier` an identifier is imported as, when no
   * inner scope shadows the import: `persist` of `import { persist as p } from
   * 'zustand/middleware'`. For the packages the model knows only by what one
   * export does (not the storage APIs: see `apiBindings`). Only a name imported
   * from that package is looked up, so asking parses no module of the app.
   */
  packageImport(identifier: ts.Identifier, specifier: string): string | undefined {
    const binding = this.info.bindings.get(identifier.text);
    if (binding?.kind !== 'import' || binding.specifier !== specifier) return undefined;
    const target = this.resolveIdentifier(identifier);
    if (target?.kind === 'parameter' || target?.kind === 'local') return undefined;
    return binding.imported;
  }

  /**
   * What `identifier` refers to where it is used: innermost scope first, then
   * imports. Memoised per identifier: several analyses ask about the same callee.
   */
  resolveIdentifier(identifier: ts.Identifier, lookup: Lookup = {}): NameTarget | undefined {
    // A name the file declares nowhere is a global: no scope can bind it.
    if (!syntaxIndex(this.sf).declaredNames.has(identifier.text)) return undefined;
    const memo = lookup.callee ? this.resolvedCallees : this.resolvedNames;
    let target = memo.get(identifier);
    if (target === undefined && !memo.has(identifier)) {
      target = this.lookUp(identifier, lookup);
      memo.set(identifier, target);
    }
    return target;
  }

  /**
   * The names each block declares, indexed once per block: a lookup used to
   * scan the block's statements, which made resolving every call of a bundle
   * whose one function body holds thousands of statements quadratic (minutes
   * on a 10 MB file). The first declaration of a name wins, as in that scan.
   */
  private findInStatements(statements: ts.NodeArray<ts.Statement>, name: string): ts.Node | undefined {
    const byBlock = this.cached(BLOCK_DECLARATIONS, () => new Map<ts.NodeArray<ts.Statement>, Map<string, ts.Node>>());
    let index = byBlock.get(statements);
    if (!index) {
      index = declarationsOf(statements);
      byBlock.set(statements, index);
    }
    return index.get(name);
  }

  private lookUp(identifier: ts.Identifier, lookup: Lookup): NameTarget | undefined {
    const name = identifier.text;
    // Most ancestors (expressions, JSX, statements) bind nothing: one table
    // lookup by kind lets the walk pass them by.
    for (let node: ts.Node = identifier; node.parent; node = node.parent) {
      const scope = node.parent;
      const role = SCOPE_ROLES[scope.kind];
      if (role === undefined) continue;
      if (role === 'function') {
        const index = (scope as ts.SignatureDeclaration).parameters.findIndex((p) => bindsName(p.name, name));
        if (index >= 0) return { kind: 'parameter', fn: scope as ts.SignatureDeclaration, index, file: this };
      } else if (role === 'file') {
        break;
      } else if (role === 'statements') {
        const local = this.findInStatements((scope as ts.Block).statements, name);
        if (local) return { kind: 'local', node: local, file: this };
      } else if (role === 'loop') {
        const initializer = (scope as ts.ForStatement | ts.ForInOrOfStatement).initializer;
        if (initializer && ts.isVariableDeclarationList(initializer) && initializer.declarations.some((d) => bindsName(d.name, name))) {
          return { kind: 'local', node: initializer, file: this };
        }
      } else {
        const declaration = (scope as ts.CatchClause).variableDeclaration;
        if (declaration && bindsName(declaration.name, name)) return { kind: 'local', node: declaration, file: this };
      }
    }
    return this.resolveTopLevel(name, 0, lookup);
  }
}

/** What a node of each kind can bind for the names used inside it (see lookUp); undefined: nothing. */
type ScopeRole = 'function' | 'file' | 'statements' | 'loop' | 'catch';

const SCOPE_ROLES: (ScopeRole | undefined)[] = (() => {
  const roles: (ScopeRole | undefined)[] = [];
  const { SyntaxKind } = ts;
  for (let kind: ts.SyntaxKind = 0; kind < SyntaxKind.Count; kind++) {
    // ts.isFunctionLike looks at the kind only: asked once per kind, it gives the same answer as per node.
    if (ts.isFunctionLike({ kind } as ts.Node)) roles[kind] = 'function';
  }
  roles[SyntaxKind.SourceFile] = 'file';
  for (const kind of STATEMENT_LIST_KINDS) roles[kind] = 'statements';
  for (const kind of [SyntaxKind.ForOfStatement, SyntaxKind.ForInStatement, SyntaxKind.ForStatement]) roles[kind] = 'loop';
  roles[SyntaxKind.CatchClause] = 'catch';
  return roles;
})();

function bindingForReexport(specifier: string, imported: string): ApiBinding | undefined {
  const binding = bindingForImport(specifier, imported);
  return binding && binding.kind !== 'import' ? binding : undefined;
}

function bindsName(name: ts.BindingName, wanted: string): boolean {
  if (ts.isIdentifier(name)) return name.text === wanted;
  return name.elements.some((element) => !ts.isOmittedExpression(element) && bindsName(element.name, wanted));
}

function declarationsOf(statements: ts.NodeArray<ts.Statement>): Map<string, ts.Node> {
  const index = new Map<string, ts.Node>();
  const add = (name: string, node: ts.Node) => {
    if (!index.has(name)) index.set(name, node);
  };
  for (const statement of statements) {
    if (ts.isVariableStatement(statement)) {
      for (const decl of statement.declarationList.declarations) {
        if (ts.isIdentifier(decl.name)) add(decl.name.text, decl);
        else for (const element of bindingElementsOf(decl.name)) add((element.name as ts.Identifier).text, element);
      }
    } else if ((ts.isFunctionDeclaration(statement) || ts.isClassDeclaration(statement)) && statement.name) {
      add(statement.name.text, statement);
    }
  }
  return index;
}

/** The elements of a destructuring pattern that bind a name, depth first, in source order. */
function bindingElementsOf(pattern: ts.BindingPattern): ts.BindingElement[] {
  const found: ts.BindingElement[] = [];
  for (const element of pattern.elements) {
    if (ts.isOmittedExpression(element)) continue;
    if (ts.isIdentifier(element.name)) found.push(element);
    else found.push(...bindingElementsOf(element.name));
  }
  return found;
}

/** Whether a variable declaration can be trusted to keep its initial value. */
export function isConstDeclaration(node: ts.Node): node is ts.VariableDeclaration {
  return ts.isVariableDeclaration(node) && ts.isVariableDeclarationList(node.parent) && (node.parent.flags & ts.NodeFlags.Const) !== 0;
}
