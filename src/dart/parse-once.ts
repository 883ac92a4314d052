import type { Tree } from 'web-tree-sitter';
import { loadedDartParser } from './parser.js';

// Every tree-sitter parse of a run goes through one ParseOnce, so that no
// Dart file is parsed twice. A file can be read for its library summary (the
// prefilter reads every relevant file's, an importer reads its imports')
// before its own analysis: its tree is then kept until that analysis takes it.
//
// Trees live in the WebAssembly heap, about 40 bytes per byte of source, and
// a run deletes each one after use to stay within memory on large apps. So
// the trees kept waiting are bounded by the source bytes they hold: past the
// bound a tree is deleted at once, and its file parsed again when analysed.
// With the prefilter on, the waiting trees are those of the few relevant files
// and the bound is not reached on real apps; a run without the prefilter, on a
// large app, can reach it.

/** Source bytes of the trees kept for a later analysis: about 80 MB of trees. */
export const KEPT_TREES_BUDGET = 2_000_000;

export class ParseOnce {
  /** Tree-sitter parses so far. */
  parses = 0;
  private readonly toAnalyse = new Set<string>();
  private readonly kept = new Map<string, { tree: Tree; bytes: number }>();
  private keptBytes = 0;

  constructor(private readonly budget = KEPT_TREES_BUDGET) {}

  /** Files whose analysis is still to come: a tree parsed for one of them before it is kept for it. */
  willAnalyse(files: Iterable<string>): void {
    for (const file of files) this.toAnalyse.add(file);
  }

  /** Whether the file's analysis is still to come. */
  awaitsAnalysis(file: string): boolean {
    return this.toAnalyse.has(file);
  }

  /** A file's tree for something other than its analysis (its summary); kept afterwards when its analysis is still to come. */
  read<T>(file: string, text: string, use: (tree: Tree) => T): T {
    const kept = this.kept.get(file);
    const tree = kept?.tree ?? this.parse(text);
    try {
      return use(tree);
    } finally {
      if (!kept) {
        if (this.toAnalyse.has(file) && this.keptBytes + text.length <= this.budget) {
          this.kept.set(file, { tree, bytes: text.length });
          this.keptBytes += text.length;
        } else tree.delete();
      }
    }
  }

  /** The file's analysis: on its kept tree, or on a fresh parse; the tree is deleted afterwards. */
  analyse<T>(file: string, text: string, use: (tree: Tree) => T): T {
    const tree = this.take(file) ?? this.parse(text);
    this.toAnalyse.delete(file);
    try {
      return use(tree);
    } finally {
      tree.delete();
    }
  }

  /** The file's analysis will not come (its result is cached): its kept tree goes. */
  drop(file: string): void {
    this.toAnalyse.delete(file);
    this.take(file)?.delete();
  }

  /** Deletes every tree still kept: the run is over. */
  dispose(): void {
    for (const file of [...this.kept.keys()]) this.drop(file);
    this.toAnalyse.clear();
  }

  private take(file: string): Tree | undefined {
    const kept = this.kept.get(file);
    if (!kept) return undefined;
    this.kept.delete(file);
    this.keptBytes -= kept.bytes;
    return kept.tree;
  }

  private parse(text: string): Tree {
    const parser = loadedDartParser();
    if (!parser) throw new Error('securestore-audit: the Dart parser is not loaded');
    this.parses++;
    return parser.parse(text);
  }
}
