import { execFile } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { allRules } from '../rules/index.js';
import plugin from '../src/eslint/plugin.js';
import { repoRoot, runCli } from './helpers/run.js';

// Nothing about a rule may drift: every rule has a doc, a test, a README row,
// a place in both configs, and docs generated from its own meta. The rules/
// folder is the list of rules; the index is written from it.

const ruleFileIds = readdirSync(join(repoRoot, 'rules'))
  .filter((name) => name.endsWith('.ts') && name !== 'index.ts')
  .map((name) => name.slice(0, -'.ts'.length));

function runNode(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, args, { cwd: repoRoot }, (error, stdout, stderr) =>
      resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}

describe('the rule index is the rules folder', () => {
  it('lists exactly the rule files in rules/', () => {
    expect(allRules.map((rule) => rule.id).sort()).toEqual([...ruleFileIds].sort());
  });

  it('is what scripts/write-rules-index.js writes (npm run rules-index)', async () => {
    const written = await runNode(['scripts/write-rules-index.js', '--stdout']);
    expect(written.stderr).toBe('');
    expect(written.code).toBe(0);
    expect(readFileSync(join(repoRoot, 'rules/index.ts'), 'utf8')).toBe(written.stdout);
  });

  for (const id of ruleFileIds) {
    it(`rules/${id}.ts defines the rule ${id}`, async () => {
      const { default: rule } = (await import(/* @vite-ignore */ join(repoRoot, 'rules', `${id}.ts`))) as { default: { id: string } };
      expect(rule.id).toBe(id);
    });
  }
});

describe('every rule is complete', () => {
  const readme = readFileSync(join(repoRoot, 'README.md'), 'utf8');
  for (const rule of allRules) {
    it(rule.id, () => {
      expect(existsSync(join(repoRoot, 'docs/rules', `${rule.id}.md`)), 'doc').toBe(true);
      const tests = [join(repoRoot, 'test', `${rule.id}.test.ts`), join(repoRoot, 'test/project-key-rules.test.ts')];
      expect(
        tests.some((t) => existsSync(t) && readFileSync(t, 'utf8').includes(rule.id)),
        'test',
      ).toBe(true);
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
      // What npm run new-rule leaves to be written.
      expect(JSON.stringify(rule.meta), 'a TODO in meta').not.toContain('TODO');
    });
    it(`${rule.id}: every option is named in the doc`, () => {
      const doc = readFileSync(join(repoRoot, 'docs/rules', `${rule.id}.md`), 'utf8');
      expect(doc, 'a TODO in the doc').not.toContain('TODO');
      const options = Object.keys((rule.meta.schema as { properties?: object }).properties ?? {});
      for (const option of options) expect(doc, option).toContain(`\`${option}\``);
    });
    it(`${rule.id}: says "the app", not "the audited files", of what a rule compares across files`, () => {
      // Named paths are analysed within their app root: a cross-file rule sees files that were not named.
      const doc = readFileSync(join(repoRoot, 'docs/rules', `${rule.id}.md`), 'utf8');
      for (const text of [doc, rule.meta.description, ...Object.values(rule.meta.messages)]) expect(text).not.toMatch(/\baudited files?\b/i);
    });
  }
});

describe('the README', () => {
  // Read from the real program's help, so an option added to src/cli cannot go undocumented.
  // --help and --version are commander's conventions, not options of the audit.
  it('names every command-line option', async () => {
    const readme = readFileSync(join(repoRoot, 'README.md'), 'utf8');
    const helps = await Promise.all([runCli(['--help']), runCli(['keys', '--help'])]);
    const options = new Set<string>();
    for (const help of helps) {
      expect(help.code).toBe(0);
      for (const match of help.stdout.matchAll(/^ {2}(?:-\w, )?(--[a-z][a-z-]*)/gm)) options.add(match[1]!);
    }
    options.delete('--help');
    options.delete('--version');
    expect(options.size).toBeGreaterThan(15);
    for (const option of options) expect(readme, option).toMatch(new RegExp(`${option}(?![a-z-])`));
  });
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
