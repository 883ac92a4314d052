import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Language, Parser, Tree } from 'web-tree-sitter';
import { packageRoot } from '../core/package-info.js';

// Dart is parsed by tree-sitter's WebAssembly runtime with the prebuilt Dart
// grammar in vendor/tree-sitter-dart (see its README for where it comes from):
// no compiler and no native module at install time, on every platform Node runs.
//
// Starting the runtime and loading the grammar are asynchronous (WebAssembly
// compilation), parsing is not. So the loader is awaited once, and only by a
// run that has .dart files to parse; after that `parseDart` is an ordinary
// synchronous call, usable from the synchronous audit loop. A run on a
// TypeScript-only app never loads any of it.

/** The grammar's ABI; the runtime refuses grammars newer than it knows and the facts rely on this grammar's node names. */
export const DART_GRAMMAR_ABI = 15;

export const DART_GRAMMAR_PATH = join(packageRoot, 'vendor', 'tree-sitter-dart', 'tree-sitter-dart.wasm');

export interface DartParser {
  /**
   * Parses one file's text. The caller owns the tree and must `delete()` it:
   * its memory lives in the WebAssembly heap, which the garbage collector
   * does not see. Prefer `withDartTree`, which does that.
   */
  parse(text: string): Tree;
  readonly language: Language;
}

let loading: Promise<DartParser> | undefined;
let loaded: DartParser | undefined;

/** Starts the runtime and loads the grammar, once per process; later calls share the same promise. */
export function loadDartParser(): Promise<DartParser> {
  loading ??= load().then(
    (parser) => (loaded = parser),
    (error: unknown) => {
      // A failed load is not cached: the next run may have the file back.
      loading = undefined;
      throw error;
    },
  );
  return loading;
}

/** The parser if `loadDartParser()` has completed, else undefined: the synchronous side's view. */
export function loadedDartParser(): DartParser | undefined {
  return loaded;
}

async function load(): Promise<DartParser> {
  // The runtime module is imported here, not at the top: it is only paid for by runs that parse Dart.
  const { Parser: ParserClass, Language: LanguageClass } = await import('web-tree-sitter');
  await ParserClass.init();
  const language = await LanguageClass.load(readFileSync(DART_GRAMMAR_PATH));
  if (language.abiVersion !== DART_GRAMMAR_ABI) {
    throw new Error(`securestore-audit: the Dart grammar has ABI ${language.abiVersion}, expected ${DART_GRAMMAR_ABI}`);
  }
  const parser: Parser = new ParserClass();
  parser.setLanguage(language);
  return {
    language,
    parse(text: string): Tree {
      const tree = parser.parse(text);
      // Only a cancelled parse (a progress callback or timeout, neither used here) returns null.
      if (!tree) throw new Error('securestore-audit: the Dart parser returned no tree');
      return tree;
    },
  };
}

/** Parses `text`, hands the tree to `use`, and deletes the tree afterwards, whatever `use` does. */
export function withDartTree<T>(parser: DartParser, text: string, use: (tree: Tree) => T): T {
  const tree = parser.parse(text);
  try {
    return use(tree);
  } finally {
    tree.delete();
  }
}
