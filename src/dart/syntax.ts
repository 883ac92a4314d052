import type { Node } from 'web-tree-sitter';
import type { StringValue, TextRange } from './facts-types.js';

// Helpers over the Dart grammar's tree. The grammar has no call node: a call
// is a primary expression followed by sibling `selector` nodes (`.name`,
// `?.name`, `(arguments)`), so an expression is a run of siblings, here an
// `Expr`: its first node and the selectors after it.

export interface Expr {
  head: Node;
  selectors: Node[];
}

export type Step = { kind: 'member'; name: string; nullAware: boolean; node: Node } | { kind: 'call'; args: Node; node: Node } | { kind: 'other'; node: Node };

export function rangeOf(start: Node, end: Node = start): TextRange {
  return { start: start.startIndex, end: end.endIndex, line: start.startPosition.row + 1 };
}

export function exprRange(expr: Expr): TextRange {
  return rangeOf(expr.head, expr.selectors[expr.selectors.length - 1] ?? expr.head);
}

/** The expression made of `nodes[from]` and the selectors right after it, or undefined if there is none. */
export function exprAt(nodes: Node[], from: number): Expr | undefined {
  const head = nodes[from];
  if (!head || !head.isNamed || head.type === 'selector' || head.type === 'cascade_section') return undefined;
  const selectors: Node[] = [];
  for (let i = from + 1; i < nodes.length && nodes[i]!.type === 'selector'; i++) selectors.push(nodes[i]!);
  return { head, selectors };
}

/** The expression that follows the child of `parent` of type `marker` (`=`, `label`, `=>`, `await`). */
export function exprAfter(parent: Node, marker: string): Expr | undefined {
  const children = kids(parent);
  const at = children.findIndex((c) => c.type === marker);
  return at < 0 ? undefined : exprAt(children, at + 1);
}

/** An `argument` / `named_argument` node's value. */
export function argumentExpr(argument: Node): Expr | undefined {
  return argument.type === 'named_argument' ? exprAfter(argument, 'label') : exprAt(kids(argument), 0);
}

/** `(await x)`, `await x`, `x!`: the expression that matters for what it refers to. */
export function unwrap(expr: Expr): Expr {
  let current = expr;
  for (let depth = 0; depth < 16 && current.selectors.length === 0; depth++) {
    const { head } = current;
    if (head.type === 'unary_expression' && head.namedChildCount === 1) {
      current = exprAt(kids(head), 0) ?? current;
    } else if (head.type === 'await_expression') {
      const inner = exprAfter(head, 'await');
      if (!inner) break;
      current = inner;
    } else if (head.type === 'parenthesized_expression') {
      const inner = exprAt(kids(head), 1);
      if (!inner) break;
      current = inner;
    } else break;
    if (current === expr) break;
  }
  return current;
}

/**
 * The grammar binds `?:` tighter than `||`, `&&` and `??`, the reverse of
 * Dart: `isMobile || isLinux ? store : null` comes as `isMobile || (isLinux ?
 * store : null)`. An unparenthesised conditional as their last operand is
 * that misreading; the conditional's branches are the whole expression's.
 */
const MISREAD_CONDITION_HOLDERS = new Set(['logical_or_expression', 'logical_and_expression', 'if_null_expression']);

/** `cond ? a : b`: its two branches, or undefined for any other expression. */
export function conditionalBranches(expr: Expr): [Expr, Expr] | undefined {
  const { selectors } = expr;
  let { head } = expr;
  if (selectors.length > 0) return undefined;
  if (MISREAD_CONDITION_HOLDERS.has(head.type)) head = namedKids(head).at(-1) ?? head;
  if (head.type !== 'conditional_expression') return undefined;
  const consequence = exprAfter(head, '?');
  const alternative = exprAfter(head, ':');
  return consequence && alternative ? [consequence, alternative] : undefined;
}

export function isNullLiteral(expr: Expr): boolean {
  const inner = unwrap(expr);
  return inner.head.type === 'null_literal' && inner.selectors.length === 0;
}

export function stepOf(selector: Node): Step {
  const inner = selector.namedChild(0);
  if (inner?.type === 'argument_part') {
    const args = kids(inner).find((c) => c.type === 'arguments');
    if (args) return { kind: 'call', args, node: selector };
  }
  if (inner?.type === 'unconditional_assignable_selector' || inner?.type === 'conditional_assignable_selector') {
    const name = kids(inner).find((c) => c.type === 'identifier');
    if (name) return { kind: 'member', name: name.text, nullAware: inner.type === 'conditional_assignable_selector', node: selector };
  }
  return { kind: 'other', node: selector };
}

export interface CallArguments {
  positional: Expr[];
  named: Map<string, { expr: Expr; node: Node }>;
}

export function callArguments(args: Node): CallArguments {
  const positional: Expr[] = [];
  const named = new Map<string, { expr: Expr; node: Node }>();
  for (const arg of namedKids(args)) {
    const expr = argumentExpr(arg);
    if (!expr) continue;
    if (arg.type === 'named_argument') {
      const name = arg.namedChild(0)?.namedChild(0)?.text;
      if (name) named.set(name, { expr, node: arg });
    } else if (arg.type === 'argument') positional.push(expr);
  }
  return { positional, named };
}

/**
 * A string literal's value. The grammar keeps adjacent literals (`'a' 'b'`)
 * in one node and gives no node to the characters, so the text is read here;
 * interpolations are the `template_substitution` children, resolved by
 * `interpolate` (unknown: a `null` part).
 */
export function stringValue(literal: Node, interpolate: (substitution: Node) => StringValue | undefined): StringValue | undefined {
  const text = literal.text;
  const base = literal.startIndex;
  const substitutions = kids(literal).filter((c) => c.type === 'template_substitution');
  const parts: (string | null)[] = [];
  let current = '';
  let i = 0;
  const flush = () => {
    if (current) parts.push(current);
    current = '';
  };
  while (i < text.length) {
    // Between adjacent literals: whitespace and comments.
    while (i < text.length && /\s/.test(text[i]!)) i++;
    if (text.startsWith('//', i)) {
      i = text.indexOf('\n', i) < 0 ? text.length : text.indexOf('\n', i);
      continue;
    }
    if (text.startsWith('/*', i)) {
      const close = text.indexOf('*/', i + 2);
      i = close < 0 ? text.length : close + 2;
      continue;
    }
    if (i >= text.length) break;
    const raw = text[i] === 'r' || text[i] === 'R';
    if (raw) i++;
    const quoteChar = text[i];
    if (quoteChar !== "'" && quoteChar !== '"') return undefined;
    const quote = text.startsWith(quoteChar.repeat(3), i) ? quoteChar.repeat(3) : quoteChar;
    i += quote.length;
    let closed = false;
    while (i < text.length) {
      if (text.startsWith(quote, i)) {
        i += quote.length;
        closed = true;
        break;
      }
      const ch = text[i]!;
      if (!raw && ch === '\\') {
        const next = text[i + 1];
        if (next === undefined) return undefined;
        const simple: Record<string, string> = { n: '\n', r: '\r', t: '\t', b: '\b', f: '\f', v: '\v' };
        if (next === 'x' || next === 'u') return undefined; // code-point escapes: rare in keys, left unknown rather than mis-decoded
        current += simple[next] ?? next;
        i += 2;
        continue;
      }
      if (!raw && ch === '$') {
        const substitution = substitutions.find((s) => s.startIndex - base === i);
        if (!substitution) return undefined;
        flush();
        const value = interpolate(substitution);
        if (!value) parts.push(null);
        else if (value.kind === 'exact') current += value.value;
        else {
          for (const part of value.parts) {
            if (part === null) {
              flush();
              parts.push(null);
            } else current += part;
          }
        }
        i = substitution.endIndex - base;
        continue;
      }
      current += ch;
      i++;
    }
    if (!closed) return undefined;
  }
  flush();
  const merged: (string | null)[] = [];
  for (const part of parts) {
    const last = merged[merged.length - 1];
    if (part !== null && typeof last === 'string') merged[merged.length - 1] = last + part;
    else if (!(part === null && last === null)) merged.push(part);
  }
  if (merged.every((p) => p !== null)) return { kind: 'exact', value: merged.join('') };
  return { kind: 'pattern', parts: merged };
}

/**
 * Visits every node below `root` in source order, with its ancestors (the
 * live stack: read it during the visit, do not keep it). Without recursion,
 * and without `node.parent` or `node.nextSibling`: the runtime finds those by
 * descending from the root, so on a 10,000-deep file each costs 10,000 steps.
 */
export function forEachNode(root: Node, visit: (node: Node, ancestors: readonly Node[]) => void, only?: ReadonlySet<string>): void {
  const cursor = root.walk();
  const ancestors: Node[] = [];
  try {
    for (;;) {
      // A node object is made only for a node of the types asked for, or one
      // with children (an ancestor of later visits): most leaves are tokens.
      let node: Node | undefined;
      if (!only || only.has(cursor.nodeType)) {
        node = cursor.currentNode;
        visit(node, ancestors);
      }
      if (cursor.gotoFirstChild()) {
        if (!node) {
          cursor.gotoParent();
          node = cursor.currentNode;
          cursor.gotoFirstChild();
        }
        ancestors.push(node);
        continue;
      }
      while (!cursor.gotoNextSibling()) {
        if (!cursor.gotoParent()) return;
        ancestors.pop();
      }
    }
  } finally {
    cursor.delete();
  }
}

/**
 * The children of recently seen parents, with each child's index: the
 * sibling before or after a node without `previousSibling` (see forEachNode).
 * A few parents are kept, as a walk comes back to the same class body or
 * program between its members.
 */
export class SiblingCache {
  private readonly entries = new Map<number, { children: Node[]; index: Map<number, number> }>();

  siblings(parent: Node): { children: Node[]; index: Map<number, number> } {
    let entry = this.entries.get(parent.id);
    if (!entry) {
      const children = kids(parent);
      entry = { children, index: new Map(children.map((c, i) => [c.id, i])) };
      if (this.entries.size >= 32) this.entries.delete(this.entries.keys().next().value!);
      this.entries.set(parent.id, entry);
    }
    return entry;
  }

  /** The named sibling right before `node`, or undefined. */
  previousNamed(node: Node, parent: Node): Node | undefined {
    const { children, index } = this.siblings(parent);
    for (let i = (index.get(node.id) ?? 0) - 1; i >= 0; i--) if (children[i]!.isNamed) return children[i];
    return undefined;
  }
}

/** A node's children; the runtime's typings allow null entries, which a parsed tree never has. */
export function kids(node: Node): Node[] {
  return node.children.filter((c): c is Node => c !== null);
}

export function namedKids(node: Node): Node[] {
  return node.namedChildren.filter((c): c is Node => c !== null);
}

/** The one type argument of a call selector (`<SharedPreferences>()`): `Type` or `prefix.Type`; undefined for none, several or a generic one. */
export function typeArgumentOf(selector: Node): { name: string; prefix?: string } | undefined {
  const part = namedKids(selector).find((c) => c.type === 'argument_part');
  const typeArgs = part && namedKids(part).find((c) => c.type === 'type_arguments');
  if (!typeArgs) return undefined;
  const parts = kids(typeArgs).filter((c) => c.type !== '<' && c.type !== '>');
  const names = parts.filter((c) => c.type === 'type_identifier').map((c) => c.text);
  if (parts.some((c) => c.type !== 'type_identifier' && c.type !== '.')) return undefined;
  if (names.length === 1) return { name: names[0]! };
  if (names.length === 2) return { name: names[1]!, prefix: names[0]! };
  return undefined;
}

/**
 * `Name<Type>(…)`, as a callee and its one type argument. The grammar reads
 * some of these, in a top-level initialiser, as comparisons
 * (`(Name < Type) > (…)`); that shape is taken for the call it is.
 */
export function genericCall(expr: Expr): { callee: Node; type: { name: string; prefix?: string } } | undefined {
  const { head, selectors } = unwrap(expr);
  if (head.type === 'identifier' && selectors.length === 1) {
    const type = typeArgumentOf(selectors[0]!);
    return type && stepOf(selectors[0]!).kind === 'call' ? { callee: head, type } : undefined;
  }
  if (head.type !== 'relational_expression' || selectors.length > 0) return undefined;
  const [left, closing, args] = namedKids(head);
  if (left?.type !== 'relational_expression' || closing?.text !== '>' || args?.type !== 'parenthesized_expression') return undefined;
  const [callee, opening, type] = namedKids(left);
  if (callee?.type !== 'identifier' || opening?.text !== '<' || (type?.type !== 'identifier' && type?.type !== 'type_identifier')) return undefined;
  return { callee, type: { name: type.text } };
}
