import { ts } from '../../src/core/ts.js';
import { functionName, isFunctionNode, type FunctionNode } from '../../src/core/ast.js';
import type { FileModel } from '../../src/core/model.js';

/** The function named `name` in a file (declaration, const arrow, method). */
export function fnNamed(file: FileModel, name: string): FunctionNode {
  let found: FunctionNode | undefined;
  const visit = (node: ts.Node): void => {
    if (!found && isFunctionNode(node) && functionName(node) === name) found = node;
    ts.forEachChild(node, visit);
  };
  visit(file.sf);
  if (!found) throw new Error(`no function ${name}`);
  return found;
}
