import { statSync } from 'node:fs';
import { relative, resolve, sep } from 'node:path';
import { allRules } from '../../rules/index.js';
import { activeRules } from '../audit/active-rules.js';
import type { ResolvedConfig } from '../audit/config.js';
import { configSet } from '../audit/config-set.js';
import { ignorePatternMatcher } from '../audit/patterns.js';
import { isTestPath } from '../core/test-files.js';
import type { Severity } from '../core/types.js';

// The configuration a run uses, as plain data: what --list-rules and
// --print-config show. The audit takes the same steps (config file, then
// --strict, then --rule), through the same functions.

export interface ConfigChoices {
  cwd: string;
  configFile?: string;
  strict?: boolean;
  /** `--rule`: only these rules run. */
  rules?: string[];
}

export interface EffectiveRule {
  id: string;
  severity: Severity;
  /** The options the rule runs with: its defaults, then the preset's and the config's. */
  options: object;
}

const isFolder = (path: string) => statSync(path, { throwIfNoEntry: false })?.isDirectory() === true;

/**
 * The config that applies at a path (a folder's files, or a file), after
 * --strict: the nearest to it, as the audit's (or `--config`). `--list-rules
 * apps/mobile` shows the rules of that app's files, as `--print-config` shows
 * one file's.
 */
export function resolvedConfig({ cwd, configFile, strict }: ConfigChoices, at = '.'): ResolvedConfig {
  const path = resolve(cwd, at);
  const configs = configSet(cwd, { configFile, preset: strict ? 'strict' : undefined });
  return isFolder(path) ? configs.forFolder(path) : configs.forFile(path);
}

/** Every rule, in the rules' order, with the severity and options a run gives it ('off' when it does not run). */
export function effectiveRules(config: ResolvedConfig, only: string[] | undefined): EffectiveRule[] {
  const running = new Map(activeRules(config, only).map((active) => [active.rule.id, active]));
  return allRules.map((rule) => {
    const active = running.get(rule.id);
    return { id: rule.id, severity: active?.severity ?? 'off', options: active?.options ?? {} };
  });
}

/**
 * `--print-config <file>`: the configuration the audit would use for that
 * file, and whether it would audit it at all. The config is the file's own:
 * the nearest to its folder (or `--config`), as the audit's.
 */
export function printConfig(file: string, choices: ConfigChoices & { ignorePatterns: string[]; ignore: boolean; includeTests?: boolean }): string {
  const path = resolve(choices.cwd, file);
  const config = configSet(choices.cwd, { configFile: choices.configFile, preset: choices.strict ? 'strict' : undefined }).forFile(path);
  const ignored = choices.ignore && (config.isIgnored(path) || ignorePatternMatcher(choices.ignorePatterns, choices.cwd)(path));
  const shown = (source: string | undefined) => (source === undefined ? null : relative(choices.cwd, source) || source);
  const rules = Object.fromEntries(
    effectiveRules(config, choices.rules).map((rule) => [
      `securestore/${rule.id}`,
      rule.severity === 'off' ? ['off'] : Object.keys(rule.options).length ? [rule.severity, rule.options] : [rule.severity],
    ]),
  );
  const printed = {
    file: relative(choices.cwd, path).split(sep).join('/') || path,
    configFile: shown(config.source),
    preset: config.preset,
    ignored,
    testFile: !choices.includeTests && isTestPath(choices.cwd, path),
    rules,
  };
  return `${JSON.stringify(printed, null, 2)}\n`;
}
