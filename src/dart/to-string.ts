import type { Node } from 'web-tree-sitter';
import { exprAfter, exprAt, kids, namedKids, type Expr } from './syntax.js';

// Models often serialise themselves in `toString()` (`String toString() =>
// jsonEncode(toJson());`), and the app then stores `session.toString()` or
// '$session': a JSON blob, written as if it were a string.

/** The classes of this file whose `toString()` returns what `isEncoding` accepts, as an expression body or a lone `return`. */
export function classesEncodingInToString(root: Node, isEncoding: (expr: Expr) => boolean): Set<string> {
  const found = new Set<string>();
  for (const definition of namedKids(root)) {
    if (definition.type !== 'class_definition') continue;
    const name = definition.childForFieldName('name')?.text;
    const body = namedKids(definition).find((c) => c.type === 'class_body');
    if (!name || !body) continue;
    const members = namedKids(body);
    members.forEach((member, i) => {
      const signature = member.type === 'method_signature' ? namedKids(member).find((c) => c.type === 'function_signature') : undefined;
      const isToString = signature && namedKids(signature).find((c) => c.type === 'identifier')?.text === 'toString';
      const functionBody = members[i + 1];
      if (!isToString || functionBody?.type !== 'function_body') return;
      const returned = returnedExpr(functionBody);
      if (returned && isEncoding(returned)) found.add(name);
    });
  }
  return found;
}

function returnedExpr(body: Node): Expr | undefined {
  const arrow = exprAfter(body, '=>');
  if (arrow) return arrow;
  const block = namedKids(body).find((c) => c.type === 'block');
  const statements = block ? namedKids(block) : [];
  if (statements.length !== 1 || statements[0]!.type !== 'return_statement') return undefined;
  return exprAt(kids(statements[0]!), 1);
}
