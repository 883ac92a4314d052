import { Workspace, type FileModel } from '../core/model.js';
import { lineAndCharacter } from '../core/lines.js';
import { isStackOverflow, nestingProblem, parseErrors, TOO_DEEP_TO_PARSE } from '../core/parse.js';
import { ts } from '../core/ts.js';
import type { FolderListings } from '../core/folder-listings.js';
import { ProjectHost } from './project-host.js';
import { localAuthReach, relevantFiles } from './relevance.js';

// Parsing a project, shared by the audit and the key registry.

import type { FatalProblem } from '../core/result.js';
export type { FatalProblem } from '../core/result.js';

export { readFiles, DEFAULT_MAX_FILE_SIZE, type ReadFiles, type ReadOptions } from './read.js';

export interface ParsedProject {
  host: ProjectHost;
  relevant: Set<string>;
  /** Files that parsed, ready for the rules, in path order. */
  models: FileModel[];
  /** Files that did not parse, with the first syntax error. */
  fatal: Map<string, { problem: FatalProblem; source: string }>;
}

function fatalOf(sf: ts.SourceFile): FatalProblem | undefined {
  const first = parseErrors(sf)[0];
  if (!first) return undefined;
  const { line, character } = lineAndCharacter(sf, first.start);
  return { message: `Parsing error: ${ts.flattenDiagnosticMessageText(first.messageText, ' ')}`, line: line + 1, column: character + 1 };
}

/** A tree the rules could not walk within the stack (see MAX_SYNTAX_DEPTH), at the node where it gets too deep. */
function tooDeep(sf: ts.SourceFile): FatalProblem | undefined {
  const problem = nestingProblem(sf);
  if (!problem) return undefined;
  const { line, character } = lineAndCharacter(sf, problem.pos);
  return { message: problem.message, line: line + 1, column: character + 1 };
}

export interface Prefiltered {
  host: ProjectHost;
  relevant: Set<string>;
}

/**
 * Which files can matter (see relevance.ts): import text only, nothing
 * parsed. `importNames`: what discovery found (DiscoveredFiles.importNames).
 */
export function prefilter(
  texts: Map<string, string>,
  time: <T>(phase: string, work: () => T) => T,
  enabled = true,
  importNames?: string[],
  listings?: FolderListings,
): Prefiltered {
  const host = new ProjectHost(texts, listings);
  if (!enabled) return { host, relevant: new Set(texts.keys()) };
  const relevant = time('prefilter', () => relevantFiles(texts, host, importNames));
  host.reachesApis = (file) => relevant.has(file);
  host.reachesLocalAuth = localAuthReach(texts, host, relevant);
  return { host, relevant };
}

/**
 * The files that can matter (see relevance.ts), to be parsed one at a time,
 * each once. A file that no other of them imports can have its tree let go
 * (`release`) as soon as its own rules have run: nothing else will ask for
 * it, and a tree that dies young costs the garbage collector far less than
 * one kept to the end of the run.
 */
export interface ProjectFiles {
  host: ProjectHost;
  relevant: Set<string>;
  /** The relevant files, in path order. */
  files: string[];
  /** Parses a file for the rules: its model, or what keeps it from them; undefined when it cannot be read. */
  parse(file: string): { model: FileModel } | { fatal: { problem: FatalProblem; source: string } } | undefined;
  /** Whether no other relevant file imports this one. */
  isLeaf(file: string): boolean;
  /** Forgets the file's tree; it is parsed again only if some resolution asks for it after all. */
  release(file: string): void;
}

export function openProject(texts: Map<string, string>, time: <T>(phase: string, work: () => T) => T, prefiltered?: Prefiltered): ProjectFiles {
  const { host, relevant } = prefiltered ?? prefilter(texts, time);
  const workspace = new Workspace(host);
  let imported: Set<string> | undefined;
  return {
    host,
    relevant,
    files: [...relevant].sort(),
    parse(file) {
      // One file that cannot be parsed or walked is reported on its own and
      // the others are still analysed.
      let sf: ts.SourceFile | undefined;
      try {
        sf = host.sourceFile(file);
      } catch (error) {
        const message = isStackOverflow(error) ? TOO_DEEP_TO_PARSE : `Internal error while parsing: ${(error as Error)?.message ?? String(error)}`;
        return { fatal: { problem: { message, line: 1, column: 1 }, source: texts.get(file) ?? '' } };
      }
      if (!sf) return undefined;
      const problem = fatalOf(sf) ?? tooDeep(sf);
      return problem ? { fatal: { problem, source: sf.text } } : { model: workspace.file(sf) };
    },
    isLeaf(file) {
      // From the import text (ProjectHost.importsOf, memoised per file).
      imported ??= new Set([...relevant].flatMap((from) => host.importsOf(from, texts.get(from) ?? '')));
      return !imported.has(file);
    },
    release(file) {
      host.forget(file);
    },
  };
}

/** Parses the files that can matter, all of them kept, for callers that need every tree at once. */
export function parseProject(
  texts: Map<string, string>,
  time: <T>(phase: string, work: () => T) => T,
  onProgress?: (phase: string, done: number, total: number) => void,
  prefiltered?: Prefiltered,
): ParsedProject {
  const project = openProject(texts, time, prefiltered);
  const models: FileModel[] = [];
  const fatal: ParsedProject['fatal'] = new Map();
  time('parse', () => {
    for (const [index, file] of project.files.entries()) {
      onProgress?.('parse', index, project.files.length);
      const parsed = project.parse(file);
      if (parsed && 'model' in parsed) models.push(parsed.model);
      else if (parsed) fatal.set(file, parsed.fatal);
    }
  });
  return { host: project.host, relevant: project.relevant, models, fatal };
}
