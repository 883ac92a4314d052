import type { Node } from 'web-tree-sitter';
import type { ParameterSlot } from './facts-types.js';
import { exprAfter, forEachNode, kids, namedKids, SiblingCache, type Expr } from './syntax.js';

// What a name refers to, within one file: the declarations of a Dart file
// indexed once by name and by the scope they belong to (the program, a class
// body, a block, a function body for its parameters). A name that resolves to
// nothing here (an inherited field, another file's top-level) stays
// unresolved: unknown, not a guess.
//
// Scopes are kept as a tree of offset ranges built during the one walk, and a
// node's scope is found from its offset: asking the runtime for a node's
// parent costs as much as the node is deep.

export type DeclarationKind = 'top-level' | 'field' | 'local' | 'parameter';

export interface Declaration {
  name: string;
  kind: DeclarationKind;
  /** The id of the scope the declaration is visible in. */
  scopeId: number;
  start: number;
  init?: Expr;
  isConst: boolean;
  /** `final` or `const`: the declaration itself is never reassigned. */
  isFinal: boolean;
  /** The class of a field. */
  className?: string;
  /** A nullable parameter of a named function or method: which one, and where it sits in the call (`saveToken(null)` fills slot 0). */
  parameterOf?: { function: string; slot: ParameterSlot };
  /** The type written in the declaration (`sp.SharedPreferences? prefs`: name and import prefix), when it is a plain class name. */
  declaredType?: DeclaredType;
  /** A getter (`SharedPreferencesAsync get prefs => …`): `init` is its `=>` expression, evaluated on every read. */
  isGetter?: boolean;
}

export interface DeclaredType {
  name: string;
  prefix?: string;
}

/** The declared type among a declaration's parts: `Type` or `prefix.Type` (type arguments and `?` aside); undefined for `var`/`final` alone, functions and records. */
function declaredTypeOf(parts: Node[]): DeclaredType | undefined {
  const names = parts.filter((c) => c.type === 'type_identifier').map((c) => c.text);
  if (names.length === 1) return { name: names[0]! };
  if (names.length === 2) return { name: names[1]!, prefix: names[0]! };
  return undefined;
}

export interface Assignment {
  name: string;
  /** `this.name = …` or a constructor's initialiser list: always the enclosing class's field. */
  viaThis: boolean;
  node: Node;
  value: Expr;
}

export interface ConstructorFieldParameter {
  className: string;
  field: string;
  parameter: { index: number } | { name: string };
}

/** A function body, and the signature before it (its name, its parameters). */
export interface FunctionScope {
  name: string;
  className?: string;
  start: number;
  end: number;
  line: number;
}

export interface FileScope {
  resolve(name: string, at: Node): Declaration | undefined;
  /** `this.name` from `at`: the enclosing class's field. */
  resolveField(name: string, at: Node): Declaration | undefined;
  /** `Keys.token`: a static member of a class of this file. */
  resolveStatic(className: string, name: string): Declaration | undefined;
  /** Every assignment to the declaration (`_prefs = await …` for a `late` field). */
  assignmentsTo(declaration: Declaration): Expr[];
  /** Names of the classes, enums, mixins and typedefs this file declares: they hide imported names. */
  declaredTypes: Set<string>;
  fieldParameters: ConstructorFieldParameter[];
  /** The class whose body contains `at`, if any. */
  enclosingClass(at: Node): string | undefined;
  /** The named function or method whose body contains `at` (a closure counts as part of the function it is written in). */
  enclosingFunction(at: Node): FunctionScope | undefined;
  /** What another file can name: top-level declarations (`token`) and class members (`Keys.token`). */
  libraryMembers(): { name: string; declaration: Declaration }[];
}

interface Frame {
  id: number;
  type: string;
  start: number;
  end: number;
  depth: number;
  parent?: Frame;
  children: Frame[];
  className?: string;
  function?: FunctionScope;
}

const SCOPE_OWNERS = new Set(['program', 'class_body', 'block', 'function_body', 'function_expression', 'extension_body', 'enum_body']);
const MODIFIERS = new Set([
  'const_builtin',
  'final_builtin',
  'static',
  'late',
  'type_identifier',
  'type_arguments',
  'nullable_type',
  'inferred_type',
  'covariant',
  'external',
  'abstract',
]);
const TYPE_DECLARATIONS = new Set(['class_definition', 'enum_declaration', 'mixin_declaration', 'type_alias', 'extension_type_declaration']);
const SIGNATURES = new Set([
  'function_signature',
  'method_signature',
  'getter_signature',
  'setter_signature',
  'constructor_signature',
  'constant_constructor_signature',
  'factory_constructor_signature',
  'operator_signature',
]);

/** The node types the scope walk looks at. */
const VISITED = new Set([
  ...SCOPE_OWNERS,
  ...TYPE_DECLARATIONS,
  'static_final_declaration',
  'initialized_identifier',
  'initialized_variable_definition',
  'formal_parameter_list',
  'assignment_expression',
  'field_initializer',
]);

const scopeKey = (scopeId: number, name: string) => `${scopeId}\u0000${name}`;

/** The parameter list of a signature, at most three levels down (`method_signature > function_signature > formal_parameter_list`). */
function parameterList(signature: Node): Node | undefined {
  let level = [signature];
  for (let depth = 0; depth < 3 && level.length > 0; depth++) {
    const next: Node[] = [];
    for (const node of level) {
      for (const child of namedKids(node)) {
        if (child.type === 'formal_parameter_list') return child;
        if (SIGNATURES.has(child.type)) next.push(child);
      }
    }
    level = next;
  }
  return undefined;
}

function signatureName(signature: Node): string | undefined {
  const direct = signature.childForFieldName('name')?.text;
  if (direct) return direct;
  for (const child of namedKids(signature)) {
    if (!SIGNATURES.has(child.type)) continue;
    const name = child.childForFieldName('name')?.text ?? namedKids(child).find((c) => c.type === 'identifier')?.text;
    if (name) return name;
  }
  if (signature.type === 'constructor_signature' || signature.type === 'constant_constructor_signature' || signature.type === 'factory_constructor_signature') {
    return namedKids(signature).find((c) => c.type === 'identifier')?.text;
  }
  return undefined;
}

export function buildScope(root: Node): FileScope {
  const declarations = new Map<string, Declaration[]>();
  const assignments = new Map<string, Assignment[]>();
  const classBodies = new Map<string, number>();
  const declaredTypes = new Set<string>();
  const fieldParameters: ConstructorFieldParameter[] = [];
  const siblings = new SiblingCache();

  let rootFrame: Frame | undefined;
  const frames: Frame[] = [];

  const add = (declaration: Declaration) => {
    const key = scopeKey(declaration.scopeId, declaration.name);
    const list = declarations.get(key);
    if (list) list.push(declaration);
    else declarations.set(key, [declaration]);
  };

  forEachNode(
    root,
    (node, ancestors) => {
      const depth = ancestors.length;
      // Only some node types are visited: a frame is left by depth, or by position when the nodes between were not visited (a declaration after a function).
      while (frames.length > 0 && (frames[frames.length - 1]!.depth >= depth || frames[frames.length - 1]!.end <= node.startIndex)) frames.pop();
      const frame = frames[frames.length - 1];
      const parent = ancestors[depth - 1];

      if (SCOPE_OWNERS.has(node.type)) {
        const created: Frame = { id: node.id, type: node.type, start: node.startIndex, end: node.endIndex, depth, parent: frame, children: [] };
        if (node.type === 'class_body' || node.type === 'extension_body' || node.type === 'enum_body') {
          created.className = parent?.childForFieldName('name')?.text;
          if (created.className && node.type === 'class_body') classBodies.set(created.className, node.id);
        } else if (node.type === 'function_body' && parent) {
          const signature = siblings.previousNamed(node, parent);
          if (signature && SIGNATURES.has(signature.type)) {
            const name = signatureName(signature);
            const className = enclosingClassFrame(frame)?.className;
            if (name)
              created.function = {
                name,
                ...(className ? { className } : {}),
                start: signature.startIndex,
                end: node.endIndex,
                line: signature.startPosition.row + 1,
              };
            const list = parameterList(signature);
            if (list) declareParameters(list, created.id, name);
            declareGetter(signature, node, frame);
          }
        } else if (node.type === 'function_expression') {
          const list = node.childForFieldName('parameters');
          if (list) declareParameters(list, created.id);
        }
        if (frame) frame.children.push(created);
        else rootFrame = created;
        frames.push(created);
        return;
      }
      switch (node.type) {
        case 'static_final_declaration':
        case 'initialized_identifier':
          if (parent && frame) declareIn(node.namedChild(0), node, frame, modifiersBefore(parent, ancestors[depth - 2]));
          break;
        case 'initialized_variable_definition':
          if (frame) declareIn(node.childForFieldName('name'), node, frame, kids(node));
          break;
        case 'formal_parameter_list':
          if (parent && (parent.type === 'constructor_signature' || parent.type === 'constant_constructor_signature'))
            noteFieldParameters(node, enclosingClassFrame(frame)?.className);
          break;
        case 'assignment_expression':
          recordAssignment(node);
          break;
        case 'field_initializer':
          recordFieldInitializer(node);
          break;
        default:
          if (TYPE_DECLARATIONS.has(node.type)) {
            const name = node.childForFieldName('name')?.text;
            if (name) declaredTypes.add(name);
          }
      }
    },
    VISITED,
  );

  function enclosingClassFrame(frame: Frame | undefined): Frame | undefined {
    for (let current = frame; current; current = current.parent) if (current.className !== undefined) return current;
    return undefined;
  }

  /** The modifiers and type written before a declaration (`static const`, `late final Type`…): on the `declaration` holding it, or before its list. */
  function modifiersBefore(list: Node, holder: Node | undefined): Node[] {
    if (holder?.type === 'declaration') return kids(holder);
    const found: Node[] = [];
    if (!holder) return found;
    const { children, index } = siblings.siblings(holder);
    for (let i = (index.get(list.id) ?? 0) - 1; i >= 0 && MODIFIERS.has(children[i]!.type); i--) found.unshift(children[i]!);
    return found;
  }

  function declareIn(nameNode: Node | null, holder: Node, frame: Frame, parts: Node[]) {
    if (!nameNode) return;
    const kind: DeclarationKind = frame.type === 'program' ? 'top-level' : frame.className !== undefined ? 'field' : 'local';
    const modifiers = new Set(parts.map((c) => c.type));
    const declaredType = declaredTypeOf(parts);
    add({
      name: nameNode.text,
      kind,
      scopeId: frame.id,
      start: nameNode.startIndex,
      init: exprAfter(holder, '='),
      isConst: modifiers.has('const_builtin'),
      isFinal: modifiers.has('const_builtin') || modifiers.has('final_builtin'),
      ...(kind === 'field' && frame.className ? { className: frame.className } : {}),
      ...(declaredType ? { declaredType } : {}),
    });
  }

  /** `Type get name => expr;`: a member other code reads like a field. */
  function declareGetter(signature: Node, body: Node, frame: Frame | undefined) {
    const getter = signature.type === 'getter_signature' ? signature : namedKids(signature).find((c) => c.type === 'getter_signature');
    const name = getter && namedKids(getter).find((c) => c.type === 'identifier');
    if (!getter || !name || !frame) return;
    const kind: DeclarationKind = frame.type === 'program' ? 'top-level' : frame.className !== undefined ? 'field' : 'local';
    const declaredType = declaredTypeOf(kids(getter));
    const init = exprAfter(body, '=>');
    add({
      name: name.text,
      kind,
      scopeId: frame.id,
      start: name.startIndex,
      ...(init ? { init } : {}),
      isConst: false,
      isFinal: false,
      isGetter: true,
      ...(kind === 'field' && frame.className ? { className: frame.className } : {}),
      ...(declaredType ? { declaredType } : {}),
    });
  }

  function eachParameter(list: Node, visit: (parameter: Node, named: boolean, index: number) => void) {
    let index = 0;
    for (const child of namedKids(list)) {
      if (child.type === 'formal_parameter') visit(child, false, index++);
      else if (child.type === 'optional_formal_parameters') {
        const named = child.child(0)?.type === '{';
        for (const parameter of namedKids(child)) if (parameter.type === 'formal_parameter') visit(parameter, named, named ? -1 : index++);
      }
    }
  }

  function declareParameters(list: Node, scopeId: number, functionName?: string) {
    eachParameter(list, (parameter, named, index) => {
      const name = parameter.childForFieldName('name');
      if (!name) return;
      const slot: ParameterSlot = named ? { name: name.text } : { index };
      // Only a parameter that can be null can carry a caller's null (`String? token`, or no type: dynamic).
      const type = parameter.text
        .slice(0, name.startIndex - parameter.startIndex)
        .replace(/\brequired\b|\bcovariant\b/g, '')
        .trim();
      const nullable = type === '' || type.endsWith('?') || /(?:^|\s)(?:dynamic|var|final)$/.test(type);
      const declaredType = declaredTypeOf(kids(parameter).filter((c) => c.startIndex < name.startIndex));
      add({
        name: name.text,
        kind: 'parameter',
        scopeId,
        start: name.startIndex,
        isConst: false,
        isFinal: false,
        ...(declaredType ? { declaredType } : {}),
        ...(functionName && nullable ? { parameterOf: { function: functionName, slot } } : {}),
      });
    });
  }

  /** `TokenStore(this.storage)`: the field a constructor parameter fills. */
  function noteFieldParameters(list: Node, className: string | undefined) {
    if (!className) return;
    eachParameter(list, (parameter, named, index) => {
      const fieldParameter = namedKids(parameter).find((c) => c.type === 'constructor_param');
      const field = fieldParameter && namedKids(fieldParameter).find((c) => c.type === 'identifier')?.text;
      if (field) fieldParameters.push({ className, field, parameter: named ? { name: field } : { index } });
    });
  }

  function remember(assignment: Assignment) {
    const list = assignments.get(assignment.name);
    if (list) list.push(assignment);
    else assignments.set(assignment.name, [assignment]);
  }

  function recordAssignment(node: Node) {
    const operator = node.childForFieldName('operator');
    const left = node.childForFieldName('left');
    if (operator?.type !== '=' || left?.type !== 'assignable_expression') return;
    const value = exprAfter(node, '=');
    if (!value) return;
    const parts = namedKids(left);
    if (parts.length === 1 && parts[0]!.type === 'identifier') remember({ name: parts[0]!.text, viaThis: false, node, value });
    else if (parts.length === 2 && parts[0]!.type === 'this') {
      const name = namedKids(parts[1]!).find((c) => c.type === 'identifier')?.text;
      if (name) remember({ name, viaThis: true, node, value });
    }
  }

  /** `InstallId() : _storage = const FlutterSecureStorage()`: an assignment to the class's field. */
  function recordFieldInitializer(node: Node) {
    const children = kids(node);
    const equals = children.findIndex((c) => c.type === '=');
    const name = children
      .slice(0, Math.max(equals, 0))
      .reverse()
      .find((c) => c.type === 'identifier')?.text;
    const value = exprAfter(node, '=');
    if (name && value) remember({ name, viaThis: true, node, value });
  }

  /** The innermost scope containing the offset, found from the root down. */
  function frameAt(offset: number): Frame | undefined {
    let current = rootFrame;
    if (!current) return undefined;
    for (;;) {
      const { children } = current;
      let low = 0;
      let high = children.length - 1;
      let inner: Frame | undefined;
      while (low <= high) {
        const mid = (low + high) >> 1;
        const child = children[mid]!;
        if (offset < child.start) high = mid - 1;
        else if (offset >= child.end) low = mid + 1;
        else {
          inner = child;
          break;
        }
      }
      if (!inner) return current;
      current = inner;
    }
  }

  function resolve(name: string, at: Node): Declaration | undefined {
    for (let frame = frameAt(at.startIndex); frame; frame = frame.parent) {
      const candidates = declarations.get(scopeKey(frame.id, name));
      if (!candidates) continue;
      let found: Declaration | undefined;
      for (const d of candidates) {
        // A local is visible from its declaration on; the closest one before `at` wins.
        if (d.kind === 'local' && d.start > at.startIndex) continue;
        if (!found || d.start > found.start) found = d;
      }
      if (found) return found;
    }
    return undefined;
  }

  function resolveField(name: string, at: Node): Declaration | undefined {
    const body = enclosingClassFrame(frameAt(at.startIndex));
    return body ? declarations.get(scopeKey(body.id, name))?.[0] : undefined;
  }

  function resolveStatic(className: string, name: string): Declaration | undefined {
    const body = classBodies.get(className);
    return body === undefined ? undefined : declarations.get(scopeKey(body, name))?.[0];
  }

  function assignmentsTo(declaration: Declaration): Expr[] {
    const list = assignments.get(declaration.name) ?? [];
    return list.filter((a) => (a.viaThis ? resolveField(a.name, a.node) : resolve(a.name, a.node)) === declaration).map((a) => a.value);
  }

  function enclosingFunction(at: Node): FunctionScope | undefined {
    for (let frame = frameAt(at.startIndex); frame; frame = frame.parent) if (frame.function) return frame.function;
    return undefined;
  }

  function libraryMembers(): { name: string; declaration: Declaration }[] {
    const members: { name: string; declaration: Declaration }[] = [];
    for (const candidates of declarations.values()) {
      for (const d of candidates) {
        if (d.kind === 'top-level') members.push({ name: d.name, declaration: d });
        else if (d.kind === 'field' && d.className) members.push({ name: `${d.className}.${d.name}`, declaration: d });
      }
    }
    return members;
  }

  return {
    libraryMembers,
    resolve,
    resolveField,
    resolveStatic,
    assignmentsTo,
    declaredTypes,
    fieldParameters,
    enclosingClass: (at) => enclosingClassFrame(frameAt(at.startIndex))?.className,
    enclosingFunction,
  };
}
