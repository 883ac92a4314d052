import { relative, sep } from 'node:path';

/** A file name fit for a message: relative to the working directory, never a machine's absolute path. */
export function displayPath(fileName: string): string {
  const rel = relative(process.cwd(), fileName);
  const shown = rel && !rel.startsWith('..') ? rel : fileName.split(/[\\/]/).slice(-2).join('/');
  return shown.split(sep).join('/');
}
