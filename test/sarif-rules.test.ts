import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { allRules } from '../rules/index.js';
import { repoRoot, runCli } from './helpers/run.js';
import { tempProject } from './helpers/temp-project.js';

// What code scanning shows about each rule comes from the rule's doc, and
// how it ranks the rule's alerts is the README's table: the SARIF log must
// say the same as both.

interface SarifRule {
  id: string;
  fullDescription: { text: string };
  help: { text: string; markdown?: string };
  helpUri: string;
  properties: { tags: string[]; precision: string; 'security-severity'?: string };
}

const SOURCE =
  "// SecureStore prefix: auth.*\nimport * as SecureStore from 'expo-secure-store';\nexport const f = () => SecureStore.setItemAsync('auth.a', '');\n";

const docOf = (id: string) => readFileSync(join(repoRoot, 'docs/rules', `${id}.md`), 'utf8');

/** The doc's `## Why` section, read here on its own terms: the lines up to the next `## ` heading. */
function whySection(doc: string): string {
  const lines = doc.split('\n');
  const start = lines.indexOf('## Why');
  const end = lines.findIndex((line, index) => index > start && line.startsWith('## '));
  return lines.slice(start + 1, end < 0 ? undefined : end).join('\n');
}

const words = (text: string) => text.replace(/\*\*/g, '').replace(/\s+/g, ' ').trim();

/** GitHub's bands for a security-severity score. */
function band(score: number): string {
  if (score > 9.0) return 'Critical';
  if (score >= 7.0) return 'High';
  if (score >= 4.0) return 'Medium';
  return 'Low';
}

/** The README's ranking table: rule id → its cells. */
function readmeRankings(): Map<string, { score: string; shownAs: string; precision: string }> {
  const readme = readFileSync(join(repoRoot, 'README.md'), 'utf8');
  const table = readme.slice(readme.indexOf('#### How code scanning ranks the findings'));
  const rows = new Map<string, { score: string; shownAs: string; precision: string }>();
  for (const line of table.split('\n')) {
    const cells = /^\| `([a-z-]+)` \| ([^|]+) \| ([^|]+) \| ([^|]+) \|/.exec(line);
    if (cells) rows.set(cells[1]!, { score: cells[2]!.trim(), shownAs: cells[3]!.trim(), precision: cells[4]!.trim() });
  }
  return rows;
}

describe('SARIF rule metadata', () => {
  let rules: Map<string, SarifRule>;
  beforeAll(async () => {
    // --strict turns every rule on, so every rule is described.
    const run = await runCli(['--format', 'sarif', '--strict'], { cwd: tempProject({ 'src/a.ts': SOURCE }) });
    const log = JSON.parse(run.stdout) as { runs: [{ tool: { driver: { rules: SarifRule[] } } }] };
    rules = new Map(log.runs[0].tool.driver.rules.map((rule) => [rule.id.replace(/^securestore\//, ''), rule]));
  });

  it('describes every rule', () => {
    for (const rule of allRules) expect(rules.has(rule.id), rule.id).toBe(true);
  });

  it.each(allRules.map((rule) => rule.id))('%s: fullDescription is the doc’s Why section, help the doc itself', (id) => {
    const rule = rules.get(id)!;
    const doc = docOf(id);
    const why = whySection(doc);
    expect(why.trim().length).toBeGreaterThan(100);
    expect(words(rule.fullDescription.text)).toBe(words(why));
    // The Markdown help holds every line of the doc below its header that has no link (links are made absolute).
    const body = doc.slice(doc.indexOf('<!-- end auto-generated rule header -->'));
    const markdown = rule.help.markdown!;
    for (const line of body.split('\n').slice(1)) if (!line.includes('](')) expect(markdown).toContain(line);
    // No relative link survives: a link in an alert has no doc folder to resolve against.
    for (const [, target] of markdown.matchAll(/\]\(([^)\s]+)\)/g)) expect(target).toMatch(/^https:\/\//);
    expect(rule.help.text).toContain(words(why.split('\n').find((line) => line.trim())!).replace(/^- /, ''));
    expect(rule.help.text).toContain(`Documentation: ${rule.helpUri}`);
  });

  it('resolves the docs’ relative links against the published docs URL', () => {
    const markdown = rules.get('require-keychain-accessible')!.help.markdown!;
    expect(markdown).toContain('(see [Why](https://github.com/securestore-audit/securestore-audit/blob/main/docs/rules/require-keychain-accessible.md#why))');
    const cleanup = rules.get('require-sign-out-cleanup')!.help.markdown!;
    expect(cleanup).toContain('[README](https://github.com/securestore-audit/securestore-audit/blob/main/README.md#command-line)');
  });

  it('ranks each rule as the README says, in GitHub’s bands', () => {
    const readme = readmeRankings();
    expect([...readme.keys()].sort()).toEqual(allRules.map((rule) => rule.id).sort());
    for (const [id, row] of readme) {
      const { properties } = rules.get(id)!;
      expect(properties.precision, id).toBe(row.precision);
      if (row.score === 'none') {
        expect(properties['security-severity'], id).toBeUndefined();
        expect(properties.tags, id).not.toContain('security');
        expect(row.shownAs).toBe('level only');
        continue;
      }
      // A string holding a number with one decimal, as code scanning reads it.
      expect(properties['security-severity'], id).toBe(row.score);
      expect(properties['security-severity']).toMatch(/^\d{1,2}\.\d$/);
      expect(properties.tags, id).toContain('security');
      expect(band(Number(row.score)), id).toBe(row.shownAs);
    }
  });

  it('ranks plaintext tokens above the other exposures', () => {
    const score = (id: string) => Number(rules.get(id)!.properties['security-severity']);
    expect(band(score('no-tokens-in-async-storage'))).toBe('High');
    for (const id of ['no-read-before-biometric-gate', 'require-keychain-accessible', 'require-sign-out-cleanup', 'consistent-keychain-options'])
      expect(score(id), id).toBeLessThan(score('no-tokens-in-async-storage'));
  });
});
