import { resolve } from 'node:path';
import { UsageError } from '../audit/errors.js';
import { isAuditableName, type StdinFile } from '../audit/stdin-file.js';
import { printable } from '../core/printable.js';
import type { CliIo } from './io.js';

// --stdin and --stdin-filename, checked and read: the file's name decides how
// the text is parsed and where in the app it sits, so it is required.

interface StdinOptions {
  stdin?: boolean;
  stdinFilename?: string;
  fix?: boolean;
}

export async function stdinFile(options: StdinOptions, cwd: string, io: CliIo): Promise<StdinFile | undefined> {
  if (!options.stdin) {
    if (options.stdinFilename !== undefined) throw new UsageError('--stdin-filename needs --stdin');
    return undefined;
  }
  if (options.stdinFilename === undefined)
    throw new UsageError('--stdin needs --stdin-filename <path>: the file of the app the text stands for (its extension says how to parse it)');
  // As ESLint: the text is no file to write back to.
  if (options.fix) throw new UsageError('--fix cannot write back to standard input; use --fix-dry-run with --stdin');
  if (!isAuditableName(options.stdinFilename))
    throw new UsageError(`${printable(options.stdinFilename)}: not a JavaScript, TypeScript or Dart source file (--stdin-filename)`);
  if (!io.readStdin) throw new UsageError('--stdin: no standard input to read');
  return { filePath: resolve(cwd, options.stdinFilename), text: await io.readStdin() };
}
