// tsc compiles only .ts files: copy the hand-written CommonJS loaders
// (of `typescript`, of ajv on demand, the CLI's code cache of the compiler, its runner of git, and the
// ESLint plugin's CommonJS entry) and their types beside the build output.
import { copyFileSync } from 'node:fs';

for (const path of [
  'core/typescript.cjs',
  'core/typescript.d.cts',
  'audit/ajv-loader.cjs',
  'audit/ajv-loader.d.cts',
  'cli/compile-cache.cjs',
  'audit/git.cjs',
  'audit/git.d.cts',
  'eslint/plugin.cjs',
  'eslint/plugin.d.cts',
]) {
  copyFileSync(`src/${path}`, `dist/src/${path}`);
}
