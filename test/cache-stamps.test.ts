import { cpSync, mkdtempSync, readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { audit, type AuditResult } from '../src/index.js';
import { SETTLE_MS } from '../src/cache/stamp.js';
import { fixturesDir, runCli } from './helpers/run.js';

// With --cache, a file whose size, times and inode are as recorded is not
// read again (its stamp, see stamp.ts). These tests wait out the settling
// time for real, as a user's files would have: no clock is faked.

const settle = () => new Promise((done) => setTimeout(done, SETTLE_MS + 200));

const dir = mkdtempSync(join(tmpdir(), 'ssa-stamps-'));
const cacheLocation = mkdtempSync(join(tmpdir(), 'ssa-stamps-cache-'));
const cacheJson = join(cacheLocation, 'cache.json');
const settings = join(dir, 'app/settings.tsx');
// A whole second, which utimes can set exactly (a file's own time has more digits than a double carries).
const MODIFIED = 1_700_000_000;

const run = () => audit({ cwd: dir, paths: ['.'], cache: true, cacheLocation });
const plain = () => audit({ cwd: dir, paths: ['.'] });
const stamps = (): Record<string, string> => JSON.parse(readFileSync(cacheJson, 'utf8')).stamps;
const findings = (result: AuditResult) => result.files.flatMap((f) => f.findings.map((x) => `${f.filePath}:${x.line}:${x.column} ${x.ruleId}`));
const withFindings = (result: AuditResult) => result.files.filter((f) => f.findings.length > 0).length;

beforeAll(async () => {
  cpSync(join(fixturesDir, 'demo-app'), dir, { recursive: true, filter: (src) => !src.includes('node_modules') });
  utimesSync(settings, MODIFIED, MODIFIED);
  await settle();
}, 10_000);

describe('--cache stamps', () => {
  it('answers an unchanged app reading only the files a report quotes', async () => {
    const cold = run();
    const discovered = cold.counts.discovered;
    expect(Object.keys(stamps())).toHaveLength(discovered);
    const warm = run();
    expect(warm.counts).toMatchObject({ parsed: 0, analysed: 0, read: withFindings(cold), unread: discovered - withFindings(cold) });
    expect(findings(warm)).toEqual(findings(plain()));
    // The code frames and fixes come from the files read back: the CLI's output is byte for byte the same.
    const uncached = await runCli(['--format', 'stylish', '--no-color', '.'], { cwd: dir });
    const cached = await runCli(['--format', 'stylish', '--no-color', '--cache', '--cache-location', cacheLocation, '.'], { cwd: dir });
    expect(cached.stdout).toContain('settings.appLockPin');
    expect(cached.stdout).toBe(uncached.stdout);
  });

  it('notices an edit that keeps the size and puts the modification time back', async () => {
    run();
    const before = statSync(settings);
    const text = readFileSync(settings, 'utf8');
    // Same length: the synchronous read becomes a call that is not storage at all.
    const edited = text.replace("SecureStore.getItem('settings.appLockPin'", "SecureStore.valueOf('settings.appLockPin'");
    expect(edited).not.toBe(text);
    expect(edited.length).toBe(text.length);
    writeFileSync(settings, edited);
    utimesSync(settings, MODIFIED, MODIFIED);
    expect(statSync(settings)).toMatchObject({ size: before.size, mtimeMs: before.mtimeMs });

    const next = run();
    expect(next.counts.analysed).toBeGreaterThan(0);
    expect(findings(next)).toEqual(findings(plain()));
    expect(findings(next).some((f) => f.includes('no-sync-on-hot-path'))).toBe(false);
    // Written just now: its stamp is not kept, so the next run reads and hashes it.
    expect(stamps()).not.toHaveProperty(settings);
    expect(run().counts.unread).toBeUndefined();

    // Once it has been left alone, its stamp is recorded and the file is no longer read.
    await settle();
    expect(run().counts.unread).toBeUndefined();
    expect(stamps()).toHaveProperty(settings);
    const settled = run();
    expect(settled.counts.unread).toBe(settled.counts.discovered - withFindings(settled));
    expect(findings(settled)).toEqual(findings(plain()));
  }, 10_000);
});

describe('a damaged cache', () => {
  it('is ignored and rewritten, whether it does not parse or has parts of the wrong type', () => {
    const app = mkdtempSync(join(tmpdir(), 'ssa-damaged-'));
    cpSync(join(fixturesDir, 'demo-app'), app, { recursive: true, filter: (src) => !src.includes('node_modules') });
    const location = mkdtempSync(join(tmpdir(), 'ssa-damaged-cache-'));
    const file = join(location, 'cache.json');
    const audited = () => audit({ cwd: app, paths: ['.'], cache: true, cacheLocation: location });
    const expected = findings(audit({ cwd: app, paths: ['.'] }));
    audited();
    const good = JSON.parse(readFileSync(file, 'utf8'));
    const damages: [string, string][] = [
      ['cut short', JSON.stringify(good).slice(0, 500)],
      ['stamps null', JSON.stringify({ ...good, stamps: null })],
      ['files a string', JSON.stringify({ ...good, files: 'x' })],
      ['a result file without findings', JSON.stringify({ ...good, result: { ...good.result, files: [{ filePath: join(app, 'app/settings.tsx') }] } })],
      ['relevant an object', JSON.stringify({ ...good, relevant: {} })],
      ['no root', JSON.stringify({ ...good, root: undefined })],
      ['root a number', JSON.stringify({ ...good, root: 1 })],
    ];
    for (const [name, text] of damages) {
      writeFileSync(file, text);
      const result = audited();
      expect(findings(result), name).toEqual(expected);
      expect(JSON.parse(readFileSync(file, 'utf8')).stamps, name).toBeTypeOf('object');
    }
  });
});
