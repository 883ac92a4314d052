import { ts } from './ts.js';
import { MAX_SYNTAX_DEPTH, syntaxIndex } from './syntax-index.js';

// The depth limit lives with the walk that measures it; it is also part of parsing's answer.
export { MAX_SYNTAX_DEPTH };

export { SOURCE_EXTENSIONS } from './extensions.js';

export function scriptKindFor(fileName: string): ts.ScriptKind {
  if (fileName.endsWith('.tsx')) return ts.ScriptKind.TSX;
  if (fileName.endsWith('.jsx')) return ts.ScriptKind.JSX;
  if (/\.[cm]?js$/.test(fileName)) return ts.ScriptKind.JS;
  return ts.ScriptKind.TS;
}

/**
 * Parses a file for the rules. No rule reads JSDoc, and parsing it is a large
 * share of a parse: it is skipped. Parent pointers are set by the walk that
 * indexes the file (syntax-index.ts), which the rules need anyway, instead of
 * by a second walk inside the parser; a tree too deep for the rules keeps them
 * only down to the depth limit, and is never analysed.
 */
export function parseSource(fileName: string, text: string): ts.SourceFile {
  const settings = { languageVersion: ts.ScriptTarget.Latest, jsDocParsingMode: ts.JSDocParsingMode.ParseNone };
  const sf = ts.createSourceFile(fileName, text, settings, false, scriptKindFor(fileName));
  syntaxIndex(sf);
  return sf;
}

/** Syntax errors TypeScript found while parsing; the first one makes the file fatal, as in ESLint. */
export function parseErrors(sf: ts.SourceFile): ts.DiagnosticWithLocation[] {
  return (sf as unknown as { parseDiagnostics?: ts.DiagnosticWithLocation[] }).parseDiagnostics ?? [];
}

/**
 * The first node met more than MAX_SYNTAX_DEPTH levels below the file's root,
 * or undefined when the whole tree is within the limit. Found by the walk
 * that indexes the file (syntax-index.ts), which keeps its own stack, so it
 * cannot overflow whatever the depth.
 */
export function nodeTooDeep(sf: ts.SourceFile): ts.Node | undefined {
  return syntaxIndex(sf).tooDeep;
}

/** The message for a file whose tree is deeper than the analysis walks, with where it gets too deep. */
export function nestingProblem(sf: ts.SourceFile): { message: string; pos: number } | undefined {
  const node = nodeTooDeep(sf);
  if (!node) return undefined;
  return {
    message: `File not analysed: its syntax is nested more than ${MAX_SYNTAX_DEPTH} levels deep, deeper than securestore-audit analyses.`,
    pos: node.getStart(sf),
  };
}

/** TypeScript's parser recurses too: on a few hundred nested brackets it runs out of stack. */
export const TOO_DEEP_TO_PARSE = 'Parsing error: nesting too deep to parse.';

export function isStackOverflow(error: unknown): boolean {
  return error instanceof RangeError && /call stack/i.test(error.message);
}

/**
 * Parses a file that the analysis can walk: undefined when the parser runs
 * out of stack or the tree is deeper than MAX_SYNTAX_DEPTH. For front-ends
 * that have no place to report why (module resolution, the ESLint plugin).
 */
export function parseAnalysable(fileName: string, text: string): ts.SourceFile | undefined {
  let sf: ts.SourceFile;
  try {
    sf = parseSource(fileName, text);
  } catch (error) {
    if (isStackOverflow(error)) return undefined;
    throw error;
  }
  return nestingProblem(sf) ? undefined : sf;
}
