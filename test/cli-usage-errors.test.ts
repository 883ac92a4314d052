import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runBinary, runCli } from './helpers/run.js';
import { tempProject } from './helpers/temp-project.js';

// Usage errors a user makes with the options: one line on stderr, exit 2, nothing written.

const NS = "import * as SecureStore from 'expo-secure-store';\n";
const finding = `${NS}export const save = (v: string) => SecureStore.setItemAsync('auth.token', v);\n`;

describe('-o to a path that cannot be a file', () => {
  it('a directory: one-line usage error, exit 2, nothing written', async () => {
    const cwd = tempProject({ 'src/a.ts': finding });
    mkdirSync(join(cwd, 'reports'));
    for (const flag of ['-o', '--output', '--output-file']) {
      const run = await runBinary([flag, 'reports', '--format', 'json'], { cwd });
      expect(run).toEqual({ code: 2, stdout: '', stderr: 'securestore-audit: reports: is a directory; -o needs a file path\n' });
    }
    expect(readdirSync(join(cwd, 'reports'))).toEqual([]);
  });

  it('a path under a file: one-line usage error, exit 2, nothing written', async () => {
    const cwd = tempProject({ 'src/a.ts': finding, 'report.json': '' });
    for (const target of ['report.json/out.json', 'report.json/deeper/out.json']) {
      const run = await runCli(['-o', target], { cwd });
      expect(run).toEqual({ code: 2, stdout: '', stderr: `securestore-audit: ${target}: report.json is a file, not a folder\n` });
    }
    expect(readdirSync(cwd).sort()).toEqual(['report.json', 'src']);
  });

  it('is checked before --update-baseline writes its file', async () => {
    const cwd = tempProject({ 'src/a.ts': finding });
    mkdirSync(join(cwd, 'out'));
    const run = await runCli(['--update-baseline', '-o', 'out'], { cwd });
    expect(run.code).toBe(2);
    expect(existsSync(join(cwd, 'securestore-audit-baseline.json'))).toBe(false);
  });

  it('the keys command checks it the same way', async () => {
    const cwd = tempProject({ 'src/a.ts': finding });
    mkdirSync(join(cwd, 'reports'));
    expect(await runCli(['keys', '-o', 'reports'], { cwd })).toEqual({
      code: 2,
      stdout: '',
      stderr: 'securestore-audit: reports: is a directory; -o needs a file path\n',
    });
  });

  it('a new folder for the report is still made', async () => {
    const cwd = tempProject({ 'src/a.ts': finding });
    writeFileSync(join(cwd, 'keep.txt'), '');
    const run = await runCli(['-o', 'reports/deep/out.json', '--format', 'json'], { cwd });
    expect(run.code).toBe(1);
    expect(readdirSync(join(cwd, 'reports/deep'))).toEqual(['out.json']);
  });
});

describe("commander's suggestion", () => {
  it('prints on the error line, without a literal \\n', async () => {
    const run = await runBinary(['--formt', 'json'], { cwd: tempProject({ 'a.ts': '' }) });
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe("error: unknown option '--formt' (Did you mean --format?)\n(run with --help for usage)\n");
  });

  it('a typed newline is still shown, not sent', async () => {
    const run = await runCli(['--formt\n(Did you mean --x?)'], { cwd: tempProject({ 'a.ts': '' }) });
    expect(run.code).toBe(2);
    expect(run.stderr.split('\n')[0]).toBe("error: unknown option '--formt\\n(Did you mean --x?)'");
  });
});
