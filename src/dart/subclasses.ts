import type { Node } from 'web-tree-sitter';
import { kids, namedKids } from './syntax.js';

// Apps subclass FlutterSecureStorage to set its options once
// (`class AppStorage extends FlutterSecureStorage { const AppStorage() :
// super(iOptions: …); }`) or to pass them through (`const AppStorage({super.iOptions})`).
// A construction of such a class is a construction of the package's store:
// its options are the `super(…)` call's, plus, for each option the
// constructor forwards with `super.name`, what the construction passes.
// Only the subclasses this file declares are known; a factory or redirecting
// constructor hides what it builds, so it is not followed.

export interface StoreConstructor {
  /** The arguments of `: super(…)`, when the constructor calls it. */
  superArgs?: Node;
  /** Where the options are written: the `super(…)` initializer, or the constructor's name when it has none. */
  site: Node;
  /** Options the constructor takes as `super.iOptions` and hands on. */
  forwarded: Set<string>;
}

export interface StoreSubclass {
  name: string;
  /** By constructor name ('' for the unnamed one). A class without constructors has the implicit unnamed one. */
  constructors: Map<string, StoreConstructor>;
  /** The methods, getters and setters the class declares: a call of one of these names within the class is not the package's. */
  members: Set<string>;
}

const CONSTRUCTORS = new Set(['constructor_signature', 'constant_constructor_signature']);

/** The classes of this file whose superclass is the package's store type, as `isStoreType(name, prefix)` decides. */
export function storeSubclasses(root: Node, isStoreType: (name: string, prefix: string | undefined) => boolean): Map<string, StoreSubclass> {
  const found = new Map<string, StoreSubclass>();
  for (const definition of namedKids(root)) {
    if (definition.type !== 'class_definition') continue;
    const name = definition.childForFieldName('name');
    const superclass = namedKids(definition).find((c) => c.type === 'superclass');
    const types = superclass ? kids(superclass).filter((c) => c.type === 'type_identifier') : [];
    const [first, second] = types.map((t) => t.text);
    const isStore = types.length === 1 ? isStoreType(first!, undefined) : types.length === 2 && isStoreType(second!, first);
    if (!name || !isStore) continue;
    const body = namedKids(definition).find((c) => c.type === 'class_body');
    const constructors = new Map<string, StoreConstructor>();
    const members = new Set<string>();
    let declaresAny = false;
    for (const member of body ? namedKids(body) : []) {
      if (member.type === 'method_signature') {
        const signature = namedKids(member)[0];
        const declared = signature && namedKids(signature).find((c) => c.type === 'identifier');
        if (declared) members.add(declared.text);
        continue;
      }
      const signature = member.type === 'declaration' ? namedKids(member).find((c) => CONSTRUCTORS.has(c.type) || c.type.includes('constructor')) : undefined;
      if (!signature) continue;
      declaresAny = true;
      if (!CONSTRUCTORS.has(signature.type)) continue; // factory, redirecting: not followed
      const entry = storeConstructor(member, signature);
      if (entry) constructors.set(constructorName(signature, name.text), entry);
    }
    if (!declaresAny) constructors.set('', { site: name, forwarded: new Set() });
    found.set(name.text, { name: name.text, constructors, members });
  }
  return found;
}

/** `AppStorage.named(…)` → 'named'; the unnamed constructor → ''. */
function constructorName(signature: Node, className: string): string {
  const names = namedKids(signature).filter((c) => c.type === 'identifier');
  return names.length > 1 && names[0]!.text === className ? names[1]!.text : '';
}

function storeConstructor(declaration: Node, signature: Node): StoreConstructor | undefined {
  const initializers = namedKids(declaration).find((c) => c.type === 'initializers');
  const entries = initializers ? namedKids(initializers).filter((c) => c.type === 'initializer_list_entry') : [];
  let superCall: Node | undefined;
  for (const entry of entries) {
    const parts = namedKids(entry);
    // `: this(…)` redirects to another constructor: what it passes on is not followed.
    if (parts[0]?.type === 'this') return undefined;
    if (parts[0]?.type === 'super') superCall = entry;
  }
  const forwarded = new Set<string>();
  const list = namedKids(signature).find((c) => c.type === 'formal_parameter_list');
  for (const parameter of list ? parameterNodes(list) : []) {
    const superParameter = namedKids(parameter).find((c) => c.type === 'super_formal_parameter');
    const forwardedName = superParameter && namedKids(superParameter).find((c) => c.type === 'identifier')?.text;
    if (forwardedName) forwarded.add(forwardedName);
  }
  const superArgs = superCall && namedKids(superCall).find((c) => c.type === 'arguments');
  const site = superCall ?? namedKids(signature).find((c) => c.type === 'identifier') ?? signature;
  return { ...(superArgs ? { superArgs } : {}), site, forwarded };
}

function parameterNodes(list: Node): Node[] {
  return namedKids(list).flatMap((child) =>
    child.type === 'formal_parameter'
      ? [child]
      : child.type === 'optional_formal_parameters'
        ? namedKids(child).filter((p) => p.type === 'formal_parameter')
        : [],
  );
}
