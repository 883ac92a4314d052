import type { Node } from 'web-tree-sitter';
import type { ParameterSlot } from './facts-types.js';
import { callArguments, forEachNode, kids, stepOf, unwrap } from './syntax.js';

// flutter_secure_storage deletes a key when `write` gets a null value, and
// apps wrap that: `saveToken(String? t) => _storage.write(key: 'auth.token',
// value: t)`, then `saveToken(null)` at sign-out. The wrapper's file says
// "a null in slot 0 of saveToken deletes auth.token" (valueParameter on the
// write); the files that call it say which slots they fill with a literal
// `null`, as ids of this form. The two meet in the project-wide rules (the
// ProjectFile's reachedWrapperCalls), and only ever to take a finding back:
// a call of a function of that name with null there means the key may be
// deleted, so "never deleted" would be a guess.

/** The id a call of `name` with `null` in `slot` is known by. */
export function nullCallId(name: string, slot: ParameterSlot): string {
  return 'index' in slot ? `dart-null:${name}#${slot.index}` : `dart-null:${name}:${slot.name}`;
}

/** The function name in a nullCallId. */
export function nullCallName(id: string): string {
  return id.slice('dart-null:'.length).split(/[#:]/)[0]!;
}

/** `name(` followed, on the same call, by a literal null: a cheap test before parsing a file for its null calls. */
export function mayCallWithNull(text: string, names: Set<string>): boolean {
  if (!text.includes('null')) return false;
  for (const name of names) if (new RegExp(`\\b${name}\\s*\\(`).test(text)) return true;
  return false;
}

const CALL_PARTS = new Set(['selector']);

/** The ids (nullCallId) of every call in the tree that passes a literal `null`, by the called function's or method's name. */
export function nullCallIds(root: Node): string[] {
  const ids = new Set<string>();
  forEachNode(
    root,
    (node, ancestors) => {
      const step = stepOf(node);
      if (step.kind !== 'call') return;
      const name = calledName(node, ancestors[ancestors.length - 1]);
      if (!name) return;
      const args = callArguments(step.args);
      args.positional.forEach((arg, index) => {
        if (isNull(arg.head, arg.selectors.length)) ids.add(nullCallId(name, { index }));
      });
      for (const [parameter, { expr }] of args.named) if (isNull(expr.head, expr.selectors.length)) ids.add(nullCallId(name, { name: parameter }));
    },
    CALL_PARTS,
  );
  return [...ids].sort();
}

function isNull(head: Node, selectors: number): boolean {
  if (selectors > 0) return false;
  const inner = unwrap({ head, selectors: [] });
  return inner.head.type === 'null_literal' && inner.selectors.length === 0;
}

/** `saveToken(…)` or `repo.saveToken(…)`: the name right before the call's argument selector. */
function calledName(callSelector: Node, parent: Node | undefined): string | undefined {
  if (!parent) return undefined;
  const children = kids(parent);
  const at = children.findIndex((c) => c.id === callSelector.id);
  const before = children[at - 1];
  if (!before) return undefined;
  if (before.type === 'identifier') return before.text;
  if (before.type !== 'selector') return undefined;
  const step = stepOf(before);
  return step.kind === 'member' ? step.name : undefined;
}
