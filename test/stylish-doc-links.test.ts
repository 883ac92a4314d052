import { describe, expect, it } from 'vitest';
import { runBinary, runCli } from './helpers/run.js';
import { tempProject } from './helpers/temp-project.js';

// The rows say what is wrong in one sentence; why it matters is in each
// rule's doc, linked once per rule in the summary.

const DOCS = 'https://github.com/securestore-audit/securestore-audit/blob/main/docs/rules/';
const NS = "import * as SecureStore from 'expo-secure-store';\n";
const TWO_RULES =
  '// SecureStore prefix: auth.*\n' +
  NS +
  "export const a = () => SecureStore.setItemAsync('auth.a', '');\n" +
  "export const b = () => SecureStore.setItemAsync('auth.b', '');\n" +
  "export const c = () => SecureStore.setItemAsync('auth:c', '', { keychainAccessible: SecureStore.WHEN_UNLOCKED_THIS_DEVICE_ONLY });\n";

const linkLines = (stdout: string) => stdout.split('\n').filter((line) => line.includes(DOCS));

describe('stylish: doc links in the summary', () => {
  it('prints each reporting rule’s doc link once, after the counts, rows unchanged', async () => {
    const cwd = tempProject({ 'src/a.ts': TWO_RULES, 'src/b.ts': NS + "export const d = () => SecureStore.setItemAsync('auth.d', '');\n" });
    const run = await runBinary(['--rule', 'require-keychain-accessible', '--rule', 'valid-secure-store-key'], { cwd });
    expect(run.code).toBe(1);
    const lines = run.stdout.split('\n');
    const summary = lines.findIndex((line) => line.startsWith('✖ '));
    expect(summary).toBeGreaterThan(0);
    // Three findings of one rule in two files, one of another: two links, in the order of the counts.
    expect(linkLines(run.stdout)).toEqual([
      `  securestore/require-keychain-accessible  ${DOCS}require-keychain-accessible.md`,
      `  securestore/valid-secure-store-key       ${DOCS}valid-secure-store-key.md`,
    ]);
    expect(lines.findIndex((line) => line.includes(DOCS))).toBeGreaterThan(summary);
    expect(lines.slice(summary + 1, summary + 3)).toEqual(['     3  securestore/require-keychain-accessible', '     1  securestore/valid-secure-store-key']);
    // The rows keep their shape: position, level, message, rule id; no URL.
    const rows = lines.filter((line) => /^ {2}\d+:\d+ {2}(error|warning)/.test(line));
    expect(rows).toHaveLength(4);
    for (const row of rows) expect(row).not.toContain('https://');
  });

  it('links no rule whose findings were all suppressed, and prints no summary when nothing is reported', async () => {
    const cwd = tempProject({
      'src/a.ts':
        '// SecureStore prefix: auth.*\n' +
        NS +
        '// securestore-audit-disable-next-line require-keychain-accessible -- reviewed\n' +
        "export const a = () => SecureStore.setItemAsync('auth.a', '');\n",
    });
    const run = await runCli(['--rule', 'require-keychain-accessible'], { cwd });
    expect(run).toMatchObject({ code: 0, stdout: '' });
  });

  it('gives notes of the tool no link', async () => {
    const cwd = tempProject({
      'src/a.ts':
        '// SecureStore prefix: auth.*\n' +
        NS +
        "// securestore-audit-disable-next-line no-oversized-value\nexport const a = () => SecureStore.setItemAsync('auth.a', '');\n",
    });
    const run = await runCli(['--rule', 'require-keychain-accessible', '--rule', 'no-oversized-value'], { cwd });
    expect(run.stdout).toContain('unused disable directives');
    expect(linkLines(run.stdout)).toEqual([`  securestore/require-keychain-accessible  ${DOCS}require-keychain-accessible.md`]);
  });
});
