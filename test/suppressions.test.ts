import { join } from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';
import { repoRoot, runCli } from './helpers/run.js';
import { tempProject } from './helpers/temp-project.js';

const HEAD = "// SecureStore prefix: auth.*\nimport * as SecureStore from 'expo-secure-store';\n";

async function audit(code: string) {
  const cwd = tempProject({ 'a.ts': HEAD + code });
  const run = await runCli(['--format', 'json', '--rule', 'require-keychain-accessible'], { cwd });
  const [result] = JSON.parse(run.stdout);
  return { run, result };
}

const lines = (messages: { line: number; ruleId: string | null }[]) => messages.map((m) => `${m.line} ${m.ruleId}`);

describe('in-source suppressions', () => {
  it('disable-next-line with a reason suppresses only the next line', async () => {
    const { run, result } = await audit(
      "// securestore-audit-disable-next-line require-keychain-accessible -- legacy key, migrated in v3\nSecureStore.setItemAsync('auth.a', '');\nSecureStore.setItemAsync('auth.b', '');\n",
    );
    expect(run.code).toBe(1);
    expect(lines(result.messages)).toEqual(['5 securestore/require-keychain-accessible']);
    expect(result.suppressedMessages).toHaveLength(1);
    expect(result.suppressedMessages[0]).toMatchObject({
      line: 4,
      suppressions: [{ kind: 'directive', justification: 'legacy key, migrated in v3' }],
    });
  });

  it('block disable … enable covers the lines between', async () => {
    const { result } = await audit(
      "/* securestore-audit-disable require-keychain-accessible */\nSecureStore.setItemAsync('auth.a', '');\nSecureStore.setItemAsync('auth.b', '');\n/* securestore-audit-enable */\nSecureStore.setItemAsync('auth.c', '');\n",
    );
    expect(lines(result.messages)).toEqual(['7 securestore/require-keychain-accessible']);
    expect(result.suppressedMessages.map((m: { line: number }) => m.line)).toEqual([4, 5]);
  });

  it("honours ESLint's comments for our rules, so one comment works in both front-ends", async () => {
    const { run, result } = await audit(
      "// eslint-disable-next-line securestore/require-keychain-accessible\nSecureStore.setItemAsync('auth.a', '');\nSecureStore.setItemAsync('auth.b', ''); // eslint-disable-line securestore/require-keychain-accessible\n",
    );
    expect(run.code).toBe(0);
    expect(result.messages).toEqual([]);
    expect(result.suppressedMessages).toHaveLength(2);
  });

  it("ignores ESLint comments about other plugins' rules", async () => {
    const { result } = await audit("// eslint-disable-next-line no-console\nSecureStore.setItemAsync('auth.a', '');\n");
    expect(lines(result.messages)).toEqual(['4 securestore/require-keychain-accessible']);
  });

  it('a comment that names another rule does not suppress', async () => {
    const { result } = await audit("// securestore-audit-disable-next-line no-oversized-value\nSecureStore.setItemAsync('auth.a', '');\n");
    expect(lines(result.messages)).toEqual(['4 securestore/require-keychain-accessible']);
  });

  it('reports an unused suppression as a warning', async () => {
    const { run, result } = await audit(
      '// securestore-audit-disable-next-line require-keychain-accessible\nexport const x = 1;\n// eslint-disable-next-line securestore/require-keychain-accessible\nexport const y = 2;\n',
    );
    expect(run.code).toBe(0);
    expect(result.warningCount).toBe(2);
    expect(result.messages.map((m: { ruleId: null; line: number; message: string }) => [m.ruleId, m.line, m.message])).toEqual([
      [null, 3, "Unused securestore-audit-disable-next-line directive (no problems were reported from 'securestore/require-keychain-accessible')."],
      [null, 5, "Unused eslint-disable-next-line directive (no problems were reported from 'securestore/require-keychain-accessible')."],
    ]);
  });

  it('a directive inside a string is not a directive', async () => {
    const { result } = await audit("const s = '// securestore-audit-disable-next-line';\nSecureStore.setItemAsync('auth.a', '');\n");
    expect(lines(result.messages)).toEqual(['4 securestore/require-keychain-accessible']);
  });
});

// The plugin reads our own comments itself (ESLint knows only its
// eslint-disable ones): the same file, linted by real ESLint with the flat
// config a user writes, must lose the same findings as in the CLI.
describe('securestore-audit-disable comments under the ESLint plugin', () => {
  async function lint(code: string) {
    const cwd = tempProject({ 'a.ts': HEAD + code });
    const eslint = new ESLint({ cwd, overrideConfigFile: join(repoRoot, 'test/helpers/eslint.config.js') });
    const [result] = await eslint.lintFiles(['a.ts']);
    const cli = JSON.parse((await runCli(['--format', 'json', '--rule', 'require-keychain-accessible'], { cwd })).stdout)[0];
    const ours = (messages: { line: number; ruleId: string | null }[]) => lines(messages.filter((m) => m.ruleId === 'securestore/require-keychain-accessible'));
    return { eslint: ours(result!.messages), cli: ours(cli.messages) };
  }

  it('disable-next-line (with a reason) and disable-line suppress only their line', async () => {
    const found = await lint(
      "// securestore-audit-disable-next-line require-keychain-accessible -- legacy key, migrated in v3\nSecureStore.setItemAsync('auth.a', '');\nSecureStore.setItemAsync('auth.b', '');\nSecureStore.setItemAsync('auth.c', ''); // securestore-audit-disable-line require-keychain-accessible\n",
    );
    expect(found.eslint).toEqual(['5 securestore/require-keychain-accessible']);
    expect(found.cli).toEqual(found.eslint);
  });

  it('block disable … enable covers the lines between', async () => {
    const found = await lint(
      "/* securestore-audit-disable require-keychain-accessible */\nSecureStore.setItemAsync('auth.a', '');\nSecureStore.setItemAsync('auth.b', '');\n/* securestore-audit-enable */\nSecureStore.setItemAsync('auth.c', '');\n",
    );
    expect(found.eslint).toEqual(['7 securestore/require-keychain-accessible']);
    expect(found.cli).toEqual(found.eslint);
  });

  it('a comment that names another rule does not suppress', async () => {
    const found = await lint("// securestore-audit-disable-next-line no-oversized-value\nSecureStore.setItemAsync('auth.a', '');\n");
    expect(found.eslint).toEqual(['4 securestore/require-keychain-accessible']);
    expect(found.cli).toEqual(found.eslint);
  });
});
