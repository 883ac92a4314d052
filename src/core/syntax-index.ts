import { ts } from './ts.js';
import { isFunctionNode, type FunctionNode } from './ast.js';
import { tick } from './budget.js';
import { treeSlot } from './tree-slot.js';

/**
 * How many levels deep a syntax tree may be for the analysis to walk it. The
 * rules walk trees recursively (ts.forEachChild), and in a fresh Node process
 * (default stack) those walks overflow from about 2,400 levels (blocks nested
 * around a storage call) to 3,300 (long `a + a + …` chains); TypeScript's own
 * parser gives up earlier on some shapes (about 700 nested parentheses). The
 * deepest of the 10,044 JS/TS files installed in this project's node_modules
 * is 781 levels (a 1.9 MB bundle), then 779 and 617 (long string
 * concatenations in highlight.js grammars); 99.9 % are under 200. Deeper
 * files are reported and not analysed: see `nestingProblem` in parse.ts.
 */
export const MAX_SYNTAX_DEPTH = 1000;

/**
 * What the analyses look up in a whole file, gathered in one walk per file
 * instead of one walk each: its call expressions, its functions with a body,
 * and whether its tree is deeper than the rules can walk (MAX_SYNTAX_DEPTH).
 * The same walk sets the parent pointers of a tree parsed without them.
 * The walk keeps its own stack, so any depth is safe; it visits nodes in
 * source order (a node before its children), as a recursive walk would.
 */
export interface SyntaxIndex {
  calls: ts.CallExpression[];
  /** `new X(…)` expressions: a constructor runs there. */
  constructions: ts.NewExpression[];
  /**
   * The targets of everything that writes through a name or member:
   * assignments (`=`, `+=`, …), `++`/`--`, `delete`, and the expression of a
   * for-in/of that has no declaration (`for (this.x of …)`). Read by
   * this-class.ts, which would otherwise walk each file again.
   */
  writeTargets: ts.Expression[];
  /** Classes (declarations and expressions) with an `extends` clause. */
  derivedClasses: ts.ClassLikeDeclaration[];
  functions: FunctionNode[];
  /**
   * Every name the file declares anywhere (variables, parameters, functions,
   * classes, imports…). A name used but not in here is a global (`String`,
   * `fetch`, `Math`): it resolves to nothing in the file, and no scope need
   * be searched for it (see FileModel.resolveIdentifier).
   */
  declaredNames: Set<string>;
  /**
   * Every name the file gives a member that may be a function: methods and
   * accessors, properties and class fields whose value is a function or a
   * name (`save: () => …`, `save() {}`, `{ save }`, `'save': saveFn`),
   * exported names (`export { a as save }`), and members assigned
   * (`MMKV.prototype.setAny = …`, `exports.save = …`). With declaredNames,
   * the only names `receiver.name()` can reach a function of this file by
   * (see ModuleHost.mayNameMember).
   */
  memberNames: Set<string>;
  /** The first node found more than the depth limit below the file, if any. */
  tooDeep?: ts.Node;
}

const indexes = treeSlot<SyntaxIndex>('securestore-audit syntax index');

export function syntaxIndex(sf: ts.SourceFile): SyntaxIndex {
  let index = indexes.get(sf);
  if (!index) {
    index = buildIndex(sf, MAX_SYNTAX_DEPTH);
    indexes.set(sf, index);
  }
  return index;
}

// Read once: TypeScript's exports are getters, and the walk below runs for every node.
const IDENTIFIER = ts.SyntaxKind.Identifier;
const BINARY_EXPRESSION = ts.SyntaxKind.BinaryExpression;
const FIRST_ASSIGNMENT = ts.SyntaxKind.FirstAssignment;
const LAST_ASSIGNMENT = ts.SyntaxKind.LastAssignment;
const PREFIX_UNARY = ts.SyntaxKind.PrefixUnaryExpression;
const POSTFIX_UNARY = ts.SyntaxKind.PostfixUnaryExpression;
const PLUS_PLUS = ts.SyntaxKind.PlusPlusToken;
const MINUS_MINUS = ts.SyntaxKind.MinusMinusToken;
const DELETE_EXPRESSION = ts.SyntaxKind.DeleteExpression;
const FOR_OF = ts.SyntaxKind.ForOfStatement;
const FOR_IN = ts.SyntaxKind.ForInStatement;
const VARIABLE_DECLARATION_LIST = ts.SyntaxKind.VariableDeclarationList;
const CLASS_DECLARATION = ts.SyntaxKind.ClassDeclaration;
const CLASS_EXPRESSION = ts.SyntaxKind.ClassExpression;
const EXTENDS_KEYWORD = ts.SyntaxKind.ExtendsKeyword;
const PROPERTY_ACCESS = ts.SyntaxKind.PropertyAccessExpression;
const COMPUTED_PROPERTY_NAME = ts.SyntaxKind.ComputedPropertyName;
const forEachChild = ts.forEachChild;

// What the walk does at a node of each kind, as bits of one table: one lookup per node.
const CALL = 1;
const CONSTRUCTION = 2;
/** Its `name` binds a name in some scope (SyntaxIndex.declaredNames). */
const BINDS = 4;
/** Its `name` names a member of a value (SyntaxIndex.memberNames). */
const MEMBER = 8;
/** A member whose value is written after its name: a property (`save: …`) or a class field (`save = …`). */
const VALUED = 16;
/** A function, indexed when it has a body. */
const FUNCTION = 32;
/** Possibly a write, or a class that extends another (see collectWrite). */
const WRITE = 64;

const ROLES: Uint8Array = (() => {
  const table = new Uint8Array(ts.SyntaxKind.Count);
  const { SyntaxKind } = ts;
  const mark = (kinds: ts.SyntaxKind[], role: number) => {
    for (const kind of kinds) table[kind]! |= role;
  };
  mark([SyntaxKind.CallExpression], CALL);
  mark([SyntaxKind.NewExpression], CONSTRUCTION);
  mark(
    [
      SyntaxKind.VariableDeclaration,
      SyntaxKind.Parameter,
      SyntaxKind.BindingElement,
      SyntaxKind.FunctionDeclaration,
      SyntaxKind.FunctionExpression,
      SyntaxKind.ClassDeclaration,
      SyntaxKind.ClassExpression,
      SyntaxKind.ImportClause,
      SyntaxKind.NamespaceImport,
      SyntaxKind.ImportSpecifier,
      SyntaxKind.ImportEqualsDeclaration,
      SyntaxKind.EnumDeclaration,
      SyntaxKind.ModuleDeclaration,
    ],
    BINDS,
  );
  mark(
    [
      SyntaxKind.MethodDeclaration,
      SyntaxKind.PropertyDeclaration,
      SyntaxKind.GetAccessor,
      SyntaxKind.SetAccessor,
      SyntaxKind.PropertyAssignment,
      SyntaxKind.ShorthandPropertyAssignment,
      SyntaxKind.ExportSpecifier,
    ],
    MEMBER,
  );
  mark([SyntaxKind.PropertyAssignment, SyntaxKind.PropertyDeclaration], VALUED);
  for (let kind: ts.SyntaxKind = 0; kind < SyntaxKind.Count; kind++) if (isFunctionNode({ kind } as ts.Node)) table[kind]! |= FUNCTION;
  mark(
    [
      SyntaxKind.BinaryExpression,
      SyntaxKind.PrefixUnaryExpression,
      SyntaxKind.PostfixUnaryExpression,
      SyntaxKind.DeleteExpression,
      SyntaxKind.ForOfStatement,
      SyntaxKind.ForInStatement,
      SyntaxKind.ClassDeclaration,
      SyntaxKind.ClassExpression,
    ],
    WRITE,
  );
  return table;
})();

/**
 * The values by which a property or field can be a function the callee
 * lookups follow (callees.ts): a function, a name, or either in parentheses
 * or a type assertion. A style's `padding: 16` names no function: most
 * properties of an app are left out of memberNames this way.
 */
const HOLDS_FUNCTION: boolean[] = [];
for (const kind of [
  ts.SyntaxKind.ArrowFunction,
  ts.SyntaxKind.FunctionExpression,
  ts.SyntaxKind.Identifier,
  ts.SyntaxKind.ParenthesizedExpression,
  ts.SyntaxKind.AsExpression,
  ts.SyntaxKind.SatisfiesExpression,
  ts.SyntaxKind.NonNullExpression,
  ts.SyntaxKind.TypeAssertionExpression,
]) {
  HOLDS_FUNCTION[kind] = true;
}

function mayHoldFunction(value: ts.Expression | undefined): boolean {
  return value !== undefined && HOLDS_FUNCTION[value.kind] === true;
}

/** A member's name as written: an identifier, a string or number, or a computed string (`['save']`); undefined when only a run can tell. */
function writtenMemberName(name: ts.Node | undefined): string | undefined {
  if (!name) return undefined;
  if (name.kind === COMPUTED_PROPERTY_NAME) return writtenMemberName((name as ts.ComputedPropertyName).expression);
  const text = (name as { text?: unknown }).text;
  return typeof text === 'string' ? text : undefined;
}

const emptyIndex = (): SyntaxIndex => ({
  calls: [],
  constructions: [],
  functions: [],
  declaredNames: new Set(),
  memberNames: new Set(),
  writeTargets: [],
  derivedClasses: [],
});

function buildIndex(sf: ts.SourceFile, depthLimit: number): SyntaxIndex {
  const index = emptyIndex();
  // Two parallel stacks: the nodes still to visit, and their depths.
  const nodes: ts.Node[] = [sf];
  const depths: number[] = [0];
  let parent: ts.Node = sf;
  let childDepth = 0;
  const collect = (child: ts.Node): void => {
    // Parent pointers are set here (see parseSource); a tree that has them already gets the same values.
    (child as { parent: ts.Node }).parent = parent;
    nodes.push(child);
    depths.push(childDepth);
  };
  while (nodes.length > 0) {
    tick();
    const node = nodes.pop()!;
    const depth = depths.pop()!;
    if (depth > depthLimit) {
      // Past the limit the rules will not look at this file: stop here.
      return { ...emptyIndex(), tooDeep: node };
    }
    const role = ROLES[node.kind]!;
    if (role === CALL) index.calls.push(node as ts.CallExpression);
    else if (role !== 0) note(node, role, index);
    parent = node;
    childDepth = depth + 1;
    const first = nodes.length;
    forEachChild(node, collect);
    // The children were pushed first to last: reversed in place, so the first is visited next.
    for (let i = first, j = nodes.length - 1; i < j; i++, j--) {
      const swap = nodes[i]!;
      nodes[i] = nodes[j]!;
      nodes[j] = swap;
    }
  }
  return index;
}

/**
 * Files a node of a kind with a role other than a call's in the index. Apart
 * from the walk's loop, which V8 compiles again on every run: the loop stays
 * small, and this is compiled once on its own.
 */
function note(node: ts.Node, role: number, index: SyntaxIndex): void {
  if (role & CONSTRUCTION) index.constructions.push(node as ts.NewExpression);
  else {
    if (role & BINDS) {
      const name = (node as ts.NamedDeclaration).name;
      if (name?.kind === IDENTIFIER) index.declaredNames.add(name.text);
    } else if (role & MEMBER && (!(role & VALUED) || mayHoldFunction((node as ts.PropertyAssignment).initializer))) {
      const name = writtenMemberName((node as ts.NamedDeclaration).name);
      if (name !== undefined) index.memberNames.add(name);
    }
    if (role & FUNCTION && (node as FunctionNode).body) index.functions.push(node as FunctionNode);
    else if (role & WRITE) collectWrite(node, node.kind, index);
  }
}

/** See SyntaxIndex.writeTargets and derivedClasses. */
function collectWrite(node: ts.Node, kind: ts.SyntaxKind, index: SyntaxIndex): void {
  if (kind === BINARY_EXPRESSION) {
    const binary = node as ts.BinaryExpression;
    const op = binary.operatorToken.kind;
    if (op >= FIRST_ASSIGNMENT && op <= LAST_ASSIGNMENT) {
      index.writeTargets.push(binary.left);
      if (binary.left.kind === PROPERTY_ACCESS) index.memberNames.add((binary.left as ts.PropertyAccessExpression).name.text);
    }
  } else if (kind === PREFIX_UNARY || kind === POSTFIX_UNARY) {
    const unary = node as ts.PrefixUnaryExpression | ts.PostfixUnaryExpression;
    if (unary.operator === PLUS_PLUS || unary.operator === MINUS_MINUS) index.writeTargets.push(unary.operand);
  } else if (kind === DELETE_EXPRESSION) {
    index.writeTargets.push((node as ts.DeleteExpression).expression);
  } else if (kind === FOR_OF || kind === FOR_IN) {
    const initializer = (node as ts.ForOfStatement | ts.ForInStatement).initializer;
    if (initializer.kind !== VARIABLE_DECLARATION_LIST) index.writeTargets.push(initializer);
  } else if (kind === CLASS_DECLARATION || kind === CLASS_EXPRESSION) {
    const cls = node as ts.ClassLikeDeclaration;
    if (cls.heritageClauses?.some((clause) => clause.token === EXTENDS_KEYWORD)) index.derivedClasses.push(cls);
  }
}

/**
 * The nodes matching `wanted` among the file's write targets: a target itself,
 * or a piece of a destructuring target. A member access is not looked into:
 * `a.b = …` writes `b` of `a`, not `a`.
 */
export function writtenNodes(sf: ts.SourceFile, wanted: (node: ts.Node) => boolean): ts.Expression[] {
  const found: ts.Expression[] = [];
  const visit = (node: ts.Node): void => {
    if (wanted(node)) found.push(node as ts.Expression);
    else if (!ts.isPropertyAccessExpression(node) && !ts.isElementAccessExpression(node)) ts.forEachChild(node, visit);
  };
  for (const target of syntaxIndex(sf).writeTargets) visit(target);
  return found;
}

const byFunction = treeSlot<Map<FunctionNode, ts.CallExpression[]>>('securestore-audit calls by function');

/**
 * The calls a function's own body makes (and its parameters' default values),
 * in source order: not those of functions or classes defined inside it, which
 * run when those are called. From the file's index, grouped once per file.
 */
export function bodyCalls(sf: ts.SourceFile, fn: FunctionNode): ts.CallExpression[] {
  let groups = byFunction.get(sf);
  if (!groups) {
    groups = new Map();
    for (const call of syntaxIndex(sf).calls) {
      const owner = ownerOf(call);
      if (!owner) continue;
      const calls = groups.get(owner);
      if (calls) calls.push(call);
      else groups.set(owner, [call]);
    }
    byFunction.set(sf, groups);
  }
  return groups.get(fn) ?? [];
}

/** The function whose body (or parameter default) makes the call; none when a class or another part of a function comes first. */
function ownerOf(call: ts.CallExpression): FunctionNode | undefined {
  let child: ts.Node = call;
  for (let node = call.parent; node; child = node, node = node.parent) {
    if (ts.isClassLike(node)) return undefined;
    if (isFunctionNode(node)) {
      if (child === node.body) return node;
      return ts.isParameter(child) && child.parent === node ? node : undefined;
    }
    if (ts.isParameter(node) && child !== node.initializer) return undefined;
  }
  return undefined;
}
