import { relative } from 'node:path';

/** The CLI runs whose JSON reports test/golden holds: every TypeScript fixture, the tests' own included. */
export const GOLDEN_RUNS = [
  { name: 'demo-app', args: ['fixtures/demo-app', '--format', 'json'] },
  // The rule fixtures are apps of their own inside this repository: read without the repository around them (its package.json is their app root).
  { name: 'rules', args: ['fixtures/rules', '--format', 'json', '--include-tests', '--no-app-root'] },
];

/** The TypeScript and JavaScript files' reports, each path relative to the repository (`/` separated), one file per line. */
export function normaliseReport(stdout, root) {
  const files = JSON.parse(stdout)
    .map((file) => ({ ...file, filePath: relative(root, file.filePath).split('\\').join('/') }))
    .filter((file) => /\.[cm]?[jt]sx?$/.test(file.filePath));
  return `[\n${files.map((file) => JSON.stringify(file)).join(',\n')}\n]\n`;
}
