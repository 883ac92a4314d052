import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ESLint } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';
import { looksLikeSecret, redactSource } from '../../src/core/redact.js';
import { repoRoot, runCli, type CliRun } from '../helpers/run.js';
import { tempProject } from '../helpers/temp-project.js';
import { fakeSecrets, leaks } from './helpers/fake-secrets.js';

// Findings point at code that handles secrets, and CI logs are read by more
// people than the code. Whatever the format, no secret value found in the
// audited code may come out: not in messages, code frames, fixes, reports
// written with --output, the baseline or the key registry.

const S = fakeSecrets();
const SECRETS = [S.jwt, S.entropy, ...S.pemLines, S.mnemonic, S.apiKey];
const PEM_ESCAPED = `-----BEGIN PRIVATE KEY-----\\n${S.pemLines.join('\\n')}\\n-----END PRIVATE KEY-----`;
const PEM_LINES = `-----BEGIN PRIVATE KEY-----\n${S.pemLines.join('\n')}\n-----END PRIVATE KEY-----`;
const OPTS = '{ keychainAccessible: SecureStore.WHEN_UNLOCKED_THIS_DEVICE_ONLY }';

/** Each line that must produce a finding, with the rule expected there. */
const SESSION_LINES: [string, string | undefined][] = [
  ['// SecureStore prefix: auth.*', undefined],
  ["import * as SecureStore from 'expo-secure-store';", undefined],
  ["import AsyncStorage from '@react-native-async-storage/async-storage';", undefined],
  ['export async function seed(prefix: string) {', undefined],
  [`  await SecureStore.setItemAsync('auth.accessToken', '${S.jwt}');`, 'require-keychain-accessible'],
  [`  await AsyncStorage.setItem('auth.refreshToken', '${S.entropy}');`, 'no-tokens-in-async-storage'],
  [`  await SecureStore.setItemAsync('auth.walletMnemonic', '${S.mnemonic}');`, 'require-keychain-accessible'],
  [`  await SecureStore.setItemAsync('auth.tlsKey', '${PEM_ESCAPED}');`, 'require-keychain-accessible'],
  [`  await SecureStore.setItemAsync('auth.stripe', JSON.stringify({ key: '${S.apiKey}', modes: ['live'] }), ${OPTS});`, 'no-oversized-value'],
  [`  await AsyncStorage.setItem('auth.apiToken', \`\${prefix}${S.apiKey}\`);`, 'no-tokens-in-async-storage'],
  [`  await SecureStore.setItemAsync('auth.note', prefix); // was '${S.jwt}', then ${S.entropy}`, 'require-keychain-accessible'],
  [`  await SecureStore.setItemAsync('auth.tlsKeyLines', \`${PEM_LINES}\`);`, 'require-keychain-accessible'],
  ['}', undefined],
];
const session = SESSION_LINES.map(([line]) => line).join('\n') + '\n';

// A suggestion that adds `WHEN_UNLOCKED_THIS_DEVICE_ONLY` to the named import
// and the options to the call is one fix in ESLint's JSON shape: the text
// between the two edits, with the constant, is part of it.
const backup = [
  '// SecureStore prefix: backup.*',
  "import { setItemAsync } from 'expo-secure-store';",
  '',
  `const FALLBACK_SEED = '${S.mnemonic}';`,
  `const SERVICE_KEY = '${S.apiKey}';`,
  "export const save = () => setItemAsync('backup.seed', FALLBACK_SEED + SERVICE_KEY);",
  '',
].join('\n');

// A key built from a secret: valid-secure-store-key quotes the key (it holds ':').
const cache = [
  '// SecureStore prefix: cache.*',
  "import * as SecureStore from 'expo-secure-store';",
  `const TOKEN = '${S.jwt}';`,
  `export const remember = (v: string) => SecureStore.setItemAsync(\`cache:\${TOKEN}\`, v, ${OPTS});`,
  '',
].join('\n');

function project(): string {
  return tempProject({ 'src/auth/session.ts': session, 'src/wallet/backup.ts': backup });
}

interface Output {
  label: string;
  text: string;
}

function collect(label: string, run: CliRun): Output[] {
  return [
    { label: `${label} stdout`, text: run.stdout },
    { label: `${label} stderr`, text: run.stderr },
  ];
}

async function cliOutputs(cwd: string): Promise<Output[]> {
  const formats = ['stylish', 'json', 'sarif', 'github'];
  const runs: [string, Promise<CliRun>, string?][] = [
    ['stylish', runCli([], { cwd })],
    ['stylish FORCE_COLOR=1', runCli([], { cwd, env: { FORCE_COLOR: '1' } })],
    ['stylish --debug', runCli(['--debug'], { cwd })],
    ...formats.map((f): [string, Promise<CliRun>] => [f, runCli(['--format', f], { cwd })]),
    ...formats.map((f): [string, Promise<CliRun>, string] => [
      `${f} --output`,
      runCli(['--format', f, '--output', `out/report.${f}`], { cwd }),
      `out/report.${f}`,
    ]),
    ...['text', 'json', 'markdown'].map((f): [string, Promise<CliRun>] => [`keys ${f}`, runCli(['keys', '--format', f], { cwd })]),
    ['keys --output', runCli(['keys', '--format', 'markdown', '--output', 'out/keys.md'], { cwd }), 'out/keys.md'],
  ];
  const outputs: Output[] = [];
  for (const [label, pending, file] of runs) {
    outputs.push(...collect(label, await pending));
    if (file) outputs.push({ label: file, text: readFileSync(join(cwd, file), 'utf8') });
  }
  // Written after the reports, so the runs above see no baseline.
  const baseline = await runCli(['--update-baseline'], { cwd });
  outputs.push(...collect('--update-baseline', baseline), { label: 'baseline file', text: readFileSync(join(cwd, 'securestore-audit-baseline.json'), 'utf8') });
  return outputs;
}

function expectNoLeak(outputs: Output[]): void {
  const found = outputs.map(({ label, text }) => ({ label, leaks: leaks(text, SECRETS) })).filter((o) => o.leaks.length > 0);
  expect(found).toEqual([]);
}

describe('what redaction recognises', () => {
  it('secrets of each kind, whole or inside a longer value', () => {
    for (const secret of [S.jwt, S.entropy, S.apiKey, S.mnemonic, PEM_ESCAPED, ...S.pemLines, `cache:${S.jwt}`, `{ key: '${S.apiKey}' }`]) {
      expect(looksLikeSecret(secret), secret).toBe(true);
    }
  });

  it('names stay readable: keys, constants, paths, URLs, sentences', () => {
    for (const name of [
      'auth.accessToken',
      'auth.session.refreshToken',
      'session.v2.refreshToken.user123',
      'wallet.mnemonic',
      'WHEN_UNLOCKED_THIS_DEVICE_ONLY',
      'SecureStore.AFTER_FIRST_UNLOCK_THIS_DEVICE_ONLY',
      'src/components/LoginScreen.tsx',
      'https://api.example.com/v1/auth/refresh',
      'getHTTPResponseHeaderValue',
      'auth.remember.${…}',
      'please keep the token in the keychain of the device and never in plain storage',
    ]) {
      expect(looksLikeSecret(name), name).toBe(false);
    }
  });

  it('a code frame keeps the code and loses only the secrets', () => {
    expect(redactSource(`await SecureStore.setItemAsync('auth.accessToken', '${S.jwt}', OPTIONS); // ${S.apiKey}`)).toBe(
      "await SecureStore.setItemAsync('auth.accessToken', '<redacted>', OPTIONS); // <redacted>",
    );
    expect(redactSource(`setItem(\`user.\${id}\`, \`\${prefix}${S.entropy}\`)`)).toBe('setItem(`user.${id}`, `<redacted>`)');
  });
});

describe('no secret leaves through our output', () => {
  let cwd: string;
  let outputs: Output[];
  beforeAll(async () => {
    cwd = project();
    outputs = await cliOutputs(cwd);
  });

  it('the fixture really produces the findings, with code frames of the secret lines', async () => {
    const run = await runCli(['--format', 'json'], { cwd });
    const [result] = (JSON.parse(run.stdout) as { filePath: string; messages: { line: number; ruleId: string; suggestions?: unknown[] }[] }[]).filter((r) =>
      r.filePath.endsWith('session.ts'),
    );
    SESSION_LINES.forEach(([, rule], index) => {
      if (rule)
        expect(
          result!.messages.map((m) => `${m.line} ${m.ruleId}`),
          `line ${index + 1}`,
        ).toContain(`${index + 1} securestore/${rule}`);
    });
    const stylish = outputs.find((o) => o.label === 'stylish stdout')!.text;
    expect(stylish).toContain("5 |   await SecureStore.setItemAsync('auth.accessToken', '<redacted>');");
    expect(stylish).toContain("7 |   await SecureStore.setItemAsync('auth.walletMnemonic', '<redacted>');");
    expect(stylish).toContain("8 |   await SecureStore.setItemAsync('auth.tlsKey', '<redacted>');");
    expect(stylish).toContain("10 |   await AsyncStorage.setItem('auth.apiToken', `<redacted>`);");
    expect(stylish).toContain("11 |   await SecureStore.setItemAsync('auth.note', prefix); // was '<redacted>', then <redacted>");
    // Key names stay readable.
    expect(stylish).toContain("AsyncStorage.setItem() stores secret key 'auth.refreshToken'");
    // The wallet file has the suggestion whose merged fix would span the secrets.
    expect(stylish).toMatch(/src\/wallet\/backup\.ts\n {2}6:27 {2}error/);
  });

  it('in every format, with and without colour, in --output files, the baseline and the key registry', () => {
    expect(outputs.length).toBeGreaterThan(20);
    expectNoLeak(outputs);
  });

  it('nor when --fix rewrites the files', async () => {
    const fixCwd = project();
    const outputs = [
      ...collect('--fix', await runCli(['--fix'], { cwd: fixCwd })),
      ...collect('--fix json', await runCli(['--fix', '--format', 'json'], { cwd: fixCwd })),
    ];
    expectNoLeak(outputs);
  });

  it('nor when the secret is part of a key', async () => {
    const keyCwd = tempProject({ 'src/cache.ts': cache });
    const outputs: Output[] = [];
    for (const format of ['stylish', 'json', 'sarif', 'github']) {
      const run = await runCli(['--format', format], { cwd: keyCwd });
      expect(run.code).toBe(1); // valid-secure-store-key: ':' in the key, which the message quotes
      outputs.push(...collect(format, run));
    }
    expect(outputs[0]!.text).toContain("SecureStore key '<redacted>' contains ':'");
    expectNoLeak(outputs);
  });

  // A key built from a secret would come out whole in the registry, which is
  // meant to be shared: keys and option values are redacted before formatting.
  it('nor in the key registry when the secret is part of a key', async () => {
    const keyCwd = tempProject({
      'src/cache.ts': `import * as SecureStore from 'expo-secure-store';\nconst TOKEN = '${S.jwt}';\nexport const r = () => SecureStore.getItemAsync(\`cache.\${TOKEN}\`, ${OPTS});\n`,
    });
    const outputs: Output[] = [];
    for (const format of ['text', 'json', 'markdown']) outputs.push(...collect(format, await runCli(['keys', '--format', format], { cwd: keyCwd })));
    expectNoLeak(outputs);
  });

  const lint = async () => {
    const eslintCwd = tempProject({ 'src/auth/session.ts': session, 'src/wallet/backup.ts': backup, 'src/cache.ts': cache });
    const eslint = new ESLint({ cwd: eslintCwd, overrideConfigFile: join(repoRoot, 'test/helpers/eslint.config.js') });
    return { eslint, results: await eslint.lintFiles(['src']) };
  };

  it("nor in the ESLint plugin's messages and suggestions, run by real ESLint", async () => {
    const { eslint, results } = await lint();
    const messages = results.flatMap((r) => r.messages);
    expect(messages.filter((m) => m.fatal)).toEqual([]);
    // The findings on the secret lines, as the CLI reports them.
    expect(messages.map((m) => m.ruleId)).toEqual(
      expect.arrayContaining([
        'securestore/require-keychain-accessible',
        'securestore/no-tokens-in-async-storage',
        'securestore/no-oversized-value',
        'securestore/valid-secure-store-key',
      ]),
    );
    expect(messages.map((m) => m.message)).toContainEqual(expect.stringContaining("SecureStore key '<redacted>' contains ':'"));
    const texts = messages.flatMap((m) => [m.message, ...(m.suggestions ?? []).map((s) => s.desc)]);
    const formatted = await (await eslint.loadFormatter('stylish')).format(results);
    expectNoLeak([
      { label: 'eslint messages', text: texts.join('\n') },
      { label: 'eslint stylish', text: formatted },
    ]);
  });

  // ESLint merges a suggestion's edits into one fix whose text runs from the
  // first edit to the last: in src/wallet/backup.ts, from the named import to
  // the call, over the secret constants between them. ESLint's JSON formatter
  // prints that text, so the plugin leaves out a suggestion (or fix) whose
  // merged text holds a secret, as src/reporters/json.ts does for the CLI.
  it("nor in ESLint's JSON output of the plugin's suggestions", async () => {
    const { eslint, results } = await lint();
    // ESLint's JSON formatter prints each file's whole text as `source` when it has problems: that is
    // ESLint quoting the user's file, with or without our plugin. Everything else must be clean.
    const json = JSON.parse(await (await eslint.loadFormatter('json')).format(results)) as { source?: string }[];
    expect(json.some((r) => r.source !== undefined)).toBe(true);
    const withoutSource = json.map(({ source: _source, ...rest }) => rest);
    expectNoLeak([{ label: 'eslint json', text: JSON.stringify(withoutSource) }]);
  });
});
