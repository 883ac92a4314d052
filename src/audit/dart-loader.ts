import { loadDartParser as loadParser, loadedDartParser, type DartParser } from '../dart/parser.js';

// The Dart parser (web-tree-sitter and the grammar) and the front-end that
// reads its trees (src/dart/front-end.ts) are loaded together, on demand: a
// run with no Dart file to parse loads neither. The front-end is about a
// sixth of the CLI's own code (docs/decisions.md has what loading it cost).

export type DartFrontEnd = typeof import('../dart/front-end.js');

let frontEnd: DartFrontEnd | undefined;

/** Loads the Dart parser and the front-end, once per process; then `audit()` analyses Dart files. */
export async function loadDartParser(): Promise<DartParser> {
  const parser = await loadParser();
  frontEnd ??= await import('../dart/front-end.js');
  return parser;
}

/** The front-end once `loadDartParser()` has completed, else undefined: the synchronous side's view. */
export function loadedDart(): DartFrontEnd | undefined {
  return loadedDartParser() && frontEnd;
}
