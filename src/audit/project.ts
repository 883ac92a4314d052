import { readFileSync, statSync } from 'node:fs';
import { Workspace, type FileModel } from '../core/model.js';
import { isStackOverflow, nestingProblem, parseErrors, TOO_DEEP_TO_PARSE } from '../core/parse.js';
import { ts } from '../core/ts.js';
import { ProjectHost, stripBom } from './project-host.js';
import { relevantFiles } from './relevance.js';

// Reading and parsing a project, shared by the audit and the key registry.

import type { FatalProblem } from './result.js';
export type { FatalProblem } from './result.js';

export interface ReadOptions {
  /** Files larger than this many bytes are skipped, not parsed. */
  maxFileSize?: number;
  /** Keep each file's bytes as read, so --fix can tell whether it changed since. */
  keepBytes?: boolean;
}

export interface ReadFiles {
  texts: Map<string, string>;
  unreadable: Map<string, string>;
  /** Files read but not analysed, with the reason (too large, binary). */
  skipped: Map<string, string>;
  /** Files that started with a UTF-8 byte order mark (removed from `texts`). */
  bom: Set<string>;
  bytes: Map<string, Buffer>;
}

export const DEFAULT_MAX_FILE_SIZE = 1024 * 1024;

function formatSize(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.ceil(bytes / 1024)} KB`;
}

/** A NUL byte in the first 8 KB: what git and grep take as the sign of a binary file. */
function looksBinary(bytes: Buffer): boolean {
  return bytes.subarray(0, 8192).includes(0);
}

export function readFiles(files: string[], options: ReadOptions = {}): ReadFiles {
  const maxFileSize = options.maxFileSize ?? DEFAULT_MAX_FILE_SIZE;
  const result: ReadFiles = { texts: new Map(), unreadable: new Map(), skipped: new Map(), bom: new Set(), bytes: new Map() };
  for (const file of files) {
    try {
      // Size first, so a huge file is never read into memory.
      const size = statSync(file).size;
      if (size > maxFileSize) {
        result.skipped.set(file, `${formatSize(size)} is larger than --max-file-size (${formatSize(maxFileSize)})`);
        continue;
      }
      const bytes = readFileSync(file);
      if (looksBinary(bytes)) {
        result.skipped.set(file, 'binary content (NUL bytes), not JavaScript or TypeScript source');
        continue;
      }
      const text = bytes.toString('utf8');
      if (text.charCodeAt(0) === 0xfeff) result.bom.add(file);
      result.texts.set(file, stripBom(text));
      if (options.keepBytes) result.bytes.set(file, bytes);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      result.unreadable.set(file, code === 'EISDIR' ? 'it is a directory' : code === 'ENOENT' ? 'it no longer exists' : code ?? String(error));
    }
  }
  return result;
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

/** A tree the rules could not walk within the stack (see MAX_SYNTAX_DEPTH), at the node where it gets too deep. */
function tooDeep(sf: ts.SourceFile): FatalProblem | undefined {
  const problem = nestingProblem(sf);
  if (!problem) return undefined;
  const { line, character } = sf.getLineAndCharacterOfPosition(problem.pos);
  return { message: problem.message, line: line + 1, column: character + 1 };
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
