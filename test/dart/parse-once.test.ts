import { beforeAll, describe, expect, it } from 'vitest';
import type { Tree } from 'web-tree-sitter';
import { loadDartParser } from '../../src/dart/parser.js';
import { ParseOnce } from '../../src/dart/parse-once.js';

// The run's one owner of Dart parses (src/dart/parse-once.ts): a tree read
// before its file's analysis is kept for it, within a bound on the source
// bytes kept; every tree is deleted in the end.

const TEXT = 'void main() {}\n';

beforeAll(async () => {
  await loadDartParser();
});

/** A deleted tree has no root any more. */
const isDeleted = (tree: Tree) => {
  try {
    void tree.rootNode.type;
    return false;
  } catch {
    return true;
  }
};

describe('ParseOnce', () => {
  it('a tree read before its analysis is the tree the analysis gets: one parse, deleted after the analysis', () => {
    const trees = new ParseOnce();
    trees.willAnalyse(['a.dart']);
    const read = trees.read('a.dart', TEXT, (tree) => tree);
    expect(isDeleted(read)).toBe(false);
    const analysed = trees.analyse('a.dart', TEXT, (tree) => tree);
    expect(analysed).toBe(read);
    expect(isDeleted(read)).toBe(true);
    expect(trees.parses).toBe(1);
  });

  it('a file no analysis awaits is not kept; a dropped or disposed one goes', () => {
    const trees = new ParseOnce();
    expect(isDeleted(trees.read('lib.dart', TEXT, (tree) => tree))).toBe(true);
    trees.willAnalyse(['cached.dart', 'left.dart']);
    const cached = trees.read('cached.dart', TEXT, (tree) => tree);
    const left = trees.read('left.dart', TEXT, (tree) => tree);
    trees.drop('cached.dart');
    expect(isDeleted(cached)).toBe(true);
    expect(trees.awaitsAnalysis('cached.dart')).toBe(false);
    trees.dispose();
    expect(isDeleted(left)).toBe(true);
  });

  it('past the bound on kept source bytes a tree is deleted, and its file parsed again when analysed', () => {
    const trees = new ParseOnce(TEXT.length);
    trees.willAnalyse(['a.dart', 'b.dart']);
    const a = trees.read('a.dart', TEXT, (tree) => tree);
    const b = trees.read('b.dart', TEXT, (tree) => tree);
    expect([isDeleted(a), isDeleted(b)]).toEqual([false, true]);
    expect(trees.analyse('a.dart', TEXT, (tree) => tree)).toBe(a);
    trees.analyse('b.dart', TEXT, () => undefined);
    expect(trees.parses).toBe(3);
  });
});
