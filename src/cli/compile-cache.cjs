// Loads the TypeScript compiler for the CLI with V8's code cache.
//
// Compiling typescript.js (9 MB) is a large part of every short run (see
// docs/decisions.md for what the cache saves). Node 22.1+ has a compile cache
// of its own (`module.enableCompileCache`,
// which `tsc` itself turns on); on older Node the same is done here: the
// compiled code is kept in the system temp directory, in a folder only this
// user can write, keyed by the compiler's content, Node's version and the
// CPU. V8 checks the rest (its own version and flags) and rejects a cache
// that does not fit, and then the compiler is simply compiled again.
//
// Nothing is written into the audited project. NODE_DISABLE_COMPILE_CACHE=1
// (Node's own switch) turns this off. Any failure here only means a slower
// start: the compiler is then required the ordinary way.
'use strict';

const { closeSync, fchmodSync, lstatSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, rmSync, writeSync } = require('node:fs');
const Module = require('node:module');
const { tmpdir } = require('node:os');
const { dirname, join } = require('node:path');
const v8 = require('node:v8');
const vm = require('node:vm');
const { crc32 } = require('node:zlib');

const PREFIX = 'typescript-';

/**
 * V8 flags the CLI sets for itself (see tuneForShortRuns), part of the cache
 * key: V8 rejects code cached under other flags.
 */
let ownFlags = '';

/**
 * V8 optimises hot functions on a second thread, inlining callees into them
 * up to a budget of bytecode. An audit is a short run, and on a machine with
 * few cores that background work competes with the run itself: with a
 * smaller budget there is less of it (docs/decisions.md has the
 * measurements). The executable calls this once its own modules are loaded:
 * V8 accepts cached code only under the flags it was made with, and Node's
 * built-in modules loaded after a change of flags lose their precompiled
 * code. The plugin and the API leave V8 alone.
 */
function tuneForShortRuns() {
  ownFlags = '--max-inlined-bytecode-size-cumulative=200';
  v8.setFlagsFromString(ownFlags);
}

/** The cache folder, created if missing; undefined unless it is ours and private. */
function privateFolder() {
  const uid = typeof process.getuid === 'function' ? process.getuid() : undefined;
  const folder = join(tmpdir(), `securestore-audit-compile-cache${uid === undefined ? '' : `-${uid}`}`);
  try {
    mkdirSync(folder, { mode: 0o700 });
  } catch (error) {
    if (error.code !== 'EEXIST') return undefined;
  }
  // In a shared temp directory, another user could have made the folder: code
  // read from there would run as this user. Use it only when it is a real
  // folder of this user that nobody else can write to.
  const stat = lstatSync(folder);
  if (!stat.isDirectory()) return undefined;
  if (uid !== undefined && (stat.uid !== uid || (stat.mode & 0o022) !== 0)) return undefined;
  return folder;
}

/** Writes `data` to `path` through a temp file and a rename, so a reader never sees half of it. */
function writePrivately(path, data) {
  const temp = `${path}.${process.pid}.tmp`;
  const fd = openSync(temp, 'wx', 0o600);
  try {
    try {
      fchmodSync(fd, 0o600);
      for (let written = 0; written < data.length;) written += writeSync(fd, data, written, data.length - written);
    } finally {
      closeSync(fd);
    }
    renameSync(temp, path);
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  }
}

/** A temp file this old was left by a run that died while writing (see writePrivately). */
const STALE_TEMP_MS = 60 * 60 * 1000;

/**
 * How many sets of Node options keep a cache of this compiler at once (see
 * the `flags` part of the name). Each is a few megabytes, and a run under new
 * options (`--inspect`, a changed NODE_OPTIONS) writes one more: without a
 * limit they would pile up until the temp directory is cleaned.
 */
const MAX_OPTION_SETS = 4;

/**
 * Deletes caches of another compiler or another Node, temp files left by runs
 * that died, and all but the MAX_OPTION_SETS newest caches of this compiler.
 */
function removeStale(folder, family) {
  const current = [];
  for (const name of readdirSync(folder)) {
    if (!name.startsWith(PREFIX)) continue;
    const path = join(folder, name);
    if (name.endsWith('.tmp')) {
      if (Date.now() - lstatSync(path).mtimeMs > STALE_TEMP_MS) rmSync(path, { force: true });
    } else if (!name.startsWith(family)) {
      rmSync(path, { force: true });
    } else {
      current.push({ path, written: lstatSync(path).mtimeMs });
    }
  }
  // The cache this run just wrote is the newest: it always stays.
  current.sort((a, b) => b.written - a.written);
  for (const { path } of current.slice(MAX_OPTION_SETS)) rmSync(path, { force: true });
}

/**
 * Requires `typescript` through the code cache and registers it in
 * require.cache, so every later `require('typescript')` (the core's) gets this
 * very copy. Returns what happened, for tests and --debug: 'used', 'written'
 * (no usable cache yet: one is written when the process exits), 'builtin'
 * (Node's own compile cache), or 'off'.
 */
function loadTypeScriptCached() {
  if (process.env.NODE_DISABLE_COMPILE_CACHE) return 'off';
  if (typeof Module.enableCompileCache === 'function') {
    const { status } = Module.enableCompileCache() ?? {};
    // Any status but FAILED (enabled, or already enabled) means the cache is on.
    if (status !== undefined && status !== Module.constants?.compileCacheStatus?.FAILED) return 'builtin';
    return 'off';
  }
  let filename;
  let folder;
  let bytes;
  try {
    filename = require.resolve('typescript');
    if (require.cache[filename]) return 'off'; // already loaded the ordinary way
    folder = privateFolder();
    if (!folder) return 'off';
    bytes = readFileSync(filename);
  } catch {
    return 'off';
  }
  // V8 rejects code made under other flags: each set of Node options gets its own file, so two never evict each other.
  const flags = crc32(`${process.execArgv.join(' ')}\u0000${process.env.NODE_OPTIONS ?? ''}${ownFlags && `\u0000${ownFlags}`}`).toString(16);
  const family = `${PREFIX}${crc32(bytes).toString(16)}-${process.version}-${process.arch}-`;
  const name = `${family}${flags}.cache`;
  const cacheFile = join(folder, name);
  let cachedData;
  try {
    cachedData = readFileSync(cacheFile);
  } catch {
    cachedData = undefined;
  }
  let script;
  try {
    script = new vm.Script(Module.wrap(bytes.toString('utf8')), { filename, cachedData });
    const module = new Module(filename, undefined);
    module.filename = filename;
    module.paths = Module._nodeModulePaths(dirname(filename));
    require.cache[filename] = module;
    const wrapper = script.runInThisContext();
    wrapper.call(module.exports, module.exports, Module.createRequire(filename), module, filename, dirname(filename));
    module.loaded = true;
  } catch {
    delete require.cache[filename]; // the ordinary require will try, and report, again
    return 'off';
  }
  if (cachedData && !script.cachedDataRejected) return 'used';
  // Written at exit, so the cache also holds the compiler functions this run
  // compiled lazily (the parser's among them), not just the top level.
  process.once('exit', () => {
    try {
      writePrivately(cacheFile, script.createCachedData());
      removeStale(folder, family);
    } catch {
      // Another run may be writing the same cache, or the folder is gone: the next run tries again.
    }
  });
  return 'written';
}

module.exports = { loadTypeScriptCached, tuneForShortRuns };
