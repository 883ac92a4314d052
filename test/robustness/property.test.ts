import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { ESLint, type Linter } from 'eslint';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { allRules } from '../../rules/index.js';
import { audit } from '../../src/index.js';
import plugin from '../../src/eslint/plugin.js';
import { repoRoot, sourceFilesUnder } from '../helpers/run.js';
import { snippetRules } from '../helpers/rules.js';

// Property: mutate the rule fixtures at random (truncate, splice tokens,
// duplicate or delete lines) and
//   1. the audit engine never throws, and no rule fails on the file;
//   2. the audit engine and the ESLint plugin (real ESLint, flat config)
//      agree on the mutated file.
//
// "Agree" is the parity test's relation (test/fixtures.test.ts) on
// (rule, line, column): identical for single-file rules; for rules that
// follow imports, whatever ESLint reports the engine reports too. What the
// two front-ends may see differently:
//   - a file the engine reports as fatal (a parse error) is fatal for ESLint
//     too: both parse with TypeScript's parser, so the engine is never
//     stricter; neither reports rule findings then;
//   - ESLint's parser (typescript-estree) also rejects some trees TypeScript
//     accepts (a misplaced `import`, an invalid left-hand side…): then ESLint
//     has only its fatal message and the engine analyses the file as usual,
//     so there is nothing to compare;
//   - a file that no longer names a storage module is left out by the
//     engine's prefilter: no findings there, none from ESLint's rules either.
// Messages about the file itself that are not fatal (unused disable
// directives) are not compared.

// Fixed, so that a failure reproduces; SSA_PROPERTY_SEED / SSA_PROPERTY_RUNS explore further by hand.
const SEED = Number(process.env.SSA_PROPERTY_SEED ?? 20261123);
const RUNS = Number(process.env.SSA_PROPERTY_RUNS ?? 1500);

/** Rules about a whole project's keys compare files with each other: left out, as in the parity test. */
const SNIPPET_RULES = snippetRules;
const FOLLOWS_IMPORTS = new Set(SNIPPET_RULES.filter((r) => r.meta.followsImports).map((r) => `securestore/${r.id}`));

/** Single-file fixtures: a cross-file case is a directory and means nothing one file at a time. */
const FIXTURES = sourceFilesUnder(join(repoRoot, 'fixtures/rules'))
  .filter((f) => !f.includes('/cross-file/'))
  .map((path) => ({ path, text: readFileSync(join(repoRoot, path), 'utf8') }));

const TOKENS = [
  '{',
  '}',
  '(',
  ')',
  '[',
  ']',
  "'",
  '"',
  '`',
  '${',
  '=>',
  ';',
  ',',
  '.',
  '...',
  '?',
  ':',
  '<',
  '>',
  '/',
  '/*',
  '*/',
  '//',
  '\n',
  'SecureStore.',
  'SecureStore.setItemAsync(',
  "'auth.token'",
  'AsyncStorage.',
  'await ',
  'async ',
  'const ',
  'let ',
  'function ',
  'return ',
  'if (',
  'else ',
  'export ',
  'import ',
  "from 'expo-secure-store'",
  'require(',
  'class ',
  'new ',
  'typeof ',
  'as ',
  '<View>',
  '</View>',
  '/>',
  '@',
  '#',
  '\\',
  '\u00e9',
];

type Mutation =
  | { kind: 'truncate'; at: number }
  | { kind: 'splice'; at: number; token: string }
  | { kind: 'duplicateLine'; line: number }
  | { kind: 'deleteLine'; line: number };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('splice' as const), at: fc.nat(), token: fc.constantFrom(...TOKENS) }),
  fc.record({ kind: fc.constant('duplicateLine' as const), line: fc.nat() }),
  fc.record({ kind: fc.constant('deleteLine' as const), line: fc.nat() }),
);

function mutate(text: string, mutations: Mutation[]): string {
  for (const m of mutations) {
    if (m.kind === 'truncate') {
      text = text.slice(0, m.at % (text.length + 1));
    } else if (m.kind === 'splice') {
      const at = m.at % (text.length + 1);
      text = text.slice(0, at) + m.token + text.slice(at);
    } else {
      const lines = text.split('\n');
      const i = m.line % lines.length;
      if (m.kind === 'duplicateLine') lines.splice(i, 0, lines[i]!);
      else lines.splice(i, 1);
      text = lines.join('\n');
    }
  }
  return text;
}

interface Outcome {
  fatal: boolean;
  /** `rule line:column`, sorted. */
  findings: string[];
}

const base = mkdtempSync(join(tmpdir(), 'ssa-property-'));
let counter = 0;

/** The audit engine on a directory holding only the mutated file. */
function engine(name: string, text: string): { outcome: Outcome | undefined; failures: string[] } {
  const dir = join(base, `case-${counter++}`);
  mkdirSync(dir);
  writeFileSync(join(dir, name), text);
  const result = audit({ cwd: dir, paths: [name], rules: SNIPPET_RULES.map((r) => r.id), reportUnusedDisableDirectives: false });
  const file = result.files.find((f) => basename(f.filePath) === name);
  // A rule that threw is caught by the engine and turned into a note on the file: for this test it is a failure.
  const failures = (file?.findings ?? []).filter((f) => f.ruleId === null && /could not analyse|internal error/i.test(f.message)).map((f) => f.message);
  if (!file) return { outcome: undefined, failures };
  return {
    outcome: {
      fatal: file.fatal !== undefined,
      findings: file.findings
        .filter((f) => f.ruleId !== null && !f.suppressions)
        .map((f) => `${f.ruleId} ${f.line}:${f.column}`)
        .sort(),
    },
    failures,
  };
}

const eslint = new ESLint({
  cwd: base,
  overrideConfigFile: true,
  overrideConfig: [
    // typescript-eslint's and ESLint's config types differ in detail; the object is the same.
    plugin.configs.recommended as unknown as Linter.Config,
    // The same rules as the engine runs, each on.
    { rules: Object.fromEntries(allRules.map((r) => [`securestore/${r.id}`, SNIPPET_RULES.includes(r) ? 'warn' : 'off'])) },
  ],
});

async function lint(name: string, text: string): Promise<Outcome> {
  const [result] = await eslint.lintText(text, { filePath: join(base, name) });
  const messages = result!.messages;
  return {
    fatal: messages.some((m) => m.fatal),
    findings: messages
      .filter((m) => m.ruleId !== null)
      .map((m) => `${m.ruleId} ${m.line}:${m.column}`)
      .sort(),
  };
}

/** Why the two outcomes disagree, or undefined when they agree (see the relation at the top). */
function disagreement(cli: Outcome | undefined, es: Outcome): string | undefined {
  if (es.fatal && es.findings.length > 0) return 'ESLint reports rule findings next to a fatal parse error';
  if (cli === undefined) return es.findings.length > 0 ? 'ESLint reports findings on a file the engine found irrelevant' : undefined;
  if (cli.fatal) {
    if (cli.findings.length > 0) return 'the engine reports rule findings next to a fatal message';
    return es.fatal ? undefined : 'the engine finds a parse error ESLint does not';
  }
  if (es.fatal) return undefined; // typescript-estree's stricter checks: nothing to compare
  const single = (f: string) => !FOLLOWS_IMPORTS.has(f.split(' ')[0]!);
  const cliSingle = cli.findings.filter(single);
  const esSingle = es.findings.filter(single);
  if (JSON.stringify(cliSingle) !== JSON.stringify(esSingle))
    return `single-file rules differ: engine ${JSON.stringify(cliSingle)}, ESLint ${JSON.stringify(esSingle)}`;
  const missing = es.findings.filter((f) => !single(f) && !cli.findings.includes(f));
  return missing.length ? `ESLint reports what the engine does not: ${JSON.stringify(missing)}` : undefined;
}

describe('mutated fixtures', () => {
  // A failing case is reproducible from the seed and printed by fast-check: no need to keep the files.
  afterAll(() => rmSync(base, { recursive: true, force: true }));

  it('has fixtures to mutate', () => {
    expect(FIXTURES.length).toBeGreaterThan(20);
  });

  it('the engine never throws and both front-ends agree on the mutated file', async () => {
    const stats = { engineFatal: 0, eslintOnlyFatal: 0, irrelevant: 0, compared: 0 };
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...FIXTURES), fc.array(mutation, { minLength: 1, maxLength: 4 }), async (fixture, mutations) => {
        const name = basename(fixture.path);
        const text = mutate(fixture.text, mutations);
        const { outcome, failures } = engine(name, text);
        expect(failures).toEqual([]);
        const es = await lint(name, text);
        const why = disagreement(outcome, es);
        expect(why, `${fixture.path} after ${JSON.stringify(mutations)}`).toBeUndefined();
        if (outcome === undefined) stats.irrelevant++;
        else if (outcome.fatal) stats.engineFatal++;
        else if (es.fatal) stats.eslintOnlyFatal++;
        else stats.compared++;
      }),
      { seed: SEED, numRuns: RUNS },
    );
    // The mutations must exercise both outcomes, or the property says little.
    expect(stats.compared).toBeGreaterThan(RUNS / 10);
    expect(stats.engineFatal).toBeGreaterThan(RUNS / 10);
  }, 180_000);

  it('the unmutated fixtures agree (the relation holds where the parity test says it does)', async () => {
    for (const fixture of FIXTURES) {
      const name = basename(fixture.path);
      const { outcome, failures } = engine(name, fixture.text);
      expect(failures).toEqual([]);
      expect(disagreement(outcome, await lint(name, fixture.text)), fixture.path).toBeUndefined();
      // Not vacuous: each bad fixture has findings here.
      if (/\/bad-[^/]+$/.test(fixture.path)) expect(outcome?.findings.length, fixture.path).toBeGreaterThan(0);
    }
  }, 60_000);
});
