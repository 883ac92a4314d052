import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { packageRoot } from '../core/package-info.js';
import type { AuditOptions } from '../audit/options.js';
import { DART_GRAMMAR_ABI, DART_GRAMMAR_PATH } from '../dart/parser.js';

/** The folder of an installed package, found as Node finds it: `node_modules/<name>` in our root's folder or one above. */
function installedPackage(name: string): string | undefined {
  for (let dir = packageRoot; ; dir = dirname(dir)) {
    const candidate = join(dir, 'node_modules', name);
    if (existsSync(join(candidate, 'package.json'))) return candidate;
    if (dirname(dir) === dir) return undefined;
  }
}

/**
 * The Dart parser's identity: another grammar or runtime can parse the same
 * file into other facts. The grammar's ABI and size (the file is replaced
 * whole on an update), and the runtime's version (a range in our
 * dependencies, so it can change under ours).
 */
function dartParserIdentity(): string {
  let grammar: number | string = 'absent';
  try {
    grammar = statSync(DART_GRAMMAR_PATH).size;
  } catch {
    // absent: Dart files are then reported as not analysed, and the key says so
  }
  const runtime = installedPackage('web-tree-sitter');
  let version = 'absent';
  try {
    if (runtime) version = (JSON.parse(readFileSync(join(runtime, 'package.json'), 'utf8')) as { version?: string }).version ?? 'unknown';
  } catch {
    version = 'unreadable';
  }
  return `${DART_GRAMMAR_ABI}/${grammar}/${version}`;
}

/** The options that change findings: part of the cache key, with the config file's text. */
export function cacheSettings(options: AuditOptions): Record<string, unknown> {
  return {
    rules: options.rules ?? null,
    preset: options.preset ?? null,
    resolvedConfig: options.config ? options.config.file : null,
    includeTests: options.includeTests ?? false,
    ignore: options.ignore ?? true,
    ignorePatterns: options.ignorePatterns ?? [],
    maxFileSize: options.maxFileSize ?? null,
    fileBudgetMs: options.fileBudgetMs ?? null,
    reportUnused: options.reportUnusedDisableDirectives ?? true,
    dartParser: dartParserIdentity(),
  };
}
