import { closeSync, fstatSync, openSync, readFileSync } from 'node:fs';
import { settledStamp } from '../cache/stamp.js';
import { isDartFile } from '../core/extensions.js';

// Reading the audited files: no compiler needed, so the cache can use it too.

export interface ReadOptions {
  /** Files larger than this many bytes are skipped, not parsed. */
  maxFileSize?: number;
  /** Keep each file's bytes as read, so --fix can tell whether it changed since. */
  keepBytes?: boolean;
  /** Record the stamp (see src/cache/stamp.ts) of each file left alone since before this time (epoch ms), for --cache. */
  stampSettledBefore?: number;
}

export interface ReadFiles {
  texts: Map<string, string>;
  unreadable: Map<string, string>;
  /** Files read but not analysed, with the reason (too large, binary). */
  skipped: Map<string, string>;
  /** Files that started with a UTF-8 byte order mark (removed from `texts`). */
  bom: Set<string>;
  bytes: Map<string, Buffer>;
  /** With `stampSettledBefore`: the stamps of the files left alone since then, read or skipped. */
  stamps: Map<string, string>;
}

export const DEFAULT_MAX_FILE_SIZE = 1024 * 1024;

function formatSize(bytes: number, decimals = 1): string {
  return bytes >= 1024 * 1024
    ? `${(bytes / 1024 / 1024).toFixed(decimals)} MB`
    : `${decimals === 1 ? Math.ceil(bytes / 1024) : (bytes / 1024).toFixed(decimals - 1)} KB`;
}

/** A size and the limit it passed, with as many decimals as it takes to show them different. */
function formatSizeOverLimit(size: number, limit: number): [string, string] {
  for (let decimals = 1; decimals <= 3; decimals++) {
    const pair: [string, string] = [formatSize(size, decimals), formatSize(limit, decimals)];
    if (pair[0] !== pair[1]) return pair;
  }
  return [`${size} bytes`, `${limit} bytes`];
}

const BINARY_WINDOW = 8192;

/** A NUL byte in the first 8 KB: what git and grep take as the sign of a binary file. */
function looksBinary(bytes: Buffer): boolean {
  return bytes.subarray(0, BINARY_WINDOW).includes(0);
}

/**
 * The same test on the decoded text: a NUL byte decodes to U+0000 and nothing
 * else does, so the first NUL character is a NUL byte at the offset its
 * prefix takes in UTF-8.
 */
function textLooksBinary(text: string): boolean {
  // Each character takes at least one byte: a NUL past the window's first 8,192 characters is past its bytes too.
  const nul = (text.length > BINARY_WINDOW ? text.slice(0, BINARY_WINDOW) : text).indexOf('\0');
  return nul >= 0 && Buffer.byteLength(text.slice(0, nul)) < BINARY_WINDOW;
}

/** Nothing read yet. */
export function noFilesRead(): ReadFiles {
  return { texts: new Map(), unreadable: new Map(), skipped: new Map(), bom: new Set(), bytes: new Map(), stamps: new Map() };
}

export function readFiles(files: string[], options: ReadOptions = {}): ReadFiles {
  const maxFileSize = options.maxFileSize ?? DEFAULT_MAX_FILE_SIZE;
  const result = noFilesRead();
  const settledBefore = options.stampSettledBefore;
  const binary = (file: string) => result.skipped.set(file, `binary content (NUL bytes), not ${isDartFile(file) ? 'Dart' : 'JavaScript or TypeScript'} source`);
  for (const file of files) {
    let fd: number | undefined;
    try {
      // Size first, so a huge file is never read into memory; asked of the
      // open file, which saves looking its path up twice.
      fd = openSync(file, 'r');
      const stats = fstatSync(fd);
      const size = stats.size;
      if (settledBefore !== undefined) {
        const stamp = settledStamp(stats, settledBefore);
        if (stamp !== undefined) result.stamps.set(file, stamp);
      }
      if (size > maxFileSize) {
        const [shown, limit] = formatSizeOverLimit(size, maxFileSize);
        result.skipped.set(file, `${shown} is larger than --max-file-size (${limit})`);
        continue;
      }
      let text: string;
      if (options.keepBytes) {
        const bytes = readFileSync(fd);
        if (looksBinary(bytes)) {
          binary(file);
          continue;
        }
        result.bytes.set(file, bytes);
        text = bytes.toString('utf8');
      } else {
        // Read and decoded in one step (no Buffer in between): about a third faster over an app.
        text = readFileSync(fd, 'utf8');
        if (textLooksBinary(text)) {
          binary(file);
          continue;
        }
      }
      if (text.charCodeAt(0) === 0xfeff) result.bom.add(file);
      result.texts.set(file, stripBom(text));
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      result.unreadable.set(file, code === 'EISDIR' ? 'it is a directory' : code === 'ENOENT' ? 'it no longer exists' : (code ?? String(error)));
    } finally {
      if (fd !== undefined) closeSync(fd);
    }
  }
  return result;
}

export function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}
