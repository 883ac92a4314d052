import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { git } from './helpers/git-repo.js';
import { binPath, fixturesDir, repoRoot } from './helpers/run.js';

// The composite action (action.yml), run as the runner would: its YAML
// parsed, the `${{ }}` expressions its steps use filled in, and each `run`
// step executed by bash with the variables a runner sets (GITHUB_OUTPUT,
// GITHUB_WORKSPACE, GITHUB_ACTION_PATH, RUNNER_TEMP).

// js-yaml is a devDependency without bundled types; only load() is used.
const require = createRequire(import.meta.url);
const yaml = require('js-yaml') as { load: (text: string) => unknown };

interface Step {
  id?: string;
  if?: string;
  uses?: string;
  run?: string;
  shell?: string;
  'working-directory'?: string;
  env?: Record<string, string>;
  with?: Record<string, string>;
}
interface Action {
  inputs: Record<string, { default?: string }>;
  outputs: Record<string, { value: string }>;
  runs: { using: string; steps: Step[] };
}

const action = yaml.load(readFileSync(join(repoRoot, 'action.yml'), 'utf8')) as Action;
const version = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')).version as string;

/** Fills in the only expressions the action's values use: inputs.* and steps.audit.outputs.*. */
function expand(text: string, inputs: Record<string, string>, outputs: Record<string, string>): string {
  return text.replace(/\$\{\{\s*([\w.-]+)\s*\}\}/g, (_m, name: string) => {
    if (name.startsWith('inputs.')) return inputs[name.slice(7)] ?? '';
    if (name.startsWith('steps.audit.outputs.')) return outputs[name.slice(20)] ?? '';
    throw new Error(`unexpected expression ${name}`);
  });
}

function readOutputs(file: string): Record<string, string> {
  const outputs: Record<string, string> = {};
  for (const line of readFileSync(file, 'utf8').split('\n').filter(Boolean)) {
    const at = line.indexOf('=');
    outputs[line.slice(0, at)] = line.slice(at + 1);
  }
  return outputs;
}

/** The workspaces this file made: removed when it ends. */
const made: string[] = [];
afterAll(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

/** A workspace holding a copy of the demo app in `app/`, with securestore-audit installed as its devDependency would be. */
function workspace(installed = true): { root: string; app: string; temp: string } {
  const root = mkdtempSync(join(tmpdir(), 'ssa-action-'));
  made.push(root);
  const app = join(root, 'app');
  cpSync(join(fixturesDir, 'demo-app'), app, { recursive: true });
  if (installed) {
    mkdirSync(join(app, 'node_modules/.bin'), { recursive: true });
    writeFileSync(join(app, 'node_modules/.bin/securestore-audit'), `#!/bin/sh\nexec "${process.execPath}" "${binPath}" "$@"\n`);
    chmodSync(join(app, 'node_modules/.bin/securestore-audit'), 0o755);
  }
  const temp = join(root, 'runner-temp');
  mkdirSync(temp);
  return { root, app, temp };
}

interface StepRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the action's steps in order; a `uses` step is recorded, not run. */
function runAction(given: Record<string, string>, ws: { root: string; temp: string }, extraEnv: NodeJS.ProcessEnv = {}) {
  const inputs: Record<string, string> = {};
  for (const [name, spec] of Object.entries(action.inputs)) inputs[name] = given[name] ?? spec.default ?? '';
  const outputFile = join(ws.temp, 'github-output');
  writeFileSync(outputFile, '');
  let outputs: Record<string, string> = {};
  const runs: StepRun[] = [];
  const uses: Step[] = [];
  for (const step of action.runs.steps) {
    if (step.uses) {
      uses.push({ ...step, with: Object.fromEntries(Object.entries(step.with ?? {}).map(([k, v]) => [k, expand(v, inputs, outputs)])) });
      continue;
    }
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      NO_COLOR: undefined,
      FORCE_COLOR: undefined,
      GITHUB_OUTPUT: outputFile,
      GITHUB_WORKSPACE: ws.root,
      GITHUB_ACTION_PATH: repoRoot,
      RUNNER_TEMP: ws.temp,
      ...extraEnv,
    };
    for (const [k, v] of Object.entries(step.env ?? {})) env[k] = expand(v, inputs, outputs);
    const cwd = join(ws.root, expand(step['working-directory'] ?? '.', inputs, outputs));
    const result = spawnSync('bash', ['-e', '-c', step.run!], { cwd, env, encoding: 'utf8' });
    runs.push({ code: result.status ?? -1, stdout: result.stdout, stderr: result.stderr });
    outputs = readOutputs(outputFile);
  }
  return { runs, uses, outputs };
}

describe('the GitHub Action (action.yml)', () => {
  it('is a composite action: audit, upload the SARIF log, then fail with the audit’s exit code', () => {
    expect(action.runs.using).toBe('composite');
    const [audit, upload, finish] = action.runs.steps;
    expect(action.runs.steps).toHaveLength(3);
    expect(audit!.id).toBe('audit');
    expect(upload!.uses).toBe('github/codeql-action/upload-sarif@v4');
    // Each step after the audit runs whatever happened before it, or a failed audit would skip the upload.
    expect(upload!.if).toMatch(/^always\(\) && inputs\.upload-sarif == 'true'/);
    expect(finish!.if).toMatch(/^always\(\)/);
    for (const step of action.runs.steps.filter((s) => s.run)) expect(step.shell).toBe('bash');
    // Inputs reach the shell as variables, not spliced into the script.
    for (const step of action.runs.steps) expect(step.run ?? '').not.toContain('${{');
    expect(Object.keys(action.inputs).sort()).toEqual([
      'annotate',
      'args',
      'category',
      'changed-since',
      'paths',
      'sarif-file',
      'upload-sarif',
      'version',
      'working-directory',
    ]);
    expect(action.inputs['upload-sarif']!.default).toBe('true');
    expect(action.inputs.annotate!.default).toBe('true');
    expect(Object.keys(action.outputs).sort()).toEqual(['exit-code', 'sarif-file']);
  });

  it('on the demo app: writes the SARIF log, annotates, uploads, and keeps exit code 1 for the last step', () => {
    const ws = workspace();
    const { runs, uses, outputs } = runAction({ 'working-directory': 'app' }, ws);
    expect(runs[0]!.stderr).toBe('');
    expect(runs[0]!.code).toBe(0);
    expect(outputs).toEqual({ 'exit-code': '1', 'sarif-file': 'app/securestore-audit.sarif' });
    const log = JSON.parse(readFileSync(join(ws.root, outputs['sarif-file']!), 'utf8'));
    expect(log.version).toBe('2.1.0');
    const results = log.runs[0].results as { ruleId: string }[];
    expect(results.length).toBeGreaterThan(3);
    // One annotation per unsuppressed result, in the step's log.
    const annotations = runs[0]!.stdout.split('\n').filter((line) => /^::(error|warning) file=/.test(line));
    expect(annotations.length).toBe(results.filter((r) => !('suppressions' in r)).length);
    // Relative to the repository's root (GITHUB_WORKSPACE), not to working-directory: GitHub places them on the checkout's files.
    expect(annotations.some((a) => a.startsWith('::error file=app/lib/installId.ts,line=17,'))).toBe(true);
    expect(log.runs[0].originalUriBaseIds['%SRCROOT%'].uri).toBe(pathToFileURL(`${ws.root}/`).href);
    const uris = (log.runs[0].results as { locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }[]).map(
      (r) => r.locations[0]!.physicalLocation.artifactLocation.uri,
    );
    expect(uris).toContain('app/lib/installId.ts');
    // The first run wrote the cache the annotation run reads.
    expect(existsSync(join(ws.temp, 'securestore-audit-cache'))).toBe(true);
    expect(uses).toHaveLength(1);
    expect(uses[0]!.with).toEqual({ sarif_file: 'app/securestore-audit.sarif', category: 'securestore-audit' });
    expect(runs[1]!.code).toBe(1);
  });

  it('with annotate off prints no annotation; a clean app ends with 0', () => {
    const ws = workspace();
    writeFileSync(join(ws.app, 'securestore-audit.config.json'), JSON.stringify({ rules: Object.fromEntries(ruleIds().map((id) => [id, 'off'])) }));
    const { runs, outputs } = runAction({ 'working-directory': 'app', annotate: 'false' }, ws);
    expect(runs[0]!.stdout).not.toMatch(/^::/m);
    expect(outputs['exit-code']).toBe('0');
    expect(runs[1]!.code).toBe(0);
  });

  it('changed-since: the log, the annotations and the exit code hold only the findings on lines changed since that revision', () => {
    // A pull request as the runner checks it out with fetch-depth 0: the base commit, then the branch's commit on top.
    const ws = workspace();
    writeFileSync(join(ws.root, '.gitignore'), 'runner-temp/\nnode_modules/\n*.sarif\n');
    git(ws.root, 'init', '-q', '-b', 'main');
    git(ws.root, 'config', 'user.email', 'test@example.com');
    git(ws.root, 'config', 'user.name', 'Test');
    git(ws.root, 'config', 'commit.gpgsign', 'false');
    git(ws.root, 'add', '-A');
    git(ws.root, 'commit', '-q', '-m', 'base');
    const base = git(ws.root, 'rev-parse', 'HEAD').trim();
    const file = join(ws.app, 'lib/installId.ts');
    const text = readFileSync(file, 'utf8');
    const write = "  await SecureStore.setItemAsync('device.installId', id); // expect: require-keychain-accessible\n";
    expect(text).toContain(write);
    // The branch adds a second write without keychainAccessible, as line 18.
    writeFileSync(file, text.replace(write, `${write}  await SecureStore.setItemAsync('device.installId.copy', id);\n`));
    git(ws.root, 'commit', '-q', '-am', 'branch');

    const { runs, outputs } = runAction({ 'working-directory': 'app', 'changed-since': base }, ws);
    expect(runs[0]!.stderr).toBe('');
    expect(outputs['exit-code']).toBe('1');
    const log = JSON.parse(readFileSync(join(ws.root, outputs['sarif-file']!), 'utf8'));
    const located = (
      log.runs[0].results as { ruleId: string; locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }[] }[]
    ).map((r) => `${r.locations[0]!.physicalLocation.artifactLocation.uri}:${r.locations[0]!.physicalLocation.region.startLine} ${r.ruleId}`);
    // The new line's finding, and the file's missing prefix header (a finding about the file, reported when it changed at all).
    expect(located).toEqual(['app/lib/installId.ts:13 securestore/require-prefix-header', 'app/lib/installId.ts:18 securestore/require-keychain-accessible']);
    const annotations = runs[0]!.stdout.split('\n').filter((line) => /^::(error|warning) file=/.test(line));
    expect(annotations).toHaveLength(2);
    expect(annotations[1]).toMatch(/^::error file=app\/lib\/installId\.ts,line=18,/);
    expect(runs[1]!.code).toBe(1);

    // Without the input, the whole app is reported, as before.
    const whole = runAction({ 'working-directory': 'app' }, ws);
    const all = JSON.parse(readFileSync(join(ws.root, whole.outputs['sarif-file']!), 'utf8')).runs[0].results as unknown[];
    expect(all.length).toBeGreaterThan(3);
  });

  it('a usage error keeps exit code 2 and uploads nothing', () => {
    const ws = workspace();
    const { runs, outputs } = runAction({ 'working-directory': 'app', args: '--no-such-option' }, ws);
    expect(outputs).toEqual({ 'exit-code': '2', 'sarif-file': '' });
    expect(runs[0]!.stderr).toContain('--no-such-option');
    expect(runs[1]!.code).toBe(2);
  });

  it('without the devDependency, runs this action’s own version with npx; `version` picks another', () => {
    const ws = workspace(false);
    const fakeBin = join(ws.temp, 'bin');
    mkdirSync(fakeBin);
    const calls = join(ws.temp, 'npx-calls');
    writeFileSync(join(fakeBin, 'npx'), `#!/bin/sh\necho "$@" >> "${calls}"\n`);
    chmodSync(join(fakeBin, 'npx'), 0o755);
    const env = { PATH: `${fakeBin}:${process.env.PATH}` };
    runAction({ 'working-directory': 'app', paths: 'app lib' }, ws, env);
    const first = readFileSync(calls, 'utf8').split('\n')[0]!;
    expect(first).toMatch(
      new RegExp(`^--yes securestore-audit@${version.replace(/\./g, '\\.')} app lib --cache-location \\S+ --format sarif --output securestore-audit\\.sarif$`),
    );
    runAction({ 'working-directory': 'app', version: '1.2.3' }, ws, env);
    expect(readFileSync(calls, 'utf8')).toContain('--yes securestore-audit@1.2.3 . --cache-location');
  });
});

function ruleIds(): string[] {
  const listing = execFileSync(process.execPath, [binPath, '--list-rules', '--format', 'json'], { encoding: 'utf8' });
  return (JSON.parse(listing) as { ruleId: string }[]).map((r) => r.ruleId.replace(/^securestore\//, ''));
}
