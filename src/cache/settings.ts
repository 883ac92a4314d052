import type { AuditOptions } from '../audit/options.js';

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
  };
}
