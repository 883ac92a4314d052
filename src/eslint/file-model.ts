import type { TSESLint } from '@typescript-eslint/utils';
import { ts } from '../core/ts.js';
import { Workspace, type FileModel, type ModuleHost } from '../core/model.js';
import { nodeTooDeep, parseAnalysable, parseSource } from '../core/parse.js';
import { sharedDiskHost } from './disk-host.js';

// Every rule of one lint run shares one model per file: the first rule to run
// parses, the others reuse it. ESLint lints one file at a time (a file's
// rules are created and run, synchronously, before the next file's), so only
// the model of the file being linted is remembered, and weakly: once ESLint
// lets the file go, so can we. Not a WeakMap keyed by SourceCode: V8's
// young-generation collector keeps such a map's values alive, and with them
// every linted file's tree, which then dies old instead (see tree-slot.ts).
let current: { sourceCode: WeakRef<object>; model: WeakRef<FileModel> } | undefined;

export interface ProgramLike {
  getCompilerOptions(): ts.CompilerOptions;
  getSourceFile(fileName: string): { text: string } | undefined;
}

/** The app file a specifier names, resolved with the user's compiler options; undefined for packages. */
export function programResolver(program: ProgramLike): (fromFile: string, specifier: string) => string | undefined {
  const options = program.getCompilerOptions();
  return (fromFile, specifier) => {
    const resolved = ts.resolveModuleName(specifier, fromFile, options, ts.sys).resolvedModule;
    return resolved && !resolved.isExternalLibraryImport ? resolved.resolvedFileName : undefined;
  };
}

/**
 * With type information, the user's TypeScript program knows the other files:
 * resolve imports through it and parse their text with the core's TypeScript.
 */
function hostFromProgram(program: ProgramLike): ModuleHost {
  const parsed = new Map<string, ts.SourceFile | undefined>();
  const resolve = programResolver(program);
  return {
    resolveModule(fromFile, specifier) {
      const fileName = resolve(fromFile, specifier);
      if (fileName === undefined) return undefined;
      if (!parsed.has(fileName)) {
        const inProgram = program.getSourceFile(fileName);
        // The program's own tree when the rules can use it; a module too deep to walk is treated as unresolved (see MAX_SYNTAX_DEPTH).
        const reused = inProgram && usableTree(inProgram, inProgram.text) ? inProgram : undefined;
        parsed.set(fileName, reused ?? (inProgram === undefined ? undefined : parseAnalysable(fileName, inProgram.text)));
      }
      return parsed.get(fileName);
    },
  };
}

/**
 * The TypeScript tree @typescript-eslint/parser already built for this file,
 * when the rules can use it as it is: made by the same copy of TypeScript as
 * the core's (so node kinds mean the same), with parent pointers, for the
 * same text, and not too deep to walk. Otherwise undefined, and the file is
 * parsed again. Reusing it saves a parse of every file that touches storage.
 */
function parsersTree(sourceCode: TSESLint.SourceCode): ts.SourceFile | undefined {
  const services = sourceCode.parserServices as { esTreeNodeToTSNodeMap?: { get(node: unknown): unknown } } | undefined;
  const tree = services?.esTreeNodeToTSNodeMap?.get(sourceCode.ast);
  return tree !== undefined && usableTree(tree, sourceCode.text) ? tree : undefined;
}

let ownSourceFilePrototype: object | undefined;

export function usableTree(tree: unknown, text: string): tree is ts.SourceFile {
  ownSourceFilePrototype ??= Object.getPrototypeOf(parseSource('empty.ts', ''));
  if (typeof tree !== 'object' || tree === null || Object.getPrototypeOf(tree) !== ownSourceFilePrototype) return false;
  const sf = tree as ts.SourceFile;
  if (sf.kind !== ts.SyntaxKind.SourceFile || sf.text !== text) return false;
  const first = sf.statements[0];
  if (first !== undefined && first.parent !== sf) return false;
  return nodeTooDeep(sf) === undefined;
}

const workspaces = new WeakMap<object, Workspace>();

export function fileModelFor(context: Readonly<TSESLint.RuleContext<string, readonly unknown[]>>): FileModel {
  const sourceCode = context.sourceCode;
  const known = current?.sourceCode.deref() === sourceCode ? current.model.deref() : undefined;
  if (known) return known;
  const program = (sourceCode.parserServices as { program?: ProgramLike | null } | undefined)?.program ?? undefined;
  let workspace: Workspace;
  if (program) {
    workspace = workspaces.get(program) ?? new Workspace(hostFromProgram(program));
    workspaces.set(program, workspace);
  } else {
    // Without type information, the other files are read from disk (see DiskHost).
    workspace = sharedDiskHost().workspaceFor(context.filename, sourceCode.text);
  }
  // ESLint gives the text without a BOM; offsets of this parse match its locations.
  // A file nested too deeply for the rules to walk (or for TypeScript to
  // parse) gets the model of an empty file: the rules report nothing on it
  // rather than overflow the stack in the middle of ESLint's run.
  const sf = parsersTree(sourceCode) ?? parseAnalysable(context.filename, sourceCode.text) ?? parseSource(context.filename, '');
  const model = workspace.file(sf);
  current = { sourceCode: new WeakRef(sourceCode), model: new WeakRef(model) };
  return model;
}
