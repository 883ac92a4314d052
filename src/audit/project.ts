import { Workspace, type FileModel } from '../core/model.js';
import { lineAndCharacter } from '../core/lines.js';
import { isStackOverflow, nestingProblem, parseErrors, TOO_DEEP_TO_PARSE } from '../core/parse.js';
import { ts } from '../core/ts.js';
import { ProjectHost } from './project-host.js';
import { localAuthReach, relevantFiles } from './relevance.js';

// Parsing a project, shared by the audit and the key registry.

import type { FatalProblem } from './result.js';
export type { FatalProblem } from './result.js';

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

/** Which files can matter (see relevance.ts): import text only, nothing parsed. */
export function prefilter(texts: Map<string, string>, time: <T>(phase: string, work: () => T) => T, enabled = true): Prefiltered {
  const host = new ProjectHost(texts);
  if (!enabled) return { host, relevant: new Set(texts.keys()) };
  const relevant = time('prefilter', () => relevantFiles(texts, host));
  host.reachesApis = (file) => relevant.has(file);
  host.reachesLocalAuth = localAuthReach(texts, host, relevant);
  return { host, relevant };
}

/** Parses the files that can matter (see relevance.ts), each once. */
export function parseProject(
  texts: Map<string, string>,
  time: <T>(phase: string, work: () => T) => T,
  onProgress?: (phase: string, done: number, total: number) => void,
  prefiltered?: Prefiltered,
): ParsedProject {
  const { host, relevant } = prefiltered ?? prefilter(texts, time);
  const workspace = new Workspace(host);
  const models: FileModel[] = [];
  const fatal: ParsedProject['fatal'] = new Map();
  time('parse', () => {
    const ordered = [...relevant].sort();
    for (const [index, file] of ordered.entries()) {
      onProgress?.('parse', index, ordered.length);
      // One file that cannot be parsed or walked is reported on its own and
      // the others are still analysed.
      let sf: ts.SourceFile | undefined;
      try {
        sf = host.sourceFile(file);
      } catch (error) {
        const message = isStackOverflow(error) ? TOO_DEEP_TO_PARSE : `Internal error while parsing: ${(error as Error)?.message ?? String(error)}`;
        fatal.set(file, { problem: { message, line: 1, column: 1 }, source: texts.get(file) ?? '' });
        continue;
      }
      if (!sf) continue;
      const problem = fatalOf(sf) ?? tooDeep(sf);
      if (problem) fatal.set(file, { problem, source: sf.text });
      else models.push(workspace.file(sf));
    }
  });
  return { host, relevant, models, fatal };
}
