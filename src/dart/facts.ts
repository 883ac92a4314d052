import type { Node, Tree } from 'web-tree-sitter';
import {
  DEPRECATED_ANDROID_OPTIONS,
  LOCAL_AUTH_FLAGS,
  LOCAL_AUTH_GATE,
  importsPackageName,
  STORE_TYPES,
  PLAINTEXT_FACTORIES,
  PLAINTEXT_METHODS,
  PLATFORM_OPTION_PARAMETERS,
  SECURE_STORAGE_METHODS,
  TRIGGER_WORDS,
  WEB_ONLY_FLAG,
  type MethodShape,
} from './apis.js';
import { readDirectives } from './directives.js';
import { nullCallIds } from './null-calls.js';
import type { LibrarySummary } from './library-summary.js';
import type {
  BiometricGate,
  DartFileFacts,
  DartImport,
  EnclosingFunction,
  InjectedInstance,
  OptionValue,
  PlaintextStoreInstance,
  PlatformOptionSet,
  SecureStoreInstance,
  StorageOperation,
  StoreName,
  StringValue,
} from './facts-types.js';
import { withDartTree, type DartParser } from './parser.js';
import { namedConstruction, type NamedConstruction } from './constructions.js';
import { buildScope, type Declaration, type DeclaredType, type FileScope } from './scope.js';
import { storeSubclasses, type StoreConstructor, type StoreSubclass } from './subclasses.js';
import { classesEncodingInToString } from './to-string.js';
import {
  callArguments,
  conditionalBranches,
  exprRange,
  forEachNode,
  rangeOf,
  genericCall,
  isNullLiteral,
  stepOf,
  typeArgumentOf,
  unwrap,
  type CallArguments,
  type Expr,
  kids,
  namedKids,
} from './syntax.js';
import {
  declarationOf,
  describeSubject,
  isPrimitiveLiteral,
  jsonEncodeArgument,
  encodedByToString,
  resolveOptionValue,
  resolvePlatformOptions,
  resolveString,
  valueNames,
  valueParts,
  valueShape,
  type ValueContext,
} from './values.js';

// One Dart file's storage facts (see facts-types.ts). A store is recognised
// by what its receiver is bound to in this file (a construction of the
// package's class, through a final/const name, a field, a `late` field
// assigned once, or a constructor parameter `this.storage` fed by a visible
// construction), never by a variable's name.

export interface DartFactsOptions {
  fileName: string;
  /** The app's package name (pubspec `name:`): `package:<name>/…` imports are its own files. */
  appPackage?: string;
  /** What an imported library of the app declares (see library-summary.ts); undefined for a library that is not the app's or cannot be read. */
  importedLibrary?: (imported: DartImport) => LibrarySummary | undefined;
}

/** Parses `text` and extracts its facts; the tree is deleted before returning. */
export function dartFileFacts(parser: DartParser, text: string, options: DartFactsOptions): DartFileFacts {
  return withDartTree(parser, text, (tree) => factsOfTree(tree, text, options));
}

type Instance = { kind: 'secure'; fact: SecureStoreInstance } | { kind: 'plaintext'; fact: PlaintextStoreInstance } | { kind: 'local-auth'; id: string };

interface Receiver {
  instances: Instance[];
  injected?: { className: string; field: string };
  /** Known only from a declared type: the store, not the instance. */
  typed?: StoreName;
}

const MAX_DEPTH = 8;

/** The node types the extractor's walk looks at: constructions, and the selectors that make calls. */
const CHAIN_PARTS = new Set(['const_object_expression', 'new_expression', 'selector', 'cascade_section']);

export function factsOfTree(tree: Tree, text: string, options: DartFactsOptions): DartFileFacts {
  const root = tree.rootNode;
  const { header, imports, parts } = readDirectives(root, options.appPackage);
  const facts: DartFileFacts = {
    fileName: options.fileName,
    header,
    imports,
    parts,
    secureStores: [],
    plaintextStores: [],
    operations: [],
    biometricGates: [],
    injections: [],
    injectedInstances: [],
    deprecatedOptions: [],
    nullCalls: nullCallIds(root),
    syntaxErrors: countErrors(root),
  };
  // Without one of the packages' type names no store can be made here (an
  // injected one is reached through a field this file declares, whose type
  // names it too), unless one is reached through another library's member.
  if (!TRIGGER_WORDS.test(text) && !options.importedLibrary) return facts;
  new FileFacts(root, imports, facts, options.importedLibrary).collect();
  return facts;
}

function countErrors(root: Node): number {
  if (!root.hasError) return 0;
  let count = 0;
  forEachNode(root, (node) => {
    if (node.isError || node.isMissing) count++;
  });
  return count;
}

class FileFacts implements ValueContext {
  readonly scope: FileScope;
  private readonly instances = new Map<number, Instance | null>();
  /** Constructions of the app's own classes (`TokenStore(...)`), for the instances they inject. */
  private readonly appConstructions: { className: string; args: CallArguments; node: Node }[] = [];
  private injectedByClass?: InjectedInstance[];
  private storeSubclasses?: Map<string, StoreSubclass>;
  private jsonToString?: Set<string>;
  private readonly gateCalls: { gate: BiometricGate; node: Node }[] = [];
  private readonly resolving = new Set<string>();

  constructor(
    private readonly root: Node,
    private readonly imports: DartImport[],
    private readonly facts: DartFileFacts,
    private readonly libraryOf?: (imported: DartImport) => LibrarySummary | undefined,
  ) {
    this.scope = buildScope(root);
    facts.injections = this.scope.fieldParameters.map(({ className, field, parameter }) => ({ className, field, parameter }));
  }

  importedString(expr: Expr): StringValue | undefined {
    const path = this.importedPath(expr);
    if (!path || path.names.length > 2) return undefined;
    return this.fromImports(
      path,
      (library) => library.strings.get(path.names.join('.')),
      (a, b) => JSON.stringify(a) === JSON.stringify(b),
    );
  }

  /**
   * `PreferenceHelper.asyncPref`, `SecureStorage.instance`,
   * `Binding.instance.sharedPreferences`: a store another library of the app
   * declares, followed member by member through that library's classes.
   */
  private importedStore(expr: Expr): Receiver | undefined {
    const path = this.importedPath(expr);
    if (!path || path.names.length > 4) return undefined;
    const store = this.fromImports(
      path,
      (library) => {
        const [first, ...rest] = path.names;
        let member = rest.length === 0 ? library.members.get(first!) : undefined;
        let owner = first!;
        for (const name of rest) {
          member = library.members.get(`${owner}.${name}`);
          if (!member) return undefined;
          if ('className' in member) owner = member.className;
        }
        return member && 'store' in member ? member.store : undefined;
      },
      (a, b) => a === b,
    );
    return store && storeOfUnknownOrigin(store, path.names.join('.'), exprRange(expr));
  }

  /** A chain of plain names this file does not declare (`NAME`, `Class.member`, `prefix.Class.member`), split from its import prefix. */
  private importedPath(expr: Expr): { prefix?: string; names: string[] } | undefined {
    if (!this.libraryOf) return undefined;
    const { head, selectors } = unwrap(expr);
    if (head.type !== 'identifier' && head.type !== 'identifier_dollar_escaped') return undefined;
    const steps = selectors.map(stepOf);
    const members = steps.flatMap((s) => (s.kind === 'member' && !s.nullAware ? [s.name] : []));
    if (members.length !== steps.length) return undefined;
    const names = [head.text.replace(/^\$/, ''), ...members];
    const prefixed = names.length > 1 && this.isImportPrefix(names[0]!) && !this.scope.resolve(names[0]!, head);
    const path = prefixed ? names.slice(1) : names;
    const first = path[0];
    if (!first) return undefined;
    if (!prefixed && (this.scope.resolve(first, head) || this.scope.declaredTypes.has(first))) return undefined;
    return { ...(prefixed ? { prefix: names[0] } : {}), names: path };
  }

  /** What the imports that make `path` visible say of it; two libraries that disagree: not known. */
  private fromImports<T>(
    path: { prefix?: string; names: string[] },
    lookup: (library: LibrarySummary) => T | undefined,
    same: (a: T, b: T) => boolean,
  ): T | undefined {
    const first = path.names[0]!;
    let found: T | undefined;
    for (const imported of this.imports) {
      if (imported.directive !== 'import' || imported.prefix !== path.prefix || imported.hide?.includes(first)) continue;
      if (imported.show && !imported.show.includes(first)) continue;
      const library = this.libraryOf!(imported);
      const value = library && lookup(library);
      if (value === undefined) continue;
      if (found !== undefined && !same(found, value)) return undefined;
      found = value;
    }
    return found;
  }

  isImportPrefix(name: string): boolean {
    return this.imports.some((i) => i.directive === 'import' && i.prefix === name);
  }

  isPackageName(name: string, prefix: string | undefined, at: Node): boolean {
    if (prefix === undefined && (this.scope.declaredTypes.has(name) || this.scope.resolve(name, at))) return false;
    return importsPackageName(name, prefix, this.imports);
  }

  collect(): void {
    const chains: Expr[] = [];
    const cascades: { receiver: Expr; section: Node }[] = [];
    const seenParents = new Set<number>();
    forEachNode(
      this.root,
      (node, ancestors) => {
        if (node.type === 'const_object_expression' || node.type === 'new_expression') {
          this.instanceAt({ head: node, selectors: [] });
          this.noteDeprecatedOptions({ head: node, selectors: [] });
          this.noteAppConstruction(node);
          return;
        }
        // A chain is a run of siblings: read it from the parent, once per parent, when its first selector is met.
        if (node.type !== 'selector' && node.type !== 'cascade_section') return;
        const parent = ancestors[ancestors.length - 1];
        if (!parent || seenParents.has(parent.id)) return;
        seenParents.add(parent.id);
        const children = kids(parent);
        for (let i = 0; i < children.length; i++) {
          const head = children[i]!;
          const next = children[i + 1];
          if (!head.isNamed || head.type === 'selector' || head.type === 'cascade_section') continue;
          if (next?.type !== 'selector' && next?.type !== 'cascade_section') continue;
          const chain: Expr = { head, selectors: [] };
          let j = i + 1;
          for (; children[j]?.type === 'selector'; j++) chain.selectors.push(children[j]!);
          chains.push(chain);
          for (; children[j]?.type === 'cascade_section'; j++) cascades.push({ receiver: chain, section: children[j]! });
          i = j - 1;
        }
      },
      CHAIN_PARTS,
    );
    // Every construction first: an operation's receiver may be a field fed by a construction further down.
    for (const chain of chains) {
      this.noteChainConstructions(chain);
      this.noteDeprecatedOptions(chain);
    }
    for (const chain of chains) {
      const steps = chain.selectors.map(stepOf);
      // `write(key: …)` with no receiver, in a FlutterSecureStorage subclass that does not declare `write` itself.
      const first = steps[0];
      if (
        chain.head.type === 'identifier' &&
        first?.kind === 'call' &&
        chain.head.text in SECURE_STORAGE_METHODS &&
        !this.scope.resolve(chain.head.text, chain.head)
      ) {
        const own = this.ownStore(chain.head, chain.head.text);
        if (own) this.callOn(own, chain.head.text, first.args, rangeOf(chain.head, first.node));
      }
      steps.forEach((step, i) => {
        const next = steps[i + 1];
        if (step.kind !== 'member' || next?.kind !== 'call') return;
        this.methodCall({ head: chain.head, selectors: chain.selectors.slice(0, i) }, step.name, next.args, rangeOf(chain.head, next.node));
      });
    }
    for (const { receiver, section } of cascades) {
      const name = namedKids(section)
        .find((c) => c.type === 'cascade_selector')
        ?.namedChild(0);
      const part = namedKids(section).find((c) => c.type === 'argument_part');
      const args = part ? namedKids(part).find((c) => c.type === 'arguments') : undefined;
      if (name?.type === 'identifier' && args) this.methodCall(receiver, name.text, args, rangeOf(section));
    }
    this.noteGateHelpers(chains);
    const byStart = (a: { range: { start: number } }, b: { range: { start: number } }) => a.range.start - b.range.start;
    this.facts.secureStores.sort(byStart);
    this.facts.plaintextStores.sort(byStart);
    this.facts.operations.sort(byStart);
    this.facts.biometricGates.sort(byStart);
    this.facts.deprecatedOptions.sort(byStart);
    this.facts.injectedInstances = this.injectedInstances();
  }

  /**
   * The app's own helpers that return the prompt's answer (`Future<bool>
   * confirm() => _auth.authenticate(…);`): a call of one (`confirm()`,
   * `this.confirm()`) is a gate where it is made.
   */
  private noteGateHelpers(chains: Expr[]): void {
    const helpers = new Map<string, BiometricGate>();
    for (const { gate, node } of this.gateCalls) if (gate.enclosing && returnsValueOf(node)) helpers.set(gate.enclosing.name, gate);
    if (helpers.size === 0) return;
    for (const { head, selectors } of chains) {
      const steps = selectors.map(stepOf);
      const viaThis = head.type === 'this' && steps[0]?.kind === 'member';
      const name = viaThis ? (steps[0] as { name: string }).name : head.type === 'identifier' ? head.text : undefined;
      const call = steps[viaThis ? 1 : 0];
      const helper = name === undefined ? undefined : helpers.get(name);
      // A local of that name is not the helper.
      if (!helper || call?.kind !== 'call' || (!viaThis && this.scope.resolve(name!, head))) continue;
      const enclosing = this.enclosingFunction(head);
      if (!enclosing || enclosing.name === name) continue;
      this.facts.biometricGates.push({ ...helper, enclosing, range: rangeOf(head, call.node) });
    }
  }

  // --- constructions -------------------------------------------------------

  /** The package type a construction or factory call names, with its arguments: `FlutterSecureStorage(…)`, `fss.FlutterSecureStorage(…)`, `Hive.openBox(…)`. */
  private creation(expr: Expr): { type: string; member?: string; args: Node; isConst: boolean } | undefined {
    const made = this.constructionAt(expr);
    if (!made?.args || !this.isPackageName(made.type, made.prefix, made.head)) return undefined;
    return { type: made.type, ...(made.member ? { member: made.member } : {}), args: made.args, isConst: made.keyword === 'const' };
  }

  private constructionAt(expr: Expr): NamedConstruction | undefined {
    return namedConstruction(expr, (name, head) => this.isImportPrefix(name) && !this.scope.resolve(name, head));
  }

  /** The store instance an expression creates, registered once by its offset. */
  private instanceAt(expr: Expr): Instance | undefined {
    const inner = unwrap(expr);
    const key = inner.head.startIndex;
    if (inner.selectors.length === 0 && this.instances.has(key) && inner.head.type !== 'identifier') return this.instances.get(key) ?? undefined;
    const subclass = this.subclassCreation(inner);
    if (subclass) return this.subclassInstance(inner, subclass);
    const made = this.creation(inner);
    if (!made) return undefined;
    const found = this.instances.get(key);
    if (found !== undefined) return found ?? undefined;
    const range = exprRange(inner);
    const id = String(range.start);
    let instance: Instance | null = null;
    if (made.type === 'FlutterSecureStorage' && !made.member) {
      const named = callArguments(made.args).named;
      const options: PlatformOptionSet = {};
      for (const name of PLATFORM_OPTION_PARAMETERS) {
        const arg = named.get(name);
        if (arg) options[name] = resolvePlatformOptions(arg.expr, this);
      }
      const fact: SecureStoreInstance = { id, isConst: made.isConst, options, range, ...this.writtenIn(inner.head) };
      this.facts.secureStores.push(fact);
      instance = { kind: 'secure', fact };
    } else if (made.type === 'LocalAuthentication' && !made.member) {
      instance = { kind: 'local-auth', id };
    } else {
      const factory = PLAINTEXT_FACTORIES.find((f) => f.type === made.type && f.member === made.member);
      const args = callArguments(made.args);
      // A Hive box with a cipher is encrypted: not a plaintext store (and not a secure one either: no fact).
      if (factory && !(factory.store === 'hive' && args.named.has('encryptionCipher'))) {
        const containerArg = factory.container !== undefined ? args.positional[factory.container] : undefined;
        const container = containerArg && resolveString(containerArg, this);
        const fact: PlaintextStoreInstance = {
          id,
          store: factory.store,
          factory: factory.member ? `${factory.type}.${factory.member}` : factory.type,
          ...(container ? { container } : {}),
          range,
        };
        this.facts.plaintextStores.push(fact);
        instance = { kind: 'plaintext', fact };
      }
    }
    this.instances.set(key, instance);
    return instance ?? undefined;
  }

  /** `{ functionName }` of the named function `node` is written in, or nothing. */
  private writtenIn(node: Node): { functionName?: string } {
    const name = this.scope.enclosingFunction(node)?.name;
    return name ? { functionName: name } : {};
  }

  encodesInToString(className: string): boolean {
    this.jsonToString ??= classesEncodingInToString(this.root, (expr) => jsonEncodeArgument(expr, this) !== undefined);
    return this.jsonToString.has(className);
  }

  private get subclasses(): Map<string, StoreSubclass> {
    this.storeSubclasses ??= storeSubclasses(this.root, (name, prefix) => name === 'FlutterSecureStorage' && this.isPackageName(name, prefix, this.root));
    return this.storeSubclasses;
  }

  /** `AppStorage()`, `const AppStorage.named(…)`: a construction of a FlutterSecureStorage subclass of this file. */
  private subclassCreation(expr: Expr): { subclass: StoreSubclass; constructor: string; args?: Node } | undefined {
    if (this.subclasses.size === 0) return undefined;
    const made = this.constructionAt(expr);
    // Without `const`/`new`, `name(…)` is a call of whatever the name is bound to here.
    if (!made || made.prefix !== undefined || (!made.keyword && this.scope.resolve(made.type, made.head))) return undefined;
    const subclass = this.subclasses.get(made.type);
    return subclass && { subclass, constructor: made.member ?? '', ...(made.args ? { args: made.args } : {}) };
  }

  /**
   * The store a subclass construction makes. A constructor that forwards no
   * option makes the same store whatever the caller: one instance, reported
   * where its options are written. One that forwards options makes a store per
   * construction, with the caller's options.
   */
  private subclassInstance(expr: Expr, { subclass, constructor, args }: NonNullable<ReturnType<FileFacts['subclassCreation']>>): Instance | undefined {
    const key = expr.head.startIndex;
    if (this.instances.has(key)) return this.instances.get(key) ?? undefined;
    const made = subclass.constructors.get(constructor);
    if (!made) {
      this.instances.set(key, null);
      return undefined;
    }
    const forwards = PLATFORM_OPTION_PARAMETERS.some((name) => made.forwarded.has(name));
    if (!forwards) {
      const shared = this.fixedSubclassInstance(subclass, made);
      this.instances.set(key, shared);
      return shared;
    }
    const options: PlatformOptionSet = {};
    const fixed = made.superArgs ? callArguments(made.superArgs).named : new Map<string, { expr: Expr }>();
    const passed = args ? callArguments(args).named : new Map<string, { expr: Expr }>();
    for (const name of PLATFORM_OPTION_PARAMETERS) {
      const arg = made.forwarded.has(name) ? passed.get(name) : fixed.get(name);
      if (arg) options[name] = resolvePlatformOptions(arg.expr, this);
    }
    const site = exprRange(expr);
    const fact: SecureStoreInstance = {
      id: String(site.start),
      isConst: false,
      options,
      range: site,
      call: `${subclass.name}(…)`,
      ...this.writtenIn(expr.head),
    };
    this.facts.secureStores.push(fact);
    const instance: Instance = { kind: 'secure', fact };
    this.instances.set(key, instance);
    return instance;
  }

  /** The one store every object made by a constructor that forwards no option is: registered where its options are written. */
  private fixedSubclassInstance(subclass: StoreSubclass, made: StoreConstructor): Instance {
    const known = this.instances.get(made.site.startIndex);
    if (known) return known;
    const options: PlatformOptionSet = {};
    const fixed = made.superArgs ? callArguments(made.superArgs).named : new Map<string, { expr: Expr }>();
    for (const name of PLATFORM_OPTION_PARAMETERS) {
      const arg = fixed.get(name);
      if (arg) options[name] = resolvePlatformOptions(arg.expr, this);
    }
    const site = rangeOf(made.site);
    const call = made.superArgs ? `${subclass.name}'s super(…)` : `${subclass.name}(…)`;
    const fact: SecureStoreInstance = { id: String(site.start), isConst: false, options, range: site, call };
    this.facts.secureStores.push(fact);
    const instance: Instance = { kind: 'secure', fact };
    this.instances.set(made.site.startIndex, instance);
    return instance;
  }

  /**
   * `this`, or a call with no receiver (`write(key: …)`), inside a
   * FlutterSecureStorage subclass of this file: the store the object is. With
   * one constructor that fixes the options, that one store; otherwise a
   * secure store whose options are not known here.
   */
  private ownStore(at: Node, method?: string): Receiver | undefined {
    const className = this.scope.enclosingClass(at);
    const subclass = className === undefined ? undefined : this.subclasses.get(className);
    if (!subclass || (method !== undefined && subclass.members.has(method))) return undefined;
    const constructors = [...subclass.constructors.values()];
    const only = constructors.length === 1 ? constructors[0]! : undefined;
    if (only && !PLATFORM_OPTION_PARAMETERS.some((name) => only.forwarded.has(name))) return { instances: [this.fixedSubclassInstance(subclass, only)] };
    return { instances: [], typed: 'flutter-secure-storage' };
  }

  /** `AndroidOptions(encryptedSharedPreferences: true)` and the other options the package deprecated. */
  private noteDeprecatedOptions(expr: Expr): void {
    const made = this.creation(expr);
    if (made?.type !== 'AndroidOptions') return;
    for (const [name, { expr: value, node }] of callArguments(made.args).named) {
      if (!(name in DEPRECATED_ANDROID_OPTIONS)) continue;
      const deprecated = DEPRECATED_ANDROID_OPTIONS[name];
      if (!deprecated) {
        this.facts.deprecatedOptions.push({ option: `AndroidOptions.${name}`, range: rangeOf(node) });
        continue;
      }
      const resolved = resolveOptionValue(value, this);
      if (resolved.kind === 'constant' && resolved.type === deprecated.type && resolved.name === deprecated.name) {
        this.facts.deprecatedOptions.push({ option: `${deprecated.type}.${deprecated.name}`, range: rangeOf(node) });
      }
    }
  }

  /** Inside `if (kIsWeb) { … }` or the `else` of `if (!kIsWeb)`, with Flutter's `kIsWeb` (not a name of this file). */
  private isWebOnly(node: Node): boolean {
    if (!this.imports.some((i) => i.packageName === 'flutter') || this.scope.resolve(WEB_ONLY_FLAG, node)) return false;
    for (let child: Node = node, parent = node.parent; parent; child = parent, parent = parent.parent) {
      if (parent.type !== 'if_statement') continue;
      const children = kids(parent);
      const open = children.findIndex((c) => c.type === '(');
      const condition = children[open + 1]?.text.replace(/\s+/g, '');
      const at = children.findIndex((c) => c.id === child.id);
      const elseAt = children.findIndex((c) => c.type === 'else');
      if (at <= open + 1) continue;
      const inElse = elseAt >= 0 && at > elseAt;
      if ((condition === WEB_ONLY_FLAG && !inElse) || (condition === `!${WEB_ONLY_FLAG}` && inElse)) return true;
    }
    return false;
  }

  private noteAppConstruction(node: Node): void {
    const type = kids(node).find((c) => c.type === 'type_identifier');
    const args = kids(node).find((c) => c.type === 'arguments');
    if (type && args && this.scope.declaredTypes.has(type.text)) this.appConstructions.push({ className: type.text, args: callArguments(args), node });
  }

  private noteChainConstructions(chain: Expr): void {
    this.instanceAt(chain);
    const first = chain.selectors[0] && stepOf(chain.selectors[0]);
    if (
      chain.head.type === 'identifier' &&
      first?.kind === 'call' &&
      this.scope.declaredTypes.has(chain.head.text) &&
      !this.scope.resolve(chain.head.text, chain.head)
    ) {
      this.appConstructions.push({ className: chain.head.text, args: callArguments(first.args), node: chain.head });
    }
  }

  /** `TokenStore(FlutterSecureStorage())`: which instance each constructor argument carries. */
  private injectedInstances(): InjectedInstance[] {
    if (this.injectedByClass) return this.injectedByClass;
    const result: InjectedInstance[] = [];
    this.injectedByClass = result;
    for (const { className, args, node } of this.appConstructions) {
      const fields = this.scope.fieldParameters.filter((p) => p.className === className);
      if (fields.length === 0) continue;
      const add = (parameter: InjectedInstance['parameter'], expr: Expr) => {
        const receiver = this.receiver(expr, 0);
        if (receiver?.instances.length !== 1 || receiver.injected) return;
        const instance = receiver.instances[0]!;
        const id = instance.kind === 'local-auth' ? instance.id : instance.fact.id;
        result.push({ className, parameter, instance: id, range: rangeOf(node) });
      };
      args.positional.forEach((expr, index) => add({ index }, expr));
      for (const [name, { expr }] of args.named) add({ name }, expr);
    }
    return result;
  }

  // --- receivers -------------------------------------------------------------

  /** The instances an expression is bound to in this file, or undefined when that is not known. */
  private receiver(expr: Expr, depth: number): Receiver | undefined {
    if (depth > MAX_DEPTH) return undefined;
    const inner = unwrap(expr);
    if (inner.head.type === 'this' && inner.selectors.length === 0) return this.ownStore(inner.head);
    const made = this.instanceAt(inner);
    if (made) return { instances: [made] };
    const branches = conditionalBranches(inner);
    if (branches) return this.eitherReceiver(branches, depth);
    const located = this.locatedStore(inner);
    if (located) return located;
    const declaration = declarationOf(inner, this);
    if (!declaration) return this.importedStore(inner);
    // Where the value comes from is not in view, but the declared type is the package's: that store, of unknown origin.
    const typed = this.typedReceiver(declaration);
    if (declaration.kind === 'parameter') return typed;
    const guard = `${declaration.scopeId}:${declaration.name}`;
    if (this.resolving.has(guard)) return undefined;
    this.resolving.add(guard);
    try {
      const sources = [...(declaration.init ? [declaration.init] : []), ...this.scope.assignmentsTo(declaration)];
      const instances: Instance[] = [];
      const typedSources = new Set<StoreName>();
      for (const source of sources) {
        const bound = this.receiver(source, depth + 1);
        // One source that is not a known store makes the binding unknown (unless its type says which store).
        if (!bound || bound.injected) return typed;
        if (bound.typed) typedSources.add(bound.typed);
        instances.push(...bound.instances);
      }
      // A source known only by its store (`final prefs = Helper.prefs;`): the binding is that store, not a known instance.
      if (typedSources.size > 0) {
        if (typedSources.size > 1) return typed;
        const [store] = typedSources;
        return store === 'flutter-secure-storage' ? { instances: [], typed: store } : { instances: unique(instances), typed: store! };
      }
      const className = declaration.className;
      const injection = className ? this.scope.fieldParameters.find((p) => p.className === className && p.field === declaration.name) : undefined;
      if (injection) {
        for (const injected of this.injectedInstances()) {
          if (injected.className !== className || !sameParameter(injected.parameter, injection.parameter)) continue;
          const instance = [...this.instances.values()].find((i) => i && (i.kind === 'local-auth' ? i.id : i.fact.id) === injected.instance);
          if (instance) instances.push(instance);
        }
        // No construction here says what the field holds: only its declared type can (a `GetStorage box` is not secure storage).
        if (instances.length === 0 && typed?.typed !== 'flutter-secure-storage') return typed;
        return { instances: unique(instances), injected: { className: className!, field: declaration.name } };
      }
      return instances.length > 0 ? { instances: unique(instances) } : typed;
    } finally {
      this.resolving.delete(guard);
    }
  }

  /**
   * `isMobile ? const FlutterSecureStorage() : null`: a `null` branch calls
   * nothing (`storage?.write(…)` skips it), so the receiver is what the other
   * branch holds. Two stores: both instances, when both are known.
   */
  private eitherReceiver(branches: Expr[], depth: number): Receiver | undefined {
    const live = branches.filter((branch) => !isNullLiteral(branch));
    if (live.length === 1) return this.receiver(live[0]!, depth + 1);
    const bound = live.map((branch) => this.receiver(branch, depth + 1));
    if (bound.length === 0 || bound.some((b) => !b || b.injected || b.typed)) return undefined;
    return { instances: unique(bound.flatMap((b) => b!.instances)) };
  }

  /**
   * A declaration whose written type is a store type of the packages
   * (`SharedPreferencesAsync get prefs`, `GetStorage box`): a plaintext
   * store with no known container, or a flutter_secure_storage instance whose
   * options are not known. A Hive `Box` is left out: it may be encrypted.
   */
  private typedReceiver(declaration: Declaration): Receiver | undefined {
    const type = declaration.declaredType;
    if (!type) return undefined;
    const range = {
      start: declaration.start,
      end: declaration.start + declaration.name.length,
      line: (this.root.descendantForIndex(declaration.start)?.startPosition.row ?? 0) + 1,
    };
    return this.ofType(type, range);
  }

  /** A store of the package type `type` (or a FlutterSecureStorage subclass of this file), whose instance is not known. */
  private ofType(type: DeclaredType, range: StorageOperation['range']): Receiver | undefined {
    if (!type.prefix && this.subclasses.has(type.name)) return { instances: [], typed: 'flutter-secure-storage' };
    if (!this.isPackageName(type.name, type.prefix, this.root)) return undefined;
    const store = STORE_TYPES[type.name];
    return store && storeOfUnknownOrigin(store, type.name, range);
  }

  /**
   * A store handed out by a service locator or a provider, by the type it
   * names: `GetIt.I<SharedPreferences>()`, `getIt.get<FlutterSecureStorage>()`
   * (get_it), `ref.read(prefsProvider)` / `ref.watch(…)` of a Riverpod
   * `Provider<SharedPreferencesAsync>` of this file or another of the app.
   */
  private locatedStore(expr: Expr): Receiver | undefined {
    const { head, selectors } = expr;
    if (head.type !== 'identifier' || selectors.length === 0) return undefined;
    const steps = selectors.map(stepOf);
    const last = steps[steps.length - 1]!;
    if (last.kind !== 'call') return undefined;
    const range = exprRange(expr);
    // Riverpod: `ref.read(p)` / `ref.watch(p)`.
    const method = steps.length === 2 && steps[0]!.kind === 'member' ? steps[0]!.name : undefined;
    if (method === 'read' || method === 'watch') {
      const [provider, ...more] = callArguments(last.args).positional;
      if (!provider || more.length > 0) return undefined;
      const type = this.providedType(provider);
      if (type) return this.ofType(type, range);
      const store = this.importedProvider(provider);
      return store && storeOfUnknownOrigin(store, 'Provider', range);
    }
    // get_it: the locator, then `<T>()` or `.get<T>()`.
    const type = typeArgumentOf(selectors[selectors.length - 1]!);
    if (!type) return undefined;
    const names = steps.slice(0, -1).map((s) => (s.kind === 'member' ? s.name : undefined));
    if (names.includes(undefined)) return undefined;
    const path = names as string[];
    if (path[path.length - 1] === 'get') path.pop();
    if (!this.isGetIt({ head, selectors: [] }, path)) return undefined;
    return this.ofType(type, range);
  }

  /** `GetIt.I`, `GetIt.instance`, or a final of this file that holds one of them. */
  private isGetIt(head: Expr, path: string[]): boolean {
    const name = head.head.text;
    if (path.length === 1 && (path[0] === 'I' || path[0] === 'instance')) return this.isPackageName(name, undefined, head.head) && name === 'GetIt';
    if (path.length !== 0) return false;
    const declaration = this.scope.resolve(name, head.head);
    const init = declaration?.isFinal ? declaration.init : undefined;
    if (!init) return false;
    const inner = unwrap(init);
    const steps = inner.selectors.map(stepOf);
    return (
      inner.head.type === 'identifier' &&
      inner.head.text === 'GetIt' &&
      steps.length === 1 &&
      steps[0]!.kind === 'member' &&
      (steps[0]!.name === 'I' || steps[0]!.name === 'instance') &&
      this.isPackageName('GetIt', undefined, inner.head)
    );
  }

  /** The type a Riverpod `Provider<T>(…)` of this file provides, for the provider's name. */
  private providedType(provider: Expr): DeclaredType | undefined {
    const declaration = declarationOf(unwrap(provider), this);
    if (!declaration?.isFinal || !declaration.init) return undefined;
    const call = genericCall(declaration.init);
    if (call?.callee.text !== 'Provider' || !this.isPackageName('Provider', undefined, call.callee)) return undefined;
    return call.type;
  }

  private importedProvider(provider: Expr): StoreName | undefined {
    const path = this.importedPath(unwrap(provider));
    if (!path || path.names.length > 2) return undefined;
    return this.fromImports(
      path,
      (library) => {
        const member = library.members.get(path.names.join('.'));
        return member && 'provides' in member ? member.provides : undefined;
      },
      (a, b) => a === b,
    );
  }

  // --- calls -----------------------------------------------------------------

  private methodCall(receiverExpr: Expr, method: string, argsNode: Node, range: StorageOperation['range']): void {
    const known = method in SECURE_STORAGE_METHODS || method === LOCAL_AUTH_GATE || Object.values(PLAINTEXT_METHODS).some((t) => method in t);
    if (!known) return;
    // `this.write(…)` in a subclass that declares its own `write` calls that one.
    const ownCall = receiverExpr.head.type === 'this' && receiverExpr.selectors.length === 0;
    const receiver = ownCall ? this.ownStore(receiverExpr.head, method) : this.receiver(receiverExpr, 0);
    if (receiver) this.callOn(receiver, method, argsNode, range);
  }

  private callOn(receiver: Receiver, method: string, argsNode: Node, range: StorageOperation['range']): void {
    const kinds = new Set(receiver.instances.map((i) => (i.kind === 'plaintext' ? i.fact.store : i.kind)));
    // Bound to stores of different packages: which one is called is not known.
    if (kinds.size > 1) return;
    const args = callArguments(argsNode);
    const enclosing = this.enclosingFunction(argsNode);
    const first = receiver.instances[0];
    if (method === LOCAL_AUTH_GATE && first?.kind === 'local-auth') {
      const gate = this.gate(args, range, enclosing);
      this.facts.biometricGates.push(gate);
      this.gateCalls.push({ gate, node: argsNode });
      return;
    }
    const secure = first?.kind === 'secure' || (!first && (receiver.injected !== undefined || receiver.typed === 'flutter-secure-storage'));
    if (secure) {
      const shape = SECURE_STORAGE_METHODS[method];
      if (shape) this.facts.operations.push(this.secureOperation(receiver, method, shape, args, range, enclosing, argsNode));
      return;
    }
    if (first?.kind !== 'plaintext') return;
    const shape = PLAINTEXT_METHODS[first.fact.store][method];
    if (shape) this.facts.operations.push(this.operation(first.fact.store, 'plaintext', receiver, method, shape, args, range, enclosing, argsNode));
  }

  private operation(
    store: StoreName,
    storeKind: StorageOperation['storeKind'],
    receiver: Receiver,
    method: string,
    shape: MethodShape,
    args: CallArguments,
    range: StorageOperation['range'],
    enclosing: EnclosingFunction | undefined,
    at: Node,
  ): StorageOperation {
    const pick = (at: string | number | undefined) => (at === undefined ? undefined : typeof at === 'number' ? args.positional[at] : args.named.get(at)?.expr);
    const keyExpr = pick(shape.key);
    const valueExpr = pick(shape.value);
    const key = keyExpr && resolveString(keyExpr, this);
    const value = valueExpr && valueShape(valueExpr, this);
    const names = valueExpr ? valueNames(valueExpr, this) : [];
    const parts = valueExpr ? valueParts(valueExpr, this) : [];
    const encodedArg = valueExpr && jsonEncodeArgument(valueExpr, this);
    const viaToString = valueExpr && !encodedArg ? encodedByToString(valueExpr, this) : undefined;
    const webOnly = this.isWebOnly(at);
    // `write(key: k, value: null)` deletes the key.
    const operation = shape.operation === 'write' && value?.kind === 'null' ? 'delete' : shape.operation;
    const valueParameter = operation === 'write' && valueExpr ? this.parameterOfEnclosing(valueExpr, enclosing) : undefined;
    return {
      store,
      storeKind,
      operation,
      method,
      keyed: shape.key !== undefined,
      ...(key ? { key } : {}),
      ...(key && keyExpr ? { keyRange: exprRange(keyExpr) } : {}),
      ...(value ? { value } : {}),
      ...(names.length > 0 ? { valueNames: names } : {}),
      ...(parts.length > 0 ? { valueParts: parts } : {}),
      ...(encodedArg ? { encoded: { subject: describeSubject(encodedArg), primitive: isPrimitiveLiteral(encodedArg) } } : {}),
      ...(viaToString ? { encoded: { subject: viaToString, primitive: false } } : {}),
      ...(webOnly ? { webOnly } : {}),
      ...(valueParameter ? { valueParameter } : {}),
      instances: receiver.instances.map((i) => (i.kind === 'local-auth' ? i.id : i.fact.id)),
      ...(receiver.injected ? { injected: receiver.injected } : {}),
      ...(enclosing ? { enclosing } : {}),
      range,
    };
  }

  private secureOperation(
    receiver: Receiver,
    method: string,
    shape: MethodShape,
    args: CallArguments,
    range: StorageOperation['range'],
    enclosing: EnclosingFunction | undefined,
    at: Node,
  ): StorageOperation {
    const result = this.operation('flutter-secure-storage', 'secure', receiver, method, shape, args, range, enclosing, at);
    const callOptions: PlatformOptionSet = {};
    for (const name of PLATFORM_OPTION_PARAMETERS) {
      const arg = args.named.get(name);
      if (arg) callOptions[name] = resolvePlatformOptions(arg.expr, this);
    }
    result.callOptions = callOptions;
    const only = receiver.instances.length === 1 ? receiver.instances[0] : undefined;
    // A platform's options given to the call replace the instance's for that platform; they are not merged.
    if (only?.kind === 'secure') result.effectiveOptions = { ...only.fact.options, ...callOptions };
    return result;
  }

  private gate(args: CallArguments, range: BiometricGate['range'], enclosing: EnclosingFunction | undefined): BiometricGate {
    const options: Record<string, OptionValue> = {};
    const object = args.named.get('options');
    if (object) {
      const resolved = resolvePlatformOptions(object.expr, this);
      if (resolved.known) Object.assign(options, resolved.values);
      return { method: 'authenticate', style: 'options-object', options, ...(enclosing ? { enclosing } : {}), range };
    }
    for (const flag of LOCAL_AUTH_FLAGS) {
      const arg = args.named.get(flag);
      if (arg) options[flag] = resolveOptionValue(arg.expr, this);
    }
    const style = Object.keys(options).length > 0 ? 'named-arguments' : 'none';
    return { method: 'authenticate', style, options, ...(enclosing ? { enclosing } : {}), range };
  }

  /** `value: token` where `token` is a parameter of the named function the call is written in (not of a closure inside it). */
  private parameterOfEnclosing(expr: Expr, enclosing: EnclosingFunction | undefined): StorageOperation['valueParameter'] {
    const inner = unwrap(expr);
    if (!enclosing || inner.head.type !== 'identifier' || inner.selectors.length > 0) return undefined;
    const owner = this.scope.resolve(inner.head.text, inner.head)?.parameterOf;
    return owner && owner.function === enclosing.name ? owner : undefined;
  }

  private enclosingFunction(node: Node): EnclosingFunction | undefined {
    const found = this.scope.enclosingFunction(node);
    if (!found) return undefined;
    const { name, className, start, end, line } = found;
    return { name, ...(className ? { className } : {}), range: { start, end, line } };
  }
}

/**
 * A receiver known to be `store` but not which instance: flutter_secure_storage
 * with no instance (its options are not known), a plaintext store as an
 * instance of its own, named by where it was found (`factory`).
 */
function storeOfUnknownOrigin(store: StoreName, factory: string, range: StorageOperation['range']): Receiver {
  if (store === 'flutter-secure-storage') return { instances: [], typed: store };
  return { instances: [{ kind: 'plaintext', fact: { id: `typed:${range.start}`, store, factory, range } }], typed: store };
}

function sameParameter(a: InjectedInstance['parameter'], b: InjectedInstance['parameter']): boolean {
  return 'index' in a ? 'index' in b && a.index === b.index : 'name' in b && a.name === b.name;
}

function unique<T>(items: T[]): T[] {
  return [...new Set(items)];
}

/** Whether the call is what its function returns: its `=>` body, or a `return` (not in a closure inside it). */
function returnsValueOf(call: Node): boolean {
  for (let node = call.parent; node; node = node.parent) {
    if (node.type === 'return_statement') return true;
    if (node.type === 'function_body') return node.child(0)?.type === '=>';
    if (node.type === 'function_expression' || node.type === 'block' || node.type === 'local_variable_declaration' || node.type === 'if_statement')
      return false;
  }
  return false;
}
