import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runBinary, runCli } from './helpers/run.js';
import { schemaErrors, validateWithMultitool } from './helpers/sarif.js';
import { tempProject } from './helpers/temp-project.js';

// A Yarn-workspaces monorepo as users have them: two Expo apps under apps/,
// a git work tree at the root, and the audit run from the root (CI) or from
// inside one app (a developer, or a CI step with a working-directory).

const SESSION = `// SecureStore prefix: auth.*
import * as SecureStore from 'expo-secure-store';

export async function saveToken(token: string) {
  await SecureStore.setItemAsync('auth.token', token);
}

export async function readToken() {
  return SecureStore.getItemAsync('auth.token');
}
`;

const SIGN_OUT = `
export async function signOut() {
  await SecureStore.deleteItemAsync('auth.token');
}
`;

const appPackage = (name: string) => JSON.stringify({ name, private: true, dependencies: { expo: '*', 'expo-secure-store': '*' } });

/** Two apps: `mobile` with no config of its own, `wallet` with one that turns require-keychain-accessible off; only wallet signs out. */
function workspace(walletConfig: object = { rules: { 'require-keychain-accessible': 'off' } }): string {
  const root = tempProject({
    'package.json': JSON.stringify({ name: 'monorepo', private: true, workspaces: ['apps/*'] }),
    'apps/mobile/package.json': appPackage('mobile'),
    'apps/mobile/lib/session.ts': SESSION,
    'apps/wallet/package.json': appPackage('wallet'),
    'apps/wallet/securestore-audit.config.json': JSON.stringify(walletConfig),
    'apps/wallet/lib/session.ts': SESSION + SIGN_OUT,
  });
  mkdirSync(join(root, '.git'));
  return root;
}

interface SarifResult {
  ruleId: string;
  locations: { physicalLocation: { artifactLocation: { uri: string; uriBaseId?: string } } }[];
}

/** The executable itself, as a child process: the working directory and GITHUB_WORKSPACE are the process's own. */
async function sarif(cwd: string, args: string[] = [], env: NodeJS.ProcessEnv = {}) {
  const run = await runBinary(['--format', 'sarif', ...args], { cwd, env });
  expect(run.stderr).toBe('');
  const log = JSON.parse(run.stdout);
  const results = log.runs[0].results as SarifResult[];
  return { run, log, found: results.map((r) => `${r.locations[0]!.physicalLocation.artifactLocation.uri} ${r.ruleId}`).sort() };
}

/** The files the github annotations name, one per annotation. */
async function annotatedFiles(cwd: string, env: NodeJS.ProcessEnv = {}): Promise<string[]> {
  const run = await runCli(['--format', 'github'], { cwd, env });
  return [...run.stdout.matchAll(/^::(?:error|warning) file=([^,]+),/gm)].map((m) => m[1]!);
}

describe('a two-app workspace', () => {
  it('run from the root: SARIF URIs and annotations are relative to the git work tree, and the log validates', async () => {
    const root = workspace();
    const { log, found } = await sarif(root);
    expect(log.runs[0].originalUriBaseIds['%SRCROOT%'].uri).toBe(pathToFileURL(`${root}/`).href);
    for (const result of log.runs[0].results as SarifResult[]) expect(result.locations[0]!.physicalLocation.artifactLocation.uriBaseId).toBe('%SRCROOT%');
    expect(found.every((f) => /^apps\/(mobile|wallet)\/lib\/session\.ts /.test(f))).toBe(true);
    expect(schemaErrors(log)).toEqual([]);
    expect(validateWithMultitool(log, root)).toEqual([]);
    const files = await annotatedFiles(root);
    expect(files.length).toBeGreaterThan(0);
    expect(new Set(files)).toEqual(new Set(found.map((f) => f.split(' ')[0])));
  });

  it('run from inside apps/mobile: the same root-relative paths, not paths relative to the app', async () => {
    const root = workspace();
    const app = join(root, 'apps/mobile');
    const { log, found } = await sarif(app);
    expect(log.runs[0].originalUriBaseIds['%SRCROOT%'].uri).toBe(pathToFileURL(`${root}/`).href);
    expect(found).toContain('apps/mobile/lib/session.ts securestore/require-keychain-accessible');
    expect(found.every((f) => f.startsWith('apps/mobile/lib/session.ts '))).toBe(true);
    expect(schemaErrors(log)).toEqual([]);
    expect(validateWithMultitool(log, root)).toEqual([]);
    expect(new Set(await annotatedFiles(app))).toEqual(new Set(['apps/mobile/lib/session.ts']));
    // The text formats keep naming files from the working directory.
    const stylish = await runCli(['--no-color'], { cwd: app });
    expect(stylish.stdout).toMatch(/^lib\/session\.ts$/m);
  });

  it('with GITHUB_WORKSPACE set, paths are relative to it rather than to the git work tree', async () => {
    const root = workspace();
    const app = join(root, 'apps/mobile');
    const env = { GITHUB_WORKSPACE: join(root, 'apps') };
    const { log, found } = await sarif(app, [], env);
    expect(log.runs[0].originalUriBaseIds['%SRCROOT%'].uri).toBe(pathToFileURL(`${root}/apps/`).href);
    expect(found.every((f) => f.startsWith('mobile/lib/session.ts '))).toBe(true);
    expect(new Set(await annotatedFiles(app, env))).toEqual(new Set(['mobile/lib/session.ts']));
    const gitlab = await runCli(['--format', 'gitlab'], { cwd: app, env });
    const paths = (JSON.parse(gitlab.stdout) as { location: { path: string } }[]).map((issue) => issue.location.path);
    expect(paths.length).toBeGreaterThan(0);
    expect(new Set(paths)).toEqual(new Set(['mobile/lib/session.ts']));
  });

  it('a .git file (a linked work tree, a submodule) marks the root as a .git folder does', async () => {
    const root = workspace();
    rmSync(join(root, '.git'), { recursive: true });
    writeFileSync(join(root, '.git'), 'gitdir: ../elsewhere/.git/worktrees/monorepo\n');
    const { found } = await sarif(join(root, 'apps/mobile'));
    expect(found.length).toBeGreaterThan(0);
    expect(found.every((f) => f.startsWith('apps/mobile/lib/session.ts '))).toBe(true);
  });

  it('without a git work tree, paths are relative to the working directory', async () => {
    const root = workspace();
    const app = join(root, 'apps/mobile');
    rmSync(join(root, '.git'), { recursive: true });
    const { log, found } = await sarif(app);
    expect(log.runs[0].originalUriBaseIds['%SRCROOT%'].uri).toBe(pathToFileURL(`${app}/`).href);
    expect(found.every((f) => f.startsWith('lib/session.ts '))).toBe(true);
  });
});

/** `file rule` of each finding of a JSON run, with paths relative to `root`. */
async function findings(root: string, cwd: string, args: string[] = []): Promise<string[]> {
  const run = await runCli(['--format', 'json', ...args], { cwd });
  expect(run.stderr).toBe('');
  const files = JSON.parse(run.stdout) as { filePath: string; messages: { ruleId: string | null }[] }[];
  return files.flatMap((f) => f.messages.map((m) => `${relative(root, f.filePath)} ${m.ruleId}`)).sort();
}

describe('each app keeps its own config', () => {
  it('run from the root: the wallet config turns its rule off in the wallet only, and one app’s sign-out cleans up nothing of the other', async () => {
    const root = workspace();
    const found = await findings(root, root);
    expect(found).toContain('apps/mobile/lib/session.ts securestore/require-keychain-accessible');
    expect(found.filter((f) => f.startsWith('apps/wallet/') && f.endsWith('require-keychain-accessible'))).toEqual([]);
    // The wallet deletes 'auth.token' at sign-out; the mobile app never does, and the wallet's delete is no cleanup of the mobile app's key.
    expect(found).toContain('apps/mobile/lib/session.ts securestore/require-sign-out-cleanup');
    expect(found.filter((f) => f.startsWith('apps/wallet/') && f.endsWith('require-sign-out-cleanup'))).toEqual([]);
  });

  it('run from inside an app: the same findings for that app', async () => {
    const root = workspace();
    const fromRoot = await findings(root, root);
    expect(await findings(root, join(root, 'apps/wallet'))).toEqual(fromRoot.filter((f) => f.startsWith('apps/wallet/')));
    expect(await findings(root, join(root, 'apps/mobile'))).toEqual(fromRoot.filter((f) => f.startsWith('apps/mobile/')));
  });

  it('a config severity and ignores apply to the files under it; the project-wide rules use the app root’s config', async () => {
    const root = workspace({ rules: { 'require-sign-out-cleanup': 'error' }, ignores: ['legacy/**'] });
    writeFileSync(join(root, 'apps/mobile/lib/token.ts'), SESSION.replace(/auth\.token/g, 'auth.refreshToken'));
    mkdirSync(join(root, 'apps/wallet/legacy'));
    writeFileSync(join(root, 'apps/wallet/legacy/old.ts'), SESSION);
    writeFileSync(join(root, 'apps/wallet/lib/token.ts'), SESSION.replace(/auth\.token/g, 'auth.refreshToken'));
    const run = await runCli(['--format', 'json'], { cwd: root });
    const files = JSON.parse(run.stdout) as { filePath: string; messages: { ruleId: string | null; severity: number }[] }[];
    const severity = (file: string) =>
      files.find((f) => relative(root, f.filePath) === file)?.messages.find((m) => m.ruleId === 'securestore/require-sign-out-cleanup')?.severity;
    expect(severity('apps/wallet/lib/token.ts')).toBe(2);
    expect(severity('apps/mobile/lib/token.ts')).toBe(1);
    // The wallet config's ignores are relative to its folder, and leave the mobile app alone.
    expect(files.map((f) => relative(root, f.filePath))).not.toContain('apps/wallet/legacy/old.ts');
  });

  it('--config is the config of every file, as ESLint’s -c', async () => {
    const root = workspace();
    writeFileSync(join(root, 'shared.json'), JSON.stringify({ rules: { 'require-sign-out-cleanup': 'off' } }));
    const found = await findings(root, root, ['--config', 'shared.json']);
    expect(found).toContain('apps/wallet/lib/session.ts securestore/require-keychain-accessible');
    expect(found.filter((f) => f.endsWith('require-sign-out-cleanup'))).toEqual([]);
  });

  it('a bad config in one app stops the run from the root with one line naming it, exit 2', async () => {
    const root = workspace({ rules: { 'require-keychain-accesible': 'off' } });
    const run = await runCli([], { cwd: root });
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(
      'securestore-audit: apps/wallet/securestore-audit.config.json: rules.require-keychain-accesible: unknown rule; did you mean `require-keychain-accessible`?\n',
    );
  });

  it('--print-config shows the file’s own config', async () => {
    const root = workspace();
    const printed = async (file: string) => JSON.parse((await runCli(['--print-config', file], { cwd: root })).stdout);
    const wallet = await printed('apps/wallet/lib/session.ts');
    expect(wallet.configFile).toBe('apps/wallet/securestore-audit.config.json');
    expect(wallet.rules['securestore/require-keychain-accessible']).toEqual(['off']);
    const mobile = await printed('apps/mobile/lib/session.ts');
    expect(mobile.configFile).toBeNull();
    expect(mobile.rules['securestore/require-keychain-accessible'][0]).toBe('error');
  });

  it('--cache: an edit to one app’s config is seen on the next run', async () => {
    const root = workspace();
    const first = await findings(root, root, ['--cache']);
    expect(first.filter((f) => f.startsWith('apps/wallet/') && f.endsWith('require-keychain-accessible'))).toEqual([]);
    writeFileSync(join(root, 'apps/wallet/securestore-audit.config.json'), JSON.stringify({}));
    const second = await findings(root, root, ['--cache']);
    expect(second).toContain('apps/wallet/lib/session.ts securestore/require-keychain-accessible');
    // A config added where there was none counts too.
    writeFileSync(join(root, 'apps/mobile/securestore-audit.config.json'), JSON.stringify({ rules: { 'require-keychain-accessible': 'off' } }));
    const third = await findings(root, root, ['--cache']);
    expect(third.filter((f) => f.startsWith('apps/mobile/') && f.endsWith('require-keychain-accessible'))).toEqual([]);
  });

  it('--cache: an edit to one app’s config re-analyses that app’s files only; the other app’s come from the cache', async () => {
    const root = workspace();
    // A second relevant file in each app, so each app's share of the counts is plain.
    writeFileSync(join(root, 'apps/mobile/lib/token.ts'), SESSION.replace(/auth\.token/g, 'auth.refreshToken'));
    writeFileSync(join(root, 'apps/wallet/lib/token.ts'), SESSION.replace(/auth\.token/g, 'auth.refreshToken'));
    /** The executable with --cache --debug: the findings, and what the cache reused. */
    const cachedRun = async () => {
      const run = await runBinary(['--format', 'json', '--cache', '--debug'], { cwd: root });
      expect([0, 1]).toContain(run.code);
      const counts = /cache: (\d+) relevant files reused, (\d+) analysed/.exec(run.stderr);
      const files = JSON.parse(run.stdout) as { filePath: string; messages: { ruleId: string | null; severity: number }[] }[];
      const found = files.flatMap((f) => f.messages.map((m) => `${relative(root, f.filePath)} ${m.ruleId} ${m.severity}`)).sort();
      return { reused: Number(counts?.[1]), analysed: Number(counts?.[2]), found };
    };
    const uncached = async () => (await findings(root, root)).length;
    const first = await cachedRun();
    expect([first.reused, first.analysed]).toEqual([0, 4]);
    expect((await cachedRun()).analysed).toBe(0);

    // The wallet's config turns require-sign-out-cleanup into an error: the wallet's two files again, the mobile app's two from the cache.
    writeFileSync(
      join(root, 'apps/wallet/securestore-audit.config.json'),
      JSON.stringify({ rules: { 'require-keychain-accessible': 'off', 'require-sign-out-cleanup': 'error' } }),
    );
    const second = await cachedRun();
    expect([second.reused, second.analysed]).toEqual([2, 2]);
    expect(second.found).toContain('apps/wallet/lib/token.ts securestore/require-sign-out-cleanup 2');
    expect(second.found).toContain('apps/mobile/lib/token.ts securestore/require-sign-out-cleanup 1');
    expect(second.found.length).toBe(await uncached());

    // A config added to the mobile app: the mobile app's files again, the wallet's from the cache.
    writeFileSync(join(root, 'apps/mobile/securestore-audit.config.json'), JSON.stringify({ rules: { 'require-keychain-accessible': 'off' } }));
    const third = await cachedRun();
    expect([third.reused, third.analysed]).toEqual([2, 2]);
    expect(third.found.filter((f) => f.includes('require-keychain-accessible'))).toEqual([]);
    expect(third.found.length).toBe(await uncached());
  });
});
