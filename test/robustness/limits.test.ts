import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/run.js';
import { tempProject } from '../helpers/temp-project.js';

// Limits: a file too large, binary, or too slow to analyse is reported as
// skipped (with the reason) and the rest of the audit goes on.

const MISSING_OPTIONS = "import * as SecureStore from 'expo-secure-store';\nexport const save = (t: string) => SecureStore.setItemAsync('token', t);\n";

interface Message {
  ruleId: string | null;
  severity: number;
  message: string;
}

async function audit(cwd: string, args: string[] = []) {
  const run = await runCli(['--format', 'json', '--rule', 'require-keychain-accessible', ...args], { cwd });
  const results = JSON.parse(run.stdout) as { filePath: string; messages: Message[] }[];
  const of = (name: string) => results.find((r) => r.filePath.endsWith(name))?.messages ?? [];
  return { run, of };
}

/** A valid 1.5 MB module whose first line is a finding. */
function largeModule(): string {
  const filler = Array.from({ length: 30_000 }, (_, i) => `export const value${i} = ${i} * 2 + 1; // padding`).join('\n');
  return `${MISSING_OPTIONS}${filler}\n`;
}

describe('--max-file-size', () => {
  it('skips files over 1 MB by default, with the sizes in the message, and audits the rest', async () => {
    const cwd = tempProject({ 'big.ts': largeModule(), 'small.ts': MISSING_OPTIONS });
    const { run, of } = await audit(cwd);
    expect(run.code).toBe(1); // small.ts still has its error
    expect(of('small.ts').map((m) => m.ruleId)).toEqual(['securestore/require-keychain-accessible']);
    expect(of('big.ts')).toEqual([
      expect.objectContaining({
        ruleId: null,
        severity: 1,
        message: expect.stringMatching(/^File skipped: 1\.\d MB is larger than --max-file-size \(1\.0 MB\)\.$/),
      }),
    ]);
  });

  it('shows the size with enough precision to differ from the limit', async () => {
    const justOver = MISSING_OPTIONS + '//'.padEnd(1_010 - MISSING_OPTIONS.length - 1, 'x') + '\n';
    const cwd = tempProject({ 'over.ts': justOver });
    const { of } = await audit(cwd, ['--max-file-size', '1000']);
    expect(of('over.ts')).toEqual([expect.objectContaining({ message: 'File skipped: 0.99 KB is larger than --max-file-size (0.98 KB).' })]);
    const { of: ofBig } = await audit(tempProject({ 'big.ts': MISSING_OPTIONS + '//'.padEnd(1024 * 1024 + 10 - MISSING_OPTIONS.length - 1, 'x') + '\n' }));
    expect(ofBig('big.ts')).toEqual([expect.objectContaining({ message: 'File skipped: 1048586 bytes is larger than --max-file-size (1048576 bytes).' })]);
  });

  it('the text summary counts skipped files apart from unused disable directives', async () => {
    const cwd = tempProject({ 'big.ts': largeModule(), 'small.ts': MISSING_OPTIONS });
    const run = await runCli(['--rule', 'require-keychain-accessible'], { cwd });
    expect(run.stdout).toMatch(/^ +1 {2}skipped files$/m);
    expect(run.stdout).not.toContain('unused disable directives');
  });

  it('audits a large file when the limit allows it', async () => {
    const cwd = tempProject({ 'big.ts': largeModule() });
    const { of } = await audit(cwd, ['--max-file-size', '4mb']);
    expect(of('big.ts').map((m) => m.ruleId)).toEqual(['securestore/require-keychain-accessible']);
  });

  it('rejects a size it cannot read with exit 2 and one line', async () => {
    const run = await runCli(['--max-file-size', 'lots'], { cwd: tempProject({ 'a.ts': MISSING_OPTIONS }) });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("option '--max-file-size <size>' argument 'lots' is invalid. expected a size such as 1048576, 500kb or 2mb.");
  });
});

describe('binary files', () => {
  it('skips a binary file named .ts and audits the rest', async () => {
    const cwd = tempProject({ 'small.ts': MISSING_OPTIONS });
    const bytes = Buffer.alloc(4096);
    for (let i = 0; i < bytes.length; i++) bytes[i] = (i * 7919) % 256;
    writeFileSync(join(cwd, 'image.ts'), bytes);
    const { of } = await audit(cwd);
    expect(of('image.ts')).toEqual([
      expect.objectContaining({ ruleId: null, message: 'File skipped: binary content (NUL bytes), not JavaScript or TypeScript source.' }),
    ]);
    expect(of('small.ts').map((m) => m.ruleId)).toEqual(['securestore/require-keychain-accessible']);
  });
});

describe('declaration files', () => {
  it('notes a .d.ts named on the command line and audits the rest', async () => {
    const cwd = tempProject({ 'types.d.ts': 'declare const x: number;\n', 'small.ts': MISSING_OPTIONS });
    const { run, of } = await audit(cwd, ['types.d.ts', 'small.ts']);
    expect(run.code).toBe(1);
    expect(of('types.d.ts')).toEqual([
      expect.objectContaining({ ruleId: null, severity: 1, message: 'File skipped: a declaration file (.d.ts) holds no code to audit.' }),
    ]);
    expect(of('small.ts').map((m) => m.ruleId)).toEqual(['securestore/require-keychain-accessible']);
  });
});

describe('--max-file-time', () => {
  it('stops the analysis of a file over its budget and names the rules that did not finish', async () => {
    // Enough code that the rule checks the clock (every 256 calls or nodes) after the budget of 0 ms.
    const body = Array.from({ length: 400 }, (_, i) => `export const f${i} = (a: number) => [a, a + 1, a * 2].map((x) => x + ${i});`).join('\n');
    const cwd = tempProject({ 'slow.ts': `${MISSING_OPTIONS}${body}\n`, 'small.ts': MISSING_OPTIONS });
    const { run, of } = await audit(cwd, ['--max-file-time', '0']);
    expect(run.code).toBe(1);
    const slow = of('slow.ts');
    expect(slow).toContainEqual(
      expect.objectContaining({
        ruleId: null,
        severity: 1,
        message: expect.stringMatching(
          /^Not fully analysed: this file took \d+ ms, over the --max-file-time budget of 0 ms; rules not finished: require-keychain-accessible\.$/,
        ),
      }),
    );
    // The budget is per file: the other file got its own.
    expect(of('small.ts').some((m) => m.ruleId === null)).toBe(true);
  });

  it('leaves a file over its budget out of the project-wide rules, and says so', async () => {
    const opts = '{ keychainAccessible: SecureStore.WHEN_UNLOCKED_THIS_DEVICE_ONLY }';
    const body = Array.from({ length: 400 }, (_, i) => `export const f${i} = (a: number) => [a, a + 1, a * 2].map((x) => x + ${i});`).join('\n');
    const text = `// SecureStore prefix: auth.*\nimport * as SecureStore from 'expo-secure-store';\nexport const save = (t: string) => SecureStore.setItemAsync('auth.token', t, ${opts});\n${body}\n`;
    const cwd = tempProject({ 'session.ts': text });
    const run = async (args: string[]) => {
      const result = await runCli(['--format', 'json', '--rule', 'require-sign-out-cleanup', ...args], { cwd });
      return (JSON.parse(result.stdout) as { messages: Message[] }[])[0]!.messages;
    };
    // Within budget: the key is written and never deleted.
    expect((await run([])).map((m) => m.ruleId)).toEqual(['securestore/require-sign-out-cleanup']);
    const over = await run(['--max-file-time', '0']);
    expect(over.map((m) => m.ruleId)).toEqual([null]);
    expect(over[0]!.message).toMatch(/^Not fully analysed: this file (took \d+ ms, over|is over) the --max-file-time budget of 0 ms/);
  });

  it('the help, the notes and the stylish summary say it the same way: not fully analysed, --max-file-time', async () => {
    const body = Array.from({ length: 400 }, (_, i) => `export const f${i} = (a: number) => [a, a + 1, a * 2].map((x) => x + ${i});`).join('\n');
    const cwd = tempProject({ 'slow.ts': `${MISSING_OPTIONS}${body}\n` });
    const help = (await runCli(['--help'])).stdout.replace(/\s+/g, ' ');
    expect(help).toMatch(/--max-file-time <ms> time budget per file, in ms; a file over it is reported as not fully analysed/);
    const stylish = await runCli(['--max-file-time', '0', '--no-color'], { cwd });
    expect(stylish.stdout).toMatch(
      / {2}1:1 {2}warning {2}Not fully analysed: this file took \d+ ms, over the --max-file-time budget of 0 ms; rules not finished: /,
    );
    expect(stylish.stdout).toMatch(/\n +1 {2}files not fully analysed \(--max-file-time\)\n/);
  });

  it('finishes normally under the default budget', async () => {
    const cwd = tempProject({ 'small.ts': MISSING_OPTIONS });
    const { of } = await audit(cwd);
    expect(of('small.ts').map((m) => m.ruleId)).toEqual(['securestore/require-keychain-accessible']);
  });
});
