import type { AnyRule } from '../core/rule.js';
import { docsUrl } from '../core/rule.js';
import type { EffectiveRule } from './effective-config.js';

// --list-rules: every rule with the severity this run gives it (after the
// config file, --strict and --rule), as a table or, with --format json, as data.

export function listRules(rules: AnyRule[], effective: EffectiveRule[], format: string): string {
  const severityOf = new Map(effective.map((rule) => [rule.id, rule.severity]));
  if (format === 'json') {
    const listed = rules.map((rule) => ({
      ruleId: `securestore/${rule.id}`,
      severity: severityOf.get(rule.id) ?? 'off',
      recommended: rule.meta.recommended,
      description: rule.meta.description,
      fixable: rule.meta.fixable !== undefined,
      hasSuggestions: rule.meta.hasSuggestions === true,
      docs: docsUrl(rule.id),
    }));
    return `${JSON.stringify(listed, null, 2)}\n`;
  }
  const width = Math.max(...rules.map((r) => r.id.length)) + 'securestore/'.length + 2;
  const lines = rules.map((rule) => {
    const level = (severityOf.get(rule.id) ?? 'off').padEnd(8);
    const extras = [rule.meta.fixable ? 'fix' : '', rule.meta.hasSuggestions ? 'suggestions' : ''].filter(Boolean).join(', ');
    return `${`securestore/${rule.id}`.padEnd(width)} ${level} ${rule.meta.description}${extras ? ` (${extras})` : ''}`;
  });
  return `${'rule'.padEnd(width)} ${'severity'.padEnd(8)} description\n${lines.join('\n')}\n`;
}
