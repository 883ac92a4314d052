import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { configSchema } from '../src/audit/config.js';
import { runBinary, runCli } from './helpers/run.js';
import { tempProject } from './helpers/temp-project.js';

const HEAD = "// SecureStore prefix: auth.*\nimport * as SecureStore from 'expo-secure-store';\n";
const ONE_RULE = ['--rule', 'require-keychain-accessible'];
const write = (key: string) => `export const w_${key} = (v: string) => SecureStore.setItemAsync('auth.${key}', v);\n`;

describe('baseline', () => {
  it('writes a sorted, stable baseline and then reports only new findings', async () => {
    const cwd = tempProject({ 'src/b.ts': HEAD + write('b1'), 'src/a.ts': HEAD + write('a1') + write('a2') });
    // One rule keeps the counts about the baseline, not about which rules fire on a toy project.
    const update = await runCli(['--update-baseline', ...ONE_RULE], { cwd });
    expect(update.code).toBe(0);
    expect(update.stderr).toContain('wrote 3 findings to securestore-audit-baseline.json');
    const text = readFileSync(join(cwd, 'securestore-audit-baseline.json'), 'utf8');
    const baseline = JSON.parse(text);
    expect(baseline.version).toBe(2);
    expect(baseline.findings.map((f: { file: string }) => f.file)).toEqual(['src/a.ts', 'src/a.ts', 'src/b.ts']);
    expect(baseline.findings.every((f: { fingerprint: string }) => /^[0-9a-f]{32}$/.test(f.fingerprint))).toBe(true);
    expect(text).not.toMatch(/"line"/);

    // Unchanged code: a second update writes the same bytes.
    await runCli(['--update-baseline', ...ONE_RULE], { cwd });
    expect(readFileSync(join(cwd, 'securestore-audit-baseline.json'), 'utf8')).toBe(text);

    // Unrelated edits above the findings do not resurrect them; a new finding is reported.
    writeFileSync(join(cwd, 'src/a.ts'), HEAD + 'export const pad = 1;\n\n' + write('a1') + write('a2') + write('a3'));
    const run = await runCli(['--baseline', 'securestore-audit-baseline.json', '--format', 'json', ...ONE_RULE], { cwd });
    expect(run.code).toBe(1);
    // How many it hid (a1 and a2 here, b1 in b.ts), on stderr: stdout stays the JSON report.
    expect(run.stderr).toBe('securestore-audit: the baseline securestore-audit-baseline.json hid 3 findings\n');
    const a = JSON.parse(run.stdout).find((r: { filePath: string }) => r.filePath.endsWith('a.ts'));
    expect(a.messages.map((m: { line: number }) => m.line)).toEqual([7]);
    expect(a.suppressedMessages.map((m: { line: number; suppressions: { kind: string }[] }) => [m.line, m.suppressions[0]!.kind])).toEqual([
      [5, 'external'],
      [6, 'external'],
    ]);
  });

  it('drops fixed findings on the next update', async () => {
    const cwd = tempProject({ 'a.ts': HEAD + write('a1') + write('a2') });
    await runCli(['--update-baseline', ...ONE_RULE], { cwd });
    writeFileSync(join(cwd, 'a.ts'), HEAD + write('a2'));
    await runCli(['--update-baseline', ...ONE_RULE], { cwd });
    const baseline = JSON.parse(readFileSync(join(cwd, 'securestore-audit-baseline.json'), 'utf8'));
    expect(baseline.findings).toHaveLength(1);
    expect(baseline.findings[0].message).toContain("setItemAsync('auth.a2')");
  });

  it('says how many findings it hid, in stylish too, even when it hid them all', async () => {
    const cwd = tempProject({ 'a.ts': HEAD + write('a1') });
    await runCli(['--update-baseline', ...ONE_RULE], { cwd });
    const all = await runBinary(['--baseline', 'securestore-audit-baseline.json', ...ONE_RULE], { cwd });
    expect(all).toEqual({ code: 0, stdout: '', stderr: 'securestore-audit: the baseline securestore-audit-baseline.json hid 1 finding\n' });
    writeFileSync(join(cwd, 'a.ts'), HEAD + write('a9'));
    const none = await runCli(['--baseline', 'securestore-audit-baseline.json', ...ONE_RULE], { cwd });
    expect(none.code).toBe(1);
    expect(none.stdout).toContain("setItemAsync('auth.a9')");
    expect(none.stderr).toBe('securestore-audit: the baseline securestore-audit-baseline.json hid 0 findings\n');
  });

  it('a broken baseline file is a usage error', async () => {
    const cwd = tempProject({ 'a.ts': HEAD + write('a1'), 'base.json': '{"version": 2}' });
    const run = await runCli(['--baseline', 'base.json'], { cwd });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/base\.json: not a securestore-audit baseline/);
  });
});

describe('baseline paths: relative to the baseline file, wherever the audit runs', () => {
  // A repository with one app in apps/mobile: a baseline kept at the root and CI running from inside the app, or the other way round.
  const repository = () =>
    tempProject({
      'package.json': JSON.stringify({ name: 'monorepo', private: true, workspaces: ['apps/*'] }),
      'apps/mobile/package.json': '{ "name": "mobile", "dependencies": { "expo-secure-store": "*" } }',
      'apps/mobile/src/a.ts': HEAD + write('a1') + write('a2'),
      'apps/mobile/src/b.ts': HEAD + write('b1'),
    });
  const app = (root: string) => join(root, 'apps/mobile');
  const hidden = (run: { stderr: string }) => /hid (\d+) finding/.exec(run.stderr)?.[1];

  it('written at the root, matches a run from inside the app', async () => {
    const root = repository();
    expect((await runCli(['--update-baseline', ...ONE_RULE], { cwd: root })).code).toBe(0);
    const baseline = JSON.parse(readFileSync(join(root, 'securestore-audit-baseline.json'), 'utf8'));
    expect(baseline.findings.map((f: { file: string }) => f.file)).toEqual(['apps/mobile/src/a.ts', 'apps/mobile/src/a.ts', 'apps/mobile/src/b.ts']);
    const inside = await runBinary(['--baseline', '../../securestore-audit-baseline.json', ...ONE_RULE], { cwd: app(root) });
    expect(inside).toEqual({ code: 0, stdout: '', stderr: 'securestore-audit: the baseline ../../securestore-audit-baseline.json hid 3 findings\n' });
    // A new finding is still reported from there.
    writeFileSync(join(app(root), 'src/b.ts'), HEAD + write('b1') + write('b2'));
    const added = await runCli(['--baseline', '../../securestore-audit-baseline.json', '--format', 'json', ...ONE_RULE], { cwd: app(root) });
    expect(added.code).toBe(1);
    expect(hidden(added)).toBe('3');
  });

  it("written inside the app, matches a run from the root, and --update-baseline there keeps the app's paths", async () => {
    const root = repository();
    expect((await runCli(['--update-baseline', ...ONE_RULE], { cwd: app(root) })).code).toBe(0);
    const path = join(app(root), 'securestore-audit-baseline.json');
    const text = readFileSync(path, 'utf8');
    expect(JSON.parse(text).findings.map((f: { file: string }) => f.file)).toEqual(['src/a.ts', 'src/a.ts', 'src/b.ts']);
    const fromRoot = await runCli(['--baseline', 'apps/mobile/securestore-audit-baseline.json', ...ONE_RULE], { cwd: root });
    expect(fromRoot.code).toBe(0);
    expect(hidden(fromRoot)).toBe('3');
    // Rewritten from the root, for the whole app or for one named file: the same bytes.
    await runCli(['--update-baseline', '--baseline', 'apps/mobile/securestore-audit-baseline.json', ...ONE_RULE], { cwd: root });
    expect(readFileSync(path, 'utf8')).toBe(text);
    await runCli(['--update-baseline', '--baseline', 'apps/mobile/securestore-audit-baseline.json', 'apps/mobile/src/b.ts', ...ONE_RULE], { cwd: root });
    expect(readFileSync(path, 'utf8')).toBe(text);
  });

  it('a version 1 baseline (paths from the working directory) is still read as before', async () => {
    const root = repository();
    await runCli(['--update-baseline', ...ONE_RULE], { cwd: app(root) });
    // Written by an older release in the app's folder: the same entries, version 1.
    const path = join(app(root), 'securestore-audit-baseline.json');
    const old = { ...JSON.parse(readFileSync(path, 'utf8')), version: 1 };
    writeFileSync(join(root, 'old-baseline.json'), JSON.stringify(old));
    expect(hidden(await runCli(['--baseline', '../../old-baseline.json', ...ONE_RULE], { cwd: app(root) }))).toBe('3');
    // Its entries cannot be moved to another folder for a partial update: a usage error that says what to do.
    const partial = await runCli(['--update-baseline', '--baseline', '../../old-baseline.json', 'src/b.ts', ...ONE_RULE], { cwd: app(root) });
    expect(partial.code).toBe(2);
    expect(partial.stderr).toMatch(/^securestore-audit: \.\.\/\.\.\/old-baseline\.json: an old baseline .* update it for the whole app from its folder\n$/);
    // A whole update rewrites it as version 2, relative to its own folder.
    await runCli(['--update-baseline', '--baseline', '../../old-baseline.json', ...ONE_RULE], { cwd: app(root) });
    const rewritten = JSON.parse(readFileSync(join(root, 'old-baseline.json'), 'utf8'));
    expect(rewritten.version).toBe(2);
    expect(rewritten.findings[0].file).toBe('apps/mobile/src/a.ts');
  });
});

describe('config file', () => {
  const code =
    HEAD + "export const w = (v: string) => SecureStore.setItemAsync('auth.t', v, { keychainAccessible: SecureStore.WHEN_UNLOCKED });\n" + write('x');

  it('extends strict, changes severities and options, and ignores globs', async () => {
    const cwd = tempProject({
      'securestore-audit.config.json': JSON.stringify({
        extends: 'strict',
        rules: { 'require-keychain-accessible': ['warn', { requireThisDeviceOnly: true }] },
        ignores: ['legacy/**'],
      }),
      'src/a.ts': code,
      'legacy/old.ts': code,
    });
    const run = await runCli(['--format', 'json', ...ONE_RULE], { cwd });
    const results = JSON.parse(run.stdout);
    expect(results.map((r: { filePath: string }) => r.filePath.replace(cwd, ''))).toEqual(['/src/a.ts']);
    expect(results[0].messages.map((m: { messageId: string; severity: number }) => [m.messageId, m.severity])).toEqual([
      ['notThisDeviceOnly', 1],
      ['missingOptions', 1],
    ]);
    expect(run.code).toBe(0);
  });

  it('reads the "securestore-audit" key of package.json, and --config overrides discovery', async () => {
    const cwd = tempProject({
      'package.json': JSON.stringify({ name: 'app', 'securestore-audit': { rules: { 'securestore/require-keychain-accessible': 'off' } } }),
      'other.json': JSON.stringify({ rules: { 'require-keychain-accessible': 'error' } }),
      'a.ts': code,
    });
    expect((await runCli([], { cwd })).code).toBe(0);
    expect((await runCli(['--config', 'other.json'], { cwd })).code).toBe(1);
  });

  const invalid: [string, object, RegExp][] = [
    ['unknown rule', { rules: { 'no-such-rule': 'error' } }, /securestore-audit\.config\.json: rules\.no-such-rule: unknown rule$/],
    ['bad severity', { rules: { 'require-keychain-accessible': 'loud' } }, /rules\.require-keychain-accessible: must be one of/],
    [
      'bad option',
      { rules: { 'require-keychain-accessible': ['error', { requireThisDeviceOnly: 'yes' }] } },
      /rules\.require-keychain-accessible\[1\]\.requireThisDeviceOnly: must be boolean/,
    ],
    [
      'unknown option',
      { rules: { 'require-keychain-accessible': ['error', { bogus: true }] } },
      /rules\.require-keychain-accessible\[1\]\.bogus: unknown property/,
    ],
    ['bad preset', { extends: 'lenient' }, /extends: must be one of "recommended", "strict"/],
    ['bad regex', { sensitivePatterns: ['(unclosed'] }, /sensitivePatterns\[0\]: invalid regular expression/],
  ];
  for (const [name, config, message] of invalid) {
    it(`exits 2 naming the file and the path: ${name}`, async () => {
      const cwd = tempProject({ 'securestore-audit.config.json': JSON.stringify(config), 'a.ts': code });
      const run = await runCli([], { cwd });
      expect(run.code).toBe(2);
      expect(run.stderr.trim().split('\n')).toHaveLength(1);
      expect(run.stderr.trim()).toMatch(message);
    });
  }

  it('the schema shipped for editors is the one the CLI validates with', () => {
    const shipped = JSON.parse(readFileSync(new URL('../securestore-audit.schema.json', import.meta.url), 'utf8'));
    expect(shipped).toEqual(configSchema());
  });
});
