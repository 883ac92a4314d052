import { dirname, join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { allRules } from '../rules/index.js';
import { expectedFindings, findingsOf, fixturesDir, key, lintWithEslint, runCli, sourceFilesUnder, type Located } from './helpers/run.js';
import { projectOnlyRules, snippetRuleArgs } from './helpers/rules.js';

// Each fixture states its expected findings in `// expect:` comments; these
// tests hold both front-ends to them, and to each other. Dart fixtures are
// held to the CLI only: the ESLint plugin does not read Dart.

const isDart = (file: string) => file.endsWith('.dart');
const ruleFixtures = sourceFilesUnder(join(fixturesDir, 'rules'), { dart: true });
const tsRuleFixtures = ruleFixtures.filter((f) => !isDart(f));
const demoFiles = sourceFilesUnder(join(fixturesDir, 'demo-app'));
const flutterDemoFiles = sourceFilesUnder(join(fixturesDir, 'flutter-demo-app'), { dart: true });
const WHOLE_APPS = ['fixtures/demo-app', 'fixtures/flutter-demo-app'];
const crossFileDirs = [...new Set(ruleFixtures.filter((f) => f.includes('/cross-file/')).map((f) => dirname(f)))];

/**
 * A project-only rule's fixtures are small apps, one folder each
 * (`fixtures/rules/require-sign-out-cleanup/bad-wallet-keys/`): the CLI runs
 * each folder with that rule beside the snippet rules.
 */
const projectRuleOf = (file: string) => projectOnlyRules.find((rule) => file.startsWith(`fixtures/rules/${rule.id}/`));
const appDirs = [...new Set(ruleFixtures.filter((f) => projectRuleOf(f)).map((f) => dirname(f)))];
const singleFiles = ruleFixtures.filter((f) => !f.includes('/cross-file/') && !projectRuleOf(f));

/**
 * Rules whose CLI findings may go beyond ESLint's: their project-wide check
 * compares every file of the app, which only the CLI runs. Imports are
 * followed by both front-ends (the plugin reads the imported files from disk).
 */
const projectWideRules = new Set(allRules.filter((r) => r.checkProject !== undefined).map((r) => `securestore/${r.id}`));

// Rules about a whole project's keys run on the demo app and on their own fixture apps only (see helpers/rules.ts).

async function cliFindings(paths: string[]): Promise<Located[]> {
  const whole = paths.length === 1 && WHOLE_APPS.includes(paths[0]!);
  const projectRule = paths.length === 1 ? projectRuleOf(`${paths[0]}/`) : undefined;
  const rules = whole ? [] : [...snippetRuleArgs, ...(projectRule ? ['--rule', projectRule.id] : [])];
  // A rule fixture is an app of its own inside this repository, whose package.json would otherwise be its app root.
  const alone = whole ? [] : ['--no-app-root'];
  const run = await runCli(['--format', 'json', ...alone, ...rules, ...paths]);
  expect(run.stderr).toBe('');
  expect([0, 1]).toContain(run.code);
  return findingsOf(JSON.parse(run.stdout), true);
}

async function inBatches<T, R>(items: T[], size: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = [];
  for (let i = 0; i < items.length; i += size) out.push(...(await Promise.all(items.slice(i, i + size).map(work))));
  return out;
}

const MISSION_RULES = [
  'require-keychain-accessible',
  'no-sync-on-hot-path',
  'no-oversized-value',
  'no-tokens-in-async-storage',
  'no-read-before-biometric-gate',
  'require-prefix-header',
];

const withoutColumn = (f: Located) => key({ ...f, column: undefined });

describe('fixtures', () => {
  let cli: Located[] = [];
  let eslint: Located[] = [];

  beforeAll(async () => {
    // One CLI run per single-file fixture (project-wide checks must not mix
    // unrelated fixtures), one per cross-file case, one for each demo app.
    const runs = await inBatches(
      [...singleFiles.map((f) => [f]), ...crossFileDirs.map((d) => [d]), ...appDirs.map((d) => [d]), ...WHOLE_APPS.map((d) => [d])],
      4,
      cliFindings,
    );
    cli = runs.flat();
    eslint = findingsOf(await lintWithEslint([...tsRuleFixtures, ...demoFiles]), true);
  });

  it('has fixtures for every mission rule', () => {
    expect(ruleFixtures.length).toBeGreaterThan(0);
    for (const id of MISSION_RULES) {
      expect(
        allRules.some((r) => r.id === id),
        `${id} is registered`,
      ).toBe(true);
      const files = ruleFixtures.filter((f) => f.startsWith(`fixtures/rules/${id}/`));
      expect(
        files.some((f) => /\/bad-[^/]+$/.test(f)),
        `bad fixture for ${id}`,
      ).toBe(true);
      expect(
        files.some((f) => /\/good-[^/]+$/.test(f)),
        `good fixture for ${id}`,
      ).toBe(true);
    }
  });

  it('the CLI reports exactly the expected findings', () => {
    // Per file and line: a Dart file without marks must have no findings, as a TypeScript one.
    const expected = expectedFindings([...ruleFixtures, ...demoFiles, ...flutterDemoFiles], 'cli')
      .map(key)
      .sort();
    expect(cli.map(withoutColumn).sort()).toEqual(expected);
  });

  it('the ESLint plugin reports exactly the expected findings', () => {
    const expected = expectedFindings([...tsRuleFixtures, ...demoFiles], 'eslint')
      .map(key)
      .sort();
    expect(eslint.map(withoutColumn).sort()).toEqual(expected);
  });

  it('the demo app has findings of all six mission rules', () => {
    const rules = new Set(cli.filter((f) => f.file.startsWith('fixtures/demo-app/')).map((f) => f.rule));
    for (const id of MISSION_RULES) expect(rules.has(`securestore/${id}`), id).toBe(true);
  });

  it('parity: both front-ends report the same (rule, line, column), across files too, without type information', () => {
    const perFile = (f: Located) => !projectWideRules.has(f.rule);
    const tsCli = cli.filter((f) => !isDart(f.file));
    expect(eslint.filter(perFile).map(key).sort()).toEqual(tsCli.filter(perFile).map(key).sort());
    // For rules with a project-wide check, whatever ESLint sees the CLI sees too.
    const cliKeys = new Set(cli.map(key));
    for (const finding of eslint.filter((f) => !perFile(f))) expect(cliKeys.has(key(finding)), key(finding)).toBe(true);
  });
});
