import type { Node } from 'web-tree-sitter';
import { exprAfter, forEachNode, type Expr, kids, namedKids } from './syntax.js';

// What a name refers to, within one file: the declarations of a Dart file
// indexed once by name and by the node whose scope they belong to (the
// program, a class body, a block, a function body for its parameters).
// A name that resolves to nothing here (an inherited field, another file's
// top-level) stays unresolved: unknown, not a guess.

export type DeclarationKind = 'top-level' | 'field' | 'local' | 'parameter';

export interface Declaration {
  name: string;
  kind: DeclarationKind;
  /** The id of the node the declaration is visible in. */
  scopeId: number;
  start: number;
  init?: Expr;
  isConst: boolean;
  /** `final` or `const`: the declaration itself is never reassigned. */
  isFinal: boolean;
  /** The class of a field. */
  className?: string;
}

export interface Assignment {
  name: string;
  /** `this.name = …`: always the enclosing class's field. */
  viaThis: boolean;
  node: Node;
  value: Expr;
}

export interface ConstructorFieldParameter {
  className: string;
  field: string;
  parameter: { index: number } | { name: string };
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
}

const SCOPE_OWNERS = new Set(['program', 'class_body', 'block', 'extension_body', 'enum_body']);
const MODIFIERS = new Set(['const_builtin', 'final_builtin', 'static', 'late', 'type_identifier', 'type_arguments', 'nullable_type', 'inferred_type', 'covariant', 'external', 'abstract']);
const TYPE_DECLARATIONS = new Set(['class_definition', 'enum_declaration', 'mixin_declaration', 'type_alias', 'extension_type_declaration']);

function scopeOwner(node: Node): Node | undefined {
  for (let current = node.parent; current; current = current.parent) if (SCOPE_OWNERS.has(current.type)) return current;
  return undefined;
}

/** The modifiers written before a declaration list (`static const`, `late final`…). */
function modifiersBefore(list: Node): Set<string> {
  const holder = list.parent;
  if (holder?.type === 'declaration') return new Set(kids(holder).map((c) => c.type));
  const found = new Set<string>();
  for (let prev = list.previousSibling; prev && MODIFIERS.has(prev.type); prev = prev.previousSibling) found.add(prev.type);
  return found;
}

function kindIn(owner: Node): DeclarationKind {
  return owner.type === 'program' ? 'top-level' : owner.type === 'block' ? 'local' : 'field';
}

/** The node a function's parameters are visible in: its body. */
function parameterScope(list: Node): Node | undefined {
  let current: Node | null = list.parent;
  for (let depth = 0; current && depth < 4; depth++, current = current.parent) {
    if (current.type === 'function_expression') return current.childForFieldName('body') ?? undefined;
    const next = current.nextNamedSibling;
    if (next?.type === 'function_body') return next;
    if (current.type === 'declaration' || current.type === 'class_body' || current.type === 'program') return undefined;
  }
  return undefined;
}

function classNameOf(classBody: Node): string | undefined {
  return classBody.parent?.childForFieldName('name')?.text;
}

export function buildScope(root: Node): FileScope {
  const byName = new Map<string, Declaration[]>();
  const assignments = new Map<string, Assignment[]>();
  const classBodies = new Map<string, Node>();
  const declaredTypes = new Set<string>();
  const fieldParameters: ConstructorFieldParameter[] = [];

  const add = (declaration: Declaration) => {
    const list = byName.get(declaration.name);
    if (list) list.push(declaration);
    else byName.set(declaration.name, [declaration]);
  };
  const declareIn = (nameNode: Node | null | undefined, holder: Node, modifiers: Set<string>) => {
    const owner = scopeOwner(holder);
    if (!nameNode || !owner) return;
    add({
      name: nameNode.text,
      kind: kindIn(owner),
      scopeId: owner.id,
      start: nameNode.startIndex,
      init: exprAfter(holder, '='),
      isConst: modifiers.has('const_builtin'),
      isFinal: modifiers.has('const_builtin') || modifiers.has('final_builtin'),
      className: owner.type === 'class_body' ? classNameOf(owner) : undefined,
    });
  };

  forEachNode(root, (node) => {
    switch (node.type) {
      case 'static_final_declaration':
      case 'initialized_identifier':
        declareIn(node.namedChild(0), node, node.parent ? modifiersBefore(node.parent) : new Set());
        break;
      case 'initialized_variable_definition':
        declareIn(node.childForFieldName('name'), node, new Set(kids(node).map((c) => c.type)));
        break;
      case 'formal_parameter_list':
        declareParameters(node);
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
          const body = node.childForFieldName('body');
          if (name && body) classBodies.set(name, body);
        }
    }
  });

  function declareParameters(list: Node) {
    const scope = parameterScope(list);
    const isConstructor = list.parent?.type === 'constructor_signature' || list.parent?.type === 'constant_constructor_signature';
    const classBody = isConstructor ? scopeOwner(list) : undefined;
    const className = classBody?.type === 'class_body' ? classNameOf(classBody) : undefined;
    let index = 0;
    const visit = (parameter: Node, named: boolean) => {
      const fieldParameter = namedKids(parameter).find((c) => c.type === 'constructor_param');
      if (fieldParameter && className) {
        const field = namedKids(fieldParameter).find((c) => c.type === 'identifier')?.text;
        if (field) fieldParameters.push({ className, field, parameter: named ? { name: field } : { index } });
      }
      const name = parameter.childForFieldName('name');
      if (name && scope) add({ name: name.text, kind: 'parameter', scopeId: scope.id, start: name.startIndex, isConst: false, isFinal: false });
      if (!named) index++;
    };
    for (const child of namedKids(list)) {
      if (child.type === 'formal_parameter') visit(child, false);
      else if (child.type === 'optional_formal_parameters') {
        const named = child.child(0)?.type === '{';
        for (const parameter of namedKids(child)) if (parameter.type === 'formal_parameter') visit(parameter, named);
      }
    }
  }

  function recordAssignment(node: Node) {
    const operator = node.childForFieldName('operator');
    const left = node.childForFieldName('left');
    if (operator?.type !== '=' || left?.type !== 'assignable_expression') return;
    const value = exprAfter(node, '=');
    if (!value) return;
    const parts = namedKids(left);
    let assignment: Assignment | undefined;
    if (parts.length === 1 && parts[0]!.type === 'identifier') assignment = { name: parts[0]!.text, viaThis: false, node, value };
    else if (parts.length === 2 && parts[0]!.type === 'this') {
      const name = namedKids(parts[1]!).find((c) => c.type === 'identifier')?.text;
      if (name) assignment = { name, viaThis: true, node, value };
    }
    if (!assignment) return;
    const list = assignments.get(assignment.name);
    if (list) list.push(assignment);
    else assignments.set(assignment.name, [assignment]);
  }

  /** `InstallId() : _storage = const FlutterSecureStorage()`: an assignment to the class's field. */
  function recordFieldInitializer(node: Node) {
    const children = kids(node);
    const equals = children.findIndex((c) => c.type === '=');
    const name = children.slice(0, Math.max(equals, 0)).reverse().find((c) => c.type === 'identifier')?.text;
    const value = exprAfter(node, '=');
    if (!name || !value) return;
    const assignment: Assignment = { name, viaThis: true, node, value };
    const list = assignments.get(name);
    if (list) list.push(assignment);
    else assignments.set(name, [assignment]);
  }

  function resolve(name: string, at: Node): Declaration | undefined {
    const candidates = byName.get(name);
    if (!candidates) return undefined;
    for (let scope = at.parent; scope; scope = scope.parent) {
      let found: Declaration | undefined;
      for (const d of candidates) {
        if (d.scopeId !== scope.id) continue;
        // A local is visible from its declaration on; the closest one before `at` wins.
        if (d.kind === 'local' && d.start > at.startIndex) continue;
        if (!found || d.start > found.start) found = d;
      }
      if (found) return found;
    }
    return undefined;
  }

  function enclosingClassBody(at: Node): Node | undefined {
    for (let current = at.parent; current; current = current.parent) if (current.type === 'class_body') return current;
    return undefined;
  }

  function resolveField(name: string, at: Node): Declaration | undefined {
    const body = enclosingClassBody(at);
    return body ? byName.get(name)?.find((d) => d.scopeId === body.id) : undefined;
  }

  function resolveStatic(className: string, name: string): Declaration | undefined {
    const body = classBodies.get(className);
    return body ? byName.get(name)?.find((d) => d.scopeId === body.id) : undefined;
  }

  function assignmentsTo(declaration: Declaration): Expr[] {
    const list = assignments.get(declaration.name) ?? [];
    return list
      .filter((a) => (a.viaThis ? resolveField(a.name, a.node) : resolve(a.name, a.node)) === declaration)
      .map((a) => a.value);
  }

  return {
    resolve,
    resolveField,
    resolveStatic,
    assignmentsTo,
    declaredTypes,
    fieldParameters,
    enclosingClass: (at) => {
      const body = enclosingClassBody(at);
      return body ? classNameOf(body) : undefined;
    },
  };
}
