import { chmodSync, copyFileSync, mkdirSync, mkdtempSync, readdirSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { runBinary } from './helpers/run.js';
import { tempProject } from './helpers/temp-project.js';

// The CLI keeps V8's compiled code of the TypeScript compiler in the system
// temp directory (compile-cache.cjs). These runs give the CLI a temp
// directory of its own, so what it writes there can be seen.

const APP = tempProject({
  'src/store.ts': "import * as SecureStore from 'expo-secure-store';\nexport const save = (v: string) => SecureStore.setItemAsync('auth.token', v);\n",
});

const onOldNode = typeof ((await import('node:module')).default as { enableCompileCache?: unknown }).enableCompileCache !== 'function';
const uid = process.getuid?.();
const cacheFolder = (temp: string) => join(temp, `securestore-audit-compile-cache${uid === undefined ? '' : `-${uid}`}`);

async function audit(temp: string, env: NodeJS.ProcessEnv = {}) {
  const run = await runBinary(['--format', 'json', '--debug', '.'], {
    cwd: APP,
    env: { TMPDIR: temp, TEMP: temp, TMP: temp, NODE_DISABLE_COMPILE_CACHE: undefined, ...env },
  });
  const load = /compiler code cache: (\w+)/.exec(run.stderr)?.[1];
  return { ...run, load };
}

describe('loading the compiler', () => {
  it('is left out of a run answered from --cache, and done once otherwise', async () => {
    const preload = join(mkdtempSync(join(tmpdir(), 'ssa-cc-')), 'report-typescript.cjs');
    // Says at exit whether TypeScript was loaded, whichever way: require, or the code cache (which registers it in require.cache).
    writeFileSync(
      preload,
      "process.on('exit', () => process.stderr.write('typescript loaded: ' + Object.keys(require.cache).filter((k) => /[\\\\/]typescript[\\\\/]lib[\\\\/]typescript\\.js$/.test(k)).length + '\\n'));\n",
    );
    const app = tempProject({
      'src/store.ts': "import * as SecureStore from 'expo-secure-store';\nexport const save = (v: string) => SecureStore.setItemAsync('auth.token', v);\n",
    });
    const run = () => runBinary(['--cache', '--format', 'json', '.'], { cwd: app, env: { NODE_OPTIONS: `--require ${preload}` } });
    const cold = await run();
    expect(cold.stderr).toContain('typescript loaded: 1');
    const warm = await run();
    expect(warm.stderr).toContain('typescript loaded: 0');
    expect(warm.stdout).toBe(cold.stdout);
  });
});

describe.skipIf(!onOldNode)('the compiler code cache (Node without module.enableCompileCache)', () => {
  // Each run that writes the cache compiles the whole compiler: the first run
  // is made once here, and the tests that only need a cache to start from get
  // a copy of the one it wrote.
  let firstTemp: string;
  let first: Awaited<ReturnType<typeof audit>>;
  beforeAll(async () => {
    firstTemp = mkdtempSync(join(tmpdir(), 'ssa-cc-'));
    first = await audit(firstTemp);
  });

  /** A temp directory holding (a private copy of) the cache the first run wrote. */
  function withFirstCache(): string {
    const temp = mkdtempSync(join(tmpdir(), 'ssa-cc-'));
    const folder = cacheFolder(temp);
    mkdirSync(folder, { mode: 0o700 });
    chmodSync(folder, 0o700);
    for (const name of readdirSync(cacheFolder(firstTemp))) {
      copyFileSync(join(cacheFolder(firstTemp), name), join(folder, name));
      chmodSync(join(folder, name), 0o600);
    }
    return temp;
  }

  it('is written on the first run, in a folder and file only this user can read, then used, with the same findings', async () => {
    const temp = firstTemp;
    expect(first.load).toBe('written');
    const folder = cacheFolder(temp);
    const files = readdirSync(folder);
    expect(files).toHaveLength(1);
    expect(files[0]).toMatch(/^typescript-[0-9a-f]+-v\d+\.\d+\.\d+-\w+-[0-9a-f]+\.cache$/);
    expect(statSync(folder).mode & 0o777).toBe(0o700);
    expect(statSync(join(folder, files[0]!)).mode & 0o777).toBe(0o600);
    expect(statSync(join(folder, files[0]!)).size).toBeGreaterThan(100_000);

    const second = await audit(temp);
    expect(second.load).toBe('used');
    expect(second.code).toBe(first.code);
    expect(JSON.parse(second.stdout)).toEqual(JSON.parse(first.stdout));
    expect(JSON.parse(first.stdout)[0].messages.length).toBeGreaterThan(0);
  });

  it('recovers from a corrupt cache: V8 rejects it, the compiler is compiled again and the cache rewritten', async () => {
    const clean = first;
    const temp = withFirstCache();
    const folder = cacheFolder(temp);
    const [file] = readdirSync(folder);
    expect(readdirSync(folder)).toHaveLength(1);
    writeFileSync(join(folder, file!), Buffer.alloc(4096, 7));
    const corrupt = await audit(temp);
    expect(corrupt.load).toBe('written');
    expect(corrupt.stdout).toBe(clean.stdout);
    expect(statSync(join(folder, file!)).size).toBeGreaterThan(100_000);
    expect((await audit(temp)).load).toBe('used');
  });

  it('keeps one cache per set of Node options, so runs with different flags do not evict each other', async () => {
    const temp = withFirstCache();
    const other = { NODE_OPTIONS: '--max-old-space-size=900' };
    expect((await audit(temp, other)).load).toBe('written');
    expect(readdirSync(cacheFolder(temp))).toHaveLength(2);
    expect((await audit(temp)).load).toBe('used');
    expect((await audit(temp, other)).load).toBe('used');
  });

  it('keeps the caches of at most four sets of Node options, dropping the oldest written', async () => {
    const temp = withFirstCache();
    const folder = cacheFolder(temp);
    const [written] = readdirSync(folder);
    // typescript-<crc>-<node>-<arch>-<options>.cache: the same compiler under five other option sets.
    const family = written!.slice(0, written!.lastIndexOf('-') + 1);
    const others = ['a1', 'a2', 'a3', 'a4', 'a5'].map((flags) => `${family}${flags}.cache`);
    others.forEach((name, i) => {
      writeFileSync(join(folder, name), 'x');
      // a5 is the newest, a1 the oldest; all older than the real one.
      const when = new Date(Date.now() - (10 - i) * 60 * 1000);
      utimesSync(join(folder, name), when, when);
    });
    const hourAgo = new Date(Date.now() - 60 * 60 * 1000);
    utimesSync(join(folder, written!), hourAgo, hourAgo);
    expect((await audit(temp, { NODE_OPTIONS: '--max-old-space-size=901' })).load).toBe('written');
    const left = readdirSync(folder).filter((name) => name.endsWith('.cache'));
    expect(left).toHaveLength(4);
    // Kept: the cache just written and the three newest before it.
    expect(left).toEqual(expect.arrayContaining([`${family}a3.cache`, `${family}a4.cache`, `${family}a5.cache`]));
    expect(left).not.toContain(written);
    expect(left).not.toContain(`${family}a1.cache`);
  });

  it('removes caches of another compiler or Node, and temp files a dead run left over an hour ago, when it writes', async () => {
    const temp = mkdtempSync(join(tmpdir(), 'ssa-cc-'));
    const folder = cacheFolder(temp);
    mkdirSync(folder, { mode: 0o700 });
    chmodSync(folder, 0o700);
    const otherCompiler = join(folder, 'typescript-0-v18.0.0-x64-0.cache');
    const staleTemp = join(folder, 'typescript-0-v18.0.0-x64-0.cache.123.tmp');
    const freshTemp = join(folder, 'typescript-1-v18.0.0-x64-0.cache.456.tmp');
    const notOurs = join(folder, 'notes.txt');
    for (const file of [otherCompiler, staleTemp, freshTemp, notOurs]) writeFileSync(file, 'x');
    const twoHoursAgo = new Date(Date.now() - 2 * 60 * 60 * 1000);
    utimesSync(staleTemp, twoHoursAgo, twoHoursAgo);
    expect((await audit(temp)).load).toBe('written');
    const left = readdirSync(folder);
    expect(left).not.toContain('typescript-0-v18.0.0-x64-0.cache');
    expect(left).not.toContain('typescript-0-v18.0.0-x64-0.cache.123.tmp');
    // A recent temp file may be another run's, being written now.
    expect(left).toContain('typescript-1-v18.0.0-x64-0.cache.456.tmp');
    expect(left).toContain('notes.txt');
    expect(left.filter((name) => name.endsWith('.cache'))).toHaveLength(1);
  });

  it('leaves a folder that others can write to alone', async () => {
    const temp = mkdtempSync(join(tmpdir(), 'ssa-cc-'));
    const folder = cacheFolder(temp);
    mkdirSync(folder);
    chmodSync(folder, 0o777);
    const run = await audit(temp);
    expect(run.load).toBe('off');
    expect(readdirSync(folder)).toEqual([]);
    expect(JSON.parse(run.stdout)[0].messages.length).toBeGreaterThan(0);
  });

  it('is off with NODE_DISABLE_COMPILE_CACHE, and writes nothing', async () => {
    const temp = mkdtempSync(join(tmpdir(), 'ssa-cc-'));
    const run = await audit(temp, { NODE_DISABLE_COMPILE_CACHE: '1' });
    expect(run.load).toBe('off');
    expect(readdirSync(temp)).toEqual([]);
  });
  it('keeps one cache for the tuned executable and one for a process that leaves V8 alone, and each uses its own', () => {
    const temp = mkdtempSync(join(tmpdir(), 'ssa-cc-'));
    const loader = fileURLToPath(new URL('../dist/src/cli/compile-cache.cjs', import.meta.url));
    // A process that tunes V8 as the executable does (or not), then loads the
    // compiler through the cache; the same command line both ways (it is part of the key).
    const script = `const c = require(${JSON.stringify(loader)}); if (process.env.TUNE) c.tuneForShortRuns(); process.stdout.write(c.loadTypeScriptCached());`;
    const load = (tune: boolean) =>
      execFileSync(process.execPath, ['-e', script], {
        env: { ...process.env, TMPDIR: temp, TEMP: temp, TMP: temp, NODE_DISABLE_COMPILE_CACHE: '', NODE_OPTIONS: '', TUNE: tune ? '1' : '' },
        encoding: 'utf8',
      });
    expect(load(true)).toBe('written');
    expect(load(false)).toBe('written');
    expect(readdirSync(cacheFolder(temp))).toHaveLength(2);
    // Had both used one file, V8 would reject it for the other's flags every time.
    expect(load(true)).toBe('used');
    expect(load(false)).toBe('used');
  });
});
