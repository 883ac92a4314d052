import { parseForESLint } from '@typescript-eslint/parser';
import { describe, expect, it } from 'vitest';
import { ts } from '../src/core/ts.js';
import { usableTree } from '../src/eslint/file-model.js';

// Under ESLint the rules analyse the tree @typescript-eslint/parser already
// built, instead of parsing each file that touches storage a second time, but
// only a tree they can use as it is.

const code = "import * as SecureStore from 'expo-secure-store';\nexport const load = () => SecureStore.getItemAsync('auth.token');\n";

function parsersTree(text: string): unknown {
  const { ast, services } = parseForESLint(text, { filePath: 'app/screen.ts', range: true, loc: true });
  return services.esTreeNodeToTSNodeMap.get(ast as never);
}

describe("reusing the parser's tree", () => {
  it('takes the tree @typescript-eslint/parser built with the same TypeScript', () => {
    const tree = parsersTree(code);
    expect(tree).toBeDefined();
    expect(usableTree(tree, code)).toBe(true);
  });

  it('refuses a tree for other text, one without parent pointers, and one too deep to walk', () => {
    expect(usableTree(parsersTree(code), `${code}\n`)).toBe(false);
    const withoutParents = ts.createSourceFile('a.ts', code, ts.ScriptTarget.Latest, false);
    expect(usableTree(withoutParents, code)).toBe(false);
    // A `+` chain parses without recursion but nests one level per term: deeper than the rules walk.
    const deep = `export const x = ${Array.from({ length: 1500 }, () => '1').join(' + ')};\n`;
    const deepTree = ts.createSourceFile('deep.ts', deep, ts.ScriptTarget.Latest, true);
    expect(usableTree(deepTree, deep)).toBe(false);
    const shallow = 'export const x = 1 + 1;\n';
    expect(usableTree(ts.createSourceFile('shallow.ts', shallow, ts.ScriptTarget.Latest, true), shallow)).toBe(true);
    expect(usableTree({ kind: ts.SyntaxKind.SourceFile, text: code, statements: [] }, code)).toBe(false);
    expect(usableTree(undefined, code)).toBe(false);
  });
});
