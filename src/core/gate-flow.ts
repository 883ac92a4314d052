import { ts } from './ts.js';
import { tick } from './budget.js';
import { isFunctionNode, STATEMENT_LIST_KINDS, type FunctionNode } from './ast.js';
import { findApiCalls, type ApiCall } from './calls.js';
import { bodyCalls } from './syntax-index.js';
import { resolveApiCallee, type CalledFunction } from './callees.js';
import { LOCAL_AUTH_GATE } from './apis.js';
import { isConstDeclaration, type FileModel } from './model.js';
import { describeString, resolveBoolean, resolveExpression, resolveObject, resolveString, stripWrappers, type StringValue } from './values.js';
import { memoSlot } from './memo-slot.js';
import { summarizeThroughCallees, type CalleeSummaryKind, type FinishedSummaries } from './callee-summaries.js';

// The biometric gate flow: for each function, the gates it calls (a
// biometric prompt, or an app function returning one's result) and the
// SecureStore reads it makes, itself or through the functions it calls, each
// read placed before a gate, after one without depending on its success, or
// behind its success. Alongside each flow is the function's gate summary,
// what calling it does as far as the flows of its callers care: the reads it
// may perform, and whether it returns a gate's result. Both are composed
// through the functions called (see callee-summaries.ts). A callee that
// cannot be resolved contributes nothing: no guessing.

/** What a biometric gate resolves to: `authenticateAsync`'s result object, or its `success` flag. */
export type GateResultKind = 'result' | 'success';

/** A SecureStore read of a resolved key that the OS does not gate (no `requireAuthentication: true`). */
export interface SecureStoreRead {
  key: StringValue;
  /** The key for messages: `auth.accessToken`, `auth.${…}.pin`. */
  keyText: string;
  /** Names of the functions called on the way to the read, outermost first; empty when the function reads itself. */
  via: string[];
  /** The `getItemAsync` / `getItem` call, in `file`. */
  node: ts.CallExpression;
  file: FileModel;
}

export interface GateSummary {
  /**
   * Reads that calling the function may perform, its own and its callees',
   * except those it makes only after a biometric gate of its own succeeded.
   */
  secureStoreReads: SecureStoreRead[];
  /** Set when every value the function returns is a biometric gate's result (or a boolean literal, for `success`). */
  returnsGateResult?: GateResultKind;
}

/** A call in a flow that asks for biometrics: `authenticateAsync`, or a function returning its result. */
export interface GateCall {
  node: ts.CallExpression;
  /** `LocalAuthentication.authenticateAsync`, or the helper as called: `requireBiometricUnlock`. */
  name: string;
  kind: GateResultKind;
}

/**
 * Where a read sits relative to the flow's gates: there is none; it comes
 * before the first gate; after a gate but runs whatever the gate answered; or
 * only once a gate succeeded.
 */
export type ReadOrder = 'no-gate' | 'before-gate' | 'unguarded' | 'guarded';

export interface FlowRead {
  /** The call in the flow: the SecureStore read itself, or a call of a function that reads. */
  node: ts.CallExpression;
  /** `SecureStore.getItemAsync`, or the function as called: `getAccessToken`. */
  reader: string;
  reads: SecureStoreRead[];
  order: ReadOrder;
  /** The gate the read comes before, follows, or is guarded by. */
  gate?: GateCall;
}

/** One function body's gates and reads, in source order. Nested functions are flows of their own. */
export interface GateFlow {
  fn: FunctionNode;
  file: FileModel;
  gates: GateCall[];
  reads: FlowRead[];
}

interface Analysis {
  summary: GateSummary;
  flow: GateFlow;
}

const MAX_VALUE_DEPTH = 8;

const ANALYSES = memoSlot<FinishedSummaries<Analysis>>('gateAnalyses');
const API_CALLS_BY_NODE = memoSlot<Map<ts.CallExpression, ApiCall>>('apiCallsByNode');

/** What calling `fn` does: its SecureStore reads and whether it returns a gate's result. */
export function gateSummary(fn: FunctionNode, file: FileModel): GateSummary {
  return summarizeThroughCallees(ANALYSIS, fn, file).summary;
}

/** The gates and reads of `fn`'s own body, each read placed relative to the gates. */
export function gateFlow(fn: FunctionNode, file: FileModel): GateFlow {
  return summarizeThroughCallees(ANALYSIS, fn, file).flow;
}

/** A function's flow, built with its callees' summaries, and its own summary taken from the flow. */
const ANALYSIS: CalleeSummaryKind<Analysis> = {
  slot: ANALYSES,
  unknown: (fn, file) => ({ summary: { secureStoreReads: [] }, flow: { fn, file, gates: [], reads: [] } }),
  compute(fn, file, summaryOf) {
    const flow = buildFlow(fn, file, (called) => summaryOf(called.fn, called.file).summary);
    return { flow, summary: summaryOfFlow(flow) };
  },
};

// ---------------------------------------------------------------------------
// Building a flow: the calls of one body, classified.

function apiCallsByNode(file: FileModel): Map<ts.CallExpression, ApiCall> {
  return file.cached(API_CALLS_BY_NODE, () => new Map(findApiCalls(file).map((call) => [call.node, call])));
}

/** Whether the read's options turn on `requireAuthentication`: undefined when they cannot be resolved. */
function osGated(call: ApiCall): boolean | undefined {
  if (!call.options) return false;
  const resolved = resolveExpression(call.options, call.file);
  if (resolved && ts.isIdentifier(resolved.expr) && resolved.expr.text === 'undefined') return false;
  const options = resolveObject(call.options, call.file);
  if (!options) return undefined;
  const property = options.properties.get('requireAuthentication');
  if (!property) return options.complete ? false : undefined;
  return resolveBoolean(property.expr, property.file);
}

function directRead(call: ApiCall): SecureStoreRead | undefined {
  if (call.api !== 'secure-store' || call.shape.kind !== 'read' || !call.key) return undefined;
  const key = resolveString(call.key, call.file);
  // Unknown options may ask the OS for authentication: not judged.
  if (!key || osGated(call) !== false) return undefined;
  return { key, keyText: describeString(key), via: [], node: call.node, file: call.file };
}

function buildFlow(fn: FunctionNode, file: FileModel, summaryOf: (called: CalledFunction) => GateSummary): GateFlow {
  const apiCalls = apiCallsByNode(file);
  const gates: GateCall[] = [];
  const pending: Omit<FlowRead, 'order' | 'gate'>[] = [];
  for (const node of bodyCalls(file.sf, fn)) {
    const api = apiCalls.get(node);
    if (api) {
      if (api.api === 'local-auth' && api.method === LOCAL_AUTH_GATE) gates.push({ node, name: api.apiName, kind: 'result' });
      const read = directRead(api);
      if (read) pending.push({ node, reader: api.apiName, reads: [read] });
      continue;
    }
    const called = resolveApiCallee(node, file);
    if (!called) continue;
    const summary = summaryOf(called);
    if (summary.returnsGateResult) {
      // The callee's own reads before its prompt are reported in the callee.
      gates.push({ node, name: called.name, kind: summary.returnsGateResult });
    } else if (summary.secureStoreReads.length > 0) {
      const reads = summary.secureStoreReads.map((read) => ({ ...read, via: [called.name, ...read.via] }));
      pending.push({ node, reader: called.name, reads });
    }
  }
  const flow: GateFlow = { fn, file, gates, reads: [] };
  const guards = new GuardFinder(flow);
  flow.reads = pending.map((read) => ({ ...read, ...guards.place(read.node) }));
  return flow;
}

function summaryOfFlow(flow: GateFlow): GateSummary {
  const seen = new Set<ts.Node>();
  const secureStoreReads: SecureStoreRead[] = [];
  for (const read of flow.reads) {
    if (read.order === 'guarded') continue;
    for (const one of read.reads) {
      if (seen.has(one.node)) continue;
      seen.add(one.node);
      secureStoreReads.push(one);
    }
  }
  const returnsGateResult = flow.gates.length > 0 ? new GuardFinder(flow).returnedGateKind() : undefined;
  return returnsGateResult ? { secureStoreReads, returnsGateResult } : { secureStoreReads };
}

// ---------------------------------------------------------------------------
// Guards: which conditions prove that a gate of the flow succeeded.

interface GateValue {
  gate: GateCall;
  kind: GateResultKind;
}

interface EarlyExit {
  statement: ts.IfStatement;
  gate: GateCall;
}

const STATEMENT_LISTS = new Set(STATEMENT_LIST_KINDS);

class GuardFinder {
  private readonly gateByNode: Map<ts.Node, GateCall>;
  private exits?: EarlyExit[];

  constructor(private readonly flow: GateFlow) {
    this.gateByNode = new Map(flow.gates.map((gate) => [gate.node, gate]));
  }

  /** Where a read at `node` stands relative to the flow's gates. */
  place(node: ts.CallExpression): { order: ReadOrder; gate?: GateCall } {
    const { gates } = this.flow;
    if (gates.length === 0) return { order: 'no-gate' };
    const guard = this.guardOf(node);
    if (guard) return { order: 'guarded', gate: guard };
    const start = node.getStart();
    const before = gates.filter((gate) => gate.node.end <= start);
    if (before.length > 0) return { order: 'unguarded', gate: before[before.length - 1] };
    return { order: 'before-gate', gate: gates.find((gate) => gate.node.end > start) };
  }

  /** The kind of gate result every return gives back, if they all do (boolean literals allowed for `success`). */
  returnedGateKind(): GateResultKind | undefined {
    const kinds = new Set<GateResultKind | 'literal' | 'other'>();
    for (const expr of returnedExpressions(this.flow.fn)) {
      const inner = expr && stripWrappers(expr);
      if (!inner || booleanLiteral(inner) !== undefined) {
        kinds.add('literal');
        continue;
      }
      // An async function may return the gate's promise itself.
      const direct = ts.isCallExpression(inner) ? this.gateByNode.get(inner) : undefined;
      kinds.add(direct?.kind ?? this.valueOf(inner)?.kind ?? 'other');
    }
    if (kinds.has('other') || kinds.has('success') === kinds.has('result')) return undefined;
    return kinds.has('success') ? 'success' : kinds.has('literal') ? undefined : 'result';
  }

  /** The gate result an expression holds: an awaited gate call, a `const` holding one, or its `.success`. */
  private valueOf(expr: ts.Expression, depth = 0): GateValue | undefined {
    if (depth > MAX_VALUE_DEPTH) return undefined;
    const inner = stripWrappers(expr);
    if (ts.isAwaitExpression(inner)) {
      const call = stripWrappers(inner.expression);
      const gate = ts.isCallExpression(call) ? this.gateByNode.get(call) : undefined;
      return gate && { gate, kind: gate.kind };
    }
    if (ts.isPropertyAccessExpression(inner) && inner.name.text === 'success') {
      const object = this.valueOf(inner.expression, depth + 1);
      return object?.kind === 'result' ? { gate: object.gate, kind: 'success' } : undefined;
    }
    if (!ts.isIdentifier(inner)) return undefined;
    const kept = this.localValue(inner);
    if (kept) return this.valueOf(kept, depth + 1);
    const target = this.flow.file.resolveIdentifier(inner);
    if (target?.kind !== 'local' || !within(target.node, this.flow.fn)) return undefined;
    const node = target.node;
    // `const { success } = await authenticateAsync()`, also renamed: `{ success: ok }`.
    if (ts.isBindingElement(node) && ts.isObjectBindingPattern(node.parent) && !node.dotDotDotToken) {
      const decl = node.parent.parent;
      const property = node.propertyName ?? node.name;
      if (!ts.isVariableDeclaration(decl) || !this.keepsValue(decl) || !decl.initializer || !ts.isIdentifier(property) || property.text !== 'success')
        return undefined;
      const object = this.valueOf(decl.initializer, depth + 1);
      return object?.kind === 'result' ? { gate: object.gate, kind: 'success' } : undefined;
    }
    return undefined;
  }

  /** A `const`, or a `let` / `var` of the flow that nothing in the flow assigns to again. */
  private keepsValue(decl: ts.VariableDeclaration): boolean {
    const node: ts.Node = decl;
    if (isConstDeclaration(node)) return true;
    const names = new Set<string>();
    const collect = (name: ts.BindingName): void => {
      if (ts.isIdentifier(name)) names.add(name.text);
      else for (const element of name.elements) if (!ts.isOmittedExpression(element)) collect(element.name);
    };
    collect(decl.name);
    return !assignsTo(this.flow.fn, names);
  }

  /** The initializer of a variable of this flow that keeps its value: `const failed = !result.success`. */
  private localValue(id: ts.Identifier): ts.Expression | undefined {
    const target = this.flow.file.resolveIdentifier(id);
    if (target?.kind !== 'local' || !within(target.node, this.flow.fn)) return undefined;
    const node = target.node;
    return ts.isVariableDeclaration(node) && node.initializer && this.keepsValue(node) ? node.initializer : undefined;
  }

  /** The gate whose success `cond` evaluating to `truthy` proves. */
  private proven(cond: ts.Expression, truthy: boolean, depth = 0): GateCall | undefined {
    if (depth > MAX_VALUE_DEPTH) return undefined;
    const inner = stripWrappers(cond);
    if (ts.isPrefixUnaryExpression(inner) && inner.operator === ts.SyntaxKind.ExclamationToken) return this.proven(inner.operand, !truthy, depth + 1);
    // A condition kept in a variable: `const unlocked = result.success && enrolled; if (!unlocked) return`.
    const kept = ts.isIdentifier(inner) ? this.localValue(inner) : undefined;
    if (kept) return this.proven(kept, truthy, depth + 1);
    if (ts.isBinaryExpression(inner)) {
      const op = inner.operatorToken.kind;
      if (op === ts.SyntaxKind.AmpersandAmpersandToken)
        return truthy ? (this.proven(inner.left, true, depth + 1) ?? this.proven(inner.right, true, depth + 1)) : undefined;
      if (op === ts.SyntaxKind.BarBarToken)
        return truthy ? undefined : (this.proven(inner.left, false, depth + 1) ?? this.proven(inner.right, false, depth + 1));
      const equal = op === ts.SyntaxKind.EqualsEqualsEqualsToken || op === ts.SyntaxKind.EqualsEqualsToken;
      const unequal = op === ts.SyntaxKind.ExclamationEqualsEqualsToken || op === ts.SyntaxKind.ExclamationEqualsToken;
      if (!equal && !unequal) return undefined;
      const right = booleanLiteral(inner.right);
      const left = booleanLiteral(inner.left);
      const [other, literal] = right !== undefined ? [inner.left, right] : [inner.right, left];
      if (literal === undefined) return undefined;
      // `ok === true` holds ⇒ ok is true; `ok === false` fails ⇒ ok is true (it is a boolean).
      return this.proven(other, truthy === equal ? literal : !literal, depth + 1);
    }
    if (!truthy) return undefined;
    const value = this.valueOf(inner);
    return value?.kind === 'success' ? value.gate : undefined;
  }

  /** A gate whose success the read depends on: a condition around it, or an earlier early exit. */
  private guardOf(read: ts.Node): GateCall | undefined {
    for (let child = read, parent = read.parent; parent && child !== this.flow.fn; child = parent, parent = parent.parent) {
      let guard: GateCall | undefined;
      if (ts.isIfStatement(parent) && child !== parent.expression) guard = this.proven(parent.expression, child === parent.thenStatement);
      else if (ts.isConditionalExpression(parent) && child !== parent.condition) guard = this.proven(parent.condition, child === parent.whenTrue);
      else if (ts.isBinaryExpression(parent) && child === parent.right) {
        const op = parent.operatorToken.kind;
        if (op === ts.SyntaxKind.AmpersandAmpersandToken) guard = this.proven(parent.left, true);
        else if (op === ts.SyntaxKind.BarBarToken) guard = this.proven(parent.left, false);
      }
      if (guard) return guard;
    }
    const start = read.getStart();
    return this.earlyExits().find((exit) => exit.statement.end <= start && this.exitCovers(exit, read))?.gate;
  }

  /**
   * An exit covers a later read in the same statement list; or any later read
   * when the gate it checks was called in the exit's own block, so every run
   * of that gate passes the exit (a gate the app asks for only sometimes).
   */
  private exitCovers(exit: EarlyExit, read: ts.Node): boolean {
    const container = exit.statement.parent;
    if (STATEMENT_LISTS.has(container.kind) && within(read, container)) return true;
    return within(exit.gate.node, container) && exit.gate.node.end <= exit.statement.end;
  }

  /** `if (!ok) return …` / `if (!result.success) { …; throw … }`, and `if (ok) {…} else return`. */
  private earlyExits(): EarlyExit[] {
    if (this.exits) return this.exits;
    const exits: EarlyExit[] = [];
    const visit = (node: ts.Node): void => {
      tick();
      if (isFunctionNode(node) || ts.isClassLike(node)) return;
      if (ts.isIfStatement(node)) {
        const onFailure = exitsFunction(node.thenStatement) ? this.proven(node.expression, false) : undefined;
        const gate = onFailure ?? (node.elseStatement && exitsFunction(node.elseStatement) ? this.proven(node.expression, true) : undefined);
        if (gate) exits.push({ statement: node, gate });
      }
      ts.forEachChild(node, visit);
    };
    if (this.flow.fn.body) visit(this.flow.fn.body);
    this.exits = exits;
    return exits;
  }
}

/** Whether anything in `fn`, nested functions included, assigns to one of `names` (by name: shadowing counts too). */
function assignsTo(fn: FunctionNode, names: Set<string>): boolean {
  const isTarget = (expr: ts.Expression): boolean => {
    const inner = stripWrappers(expr);
    if (ts.isIdentifier(inner)) return names.has(inner.text);
    if (ts.isArrayLiteralExpression(inner)) return inner.elements.some((e) => isTarget(ts.isSpreadElement(e) ? e.expression : e));
    if (ts.isObjectLiteralExpression(inner)) {
      return inner.properties.some((p) =>
        ts.isShorthandPropertyAssignment(p)
          ? names.has(p.name.text)
          : ts.isPropertyAssignment(p)
            ? isTarget(p.initializer)
            : ts.isSpreadAssignment(p) && isTarget(p.expression),
      );
    }
    return false;
  };
  let found = false;
  const visit = (node: ts.Node): void => {
    tick();
    if (found) return;
    if (
      ts.isBinaryExpression(node) &&
      node.operatorToken.kind >= ts.SyntaxKind.FirstAssignment &&
      node.operatorToken.kind <= ts.SyntaxKind.LastAssignment &&
      isTarget(node.left)
    )
      found = true;
    else if (
      (ts.isPrefixUnaryExpression(node) || ts.isPostfixUnaryExpression(node)) &&
      (node.operator === ts.SyntaxKind.PlusPlusToken || node.operator === ts.SyntaxKind.MinusMinusToken) &&
      isTarget(node.operand)
    )
      found = true;
    else if ((ts.isForOfStatement(node) || ts.isForInStatement(node)) && !ts.isVariableDeclarationList(node.initializer) && isTarget(node.initializer))
      found = true;
    else ts.forEachChild(node, visit);
  };
  if (fn.body) visit(fn.body);
  return found;
}

function within(node: ts.Node, container: ts.Node): boolean {
  return node.pos >= container.pos && node.end <= container.end;
}

function booleanLiteral(expr: ts.Expression): boolean | undefined {
  const inner = stripWrappers(expr);
  if (inner.kind === ts.SyntaxKind.TrueKeyword) return true;
  if (inner.kind === ts.SyntaxKind.FalseKeyword) return false;
  return undefined;
}

/** Whether a statement always leaves the function: `return`, `throw`, or a block ending in one. */
function exitsFunction(statement: ts.Statement): boolean {
  if (ts.isReturnStatement(statement) || ts.isThrowStatement(statement)) return true;
  if (ts.isBlock(statement)) {
    const last = statement.statements[statement.statements.length - 1];
    return last !== undefined && exitsFunction(last);
  }
  if (ts.isIfStatement(statement)) return !!statement.elseStatement && exitsFunction(statement.thenStatement) && exitsFunction(statement.elseStatement);
  return false;
}

/** The expressions a function returns (undefined for a bare `return`); an arrow's expression body is one. */
function returnedExpressions(fn: FunctionNode): (ts.Expression | undefined)[] {
  if (!fn.body) return [];
  if (!ts.isBlock(fn.body)) return [fn.body];
  const found: (ts.Expression | undefined)[] = [];
  const visit = (node: ts.Node): void => {
    tick();
    if (isFunctionNode(node) || ts.isClassLike(node)) return;
    if (ts.isReturnStatement(node)) found.push(node.expression);
    ts.forEachChild(node, visit);
  };
  visit(fn.body);
  return found;
}
