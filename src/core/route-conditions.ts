import { ts } from './ts.js';
import type { FunctionNode } from './ast.js';
import { isFunctionNode } from './ast.js';
import { resolveCalledFunction } from './callees.js';
import { isConstDeclaration, type FileModel } from './model.js';
import { resolveExpression, resolveObject, resolveString, stripWrappers } from './values.js';
import { memoSlot } from './memo-slot.js';
import { allOf, mapSubjects, type Route, type RouteSubject, type RouteTest } from './route.js';

// Reading routes (route.ts) from the code, once per function summary.
//
// Only conditions this module understands on a parameter are routing: string
// membership, comparison with constants, `startsWith`/`endsWith`/`includes`,
// a regular expression's `test`, a `switch`, a lookup table, and local
// predicates made of these. Any other condition (`Platform.OS === 'web'`,
// `value == null`) is "free": either branch may run whatever the key, as
// before routes existed.

const FREE: Route = { kind: 'free' };
const MAX_DEPTH = 6;
/** Early-return guards are looked for among this many statements before a call: wrappers test their key at the top. */
const MAX_GUARD_STATEMENTS = 64;

const not = (operand: Route): Route => ({ kind: 'not', operand });
const ifThenElse = (condition: Route, then: Route, otherwise: Route): Route => ({
  kind: 'or',
  operands: [
    { kind: 'and', operands: [condition, then] },
    { kind: 'and', operands: [not(condition), otherwise] },
  ],
});

/** Whether a route tests anything the caller passes: a route that does not is no route at all. */
function isRouting(route: Route): boolean {
  switch (route.kind) {
    case 'test':
      return true;
    case 'not':
      return isRouting(route.operand);
    case 'and':
    case 'or':
      return route.operands.some(isRouting);
    default:
      return false;
  }
}

/**
 * The condition under which `node`, inside `fn`'s body, runs: the branches
 * around it and the early returns before it. Undefined when it runs whatever
 * the caller passes.
 */
export function routeTo(node: ts.Node, fn: FunctionNode, file: FileModel): Route | undefined {
  const conditions: Route[] = [];
  for (let child: ts.Node = node, parent = node.parent; parent && parent !== fn; child = parent, parent = parent.parent) {
    if (ts.isIfStatement(parent)) {
      if (child === parent.thenStatement) conditions.push(conditionOf(parent.expression, fn, file, 0));
      else if (child === parent.elseStatement) conditions.push(not(conditionOf(parent.expression, fn, file, 0)));
    } else if (ts.isConditionalExpression(parent)) {
      if (child === parent.whenTrue) conditions.push(conditionOf(parent.condition, fn, file, 0));
      else if (child === parent.whenFalse) conditions.push(not(conditionOf(parent.condition, fn, file, 0)));
    } else if (ts.isBinaryExpression(parent) && child === parent.right) {
      const operator = parent.operatorToken.kind;
      if (operator === ts.SyntaxKind.AmpersandAmpersandToken) conditions.push(conditionOf(parent.left, fn, file, 0));
      else if (operator === ts.SyntaxKind.BarBarToken) conditions.push(not(conditionOf(parent.left, fn, file, 0)));
    } else if (ts.isCaseClause(parent) || ts.isDefaultClause(parent)) {
      if (child !== (parent as ts.CaseClause).expression) conditions.push(clauseCondition(parent, fn, file));
    }
    if (ts.isBlock(parent) || ts.isCaseClause(parent) || ts.isDefaultClause(parent)) {
      conditions.push(...guardsBefore(child as ts.Statement, parent.statements, fn, file));
    }
  }
  const route = allOf(conditions);
  return route && isRouting(route) ? route : undefined;
}

/** `if (!SECURE.has(key)) return;` guards every statement after it. */
function guardsBefore(statement: ts.Statement, statements: ts.NodeArray<ts.Statement>, fn: FunctionNode, file: FileModel): Route[] {
  const index = statements.indexOf(statement);
  const guards: Route[] = [];
  for (let i = Math.max(0, index - MAX_GUARD_STATEMENTS); i < index; i++) {
    const before = statements[i]!;
    if (!ts.isIfStatement(before)) continue;
    const thenExits = exits(before.thenStatement);
    const elseExits = before.elseStatement !== undefined && exits(before.elseStatement);
    if (thenExits && !elseExits) guards.push(not(conditionOf(before.expression, fn, file, 0)));
    else if (elseExits && !thenExits) guards.push(conditionOf(before.expression, fn, file, 0));
  }
  return guards;
}

/** Whether a statement always leaves the function. */
function exits(statement: ts.Statement): boolean {
  if (ts.isReturnStatement(statement) || ts.isThrowStatement(statement)) return true;
  if (ts.isBlock(statement)) {
    const last = statement.statements[statement.statements.length - 1];
    return last !== undefined && exits(last);
  }
  if (ts.isIfStatement(statement)) return statement.elseStatement !== undefined && exits(statement.thenStatement) && exits(statement.elseStatement);
  return false;
}

function endsClause(clause: ts.CaseOrDefaultClause): boolean {
  const last = clause.statements[clause.statements.length - 1];
  return last !== undefined && (ts.isBreakStatement(last) || ts.isContinueStatement(last) || exits(last));
}

/** A clause runs when its own case matches or when an earlier one falls through to it. */
function clauseCondition(clause: ts.CaseOrDefaultClause, fn: FunctionNode, file: FileModel): Route {
  const clauses = clause.parent.clauses;
  const switchStatement = clause.parent.parent;
  const own = (c: ts.CaseOrDefaultClause): Route => {
    if (ts.isCaseClause(c)) return caseMatches(switchStatement.expression, c.expression, fn, file);
    const cases = clauses.filter(ts.isCaseClause).map((other) => not(caseMatches(switchStatement.expression, other.expression, fn, file)));
    return { kind: 'and', operands: cases };
  };
  let first = clauses.indexOf(clause);
  while (first > 0 && !endsClause(clauses[first - 1]!)) first--;
  const run = clauses.slice(first, clauses.indexOf(clause) + 1).map(own);
  return run.length === 1 ? run[0]! : { kind: 'or', operands: run };
}

function caseMatches(subject: ts.Expression, caseValue: ts.Expression, fn: FunctionNode, file: FileModel): Route {
  const inner = stripWrappers(subject);
  if (inner.kind === ts.SyntaxKind.TrueKeyword) return conditionOf(caseValue, fn, file, 0);
  const parameter = parameterOf(inner, fn, file);
  if (!parameter) return FREE;
  const value = resolveString(caseValue, file);
  return test(parameter, { kind: 'some', method: 'equals', texts: value?.kind === 'exact' ? [value.value] : undefined });
}

function test(subject: RouteSubject, routeTest: RouteTest): Route {
  return { kind: 'test', subject, test: routeTest };
}

function parameterOf(expr: ts.Expression, fn: FunctionNode, file: FileModel): RouteSubject | undefined {
  const inner = stripWrappers(expr);
  if (!ts.isIdentifier(inner)) return undefined;
  const target = file.resolveIdentifier(inner);
  return target?.kind === 'parameter' && target.fn === fn ? { kind: 'parameter', index: target.index } : undefined;
}

/** The strings an array, a `Set` of one, or `Object.keys`/`Object.values` of a constant object holds; undefined when not all are known. */
function stringsOf(expr: ts.Expression, file: FileModel, depth: number): string[] | undefined {
  if (depth > MAX_DEPTH) return undefined;
  const resolved = resolveExpression(expr, file);
  if (!resolved) return undefined;
  const node = resolved.expr;
  if (ts.isArrayLiteralExpression(node)) {
    const texts: string[] = [];
    for (const element of node.elements) {
      if (ts.isSpreadElement(element)) {
        const spread = stringsOf(element.expression, resolved.file, depth + 1);
        if (!spread) return undefined;
        texts.push(...spread);
        continue;
      }
      const value = resolveString(element, resolved.file);
      if (value?.kind !== 'exact') return undefined;
      texts.push(value.value);
    }
    return texts;
  }
  if (ts.isNewExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === 'Set') {
    return node.arguments?.[0] ? stringsOf(node.arguments[0], resolved.file, depth + 1) : [];
  }
  if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression) && node.arguments[0]) {
    const receiver = stripWrappers(node.expression.expression);
    const method = node.expression.name.text;
    if (ts.isIdentifier(receiver) && receiver.text === 'Object' && (method === 'keys' || method === 'values')) {
      const object = resolveObject(node.arguments[0], resolved.file);
      if (!object?.complete) return undefined;
      if (method === 'keys') return [...object.properties.keys()];
      const texts: string[] = [];
      for (const property of object.properties.values()) {
        const value = resolveString(property.expr, property.file);
        if (value?.kind !== 'exact') return undefined;
        texts.push(value.value);
      }
      return texts;
    }
  }
  return undefined;
}

/**
 * Whether a list, set or table is filled at run time (`this.cache`, a
 * parameter, a `let`, `new Map()`, an empty literal): a cache looked up by the
 * key, not a routing list. A test of it may go either way, as before routes.
 * A constant whose contents cannot be seen (imported from a file not
 * analysed) is a routing list of unknown contents instead.
 */
function isRuntimeContainer(expr: ts.Expression, file: FileModel): boolean {
  const inner = stripWrappers(expr);
  if (ts.isPropertyAccessExpression(inner) || ts.isElementAccessExpression(inner)) {
    let root: ts.Expression = inner;
    while (ts.isPropertyAccessExpression(root) || ts.isElementAccessExpression(root)) root = stripWrappers(root.expression);
    if (root.kind === ts.SyntaxKind.ThisKeyword) return true;
  }
  if (ts.isIdentifier(inner)) {
    const target = file.resolveIdentifier(inner);
    if (target?.kind === 'parameter') return true;
    if ((target?.kind === 'local' || target?.kind === 'declaration') && ts.isVariableDeclaration(target.node) && !isConstDeclaration(target.node)) return true;
  }
  const resolved = resolveExpression(inner, file);
  if (!resolved) return false;
  const node = resolved.expr;
  if (ts.isNewExpression(node) && ts.isIdentifier(node.expression)) {
    const name = node.expression.text;
    return name === 'Map' || name === 'WeakMap' || ((name === 'Set' || name === 'WeakSet') && !node.arguments?.length);
  }
  return (ts.isObjectLiteralExpression(node) && node.properties.length === 0) || (ts.isArrayLiteralExpression(node) && node.elements.length === 0);
}

/** Whether an expression is surely not a list: a string's `includes` is a substring test, not membership. */
function isString(expr: ts.Expression, file: FileModel): boolean {
  return resolveString(expr, file) !== undefined;
}

const STRING_METHODS = new Set(['includes', 'startsWith', 'endsWith']);

/** A condition of `fn`'s parameters, as a route; FREE where it is not one this module understands. */
export function conditionOf(expr: ts.Expression, fn: FunctionNode, file: FileModel, depth: number): Route {
  if (depth > MAX_DEPTH) return FREE;
  const inner = stripWrappers(expr);
  if (inner.kind === ts.SyntaxKind.TrueKeyword) return { kind: 'constant', value: true };
  if (inner.kind === ts.SyntaxKind.FalseKeyword) return { kind: 'constant', value: false };
  if (ts.isPrefixUnaryExpression(inner) && inner.operator === ts.SyntaxKind.ExclamationToken) {
    return not(conditionOf(inner.operand, fn, file, depth + 1));
  }
  if (ts.isBinaryExpression(inner)) return binaryCondition(inner, fn, file, depth);
  if (ts.isCallExpression(inner)) return callCondition(inner, fn, file, depth);
  if (ts.isIdentifier(inner)) {
    const subject = parameterOf(inner, fn, file);
    if (subject) return test(subject, { kind: 'nonEmpty' });
    // `const isSensitive = SENSITIVE.some(…)`, tested later in the same function.
    const target = file.resolveIdentifier(inner);
    if (target?.kind === 'local' && isConstDeclaration(target.node) && target.node.initializer && enclosing(target.node) === fn) {
      return conditionOf(target.node.initializer, fn, file, depth + 1);
    }
    return FREE;
  }
  if (ts.isElementAccessExpression(inner)) {
    // `SECURE_KEYS[key]`: a lookup table whose truthy entries route.
    return lookup(inner, fn, file, (value) => value !== undefined && value !== '' && value !== 'false' && value !== '0');
  }
  return FREE;
}

function enclosing(node: ts.Node): FunctionNode | undefined {
  for (let current = node.parent; current; current = current.parent) if (isFunctionNode(current)) return current;
  return undefined;
}

/** `TABLE[key]` against a constant: the keys whose entry passes. */
function lookup(access: ts.ElementAccessExpression, fn: FunctionNode, file: FileModel, passes: (entry: string | undefined) => boolean): Route {
  const subject = parameterOf(access.argumentExpression, fn, file);
  if (!subject) return FREE;
  const object = resolveObject(access.expression, file);
  if (!object) return isRuntimeContainer(access.expression, file) ? FREE : test(subject, { kind: 'some', method: 'equals', texts: undefined });
  const texts: string[] = [];
  for (const [name, property] of object.properties) {
    const inner = stripWrappers(property.expr);
    const entry =
      inner.kind === ts.SyntaxKind.TrueKeyword ? 'true' : inner.kind === ts.SyntaxKind.FalseKeyword ? 'false' : resolveString(property.expr, property.file);
    const text = typeof entry === 'string' ? entry : entry?.kind === 'exact' ? entry.value : null;
    if (text === null) return test(subject, { kind: 'some', method: 'equals', texts: undefined });
    if (passes(text)) texts.push(name);
  }
  return test(subject, { kind: 'some', method: 'equals', texts: object.complete ? texts : undefined });
}

function binaryCondition(expr: ts.BinaryExpression, fn: FunctionNode, file: FileModel, depth: number): Route {
  const operator = expr.operatorToken.kind;
  if (operator === ts.SyntaxKind.AmpersandAmpersandToken || operator === ts.SyntaxKind.BarBarToken) {
    return {
      kind: operator === ts.SyntaxKind.AmpersandAmpersandToken ? 'and' : 'or',
      operands: [conditionOf(expr.left, fn, file, depth + 1), conditionOf(expr.right, fn, file, depth + 1)],
    };
  }
  if (operator === ts.SyntaxKind.InKeyword) {
    const subject = parameterOf(expr.left, fn, file);
    if (!subject) return FREE;
    const object = resolveObject(expr.right, file);
    return test(subject, { kind: 'some', method: 'equals', texts: object?.complete ? [...object.properties.keys()] : undefined });
  }
  const negated = operator === ts.SyntaxKind.ExclamationEqualsEqualsToken || operator === ts.SyntaxKind.ExclamationEqualsToken;
  const equality = negated || operator === ts.SyntaxKind.EqualsEqualsEqualsToken || operator === ts.SyntaxKind.EqualsEqualsToken;
  const found = indexOfComparison(expr, fn, file);
  if (found) return found;
  if (!equality) return FREE;
  const maybeNot = (route: Route) => (negated ? not(route) : route);
  for (const [side, other] of [
    [expr.left, expr.right],
    [expr.right, expr.left],
  ] as const) {
    const inner = stripWrappers(side);
    const subject = parameterOf(inner, fn, file);
    const value = resolveString(other, file);
    if (subject && value) return maybeNot(test(subject, { kind: 'some', method: 'equals', texts: value.kind === 'exact' ? [value.value] : undefined }));
    if (ts.isElementAccessExpression(inner) && value?.kind === 'exact') return maybeNot(lookup(inner, fn, file, (entry) => entry === value.value));
  }
  return FREE;
}

/** `LIST.indexOf(key) !== -1` and its spellings. */
function indexOfComparison(expr: ts.BinaryExpression, fn: FunctionNode, file: FileModel): Route | undefined {
  const call = stripWrappers(expr.left);
  if (!ts.isCallExpression(call) || !ts.isPropertyAccessExpression(call.expression) || call.expression.name.text !== 'indexOf' || !call.arguments[0])
    return undefined;
  const subject = parameterOf(call.arguments[0], fn, file);
  if (!subject || isString(call.expression.expression, file)) return undefined;
  const right = stripWrappers(expr.right);
  const number =
    ts.isPrefixUnaryExpression(right) && right.operator === ts.SyntaxKind.MinusToken && ts.isNumericLiteral(right.operand)
      ? -Number(right.operand.text)
      : ts.isNumericLiteral(right)
        ? Number(right.text)
        : undefined;
  const operator = expr.operatorToken.kind;
  const K = ts.SyntaxKind;
  let found: boolean | undefined;
  if (number === -1) {
    if (operator === K.ExclamationEqualsEqualsToken || operator === K.ExclamationEqualsToken || operator === K.GreaterThanToken) found = true;
    else if (operator === K.EqualsEqualsEqualsToken || operator === K.EqualsEqualsToken) found = false;
  } else if (number === 0) {
    if (operator === K.GreaterThanEqualsToken) found = true;
    else if (operator === K.LessThanToken) found = false;
  }
  if (found === undefined) return undefined;
  if (isRuntimeContainer(call.expression.expression, file)) return undefined;
  const member = test(subject, { kind: 'some', method: 'equals', texts: stringsOf(call.expression.expression, file, 0) });
  return found ? member : not(member);
}

function callCondition(call: ts.CallExpression, fn: FunctionNode, file: FileModel, depth: number): Route {
  const callee = stripWrappers(call.expression);
  const argument = call.arguments[0];
  if (ts.isPropertyAccessExpression(callee) && argument) {
    const method = callee.name.text;
    const receiver = callee.expression;
    // `key.startsWith('secure.')`
    if (STRING_METHODS.has(method)) {
      const subject = parameterOf(receiver, fn, file);
      if (subject) {
        const text = resolveString(argument, file);
        return test(subject, { kind: 'some', method: method as 'includes', texts: text?.kind === 'exact' ? [text.value] : undefined });
      }
    }
    // `SENSITIVE_KEYS.includes(key)`, `SECURE.has(key)`
    if ((method === 'includes' || method === 'has') && !isString(receiver, file)) {
      const subject = parameterOf(argument, fn, file);
      if (subject) return isRuntimeContainer(receiver, file) ? FREE : test(subject, { kind: 'some', method: 'equals', texts: stringsOf(receiver, file, 0) });
    }
    // `/^[\w.-]+$/.test(key)`
    if (method === 'test') {
      const subject = parameterOf(argument, fn, file);
      const pattern = subject && resolveExpression(receiver, file);
      if (subject && pattern && ts.isRegularExpressionLiteral(pattern.expr)) {
        const text = pattern.expr.text;
        const slash = text.lastIndexOf('/');
        return test(subject, { kind: 'regex', source: text.slice(1, slash), flags: text.slice(slash + 1) });
      }
      if (subject) return FREE;
    }
    // `SECURE.some((p) => key.includes(p))`
    if (method === 'some') {
      const some = someCondition(receiver, argument, fn, file);
      if (some) return some;
    }
  }
  return predicateCall(call, fn, file, depth);
}

/** `LIST.some((p) => key.includes(p))`, with `startsWith`, `endsWith` or `p === key`. */
function someCondition(receiver: ts.Expression, callback: ts.Expression, fn: FunctionNode, file: FileModel): Route | undefined {
  const arrow = stripWrappers(callback);
  if (!(ts.isArrowFunction(arrow) || ts.isFunctionExpression(arrow)) || arrow.parameters.length !== 1) return undefined;
  const element = arrow.parameters[0]!.name;
  if (!ts.isIdentifier(element)) return undefined;
  let body: ts.Node = arrow.body;
  if (ts.isBlock(body)) {
    const only = body.statements.length === 1 ? body.statements[0] : undefined;
    if (!only || !ts.isReturnStatement(only) || !only.expression) return undefined;
    body = only.expression;
  }
  const inner = stripWrappers(body as ts.Expression);
  const isElement = (e: ts.Expression) => {
    const x = stripWrappers(e);
    return ts.isIdentifier(x) && x.text === element.text;
  };
  let subject: RouteSubject | undefined;
  let method: 'equals' | 'includes' | 'startsWith' | 'endsWith' | undefined;
  if (ts.isCallExpression(inner) && ts.isPropertyAccessExpression(inner.expression) && STRING_METHODS.has(inner.expression.name.text)) {
    if (inner.arguments[0] && isElement(inner.arguments[0])) {
      subject = parameterOf(inner.expression.expression, fn, file);
      method = inner.expression.name.text as 'includes';
    }
  } else if (
    ts.isBinaryExpression(inner) &&
    (inner.operatorToken.kind === ts.SyntaxKind.EqualsEqualsEqualsToken || inner.operatorToken.kind === ts.SyntaxKind.EqualsEqualsToken)
  ) {
    if (isElement(inner.left)) subject = parameterOf(inner.right, fn, file);
    else if (isElement(inner.right)) subject = parameterOf(inner.left, fn, file);
    method = 'equals';
  }
  if (!subject || !method || isRuntimeContainer(receiver, file)) return undefined;
  return test(subject, { kind: 'some', method, texts: stringsOf(receiver, file, 0) });
}

const PREDICATES = memoSlot<Map<FunctionNode, Route>>('routePredicates');

/** `isSecure(key)`: the predicate's own condition of its parameters, seen through this call's arguments. */
function predicateCall(call: ts.CallExpression, fn: FunctionNode, file: FileModel, depth: number): Route {
  if (!call.arguments.some((argument) => parameterOf(argument, fn, file))) return FREE;
  const callee = resolveCalledFunction(call, file);
  if (!callee || callee.fn === fn || !callee.fn.body) return FREE;
  const predicates = callee.file.cached(PREDICATES, () => new Map<FunctionNode, Route>());
  let body = predicates.get(callee.fn);
  if (!body) {
    body = predicateBody(callee.fn, callee.file, depth + 1);
    predicates.set(callee.fn, body);
  }
  return mapSubjects(body, (index) => {
    const argument = call.arguments[index];
    if (!argument || call.arguments.slice(0, index + 1).some(ts.isSpreadElement)) return { kind: 'value', value: undefined };
    const parameter = parameterOf(argument, fn, file);
    if (parameter) return parameter;
    const value = resolveString(argument, file);
    return value ? { kind: 'value', value } : undefined;
  });
}

/** What a predicate returns, as a condition of its parameters: `return cond;`, after `if (c) return x;` guards. */
function predicateBody(fn: FunctionNode, file: FileModel, depth: number): Route {
  const body = fn.body!;
  if (!ts.isBlock(body)) return conditionOf(body, fn, file, depth);
  const from = (index: number): Route => {
    for (let i = index; i < body.statements.length; i++) {
      const statement = body.statements[i]!;
      if (ts.isReturnStatement(statement))
        return statement.expression ? conditionOf(statement.expression, fn, file, depth) : { kind: 'constant', value: false };
      if (ts.isIfStatement(statement)) {
        const then = returned(statement.thenStatement);
        const otherwise = statement.elseStatement ? returned(statement.elseStatement) : undefined;
        if (!then || (statement.elseStatement && !otherwise)) {
          if (exits(statement.thenStatement) || (statement.elseStatement && exits(statement.elseStatement))) return FREE;
          continue;
        }
        const condition = conditionOf(statement.expression, fn, file, depth);
        return ifThenElse(condition, then, otherwise ?? from(i + 1));
      }
      if (exits(statement)) return FREE;
    }
    return { kind: 'constant', value: false };
  };
  const returned = (statement: ts.Statement): Route | undefined => {
    if (ts.isReturnStatement(statement)) return statement.expression ? conditionOf(statement.expression, fn, file, depth) : { kind: 'constant', value: false };
    if (ts.isBlock(statement)) {
      const last = statement.statements[statement.statements.length - 1];
      return last && ts.isReturnStatement(last) ? returned(last) : undefined;
    }
    return undefined;
  };
  return from(0);
}
