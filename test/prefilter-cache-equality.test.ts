import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { audit, loadDartParser, type AuditOptions, type AuditResult } from '../src/index.js';
import { fixturesDir, runCli } from './helpers/run.js';
import { tempProject } from './helpers/temp-project.js';
// @ts-expect-error: the benchmark's generator is plain JavaScript without types
import { generate } from '../bench/generate.js';

// The prefilter and the cache are speed, never results: the same app gives
// the same findings with them and without them, before and after edits.

function copyOf(dir: string): string {
  const target = mkdtempSync(join(tmpdir(), 'ssa-equal-'));
  cpSync(dir, target, { recursive: true, filter: (src) => !src.includes('node_modules') });
  return target;
}

/** Everything a reporter shows, minus timings and counts (a file with nothing to show is left out). */
function findings(result: AuditResult) {
  return result.files
    .filter((file) => file.fatal || file.findings.length > 0)
    .map((file) => ({
      file: file.filePath,
      fatal: file.fatal,
      findings: file.findings.map(({ ruleId, messageId, message, severity, line, column, endLine, endColumn, fix, suggestions, suppressions }) => ({
        ruleId,
        messageId,
        message,
        severity,
        position: [line, column, endLine, endColumn],
        fix,
        suggestions,
        suppressions,
      })),
    }));
}

const run = (cwd: string, extra: AuditOptions = {}) => audit({ cwd, paths: ['.'], ...extra });

// A generated app of the benchmark's shape: most files never touch storage.
const generated = mkdtempSync(join(tmpdir(), 'ssa-generated-'));
generate(generated, 300);

// The synchronous audit() analyses Dart files once the parser is loaded in the process.
beforeAll(async () => {
  await loadDartParser();
});

const corpora = {
  'demo app': join(fixturesDir, 'demo-app'),
  'Flutter demo app': join(fixturesDir, 'flutter-demo-app'),
  'rule fixtures': join(fixturesDir, 'rules'),
  'generated app': generated,
};

it('the generated app has files the prefilter skips', () => {
  const result = run(generated);
  expect(result.counts.relevant).toBeLessThan(result.counts.read / 2);
});

describe.each(Object.entries(corpora))('%s', (_name, source) => {
  it('gives the same findings with the prefilter and without it', () => {
    const dir = copyOf(source);
    const filtered = run(dir);
    const everything = run(dir, { prefilter: false });
    // Every file was checked without the prefilter.
    expect(everything.counts.relevant).toBe(everything.counts.read);
    expect(findings(filtered).flatMap((f) => f.findings).length).toBeGreaterThan(0);
    expect(findings(everything)).toEqual(findings(filtered));
  });

  it('gives the same findings from a cold cache, a warm cache and no cache', () => {
    const dir = copyOf(source);
    const cacheLocation = mkdtempSync(join(tmpdir(), 'ssa-cache-'));
    const plain = findings(run(dir));
    const cold = run(dir, { cache: true, cacheLocation });
    const warm = run(dir, { cache: true, cacheLocation });
    expect(cold.counts.analysed).toBe(cold.counts.relevant);
    expect(warm.counts).toMatchObject({ parsed: 0, analysed: 0 });
    expect(findings(cold)).toEqual(plain);
    expect(findings(warm)).toEqual(plain);
  });
});

describe('cache after edits', () => {
  const demo = join(fixturesDir, 'demo-app');
  /** A copy of the demo app with its cache written by a first run. */
  const cachedCopy = () => {
    const dir = copyOf(demo);
    const cacheLocation = mkdtempSync(join(tmpdir(), 'ssa-cache-'));
    const cold = run(dir, { cache: true, cacheLocation });
    return { dir, cacheLocation, cold };
  };

  it('re-analyses an edited wrapper and its callers, and matches a run without cache', () => {
    const { dir, cacheLocation, cold } = cachedCopy();
    // The vault wrapper loses its keychain class: its callers' findings change.
    const vault = join(dir, 'lib/secretVault.ts');
    const text = readFileSync(vault, 'utf8');
    expect(text).toContain('keychainAccessible');
    writeFileSync(vault, text.replace(/keychainAccessible: SecureStore\.\w+/g, 'requireAuthentication: false'));
    const edited = run(dir, { cache: true, cacheLocation });
    const plain = run(dir);
    expect(findings(edited)).toEqual(findings(plain));
    expect(findings(edited)).not.toEqual(findings(cold));
    // Not everything was analysed again, but more than the edited file.
    expect(edited.counts.analysed).toBeGreaterThan(1);
    expect(edited.counts.analysed).toBeLessThan(edited.counts.relevant);
    // The files the edit cannot reach are not even parsed: the project-wide rules take their stored records.
    expect(edited.counts.parsed).toBeLessThan(edited.counts.relevant);
  });

  it('keeps the project-wide findings and the disable comments of the files it does not parse again', () => {
    const dir = tempProject({
      'package.json': '{"name":"app"}',
      'auth.ts': [
        '// SecureStore prefix: auth.*',
        "import * as SecureStore from 'expo-secure-store';",
        "export const saveToken = (t: string) => SecureStore.setItemAsync('auth.token', t);",
        '// securestore-audit-disable-next-line require-keychain-accessible -- reviewed',
        "export const saveRefresh = (t: string) => SecureStore.setItemAsync('auth.refresh', t);",
        '// securestore-audit-disable-next-line no-oversized-value -- suppresses nothing',
        "export const readToken = () => SecureStore.setItemAsync('auth.token', '');",
        '',
      ].join('\n'),
      'session.ts': [
        '// SecureStore prefix: auth.session.*',
        "import * as SecureStore from 'expo-secure-store';",
        "export const readSession = () => SecureStore.setItemAsync('auth.session.id', '');",
        '',
      ].join('\n'),
      'other.ts': "import AsyncStorage from '@react-native-async-storage/async-storage';\nexport const theme = () => AsyncStorage.getItem('theme');\n",
    });
    const cacheLocation = mkdtempSync(join(tmpdir(), 'ssa-cache-'));
    const cold = run(dir, { cache: true, cacheLocation });
    const rules = new Set(findings(cold).flatMap((f) => f.findings.map((x) => `${x.ruleId} ${x.suppressions ? 'suppressed' : ''}`)));
    // Per-file, project-wide, suppressed and unused-directive findings are all there to keep.
    expect([...rules]).toEqual(
      expect.arrayContaining([
        'securestore/require-keychain-accessible ',
        'securestore/require-keychain-accessible suppressed',
        'securestore/require-prefix-header ',
        'securestore/require-sign-out-cleanup ',
      ]),
    );
    expect(
      findings(cold)
        .flatMap((f) => f.findings)
        .some((x) => x.ruleId === null && x.message.startsWith('Unused securestore-audit-disable-next-line')),
    ).toBe(true);
    writeFileSync(
      join(dir, 'other.ts'),
      "import AsyncStorage from '@react-native-async-storage/async-storage';\nexport const theme = () => AsyncStorage.getItem('theme.v2');\n",
    );
    const next = run(dir, { cache: true, cacheLocation });
    expect(next.counts).toMatchObject({ parsed: 1, analysed: 1 });
    expect(findings(next)).toEqual(findings(run(dir)));
    expect(findings(next)).toEqual(findings(cold));
  });

  it('reuses everything when the edited file cannot matter', () => {
    const { dir, cacheLocation } = cachedCopy();
    writeFileSync(join(dir, 'app/about.tsx'), 'export default function About() {\n  return null;\n}\n');
    const next = run(dir, { cache: true, cacheLocation });
    expect(next.counts).toMatchObject({ parsed: 0, analysed: 0 });
    expect(findings(next)).toEqual(findings(run(dir)));
  });

  it('sees a file edited to start using storage', () => {
    const { dir, cacheLocation } = cachedCopy();
    writeFileSync(
      join(dir, 'app/about.tsx'),
      "import * as SecureStore from 'expo-secure-store';\nexport const about = () => SecureStore.setItemAsync('auth.about', '');\n",
    );
    const next = run(dir, { cache: true, cacheLocation });
    const about = next.files.find((f) => f.filePath.endsWith('about.tsx'));
    expect(about?.findings.map((f) => f.ruleId)).toContain('securestore/require-keychain-accessible');
    expect(findings(next)).toEqual(findings(run(dir)));
  });

  it('answers from the CLI cache with byte-identical JSON, and notices a changed config', async () => {
    const dir = copyOf(demo);
    const plain = await runCli(['--format', 'json', '.'], { cwd: dir });
    const cold = await runCli(['--cache', '--format', 'json', '.'], { cwd: dir });
    const warm = await runCli(['--cache', '--format', 'json', '--debug', '.'], { cwd: dir });
    expect(cold.stdout).toBe(plain.stdout);
    expect(warm.stdout).toBe(plain.stdout);
    expect(warm.stderr).toMatch(/0 parsed.*cache: \d+ relevant files reused, 0 analysed/);
    // A config change is a new key: the rule turned off disappears.
    writeFileSync(join(dir, 'securestore-audit.config.json'), JSON.stringify({ rules: { 'require-prefix-header': 'off' } }));
    const reconfigured = await runCli(['--cache', '--format', 'json', '.'], { cwd: dir });
    const ruleIds = (stdout: string) => (JSON.parse(stdout) as { messages: { ruleId: string | null }[] }[]).flatMap((r) => r.messages.map((m) => m.ruleId));
    expect(ruleIds(plain.stdout)).toContain('securestore/require-prefix-header');
    expect(ruleIds(reconfigured.stdout)).not.toContain('securestore/require-prefix-header');
  });
});

describe('what the prefilter parses', () => {
  // screen.ts calls a wrapper, a helper of a module that touches no storage,
  // and passes a key constant from another such module.
  const app = {
    'tsconfig.json': JSON.stringify({ compilerOptions: { strict: true, paths: { '@/*': ['./*'] } } }),
    'lib/vault.ts':
      "import * as SecureStore from 'expo-secure-store';\nexport const save = (key: string, value: string) => SecureStore.setItemAsync(key, value);\n",
    'lib/format.ts': 'export const upper = (s: string) => s.toUpperCase();\nexport class Clock { now() { return 1; } }\n',
    'lib/keys.ts': "export const TOKEN_KEY = 'auth.token';\n",
    'lib/index.ts': "export * from './format';\nexport * from './vault';\n",
    'screen.ts': [
      "import { save } from '@/lib/vault';",
      "import { upper, Clock } from '@/lib/format';",
      "import * as lib from '@/lib/index';",
      "import { TOKEN_KEY } from '@/lib/keys';",
      'export async function login(token: string) {',
      '  upper(token);',
      '  new Clock().now();',
      '  lib.upper(token);',
      '  await save(TOKEN_KEY, token);',
      '}',
    ].join('\n'),
    'unrelated.ts': "import { upper } from './lib/format';\nexport const shout = upper('hi');\n",
  };

  it('does not parse a module only to learn that a function it exports reaches no storage', () => {
    const root = tempProject(app);
    const filtered = run(root);
    const everything = run(root, { prefilter: false });
    // Relevant: vault, index (re-exports vault), screen. Parsed besides them: keys, for the key's value.
    expect(filtered.counts).toMatchObject({ relevant: 3, parsed: 4 });
    expect(everything.counts.parsed).toBe(6);
    // The key constant from the module that was parsed for it is still known: the finding names it.
    const messages = findings(filtered).flatMap((f) => f.findings.map((x) => x.message));
    expect(messages.some((m) => m.includes("'auth.token'"))).toBe(true);
    expect(findings(everything)).toEqual(findings(filtered));
  });
});
