import { statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { packageRoot } from '../core/package-info.js';
import type { AuditOptions } from '../audit/options.js';
import { DART_GRAMMAR_ABI, DART_GRAMMAR_PATH } from '../dart/parser.js';

/**
 * The Dart parser's identity: another grammar or runtime can parse the same
 * file into other facts. The grammar's ABI and the sizes of the two
 * WebAssembly files (each is replaced whole on an update; the runtime's
 * version is a range in our dependencies, so it can change under ours).
 */
function dartGrammar(): string {
  const size = (path: () => string) => {
    try {
      return statSync(path()).size;
    } catch {
      return 'absent';
    }
  };
  const runtime = () => createRequire(join(packageRoot, 'package.json')).resolve('web-tree-sitter/tree-sitter.wasm');
  return `${DART_GRAMMAR_ABI}/${size(() => DART_GRAMMAR_PATH)}/${size(runtime)}`;
}

/** The options that change findings: part of the cache key, with the config file's text. */
export function cacheSettings(options: AuditOptions): Record<string, unknown> {
  return {
    rules: options.rules ?? null,
    preset: options.preset ?? null,
    resolvedConfig: options.config ? options.config.file : null,
    includeTests: options.includeTests ?? false,
    maxFileSize: options.maxFileSize ?? null,
    fileBudgetMs: options.fileBudgetMs ?? null,
    reportUnused: options.reportUnusedDisableDirectives ?? true,
    dartGrammar: dartGrammar(),
  };
}
