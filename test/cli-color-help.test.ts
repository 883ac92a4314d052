import { describe, expect, it } from 'vitest';
import { runBinary, runCli } from './helpers/run.js';
import { tempProject } from './helpers/temp-project.js';

// --color and --no-color as ESLint's, and what --help lists.

// eslint-disable-next-line no-control-regex -- an escape sequence is what this finds
const ANSI = /\u001b\[\d+m/;
const NS = "import * as SecureStore from 'expo-secure-store';\n";
const project = () => tempProject({ 'src/a.ts': `${NS}export const save = (v: string) => SecureStore.setItemAsync('auth.token', v);\n` });

describe('--color', () => {
  it('forces colours when stdout is a pipe, and wins over NO_COLOR', async () => {
    const cwd = project();
    const piped = await runBinary(['--rule', 'require-keychain-accessible'], { cwd });
    expect(piped.stdout).not.toMatch(ANSI);
    const forced = await runBinary(['--color', '--rule', 'require-keychain-accessible'], { cwd });
    expect(forced.code).toBe(1);
    expect(forced.stdout).toMatch(ANSI);
    expect((await runCli(['--color', '--rule', 'require-keychain-accessible'], { cwd, env: { NO_COLOR: '1' } })).stdout).toMatch(ANSI);
  });

  it('--no-color wins over FORCE_COLOR', async () => {
    const cwd = project();
    expect((await runCli(['--rule', 'require-keychain-accessible'], { cwd, env: { FORCE_COLOR: '1' } })).stdout).toMatch(ANSI);
    expect((await runCli(['--no-color', '--rule', 'require-keychain-accessible'], { cwd, env: { FORCE_COLOR: '1' } })).stdout).not.toMatch(ANSI);
  });
});

describe('--help', () => {
  it('lists the keys command', async () => {
    const run = await runCli(['--help']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/\nCommands:\n {2}keys \[options\] \[paths\.\.\.\] +list every storage key the app uses/);
    const keys = await runCli(['keys', '--help']);
    expect(keys.stdout).toMatch(/^Usage: securestore-audit keys \[options\] \[paths\.\.\.\]/);
  });
});
