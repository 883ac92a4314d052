import type { AnyRule } from '../core/rule.js';

export function listRules(rules: AnyRule[]): string {
  const width = Math.max(...rules.map((r) => r.id.length)) + 2;
  const lines = rules.map((rule) => {
    const level = rule.meta.recommended.padEnd(5);
    const extras = [rule.meta.fixable ? 'fix' : '', rule.meta.hasSuggestions ? 'suggestions' : ''].filter(Boolean).join(', ');
    return `${`securestore/${rule.id}`.padEnd(width + 12)} ${level}  ${rule.meta.description}${extras ? ` (${extras})` : ''}`;
  });
  return `${'rule'.padEnd(width + 12)} recommended\n${lines.join('\n')}\n`;
}
