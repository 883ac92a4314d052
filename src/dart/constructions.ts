import type { Node } from 'web-tree-sitter';
import { kids, stepOf, type Expr } from './syntax.js';

// The class a construction names, read one way for every caller: the file's
// facts (package constructions and factories, constructions of the file's own
// FlutterSecureStorage subclasses) and the library summaries (the class a
// member's initialiser makes).
//
// Dart writes a construction as `X(…)`, `X.named(…)`, `p.X(…)`, `p.X.named(…)`,
// each with an optional `const` or `new`. Without the keyword the tree holds
// an identifier and selectors, the shape of any call (`f(…)`, `obj.m(…)`);
// with it, one node whose names tree-sitter types by position, not by meaning
// (`const p.X()` and `const X.named()` have the same shape). Which first name
// is an import prefix only the file's imports say: the caller says it.

export interface NamedConstruction {
  /** The import prefix written before the class: `p` in `p.X(…)`. */
  prefix?: string;
  /** The class named. */
  type: string;
  /** The named constructor or static member called: `named` in `X.named(…)`. */
  member?: string;
  /** The arguments; absent only in a keyword construction whose syntax is broken. */
  args?: Node;
  /** `const X(…)` or `new X(…)`: a construction by its syntax; without it the expression may as well be a function or method call. */
  keyword?: 'const' | 'new';
  /** The node the names start at, for the caller's scope lookups. */
  head: Node;
}

/**
 * `X(…)`, `const X.named(…)`, `p.X(…)`, …: the class an expression (already
 * unwrapped of parentheses) constructs, when it is only that.
 * `isImportPrefix(name, head)` says whether a first name is an import prefix there.
 */
export function namedConstruction(expr: Expr, isImportPrefix: (name: string, head: Node) => boolean): NamedConstruction | undefined {
  const { head, selectors } = expr;
  let names: string[];
  let args: Node | undefined;
  let keyword: NamedConstruction['keyword'];
  if ((head.type === 'const_object_expression' || head.type === 'new_expression') && selectors.length === 0) {
    const parts = kids(head);
    names = parts.filter((c) => c.type === 'type_identifier' || c.type === 'identifier').map((c) => c.text);
    args = parts.find((c) => c.type === 'arguments');
    keyword = head.type === 'const_object_expression' ? 'const' : 'new';
  } else if (head.type === 'identifier') {
    const steps = selectors.map(stepOf);
    const last = steps[steps.length - 1];
    if (last?.kind !== 'call' || steps.slice(0, -1).some((s) => s.kind !== 'member')) return undefined;
    names = [head.text, ...steps.slice(0, -1).map((s) => (s as { name: string }).name)];
    args = last.args;
  } else return undefined;
  const prefixed = names.length > 1 && isImportPrefix(names[0]!, head);
  const [type, member, ...rest] = prefixed ? names.slice(1) : names;
  if (type === undefined || rest.length > 0) return undefined;
  return {
    ...(prefixed ? { prefix: names[0] } : {}),
    type,
    ...(member !== undefined ? { member } : {}),
    ...(args ? { args } : {}),
    ...(keyword ? { keyword } : {}),
    head,
  };
}
