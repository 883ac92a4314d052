import { execFile } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { allRules } from '../rules/index.js';
import plugin from '../src/eslint/plugin.js';
import { repoRoot } from './helpers/run.js';

// Nothing about a rule may drift: every rule has a doc, a test, a README row,
// a place in both configs, and docs generated from its own meta.

describe('every rule is complete', () => {
  const readme = readFileSync(join(repoRoot, 'README.md'), 'utf8');
  for (const rule of allRules) {
    it(rule.id, () => {
      expect(existsSync(join(repoRoot, 'docs/rules', `${rule.id}.md`)), 'doc').toBe(true);
      const tests = [join(repoRoot, 'test', `${rule.id}.test.ts`), join(repoRoot, 'test/project-key-rules.test.ts')];
      expect(tests.some((t) => existsSync(t) && readFileSync(t, 'utf8').includes(rule.id)), 'test').toBe(true);
      expect(readme).toContain(`[${rule.id}](docs/rules/${rule.id}.md)`);
      expect(plugin.configs.recommended.rules?.[`securestore/${rule.id}`]).toBe(rule.meta.recommended);
      expect(plugin.configs.strict.rules?.[`securestore/${rule.id}`]).toBeDefined();
      const eslintRule = plugin.rules[rule.id]!;
      expect(eslintRule.meta.docs?.url).toMatch(new RegExp(`docs/rules/${rule.id}\\.md$`));
      for (const [id, text] of Object.entries(rule.meta.messages)) {
        expect(id).toMatch(/^[a-z][a-zA-Z]+$/);
        expect(text.length, id).toBeGreaterThan(10);
      }
      expect(rule.meta.description).not.toMatch(/\.$/);
    });
  }
});

describe('generated documentation', () => {
  it('rule docs and the README rules table are what eslint-doc-generator produces from the rules', async () => {
    const bin = join(repoRoot, 'node_modules/eslint-doc-generator/dist/bin/eslint-doc-generator.js');
    const result = await new Promise<{ code: number; output: string }>((resolve) => {
      execFile(process.execPath, [bin, 'scripts/doc-plugin', '--check'], { cwd: repoRoot }, (error, stdout, stderr) =>
        resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, output: stdout + stderr }),
      );
    });
    expect(result.output).not.toMatch(/out-of-date|should|Could not/);
    expect(result.code).toBe(0);
  });
});

describe('rules reach the core through one entry point', () => {
  // src/core/rule-api.ts lists what a rule may use; the model behind it can
  // then change without touching rules. Types of rule.ts are allowed too.
  const ruleFiles = readdirSync(join(repoRoot, 'rules')).filter((name) => name.endsWith('.ts') && name !== 'index.ts');
  for (const name of ruleFiles) {
    it(name, () => {
      const text = readFileSync(join(repoRoot, 'rules', name), 'utf8');
      const imports = [...text.matchAll(/^(?:import|export)\s+(type\s+)?[^;]*?\sfrom\s+'([^']+)'/gm)].map((m) => ({ typeOnly: Boolean(m[1]), from: m[2]! }));
      expect(imports.length, 'imports found').toBeGreaterThan(0);
      for (const { typeOnly, from } of imports) {
        if (from.startsWith('node:') || from.startsWith('./')) continue;
        const allowed = from === '../src/core/rule-api.js' || (typeOnly && from === '../src/core/rule.js');
        expect(allowed, `${name} imports ${from}`).toBe(true);
      }
    });
  }
});
