import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DART_GRAMMAR_ABI, loadDartParser, loadedDartParser, withDartTree } from '../../src/dart/parser.js';
import { repoRoot } from '../helpers/run.js';

describe('the Dart parser loader', () => {
  it('loads nothing until asked, then loads once: later calls share the same parser', async () => {
    // Vitest runs each test file in its own process: nothing has loaded the grammar yet here.
    expect(loadedDartParser()).toBeUndefined();
    const [a, b] = await Promise.all([loadDartParser(), loadDartParser()]);
    expect(a).toBe(b);
    expect(loadedDartParser()).toBe(a);
    expect(await loadDartParser()).toBe(a);
    expect(a.language.abiVersion).toBe(DART_GRAMMAR_ABI);
  });

  it('parses synchronously once loaded, and deletes the tree after use even when the use throws', async () => {
    const parser = await loadDartParser();
    let kept: { delete(): void; rootNode: { type: string } } | undefined;
    expect(() =>
      withDartTree(parser, 'void main() {}', (tree) => {
        kept = tree;
        expect(tree.rootNode.type).toBe('program');
        throw new Error('boom');
      }),
    ).toThrow('boom');
    // A deleted tree has no root any more.
    expect(() => kept!.rootNode.type).toThrow();
  });

  it('only type imports of web-tree-sitter outside the loader: the runtime is loaded on demand', () => {
    const dir = join(repoRoot, 'src/dart');
    for (const name of readdirSync(dir)) {
      const text = readFileSync(join(dir, name), 'utf8');
      const valueImports = [...text.matchAll(/^import\s+(?!type\b)[^;]*from\s+'web-tree-sitter'/gm)];
      expect(valueImports, name).toEqual([]);
    }
    expect(readFileSync(join(dir, 'parser.ts'), 'utf8')).toContain("await import('web-tree-sitter')");
  });
});
