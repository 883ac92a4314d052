import { readFileSync } from 'node:fs';
import { Workspace, type FileModel } from '../core/model.js';
import { parseErrors } from '../core/parse.js';
import { ts } from '../core/ts.js';
import { ProjectHost, stripBom } from './project-host.js';
import { relevantFiles } from './relevance.js';

// Reading and parsing a project, shared by the audit and the key registry.

export interface FatalProblem {
  message: string;
  line: number;
  column: number;
}

export interface ReadFiles {
  texts: Map<string, string>;
  unreadable: Map<string, string>;
}

export function readFiles(files: string[]): ReadFiles {
  const texts = new Map<string, string>();
  const unreadable = new Map<string, string>();
  for (const file of files) {
    try {
      texts.set(file, stripBom(readFileSync(file, 'utf8')));
    } catch (error) {
      unreadable.set(file, (error as NodeJS.ErrnoException).code ?? String(error));
    }
  }
  return { texts, unreadable };
}

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
  const { line, character } = sf.getLineAndCharacterOfPosition(first.start);
  return { message: `Parsing error: ${ts.flattenDiagnosticMessageText(first.messageText, ' ')}`, line: line + 1, column: character + 1 };
}

/** Parses the files that can matter (see relevance.ts), each once. */
export function parseProject(
  texts: Map<string, string>,
  time: <T>(phase: string, work: () => T) => T,
  onProgress?: (phase: string, done: number, total: number) => void,
): ParsedProject {
  const host = new ProjectHost(texts);
  const relevant = time('prefilter', () => relevantFiles(texts, host));
  const workspace = new Workspace(host);
  const models: FileModel[] = [];
  const fatal: ParsedProject['fatal'] = new Map();
  time('parse', () => {
    const ordered = [...relevant].sort();
    for (const [index, file] of ordered.entries()) {
      onProgress?.('parse', index, ordered.length);
      const sf = host.sourceFile(file);
      if (!sf) continue;
      const problem = fatalOf(sf);
      if (problem) fatal.set(file, { problem, source: sf.text });
      else models.push(workspace.file(sf));
    }
  });
  return { host, relevant, models, fatal };
}
