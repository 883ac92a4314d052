import { cpSync, mkdirSync, mkdtempSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { audit, type AuditResult } from '../src/index.js';
import { DEFAULT_CACHE_LOCATION } from '../src/cache/record.js';
import { SETTLE_MS } from '../src/cache/stamp.js';
import { fixturesDir, runCli } from './helpers/run.js';
import { tempProject } from './helpers/temp-project.js';

// The cache lives in the app's node_modules, so it travels with the app: a
// renamed folder, a second clone, a CI workspace restored somewhere else.
// There it is used, and the findings are those of a run without it.

const settle = () => new Promise((done) => setTimeout(done, SETTLE_MS + 200));
const cached = (cwd: string) => audit({ cwd, paths: ['.'], cache: true });
const plain = (cwd: string) => audit({ cwd, paths: ['.'] });
const findings = (result: AuditResult) => result.files.flatMap((f) => f.findings.map((x) => `${f.filePath}:${x.line}:${x.column} ${x.ruleId} ${x.message}`));
const recordRoot = (cwd: string): string => JSON.parse(readFileSync(join(cwd, DEFAULT_CACHE_LOCATION, 'cache.json'), 'utf8')).root;

const parent = mkdtempSync(join(tmpdir(), 'ssa-moved-'));
const first = join(parent, 'first', 'app');
const renamed = join(parent, 'renamed', 'app');
const copied = join(parent, 'copied', 'app');

beforeAll(async () => {
  cpSync(join(fixturesDir, 'demo-app'), first, { recursive: true, filter: (src) => !src.includes('node_modules') });
  // A config file is part of the cache's key, where it is too: relative to the app, that stays the same.
  writeFileSync(join(first, 'securestore-audit.config.json'), JSON.stringify({ ignores: ['lib/installId.ts'] }));
  // Files written just now get no stamp (stamp.ts): let them settle, as a checkout would have.
  await settle();
}, 10_000);

describe('--cache in a folder that moved', () => {
  it('answers a renamed folder from the cache it took along, without reading its files', async () => {
    const cold = cached(first);
    expect(cold.counts.analysed).toBeGreaterThan(0);
    mkdirSync(dirname(renamed));
    renameSync(first, renamed);

    const moved = cached(renamed);
    expect(moved.counts).toMatchObject({ parsed: 0, analysed: 0, cached: cold.counts.relevant });
    expect(moved.counts.unread).toBeGreaterThan(0);
    expect(findings(moved)).toEqual(findings(plain(renamed)));
    expect(moved.files.every((file) => file.filePath.startsWith(renamed))).toBe(true);
    expect(moved.files.some((file) => file.filePath.endsWith('installId.ts'))).toBe(false);
    // Stored moved, so the next run has nothing to move.
    expect(recordRoot(renamed)).toBe(renamed);

    const uncachedCli = await runCli(['--format', 'stylish', '--no-color', '.'], { cwd: renamed });
    const cachedCli = await runCli(['--format', 'stylish', '--no-color', '--cache', '.'], { cwd: renamed });
    expect(cachedCli.stdout).toContain('settings.appLockPin');
    expect(cachedCli.stdout).toBe(uncachedCli.stdout);
  });

  it('reuses the findings in a copy once its files hash the same, and re-analyses only what an edit affects', () => {
    cpSync(renamed, copied, { recursive: true });
    const copy = cached(copied);
    // New inodes and times: every file is read and hashed, none parsed.
    expect(copy.counts).toMatchObject({ parsed: 0, analysed: 0, read: copy.counts.discovered });
    expect(findings(copy)).toEqual(findings(plain(copied)));
    expect(recordRoot(copied)).toBe(copied);

    const settings = join(copied, 'app/settings.tsx');
    const text = readFileSync(settings, 'utf8');
    const edited = text.replace("SecureStore.getItem('settings.appLockPin'", "SecureStore.valueOf('settings.appLockPin'");
    expect(edited).not.toBe(text);
    writeFileSync(settings, edited);
    const afterEdit = cached(copied);
    const full = plain(copied);
    expect(afterEdit.counts.analysed).toBeGreaterThan(0);
    expect(afterEdit.counts.analysed).toBeLessThan(full.counts.relevant);
    expect(findings(afterEdit)).toEqual(findings(full));
    expect(findings(afterEdit)).not.toEqual(findings(copy));
  });
});

describe('--cache and the tsconfig.json search', () => {
  const files = {
    'src/keys.ts': "export const TOKEN_KEY = 'auth token';\n",
    'src/screen.ts': [
      '// SecureStore prefix: auth.*',
      "import * as SecureStore from 'expo-secure-store';",
      "import { TOKEN_KEY } from '@keys';",
      'export async function save(token: string) {',
      '  await SecureStore.setItemAsync(TOKEN_KEY, token, { keychainAccessible: SecureStore.WHEN_UNLOCKED_THIS_DEVICE_ONLY });',
      '}',
      '',
    ].join('\n'),
  };
  const keyFindings = (result: AuditResult) => findings(result).filter((line) => line.includes('valid-secure-store-key'));

  it('notices a tsconfig.json added where none was found, and resolves through its paths', () => {
    const dir = tempProject(files);
    // No tsconfig.json: '@keys' resolves to nothing, and an unresolved key is never a finding.
    expect(keyFindings(cached(dir))).toEqual([]);
    writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify({ compilerOptions: { paths: { '@keys': ['./src/keys.ts'] } } }));
    const after = cached(dir);
    expect(keyFindings(plain(dir))).toHaveLength(1);
    expect(findings(after)).toEqual(findings(plain(dir)));
  });

  it('analyses a copy at another depth again: the search above it is not the same one', async () => {
    const original = tempProject(files);
    await settle();
    const cold = cached(original);
    // tempProject's folders are directly in the temp folder.
    const sameDepth = mkdtempSync(join(tmpdir(), 'ssa-depth-'));
    const deeper = join(mkdtempSync(join(tmpdir(), 'ssa-depth-')), 'app');
    cpSync(original, sameDepth, { recursive: true });
    cpSync(original, deeper, { recursive: true });
    // The folders above both looked the same way: nothing to analyse again.
    expect(cached(sameDepth).counts).toMatchObject({ parsed: 0, analysed: 0 });
    // One folder deeper, a tsconfig.json above it would have been found at a place never looked at.
    const deep = cached(deeper);
    expect(deep.counts.analysed).toBe(cold.counts.analysed);
    expect(findings(deep)).toEqual(findings(plain(deeper)));
  });
});
