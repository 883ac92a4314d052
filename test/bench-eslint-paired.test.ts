import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { ESLint } from 'eslint';
import { expect, it } from 'vitest';
// @ts-expect-error: the benchmark's generator is plain JavaScript without types
import { generate } from '../bench/generate.js';

// The paired ESLint measurement gates the bench's ESLint targets, so it must
// measure the same work ESLint itself does: every file, with each config on
// its own side. Its timings are not asserted (speed is the bench's business).

const repo = fileURLToPath(new URL('..', import.meta.url));
const harness = join(repo, 'bench/eslint-paired.js');

const app = mkdtempSync(join(tmpdir(), 'ssa-paired-'));
generate(app, 120);

const configs = mkdtempSync(join(tmpdir(), 'ssa-paired-configs-'));
const head = `import * as parser from ${JSON.stringify(import.meta.resolve('@typescript-eslint/parser'))};
const files = ['**/*.{ts,tsx,mts,cts,js,jsx,mjs,cjs}'];
const parserOnly = { files, languageOptions: { parser, parserOptions: { ecmaFeatures: { jsx: true } } } };
`;
const noopConfig = join(configs, 'noop.config.mjs');
writeFileSync(
  noopConfig,
  `${head}const bench = { rules: { 'noop-call': { meta: { type: 'problem', schema: [] }, create() { return { CallExpression() {} }; } } } };
export default [{ ...parserOnly, plugins: { bench }, rules: { 'bench/noop-call': 'error' } }];
`,
);
const oursConfig = join(configs, 'ours.config.mjs');
writeFileSync(
  oursConfig,
  `${head}import securestore from ${JSON.stringify(pathToFileURL(join(repo, 'dist/src/eslint/plugin.js')).href)};
export default [parserOnly, securestore.configs.recommended];
`,
);

function paired(...args: string[]) {
  return spawnSync(process.execPath, [harness, ...args], { cwd: repo, encoding: 'utf8' });
}

it('lints every file with each config on its own side, as ESLint itself does', async () => {
  const child = paired(app, noopConfig, oursConfig, '2');
  expect(child.stderr).toBe('');
  expect(child.status).toBe(0);
  const result = JSON.parse(child.stdout);

  const eslint = new ESLint({ cwd: app, overrideConfigFile: oursConfig });
  const reports = await eslint.lintFiles(['.']);
  const messages = reports.reduce((n, r) => n + r.messages.length, 0);
  expect(messages).toBeGreaterThan(0);
  expect(result.files).toBe(reports.length);
  expect(result.messages).toEqual({ a: 0, b: messages });

  expect(result.passes).toHaveLength(2);
  for (const pass of [result.warmUp, ...result.passes]) {
    for (const side of [pass.a, pass.b]) {
      expect(side.gcMs).toBeGreaterThanOrEqual(0);
      expect(side.gcMs).toBeLessThan(side.lintMs);
    }
    expect(pass.ratio).toBeGreaterThan(0);
    expect(Number.isFinite(pass.ratio)).toBe(true);
  }
});

it('stops with a usage line and exit code 2 on missing arguments', () => {
  const child = paired(app, noopConfig);
  expect(child.status).toBe(2);
  expect(child.stderr).toMatch(/^usage: node bench\/eslint-paired\.js /);
  expect(child.stdout).toBe('');
});
