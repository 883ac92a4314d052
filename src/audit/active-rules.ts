import { allRules } from '../../rules/index.js';
import { mergeOptions, type AnyRule } from '../core/rule.js';
import type { ResolvedConfig } from './config.js';
import { didYouMean } from './closest-name.js';
import { UsageError } from './errors.js';

export interface ActiveRule {
  rule: AnyRule;
  severity: 'warn' | 'error';
  options: object;
}

/**
 * The rules to run with their severity and options. `--rule` selects rules
 * and runs them even when the config turned them off.
 */
export function activeRules(config: ResolvedConfig, only: string[] | undefined): ActiveRule[] {
  const known = new Set(allRules.map((r) => r.id));
  const wanted = only?.map((id) => id.replace(/^securestore\//, ''));
  for (const id of wanted ?? []) if (!known.has(id)) throw new UsageError(`unknown rule "${id}"${didYouMean(id, [...known])} (see --list-rules)`);
  return allRules
    .filter((rule) => (wanted ? wanted.includes(rule.id) : config.severities[rule.id] !== 'off'))
    .map((rule) => {
      const configured = config.severities[rule.id];
      // A rule selected with --rule runs even where the config turned it off.
      const severity = configured === 'off' || configured === undefined ? (rule.meta.recommended === 'error' ? 'error' : 'warn') : configured;
      return { rule, severity, options: mergeOptions(rule, config.ruleOptions[rule.id]) };
    });
}

/** The rules of each config of a run (see config-set.ts), worked out once per config. */
export function activeRulesByConfig(only: string[] | undefined): (config: ResolvedConfig) => ActiveRule[] {
  const known = new Map<ResolvedConfig, ActiveRule[]>();
  return (config) => {
    let rules = known.get(config);
    if (!rules) known.set(config, (rules = activeRules(config, only)));
    return rules;
  };
}

/**
 * Every rule that some config ran, in table order, for the report's list of
 * rules; each with the first given set's severity, so the working
 * directory's config speaks first.
 */
export function rulesOfRun(sets: Iterable<ActiveRule[]>): ActiveRule[] {
  const byId = new Map<string, ActiveRule>();
  for (const set of sets) for (const active of set) if (!byId.has(active.rule.id)) byId.set(active.rule.id, active);
  return allRules.filter((rule) => byId.has(rule.id)).map((rule) => byId.get(rule.id)!);
}
