import { describe, expect, it } from 'vitest';
import { allRules } from '../rules/index.js';
import { runBinary, runCli } from './helpers/run.js';
import { tempProject } from './helpers/temp-project.js';

// --list-rules and --print-config show the configuration a run uses: the
// config file, then --strict, then --rule.

const CONFIG = JSON.stringify({
  rules: { 'no-oversized-value': ['error', { maxBytes: 1024 }], 'securestore/no-orphan-key': 'off' },
  ignores: ['legacy/**'],
  sensitivePatterns: ['^pin'],
});

interface Listed {
  ruleId: string;
  severity: string;
  recommended: string;
}

const listed = async (cwd: string, args: string[] = []) => {
  const run = await runCli(['--list-rules', '--format', 'json', ...args], { cwd });
  expect(run.code).toBe(0);
  return new Map((JSON.parse(run.stdout) as Listed[]).map((rule) => [rule.ruleId, rule]));
};

describe('--list-rules', () => {
  it('shows each rule with the severity the config gives it', async () => {
    const cwd = tempProject({ 'securestore-audit.config.json': CONFIG });
    const rules = await listed(cwd);
    expect(rules.size).toBe(allRules.length);
    expect(rules.get('securestore/no-oversized-value')).toMatchObject({ severity: 'error', recommended: 'warn' });
    expect(rules.get('securestore/no-orphan-key')!.severity).toBe('off');
    // Untouched by the config: the recommended severity.
    expect(rules.get('securestore/no-sync-on-hot-path')).toMatchObject({ severity: 'warn', recommended: 'warn' });
  });

  it('--strict makes every rule an error, except what the config sets', async () => {
    const cwd = tempProject({ 'securestore-audit.config.json': CONFIG });
    const rules = await listed(cwd, ['--strict']);
    expect(rules.get('securestore/no-sync-on-hot-path')!.severity).toBe('error');
    expect(rules.get('securestore/no-orphan-key')!.severity).toBe('off');
    expect([...rules.values()].filter((rule) => rule.severity === 'off').map((rule) => rule.ruleId)).toEqual(['securestore/no-orphan-key']);
  });

  it('--rule runs only the rules named: the others are off', async () => {
    const rules = await listed(tempProject({}), ['--rule', 'no-orphan-key']);
    expect([...rules.values()].filter((rule) => rule.severity !== 'off').map((rule) => rule.ruleId)).toEqual(['securestore/no-orphan-key']);
  });

  it('in a two-app workspace, lists the rules of the config that applies at the path given, as the audit uses it there', async () => {
    const root = tempProject({
      'package.json': JSON.stringify({ name: 'monorepo', private: true, workspaces: ['apps/*'] }),
      'apps/mobile/package.json': '{ "name": "mobile" }',
      'apps/mobile/lib/session.ts': '',
      'apps/wallet/package.json': '{ "name": "wallet" }',
      'apps/wallet/securestore-audit.config.json': CONFIG,
      'apps/wallet/lib/session.ts': '',
    });
    const severity = async (args: string[], cwd = root) => (await listed(cwd, args)).get('securestore/no-oversized-value')!.severity;
    // The root and mobile have no config of their own: the defaults. The wallet's folder, a file in it, or a run from inside it: the wallet's.
    expect(await severity([])).toBe('warn');
    expect(await severity(['apps/mobile'])).toBe('warn');
    expect(await severity(['apps/wallet'])).toBe('error');
    expect(await severity(['apps/wallet/lib/session.ts'])).toBe('error');
    expect(await severity(['lib'], `${root}/apps/wallet`)).toBe('error');
    expect(await severity(['../mobile'], `${root}/apps/wallet`)).toBe('warn');
    // --config is every file's config, wherever it is.
    expect(await severity(['apps/mobile', '--config', 'apps/wallet/securestore-audit.config.json'])).toBe('error');
    // The executable, as users type it: the table shows the wallet's severities.
    const run = await runBinary(['--list-rules', 'apps/wallet'], { cwd: root });
    expect(run.code).toBe(0);
    expect(run.stdout.split('\n').find((line) => line.startsWith('securestore/no-orphan-key '))).toMatch(/^securestore\/no-orphan-key +off +/);
    const two = await runBinary(['--list-rules', 'apps/mobile', 'apps/wallet'], { cwd: root });
    expect(two.code).toBe(2);
    expect(two.stderr).toBe('securestore-audit: --list-rules takes one path at most: the folder or file whose config to show\n');
  });

  it('prints a table by default, with the effective severity in its own column', async () => {
    const cwd = tempProject({ 'securestore-audit.config.json': CONFIG });
    const run = await runBinary(['--list-rules'], { cwd });
    expect(run.code).toBe(0);
    const lines = run.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^rule +severity +description$/);
    expect(lines).toHaveLength(allRules.length + 1);
    expect(lines.find((line) => line.startsWith('securestore/no-oversized-value '))).toMatch(/^securestore\/no-oversized-value +error +Disallow/);
    expect(lines.find((line) => line.startsWith('securestore/no-orphan-key '))).toMatch(/^securestore\/no-orphan-key +off +/);
  });
});

describe('--print-config', () => {
  it('prints the rules with severity and options after the config file, audits nothing and exits 0', async () => {
    const cwd = tempProject({
      'securestore-audit.config.json': CONFIG,
      'src/a.ts': "import * as SecureStore from 'expo-secure-store';\nSecureStore.setItemAsync('k', 'v');\n",
    });
    const run = await runBinary(['--print-config', 'src/a.ts'], { cwd });
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
    const printed = JSON.parse(run.stdout);
    expect(printed).toMatchObject({ file: 'src/a.ts', configFile: 'securestore-audit.config.json', preset: 'recommended', ignored: false, testFile: false });
    expect(Object.keys(printed.rules)).toHaveLength(allRules.length);
    expect(printed.rules['securestore/no-oversized-value']).toEqual(['error', { maxBytes: 1024, sensitivePatterns: ['^pin'] }]);
    expect(printed.rules['securestore/no-orphan-key']).toEqual(['off']);
    // The config's sensitivePatterns reach every rule that classifies names, merged into its options.
    expect(printed.rules['securestore/no-tokens-in-async-storage'][1].sensitivePatterns).toEqual(['^pin']);
    expect(printed.rules['securestore/require-keychain-accessible']).toEqual(['error', { requireThisDeviceOnly: false, checkReadsAndDeletes: false }]);
  });

  it('with --strict: the strict preset and its options', async () => {
    const run = await runCli(['--print-config', 'a.ts', '--strict'], { cwd: tempProject({}) });
    const printed = JSON.parse(run.stdout);
    expect(printed.preset).toBe('strict');
    expect(printed.configFile).toBeNull();
    expect(printed.rules['securestore/require-keychain-accessible']).toEqual(['error', expect.objectContaining({ requireThisDeviceOnly: true })]);
    expect(printed.rules['securestore/no-sync-on-hot-path'][0]).toBe('error');
  });

  it('says whether the file is left out: the config, --ignore-pattern, --no-ignore, test files', async () => {
    const cwd = tempProject({ 'securestore-audit.config.json': CONFIG });
    const print = async (args: string[]) => JSON.parse((await runCli(['--print-config', ...args], { cwd })).stdout);
    expect((await print(['legacy/old.ts'])).ignored).toBe(true);
    expect((await print(['legacy/old.ts', '--no-ignore'])).ignored).toBe(false);
    expect((await print(['src/x.ts', '--ignore-pattern', 'src'])).ignored).toBe(true);
    expect((await print(['src/x.test.ts'])).testFile).toBe(true);
    expect((await print(['src/__tests__/x.ts'])).testFile).toBe(true);
    expect((await print(['src/__tests__/x.ts', '--include-tests'])).testFile).toBe(false);
  });

  it('a broken config is the usual one-line usage error', async () => {
    const cwd = tempProject({ 'securestore-audit.config.json': '{ "rules": { "no-such-rule": "error" } }' });
    const run = await runCli(['--print-config', 'a.ts'], { cwd });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^securestore-audit: securestore-audit\.config\.json: rules\.no-such-rule: unknown rule/);
  });
});
