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
