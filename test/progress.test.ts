import { execFile } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { binPath, runBinary, runCli } from './helpers/run.js';
import { tempProject } from './helpers/temp-project.js';

// A progress bar is for people watching a terminal: it appears on a TTY for
// large projects and never pollutes piped or quiet output.

function largeProject(count: number): string {
  const files: Record<string, string> = {};
  for (let i = 0; i < count; i++) {
    // Each file owns its own key, so the project is clean for every rule.
    files[`src/f${i}.ts`] =
      `// SecureStore prefix: auth.k${i}\nimport * as SecureStore from 'expo-secure-store';\nexport const r${i} = () => SecureStore.getItemAsync('auth.k${i}', { keychainAccessible: SecureStore.WHEN_UNLOCKED_THIS_DEVICE_ONLY });\n`;
  }
  return tempProject(files);
}

/** Runs the CLI under a pseudo-terminal (util-linux `script`), as a person would. */
function runInTerminal(args: string[], cwd: string): Promise<string> {
  const command = [process.execPath, binPath, ...args].map((a) => `'${a}'`).join(' ');
  return new Promise((resolve) => {
    execFile('script', ['-q', '-e', '-c', command, '/dev/null'], { cwd, env: { ...process.env, NO_COLOR: '1' } }, (_error, stdout) => resolve(stdout));
  });
}

describe('progress and --debug', () => {
  const cwd = largeProject(320);

  it('shows files done / total on a terminal for a large project', async () => {
    const screen = await runInTerminal([], cwd);
    expect(screen).toContain('files 320/320');
    expect(screen).toMatch(/\[#+\]/);
  });

  it('prints nothing on stderr when not a terminal, or with --quiet on a terminal', async () => {
    // A real pipe, as CI gives the executable.
    const piped = await runBinary([], { cwd });
    expect(piped).toEqual({ code: 0, stdout: '', stderr: '' });
    const quiet = await runInTerminal(['--quiet'], cwd);
    expect(quiet).not.toContain('files ');
  });

  it('--debug prints timings per phase and per rule', async () => {
    const run = await runCli(['--debug'], { cwd });
    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(/320 files found, 320 read, 320 relevant, 320 parsed, 0 skipped without parsing/);
    for (const phase of ['discover', 'read', 'prefilter', 'parse', 'rule:require-keychain-accessible']) {
      expect(run.stderr).toMatch(new RegExp(`\\n  ${phase} +\\d+\\.\\d ms`));
    }
  });
});
