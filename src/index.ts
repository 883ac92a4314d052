// Programmatic API: audit a project and get plain data back.
export { audit, auditAsync, activeRules } from './audit/audit.js';
export { loadDartParser } from './audit/dart-loader.js';
export type { AuditOptions, AuditResult, AuditFileResult, AuditFinding, FatalProblem, Preset } from './audit/audit.js';
export type { ChangedFile, ChangedLines } from './audit/report-scope.js';
export { UsageError } from './audit/errors.js';
export { reporters } from './reporters/index.js';
export type { Finding, TextEdit } from './core/types.js';
export { allRules } from '../rules/index.js';

// The package root is also the ESLint plugin, for tools that load plugins by
// package name (documentation generators, legacy configs).
import plugin from './eslint/plugin.js';

export const { rules, configs, meta } = plugin;
export default plugin;
