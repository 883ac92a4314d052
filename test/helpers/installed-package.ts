import { execFile } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { repoRoot } from './run.js';
import { tempProject } from './temp-project.js';

// The package as a user installs it: `npm pack` of this checkout, installed
// with the real npm into a throwaway project next to the tools that project
// already has. Slow (each install is a real npm install, tens of seconds):
// only the *.slow.test.ts files use it.

const exec = promisify(execFile);
export const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
export const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';

export interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

export async function run(command: string, args: string[], cwd: string): Promise<Run> {
  try {
    const { stdout, stderr } = await exec(command, args, { cwd, maxBuffer: 64 * 1024 * 1024, env: { ...process.env, NO_COLOR: '1' } });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof e.code === 'number' ? e.code : 1, stdout: e.stdout ?? '', stderr: e.stderr ?? '' };
  }
}

/**
 * Packs the built package (dist/ as `npm test` or `npm run build` left it:
 * packing here with the build would rewrite dist/ under the other test files
 * running at the same time) and returns the tarball's path.
 */
export async function packTarball(): Promise<string> {
  if (!existsSync(join(repoRoot, 'dist/src/eslint/plugin.cjs'))) throw new Error('dist/ is missing or stale: run `npm run build` first');
  const packDir = tempProject({});
  const packed = await run(npm, ['pack', '--ignore-scripts', '--pack-destination', packDir, '--silent'], repoRoot);
  if (packed.code !== 0) throw new Error(`npm pack failed: ${packed.stderr}`);
  return join(
    packDir,
    readdirSync(packDir).find((f) => f.endsWith('.tgz'))!,
  );
}

/** `npm install` of the given specs (registry names and the tarball) in `dir`; fails loudly, returns npm's output. */
export async function npmInstall(dir: string, specs: string[]): Promise<Run> {
  const installed = await run(npm, ['install', '--no-audit', '--no-fund', '--prefer-offline', ...specs], dir);
  if (installed.code !== 0) throw new Error(`npm install ${specs.join(' ')} failed:\n${installed.stderr}`);
  return installed;
}

/** npm itself may warn about the machine's npm config or a dependency's engines; only our own output matters. */
export const withoutNpmNoise = (text: string) =>
  text
    .split('\n')
    .filter((l) => l && !l.startsWith('npm warn'))
    .join('\n');
