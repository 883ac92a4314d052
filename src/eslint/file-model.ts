import type { TSESLint } from '@typescript-eslint/utils';
import { ts } from '../core/ts.js';
import { Workspace, type FileModel, type ModuleHost } from '../core/model.js';
import { parseSource } from '../core/parse.js';

// Every rule of one lint run shares one model per file: the first rule to run
// parses, the others reuse it.
const models = new WeakMap<object, FileModel>();

interface ProgramLike {
  getCompilerOptions(): ts.CompilerOptions;
  getSourceFile(fileName: string): { text: string } | undefined;
}

/**
 * With type information, the user's TypeScript program knows the other files:
 * resolve imports through it and parse their text with the core's TypeScript.
 */
function hostFromProgram(program: ProgramLike): ModuleHost {
  const parsed = new Map<string, ts.SourceFile | undefined>();
  const options = program.getCompilerOptions();
  return {
    resolveModule(fromFile, specifier) {
      const resolved = ts.resolveModuleName(specifier, fromFile, options, ts.sys).resolvedModule;
      if (!resolved || resolved.isExternalLibraryImport) return undefined;
      const fileName = resolved.resolvedFileName;
      if (!parsed.has(fileName)) {
        const text = program.getSourceFile(fileName)?.text;
        parsed.set(fileName, text === undefined ? undefined : parseSource(fileName, text));
      }
      return parsed.get(fileName);
    },
  };
}

const workspaces = new WeakMap<object, Workspace>();
const noProgramWorkspace = new Workspace();

export function fileModelFor(context: Readonly<TSESLint.RuleContext<string, readonly unknown[]>>): FileModel {
  const sourceCode = context.sourceCode;
  let model = models.get(sourceCode);
  if (model) return model;
  const program = (sourceCode.parserServices as { program?: ProgramLike | null } | undefined)?.program ?? undefined;
  let workspace = noProgramWorkspace;
  if (program) {
    workspace = workspaces.get(program) ?? new Workspace(hostFromProgram(program));
    workspaces.set(program, workspace);
  }
  // ESLint gives the text without a BOM; offsets of this parse match its locations.
  model = workspace.file(parseSource(context.filename, sourceCode.text));
  models.set(sourceCode, model);
  return model;
}
