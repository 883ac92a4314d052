import { readFileSync } from 'node:fs';
import { join, sep } from 'node:path';
import { tmpdir } from 'node:os';
import { mkdtempSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runBinary, repoRoot } from '../helpers/run.js';
import { tempProject } from '../helpers/temp-project.js';

// "No file outside the given paths is read": the CLI runs with a preload that
// logs every path it opens, and the log is checked against the paths given.

const preload = join(repoRoot, 'test/robustness/helpers/trace-reads.cjs');
const SOURCE = /\.(?:[cm]?[jt]sx?)$/;

async function tracedRun(cwd: string, args: string[]) {
  const log = join(mkdtempSync(join(tmpdir(), 'ssa-trace-')), 'reads.txt');
  const run = await runBinary(args, { cwd, env: { NODE_OPTIONS: `--require=${preload}`, SSA_TRACE_READS: log } });
  const reads = readFileSync(log, 'utf8').split('\n').filter(Boolean);
  return { run, reads };
}

const wrapperApp = {
  'tsconfig.json': JSON.stringify({ compilerOptions: { strict: true, paths: { '@/*': ['./*'] } } }),
  'lib/secrets.ts':
    "import * as SecureStore from 'expo-secure-store';\nexport const saveSecret = (key: string, value: string, options?: SecureStore.SecureStoreOptions) => SecureStore.setItemAsync(key, value, options);\n",
  'app/login.ts': "import { saveSecret } from '@/lib/secrets';\nexport const onLogin = (token: string) => saveSecret('auth.token', token);\n",
  'scripts/outside.ts': "import * as SecureStore from 'expo-secure-store';\nSecureStore.setItemAsync('x', 'y');\n",
};

describe('read boundary', () => {
  it('reads no source file outside the given paths, even one an audited file imports', async () => {
    const cwd = tempProject(wrapperApp);
    const { run, reads } = await tracedRun(cwd, ['--format', 'json', 'app']);
    expect(run.code, run.stderr).toBe(0);
    const inProject = reads.filter((path) => path.startsWith(cwd + sep));
    // The trace works: the audited file was read.
    expect(inProject).toContain(join(cwd, 'app/login.ts'));
    const outside = inProject.filter((path) => SOURCE.test(path) && !path.startsWith(join(cwd, 'app') + sep));
    expect(outside).toEqual([]);
    // The wrapper was not read, so the call through it is unknown: not a finding.
    expect(JSON.parse(run.stdout).flatMap((r: { messages: unknown[] }) => r.messages)).toEqual([]);
  });

  it('follows the same wrapper when its folder is audited too', async () => {
    const cwd = tempProject(wrapperApp);
    const { run, reads } = await tracedRun(cwd, ['--format', 'json', '--rule', 'require-keychain-accessible', 'app', 'lib']);
    expect(reads).toContain(join(cwd, 'lib/secrets.ts'));
    expect(reads).not.toContain(join(cwd, 'scripts/outside.ts'));
    // The caller passes no options through the wrapper: reported at the caller, which needs the wrapper read.
    const login = JSON.parse(run.stdout).find((r: { filePath: string }) => r.filePath.endsWith('login.ts'));
    expect(login.messages.map((m: { ruleId: string; line: number; message: string }) => `${m.line} ${m.ruleId} ${m.message.includes('saveSecret()')}`)).toEqual(
      ['2 securestore/require-keychain-accessible true'],
    );
  });

  it('a named folder of an app reads that app (its app root), and nothing of the app beside it', async () => {
    const files: Record<string, string> = { 'other/package.json': '{ "name": "other" }', 'other/lib/vault.ts': wrapperApp['scripts/outside.ts'] };
    for (const [path, text] of Object.entries(wrapperApp)) files[`mobile/${path}`] = text;
    files['mobile/package.json'] = '{ "name": "mobile" }';
    const cwd = tempProject(files);
    const { run, reads } = await tracedRun(cwd, ['--format', 'json', '--rule', 'require-keychain-accessible', 'mobile/app']);
    expect(reads).toContain(join(cwd, 'mobile/lib/secrets.ts'));
    expect(reads.filter((path) => path.startsWith(join(cwd, 'other') + sep) && SOURCE.test(path))).toEqual([]);
    // The wrapper is known, so the call through it is reported; findings stay in the named folder.
    const reported = JSON.parse(run.stdout) as { filePath: string; messages: { line: number }[] }[];
    expect(reported.map((r) => `${r.filePath.slice(cwd.length + 1)} ${r.messages.map((m) => m.line).join(',')}`)).toEqual(['mobile/app/login.ts 2']);

    // --no-app-root: the old boundary, the named paths only.
    const alone = await tracedRun(cwd, ['--format', 'json', '--no-app-root', 'mobile/app']);
    expect(alone.reads.filter((path) => SOURCE.test(path) && path.startsWith(cwd + sep) && !path.startsWith(join(cwd, 'mobile/app') + sep))).toEqual([]);
  });
});
