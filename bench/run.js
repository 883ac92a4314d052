#!/usr/bin/env node
// The release benchmark: `npm run bench` (builds first), or
//
//   node bench/run.js [--sizes 500,2000,8000] [--runs 3] [--eslint-sizes 2000|none]
//                     [--eslint-passes 5] [--flutter-sizes 2000|none] [--before <build>]
//                     [--cli-passes 21] [--dir <path>] [--keep]
//
// For each corpus (a generated Expo app of each size, or the directory given
// with --dir) it runs every measurement as a separate Node process: one
// warm-up, then --runs measured runs, taken in rounds across the measurements
// that a ratio compares. It records the wall time (measured here, around the
// child), the CPU time and the peak resident memory of the child (GNU time's
// "%M %U %S"; where GNU time is missing, a `--require` preload,
// bench/maxrss.cjs, that writes process.resourceUsage() on exit):
//
//   a   the parse floor: read and ts.createSourceFile every source file (bench/parse-floor.js)
//   b   the CLI on the whole app: securestore-audit --format json .
//   c0  ESLint, @typescript-eslint/parser, no rules
//   c1  ESLint, the parser and one no-op rule visiting every CallExpression
//   d   ESLint, the parser and securestore's recommended config
//   e   ESLint, @eslint/js recommended + typescript-eslint recommended
//   f   e + securestore's recommended config
//   g   the CLI with --cache: cold (cache deleted), warm (unchanged app), one edited file
//   h   with --before: this build's CLI against an earlier build's on the same app, paired (bench/cli-paired.js)
//
// and for each generated Flutter app (bench/generate-dart.js):
//
//   aD  the Dart parse floor: read and tree-sitter parse every .dart file (bench/dart-parse-floor.js)
//   bD  the CLI on the whole app: securestore-audit --format json .
//
// The ESLint targets (d / c1, f / e) judge a 2 and a 5 % difference, less than
// two runs of one ESLint config differ by on a small machine. So they are
// gated on a paired measurement instead (bench/eslint-paired.js: one process
// lints each file with both configs in turn); the ratios of the separate runs
// are shown beside it, not gated.
//
// It prints a table per corpus and the targets (see targets()), writes the
// same to bench/results.json, and exits 1 when a target is missed (2 when a
// measurement itself failed), so it can gate a release.
import { spawnSync } from 'node:child_process';
import { appendFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { basename, join, relative, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { generate } from './generate.js';
import { generateDartApp } from './generate-dart.js';

const repo = fileURLToPath(new URL('..', import.meta.url));
const cliBin = join(repo, 'bin/securestore-audit.js');
const pluginUrl = pathToFileURL(join(repo, 'dist/src/eslint/plugin.js')).href;
const eslintBin = fileURLToPath(new URL('../bin/eslint.js', import.meta.resolve('eslint')));

// ---------------------------------------------------------------- options

const USAGE = `usage: node bench/run.js [--sizes 500,2000,8000] [--runs 3] [--eslint-sizes 2000|none] [--eslint-passes 5]
                         [--flutter-sizes 2000|none] [--before <build>] [--cli-passes 21] [--dir <path>] [--keep]
  --sizes         corpus sizes (files) to generate and measure
  --runs          measured runs per measurement, after one warm-up
  --eslint-sizes  sizes to run the ESLint comparisons on (slow: each ESLint run lints the whole app); none to skip;
                  with --dir, anything but none runs them on the directory
  --eslint-passes passes of the paired ESLint measurement that the ESLint targets are gated on, after one warm-up
  --flutter-sizes generated Flutter app sizes (Dart files) to measure against the Dart parse floor; none to skip
  --before        a built checkout of an earlier version: this build's CLI is compared with its CLI, paired, on the
                  2,000-file Expo app (or --dir), and must be no slower
  --cli-passes    passes of that paired comparison, after one warm-up
  --dir           measure this existing app instead of generated ones (its files are left as they were;
                  its node_modules/.cache/securestore-audit is deleted for the cache runs)
  --keep          keep the generated corpora (under the system temp directory)
`;

function options() {
  let parsed;
  try {
    parsed = parseArgs({
      options: {
        sizes: { type: 'string', default: '500,2000,8000' },
        runs: { type: 'string', default: '3' },
        'eslint-sizes': { type: 'string', default: '2000' },
        'eslint-passes': { type: 'string', default: '5' },
        'flutter-sizes': { type: 'string', default: '2000' },
        before: { type: 'string' },
        'cli-passes': { type: 'string', default: '21' },
        dir: { type: 'string' },
        keep: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    }).values;
  } catch (error) {
    process.stderr.write(`${error.message}\n${USAGE}`);
    process.exit(2);
  }
  if (parsed.help) {
    process.stdout.write(USAGE);
    process.exit(0);
  }
  const list = (text) => (text === 'none' || text === '' ? [] : text.split(',').map((s) => Number(s.trim())));
  const sizes = list(parsed.sizes);
  const eslintSizes = list(parsed['eslint-sizes']);
  const flutterSizes = list(parsed['flutter-sizes']);
  const runs = Number(parsed.runs);
  const eslintPasses = Number(parsed['eslint-passes']);
  const cliPasses = Number(parsed['cli-passes']);
  if (
    [...sizes, ...eslintSizes, ...flutterSizes].some((n) => !Number.isInteger(n) || n < 20) ||
    ![runs, eslintPasses, cliPasses].every((n) => Number.isInteger(n) && n >= 1)
  ) {
    process.stderr.write(`sizes must be integers of at least 20, --runs, --eslint-passes and --cli-passes positive integers\n${USAGE}`);
    process.exit(2);
  }
  return {
    sizes,
    eslintSizes,
    runs,
    eslintPasses,
    flutterSizes,
    cliPasses,
    before: parsed.before ? resolve(parsed.before) : undefined,
    dir: parsed.dir ? resolve(parsed.dir) : undefined,
    eslintOnDir: parsed['eslint-sizes'] !== 'none',
    keep: parsed.keep,
  };
}

// ---------------------------------------------------------------- measuring

// Set up in main(): the temp directory everything is written to, and how peak RSS is read.
let work;
let rssMethod;
let useGnuTime;

// Peak RSS in kB, then user and system CPU seconds.
const TIME_FORMAT = '%M %U %S';

/** GNU time writes the child's peak RSS without touching its stdout or stderr; BSD time has no -f. */
function gnuTimeAvailable() {
  const probe = join(work, 'probe');
  const result = spawnSync('/usr/bin/time', ['-f', TIME_FORMAT, '-o', probe, process.execPath, '-e', ''], { stdio: 'ignore' });
  return result.status === 0 && existsSync(probe) && /^\d+ [\d.]+ [\d.]+\s*$/.test(readFileSync(probe, 'utf8'));
}

/**
 * Runs `node ...args` once in `cwd` and returns wall ms, peak RSS (MB), exit
 * code, stderr (and stdout when `captureStdout`). Throws on an exit code not
 * in `okCodes`, unless `tolerate` says the failure is expected.
 */
function runNode(args, { cwd, okCodes = [0], captureStdout = false, tolerate }) {
  const rssFile = join(work, 'rss');
  rmSync(rssFile, { force: true });
  const stdio = ['ignore', captureStdout ? 'pipe' : 'ignore', 'pipe'];
  const spawnOptions = { cwd, stdio, maxBuffer: 1 << 30, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } };
  let command;
  let commandArgs;
  if (useGnuTime) {
    command = '/usr/bin/time';
    commandArgs = ['-f', TIME_FORMAT, '-o', rssFile, process.execPath, ...args];
  } else {
    command = process.execPath;
    commandArgs = ['--require', join(repo, 'bench/maxrss.cjs'), ...args];
    spawnOptions.env.SECURESTORE_BENCH_RSS_FILE = rssFile;
  }
  const start = performance.now();
  const child = spawnSync(command, commandArgs, spawnOptions);
  const ms = performance.now() - start;
  if (child.error) throw child.error;
  const result = { ms, code: child.status, stderr: child.stderr ?? '', stdout: child.stdout ?? '' };
  // GNU time puts "Command exited with non-zero status N" before the figures: take the last line.
  const [rss, user, system] = existsSync(rssFile) ? readFileSync(rssFile, 'utf8').trim().split('\n').at(-1).split(' ').map(Number) : [];
  result.rssMB = rss / 1024;
  result.cpuMs = (user + system) * 1000;
  if (!okCodes.includes(child.status) && !tolerate?.(result)) {
    throw new Error(`node ${args.join(' ')} (in ${cwd}) exited with ${child.status ?? child.signal}:\n${result.stderr.trim().slice(0, 2000)}`);
  }
  return result;
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

function summarise(samples) {
  const ms = samples.map((s) => s.ms);
  const round = (n) => Math.round(n * 10) / 10;
  return {
    medianMs: round(median(ms)),
    minMs: round(Math.min(...ms)),
    maxMs: round(Math.max(...ms)),
    medianCpuMs: round(median(samples.map((s) => s.cpuMs))),
    peakRssMB: round(Math.max(...samples.map((s) => s.rssMB))),
    samplesMs: ms.map((v) => Math.round(v)),
  };
}

/**
 * Measurements that are compared with each other run in rounds (a, b, a, b,
 * ...) after one warm-up each, so that a burst of load on the machine falls
 * on both sides of a ratio rather than on one.
 */
function interleaved(runs, measurements) {
  const samples = {};
  for (const [id, once] of Object.entries(measurements)) {
    once();
    samples[id] = [];
  }
  for (let i = 0; i < runs; i++) for (const [id, once] of Object.entries(measurements)) samples[id].push(once());
  return Object.fromEntries(Object.entries(samples).map(([id, list]) => [id, summarise(list)]));
}

// ---------------------------------------------------------------- ESLint configs

function eslintConfigs() {
  const dir = join(work, 'eslint');
  mkdirSync(dir, { recursive: true });
  const parser = import.meta.resolve('@typescript-eslint/parser');
  const js = import.meta.resolve('@eslint/js');
  const tseslint = import.meta.resolve('typescript-eslint');
  // Every config lints the same files: every JS/TS flavour, node_modules
  // excluded (ESLint's default ignores, kept explicit here).
  const head = `import * as parser from ${JSON.stringify(parser)};
const files = ['**/*.{ts,tsx,mts,cts,js,jsx,mjs,cjs}'];
const parserOnly = { files, languageOptions: { parser, parserOptions: { ecmaFeatures: { jsx: true } } } };
const lintAll = { files, languageOptions: { parserOptions: { ecmaFeatures: { jsx: true } } } };
const ignores = { ignores: ['**/node_modules/', '**/.git/'] };
`;
  const noop = `const bench = { rules: { 'noop-call': { meta: { type: 'problem', schema: [] }, create() { return { CallExpression() {} }; } } } };
`;
  const ours = `import securestore from ${JSON.stringify(pluginUrl)};
`;
  const recommended = `import js from ${JSON.stringify(js)};
import tseslint from ${JSON.stringify(tseslint)};
`;
  const configs = {
    c0: `${head}export default [ignores, parserOnly];\n`,
    c1: `${head}${noop}export default [ignores, { ...parserOnly, plugins: { bench }, rules: { 'bench/noop-call': 'error' } }];\n`,
    d: `${head}${ours}export default [ignores, parserOnly, securestore.configs.recommended];\n`,
    e: `${head}${recommended}export default [ignores, lintAll, js.configs.recommended, ...tseslint.configs.recommended];\n`,
    f: `${head}${recommended}${ours}export default [ignores, lintAll, js.configs.recommended, ...tseslint.configs.recommended, securestore.configs.recommended];\n`,
  };
  const paths = {};
  for (const [id, text] of Object.entries(configs)) {
    paths[id] = join(dir, `${id}.config.mjs`);
    writeFileSync(paths[id], text);
  }
  return paths;
}

// ---------------------------------------------------------------- paired ESLint runs

/**
 * The measurement the ESLint targets are gated on: c1 against d and e against
 * f, each pair linted file by file in one process (bench/eslint-paired.js).
 * Its verdict is the median of the passes' ratios. Every file must be linted
 * on both sides, and each side must report what its own ESLint run reported:
 * otherwise the two would not be measuring the same work.
 */
function pairedEslint(corpus, configs, passes) {
  const paired = {};
  const messages = (id) => corpus.eslint[id].errors + corpus.eslint[id].warnings;
  for (const [a, b] of [
    ['c1', 'd'],
    ['e', 'f'],
  ]) {
    process.stdout.write(`  ${a} / ${b}: paired, file by file, ${passes} passes after a warm-up\n`);
    const run = runNode([join(repo, 'bench/eslint-paired.js'), corpus.dir, configs[a], configs[b], String(passes)], { cwd: corpus.dir, captureStdout: true });
    const result = JSON.parse(run.stdout);
    for (const [side, id] of [
      ['a', a],
      ['b', b],
    ]) {
      if (result.files !== corpus.eslint[id].files || result.messages[side] !== messages(id)) {
        throw new Error(
          `the paired run of ${id} linted ${result.files} files with ${result.messages[side]} messages, ESLint's own run of ${id} ${corpus.eslint[id].files} files with ${messages(id)}`,
        );
      }
    }
    paired[b] = { ...result, base: a, ratio: median(result.passes.map((p) => p.ratio)) };
  }
  return paired;
}

// ---------------------------------------------------------------- a corpus

const SOURCE = /\.(ts|tsx|js|jsx)$/;

function* sourceFiles(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name === '.git') continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* sourceFiles(path);
    else if (entry.isFile() && SOURCE.test(entry.name)) yield path;
  }
}

/** The file the one-edit cache run appends to: one that calls SecureStore itself. */
function editTarget(dir, preferred) {
  if (preferred) return join(dir, preferred);
  let first;
  for (const path of sourceFiles(dir)) {
    first ??= path;
    if (readFileSync(path, 'utf8').includes('expo-secure-store')) return path;
  }
  return first;
}

const LABELS = {
  a: 'a  parse floor (ts.createSourceFile, all files)',
  b: 'b  securestore-audit --format json',
  c0: 'c0 eslint: ts parser, no rules',
  c1: 'c1 eslint: ts parser + 1 no-op CallExpression rule',
  d: 'd  eslint: ts parser + securestore recommended',
  e: 'e  eslint: @eslint/js + typescript-eslint recommended',
  f: 'f  eslint: e + securestore recommended',
  aD: 'aD Dart parse floor (tree-sitter, all .dart files)',
  bD: 'bD securestore-audit --format json',
  gCold: 'g  --cache, cold (cache deleted)',
  gWarm: 'g  --cache, warm (nothing changed)',
  gEdit: 'g  --cache, one file edited',
};

function benchCorpus(corpus, { runs, eslintPasses, withEslint, configs }) {
  const { dir } = corpus;
  const m = {};
  const log = (text) => process.stdout.write(`  ${text}\n`);

  log('a, b: parse floor and securestore-audit');
  let floorOut = '';
  const cliArgs = [cliBin, '--format', 'json', '.'];
  Object.assign(
    m,
    interleaved(runs, {
      a: () => {
        const r = runNode([join(repo, 'bench/parse-floor.js'), dir], { cwd: dir, captureStdout: true });
        floorOut = r.stdout.trim();
        return r;
      },
      b: () => runNode(cliArgs, { cwd: dir, okCodes: [0, 1] }),
    }),
  );
  corpus.parseFloor = floorOut;
  const floorFiles = Number(floorOut.match(/^(\d+)/)?.[1]);
  const syntaxErrors = Number(floorOut.match(/(\d+) with syntax errors/)?.[1]);
  if (corpus.generated && syntaxErrors > 0) throw new Error(`generated corpus ${dir} has ${syntaxErrors} files with syntax errors`);

  const debug = runNode([cliBin, '--format', 'json', '--debug', '.'], { cwd: dir, okCodes: [0, 1], captureStdout: true });
  corpus.cliDebug = debug.stderr.trim().split('\n');
  try {
    const report = JSON.parse(debug.stdout);
    const byRule = {};
    for (const file of report) for (const msg of file.messages) byRule[msg.ruleId ?? '(none)'] = (byRule[msg.ruleId ?? '(none)'] ?? 0) + 1;
    corpus.cliFindings = { files: report.filter((f) => f.messages.length).length, messages: report.reduce((n, f) => n + f.messages.length, 0), byRule };
  } catch {
    corpus.cliFindings = undefined;
  }

  if (withEslint) {
    log('c0, c1, d, e, f: eslint');
    corpus.eslint = {};
    const ids = ['c0', 'c1', 'd', 'e', 'f'];
    const out = (id) => join(work, `eslint-${id}.json`);
    const lint = (id) => () =>
      runNode([eslintBin, '--config', configs[id], '--format', join(repo, 'bench/eslint-summary.js'), '--output-file', out(id), '.'], {
        cwd: dir,
        okCodes: [0, 1],
      });
    Object.assign(m, interleaved(runs, Object.fromEntries(ids.map((id) => [id, lint(id)]))));
    // One more, untimed, run of c1, d and f with --stats: ESLint's own timing of
    // each rule, steadier than the difference of two wall times.
    corpus.eslintStats = {};
    for (const id of ['c1', 'd', 'f']) {
      const statsOut = join(work, `eslint-${id}-stats.json`);
      runNode([eslintBin, '--config', configs[id], '--stats', '--format', join(repo, 'bench/eslint-summary.js'), '--output-file', statsOut, '.'], {
        cwd: dir,
        okCodes: [0, 1],
      });
      corpus.eslintStats[id] = JSON.parse(readFileSync(statsOut, 'utf8')).stats;
    }
    for (const id of ids) {
      const summary = JSON.parse(readFileSync(out(id), 'utf8'));
      corpus.eslint[id] = summary;
      if (summary.fatal > 0) {
        const message = `ESLint ${id}: ${summary.fatal} fatal parse errors, e.g.\n    ${summary.fatalFiles.join('\n    ')}`;
        if (corpus.generated) throw new Error(message);
        corpus.warnings.push(message);
      }
      if (Number.isFinite(floorFiles) && summary.files !== floorFiles)
        corpus.warnings.push(`ESLint ${id} linted ${summary.files} files, the parse floor parsed ${floorFiles}`);
    }
    corpus.paired = pairedEslint(corpus, configs, eslintPasses);
  }

  // g: the cache. Until the CLI has --cache these rows are n/a.
  log('g: --cache');
  const cacheDir = join(dir, 'node_modules/.cache/securestore-audit');
  const cacheArgs = [cliBin, '--format', 'json', '--cache', '.'];
  const unknownOption = (r) => r.code === 2 && /unknown option/i.test(r.stderr);
  rmSync(cacheDir, { recursive: true, force: true });
  const probe = runNode(cacheArgs, { cwd: dir, okCodes: [0, 1], tolerate: unknownOption });
  if (unknownOption(probe)) {
    corpus.cache = `n/a (--cache not available: ${probe.stderr.trim().split('\n')[0]})`;
    return m;
  }
  corpus.cache = 'measured';
  // The probe was the warm-up. Then in rounds: delete the cache, a cold run
  // (which fills it), a warm run on the unchanged app.
  const cold = [];
  const warm = [];
  for (let i = 0; i < runs; i++) {
    rmSync(cacheDir, { recursive: true, force: true });
    cold.push(runNode(cacheArgs, { cwd: dir, okCodes: [0, 1] }));
    warm.push(runNode(cacheArgs, { cwd: dir, okCodes: [0, 1] }));
  }
  m.gCold = summarise(cold);
  m.gWarm = summarise(warm);
  const target = editTarget(dir, corpus.editFile);
  corpus.editedFile = relative(dir, target);
  const original = readFileSync(target);
  try {
    const edits = [];
    for (let i = 0; i < runs; i++) {
      // Each run sees exactly one file changed since the previous run.
      appendFileSync(target, `\n// benchmark edit ${i + 1}\n`);
      edits.push(runNode(cacheArgs, { cwd: dir, okCodes: [0, 1] }));
    }
    m.gEdit = summarise(edits);
  } finally {
    writeFileSync(target, original);
  }
  return m;
}

/**
 * A Flutter app: the Dart parse floor (aD) and the CLI (bD), in rounds, then
 * one --debug run for the file counts. The CLI is to stay at or under half
 * the floor: it must leave most files unparsed.
 */
function benchFlutterCorpus(corpus, { runs }) {
  const { dir } = corpus;
  process.stdout.write('  aD, bD: Dart parse floor and securestore-audit\n');
  let floorOut = '';
  const m = interleaved(runs, {
    aD: () => {
      const r = runNode([join(repo, 'bench/dart-parse-floor.js'), dir], { cwd: dir, captureStdout: true });
      floorOut = r.stdout.trim();
      return r;
    },
    bD: () => runNode([cliBin, '--format', 'json', '.'], { cwd: dir, okCodes: [0, 1] }),
  });
  corpus.parseFloor = floorOut;
  const debug = runNode([cliBin, '--format', 'json', '--debug', '.'], { cwd: dir, okCodes: [0, 1], captureStdout: true });
  corpus.cliDebug = debug.stderr.trim().split('\n');
  const report = JSON.parse(debug.stdout);
  const byRule = {};
  for (const file of report) for (const msg of file.messages) byRule[msg.ruleId ?? '(none)'] = (byRule[msg.ruleId ?? '(none)'] ?? 0) + 1;
  corpus.cliFindings = { files: report.filter((f) => f.messages.length).length, messages: report.reduce((n, f) => n + f.messages.length, 0), byRule };
  return m;
}

/**
 * h: this build's CLI against an earlier build's (--before) on an Expo app,
 * paired in one process (bench/cli-paired.js). Each build must print the same
 * report on every pass; the two builds' reports may differ (rules gained or
 * lost findings between them), and their lengths are printed beside the ratio.
 */
function pairedBefore(corpus, before, passes) {
  process.stdout.write(`  h: this build against ${before}, paired, ${passes} passes after a warm-up\n`);
  const run = runNode(['--expose-gc', join(repo, 'bench/cli-paired.js'), corpus.dir, before, repo, String(passes)], { cwd: corpus.dir, captureStdout: true });
  const result = JSON.parse(run.stdout);
  if (result.outputLength.a.length !== 1 || result.outputLength.b.length !== 1)
    throw new Error(`a build printed reports of different lengths from pass to pass (${result.outputLength.a} and ${result.outputLength.b})`);
  process.stdout.write(`     report length: --before ${result.outputLength.a[0]}, this build ${result.outputLength.b[0]} characters\n`);
  const findings = compareFindings(result.findings.a, result.findings.b);
  process.stdout.write(
    `     findings: --before ${result.findings.a.length}, this build ${result.findings.b.length}${findings.same ? ', at the same places' : ''}\n`,
  );
  if (!findings.same)
    corpus.warnings.push(
      `--before reports different findings (${findings.onlyBefore} only in --before, ${findings.onlyAfter} only in this build): the paired ratio compares different work`,
    );
  const { findings: _places, ...kept } = result;
  return { ...kept, before, findings, ratio: median(result.passes.map((p) => p.ratio)) };
}

/**
 * Whether two builds' reports put findings at the same places (messages aside:
 * their wording may change). When they do not, the builds did different work
 * (a rule gained or lost findings between them), and their ratio says less
 * about speed: the bench warns.
 */
function compareFindings(before, after) {
  const mine = new Set(after);
  const theirs = new Set(before);
  const onlyBefore = before.filter((place) => !mine.has(place)).length;
  const onlyAfter = after.filter((place) => !theirs.has(place)).length;
  return { before: before.length, after: after.length, onlyBefore, onlyAfter, same: onlyBefore === 0 && onlyAfter === 0 };
}

// ---------------------------------------------------------------- report

function fmt(n, digits = 0) {
  return Number.isFinite(n) ? n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits }) : '-';
}

function printCorpus(corpus, runs) {
  const m = corpus.measurements;
  const lines = [];
  lines.push('');
  lines.push(
    `${corpus.label}: ${fmt(corpus.files)} ${corpus.flutter ? 'Dart' : 'source'} files, ${fmt(corpus.lines)} lines; median of ${runs} runs after 1 warm-up`,
  );
  lines.push(`  ${'measurement'.padEnd(52)} ${'median ms'.padStart(10)} ${'min-max ms'.padStart(16)} ${'peak RSS MB'.padStart(12)} ${'CPU ms'.padStart(9)}`);
  for (const [id, label] of Object.entries(LABELS)) {
    if (id.startsWith('g') && !m[id]) {
      if (id === 'gCold') lines.push(`  ${'g  --cache runs'.padEnd(52)} ${corpus.cache ?? 'n/a'}`);
      continue;
    }
    if (!m[id]) continue;
    const r = m[id];
    lines.push(
      `  ${label.padEnd(52)} ${fmt(r.medianMs).padStart(10)} ${`${fmt(r.minMs)}-${fmt(r.maxMs)}`.padStart(16)} ${fmt(r.peakRssMB, 1).padStart(12)} ${fmt(r.medianCpuMs).padStart(9)}`,
    );
  }
  lines.push(
    `  CPU ms: median user + system time of the child; load average (1 min) ${corpus.load.map((l) => l.toFixed(2)).join(' at start, ')} at end on ${cpus().length} CPUs`,
  );
  lines.push(`  parse floor: ${corpus.parseFloor}`);
  // --debug prints the file counts, then one timing per phase and rule: the
  // counts verbatim, the timings folded onto one line (all kept in results.json).
  const phases = [];
  let rulesMs = 0;
  for (const line of corpus.cliDebug ?? []) {
    const timing = line.trim().match(/^(\S+)\s+([\d.]+) ms$/);
    if (timing?.[1].startsWith('rule:')) rulesMs += Number(timing[2]);
    else if (timing) phases.push(`${timing[1]} ${Math.round(Number(timing[2]))}`);
    else if (!/^parsedFiles\s+\d+$/.test(line.trim())) lines.push(`  cli --debug: ${line.trim()}`);
  }
  if (phases.length || rulesMs) lines.push(`  cli --debug phases (ms): ${[...phases, `rules ${Math.round(rulesMs)}`].join(', ')}`);
  if (corpus.cliFindings)
    lines.push(
      `  cli findings: ${corpus.cliFindings.messages} in ${corpus.cliFindings.files} files (${Object.entries(corpus.cliFindings.byRule)
        .map(([r, n]) => `${r.replace('securestore/', '')} ${n}`)
        .join(', ')})`,
    );
  if (corpus.eslint) {
    for (const [id, s] of Object.entries(corpus.eslint)) {
      const ours = Object.entries(s.byRule)
        .filter(([r]) => r.startsWith('securestore/'))
        .reduce((n, [, c]) => n + c, 0);
      lines.push(
        `  eslint ${id}: ${s.files} files linted, ${s.fatal} fatal, ${s.errors} errors, ${s.warnings} warnings${ours ? ` (${ours} from securestore/*)` : ''}`,
      );
    }
  }
  for (const [id, stats] of Object.entries(corpus.eslintStats ?? {})) {
    if (!stats) continue;
    const rules = Object.entries(stats.ruleMs)
      .map(([plugin, ms]) => `${plugin} ${fmt(ms)}`)
      .join(', ');
    lines.push(`  eslint ${id} --stats (ESLint's own timing, ms): parse ${fmt(stats.parseMs)}; rules: ${rules}`);
  }
  for (const [id, p] of Object.entries(corpus.paired ?? {})) {
    const perPass = (f) => p.passes.map(f).join(', ');
    lines.push(`  paired ${p.base} / ${id}: ${fmt(p.files)} files; ratio per pass ${perPass((x) => x.ratio.toFixed(3))}, median ${p.ratio.toFixed(3)}`);
    lines.push(
      `    lint ms per pass ${perPass((x) => `${fmt(x.a.lintMs)} / ${fmt(x.b.lintMs)}`)}, of which GC pauses ${perPass((x) => `${fmt(x.a.gcMs)} / ${fmt(x.b.gcMs)}`)}`,
    );
    lines.push(
      `    ratio per pass with the GC pauses left in ${perPass((x) => x.ratioWithGc.toFixed(3))}; config load ${fmt(p.loadMs.a, 1)} ms (${p.base}), then ${fmt(p.loadMs.b, 1)} ms more (${id})`,
    );
  }
  if (corpus.beforePaired) {
    const p = corpus.beforePaired;
    lines.push(
      `  paired before / this build: ratio per pass ${p.passes.map((x) => x.ratio.toFixed(3)).join(', ')}, median ${p.ratio.toFixed(3)}; ms per pass ${p.passes.map((x) => `${fmt(x.a)} / ${fmt(x.b)}`).join(', ')}`,
    );
  }
  if (corpus.editedFile) lines.push(`  cache edit runs append a comment line to ${corpus.editedFile}`);
  for (const w of corpus.warnings) lines.push(`  warning: ${w}`);
  process.stdout.write(`${lines.join('\n')}\n`);
}

function targets(corpora, reference, flutterCorpora, before) {
  const bySize = (n) => corpora.find((c) => c.size === n);
  const ref = reference;
  const rows = [];
  // Gated on wall time; the same ratio of CPU time is shown beside it, as a
  // check when the machine was busy.
  const ratio = (name, limit, num, den) => {
    if (!num?.medianMs || !den?.medianMs) rows.push({ name, limit, value: null, cpuValue: null, status: 'skipped (not measured)' });
    else {
      const value = num.medianMs / den.medianMs;
      rows.push({ name, limit, value, cpuValue: num.medianCpuMs / den.medianCpuMs, status: value <= limit ? 'pass' : 'FAIL' });
    }
  };
  const refName = ref?.label ?? '2,000 files';
  const at = (corpus, id) => corpus?.measurements[id];
  ratio(`b / a (${refName}): audit vs parsing everything`, 0.5, at(ref, 'b'), at(ref, 'a'));
  ratio('b(8,000) / b(2,000): scaling', 4.4, at(bySize(8000), 'b'), at(bySize(2000), 'b'));
  const rss = at(bySize(8000), 'b')?.peakRssMB;
  const rssRow = { name: 'peak RSS of b on 8,000 files (MB)', limit: 400, unit: 'MB', cpuValue: null };
  rows.push(rss === undefined ? { ...rssRow, value: null, status: 'skipped (not measured)' } : { ...rssRow, value: rss, status: rss <= 400 ? 'pass' : 'FAIL' });
  const paired = (name, limit, measured) => {
    if (!measured) rows.push({ name, limit, value: null, cpuValue: null, status: 'skipped (not measured)' });
    else rows.push({ name, limit, value: measured.ratio, cpuValue: null, status: measured.ratio <= limit ? 'pass' : 'FAIL' });
  };
  paired(`d / c1 (${refName}, paired): our rules vs a no-op rule`, 1.02, ref?.paired?.d);
  paired(`f / e (${refName}, paired): adding our config to a typical one`, 1.05, ref?.paired?.f);
  const flutter = flutterCorpora.find((c) => c.size === 2000) ?? flutterCorpora[0];
  ratio(`bD / aD (Flutter, ${flutter?.label ?? '2,000 Dart files'}): audit vs parsing every Dart file`, 0.5, at(flutter, 'bD'), at(flutter, 'aD'));
  if (before) paired(`this build / --before (${refName}, paired): no slower on an Expo app`, 1.02, ref?.beforePaired);
  if (ref?.cache?.startsWith('n/a'))
    rows.push({ name: `cache warm / cold (${refName})`, limit: 0.25, value: null, cpuValue: null, status: 'n/a (--cache not available)' });
  else ratio(`cache warm / cold (${refName})`, 0.25, at(ref, 'gWarm'), at(ref, 'gCold'));
  return rows;
}

/**
 * The ESLint ratios measured two other ways, shown beside the targets, not
 * gated: the medians of the separate ESLint runs, as the table has them
 * (two runs of one config differ by more than the 2 to 5 % being judged);
 * and ESLint's own timing of the rules (--stats): what our rules take, added
 * to the run without them.
 */
function eslintTimingRows(reference) {
  const wall = (id) => reference?.measurements[id]?.medianMs;
  if (!wall('c1') || !wall('d') || !wall('e') || !wall('f')) return [];
  const rows = [
    { name: 'd / c1, medians of the separate runs', limit: 1.02, value: wall('d') / wall('c1') },
    { name: 'f / e, medians of the separate runs', limit: 1.05, value: wall('f') / wall('e') },
  ];
  const stats = reference.eslintStats;
  if (!stats?.c1 || !stats?.d || !stats?.f) return rows;
  const ours = (id) => stats[id].ruleMs.securestore ?? 0;
  const noop = stats.c1.ruleMs.bench ?? 0;
  return [
    ...rows,
    {
      name: `d / c1 by ESLint's rule timing: (c1 - no-op ${fmt(noop)} ms + ours ${fmt(ours('d'))} ms) / c1`,
      limit: 1.02,
      value: (wall('c1') - noop + ours('d')) / wall('c1'),
    },
    { name: `f / e by ESLint's rule timing: (e + ours ${fmt(ours('f'))} ms) / e`, limit: 1.05, value: (wall('e') + ours('f')) / wall('e') },
  ];
}

function printTimingRows(rows) {
  if (!rows.length) return;
  const lines = ['', "  not gated: the ESLint ratios from the separate runs' wall times, and from ESLint's --stats (one extra run of c1, d and f)"];
  for (const r of rows)
    lines.push(`  ${r.name.padEnd(62)} ${r.value.toFixed(3).padStart(8)} ${`<= ${r.limit.toFixed(2)}`.padStart(9)}  ${r.value <= r.limit ? 'pass' : 'over'}`);
  process.stdout.write(`${lines.join('\n')}\n`);
}

function printTargets(rows) {
  const lines = ['', `  ${'target'.padEnd(62)} ${'wall'.padStart(8)} ${'limit'.padStart(9)}  ${'result'.padEnd(6)}  CPU-time ratio`];
  for (const r of rows) {
    const value = r.value === null ? '-' : r.unit === 'MB' ? fmt(r.value, 1) : r.value.toFixed(3);
    const limit = r.unit === 'MB' ? `<= ${r.limit}` : `<= ${r.limit.toFixed(2)}`;
    const cpu = Number.isFinite(r.cpuValue) ? r.cpuValue.toFixed(3) : '';
    lines.push(`  ${r.name.padEnd(62)} ${value.padStart(8)} ${limit.padStart(9)}  ${r.status.padEnd(6)}  ${cpu}`.trimEnd());
  }
  process.stdout.write(`${lines.join('\n')}\n`);
}

// ---------------------------------------------------------------- main

function main() {
  const opts = options();
  work = mkdtempSync(join(tmpdir(), 'securestore-audit-bench-'));
  // SECURESTORE_BENCH_RSS=preload forces the preload, to compare the two methods.
  useGnuTime = process.env.SECURESTORE_BENCH_RSS !== 'preload' && gnuTimeAvailable();
  rssMethod = useGnuTime ? 'GNU time (%M, max RSS of the child)' : 'process.resourceUsage().maxRSS via --require bench/maxrss.cjs';
  if (!existsSync(join(repo, 'dist/src/eslint/plugin.js'))) throw new Error('dist/ is missing: run `npm run build` (npm run bench does)');
  process.stdout.write(
    `securestore-audit benchmark: node ${process.version}, ${cpus().length} CPUs (${cpus()[0]?.model ?? 'unknown'}), ${fmt(totalmem() / 2 ** 30, 1)} GB; peak RSS from ${rssMethod}\n`,
  );

  const corpora = [];
  if (opts.dir) {
    if (!statSync(opts.dir).isDirectory()) throw new Error(`${opts.dir} is not a directory`);
    let files = 0;
    let lines = 0;
    for (const path of sourceFiles(opts.dir)) {
      files++;
      lines += readFileSync(path, 'utf8').split('\n').length;
    }
    corpora.push({ label: basename(opts.dir), dir: opts.dir, size: null, files, lines, generated: false, withEslint: opts.eslintOnDir, warnings: [] });
  } else {
    for (const size of opts.sizes) {
      const dir = join(work, `app-${size}`);
      const made = generate(dir, size);
      corpora.push({
        label: `${fmt(size)} files`,
        dir,
        size,
        files: made.files,
        lines: made.lines,
        generated: true,
        editFile: made.storageFiles.find((p) => !/secureStorage|tokenStore|useSecureValue/.test(p)),
        withEslint: opts.eslintSizes.includes(size),
        warnings: [],
      });
    }
  }

  const configs = eslintConfigs();
  const reference = opts.dir ? corpora[0] : corpora.find((c) => c.size === 2000);
  for (const corpus of corpora) {
    process.stdout.write(`\n${corpus.label} (${corpus.dir})\n`);
    const loadBefore = loadavg()[0];
    corpus.measurements = benchCorpus(corpus, { runs: opts.runs, eslintPasses: opts.eslintPasses, withEslint: corpus.withEslint, configs });
    if (opts.before && corpus === reference) corpus.beforePaired = pairedBefore(corpus, opts.before, opts.cliPasses);
    corpus.load = [loadBefore, loadavg()[0]];
    // Wall times are only comparable on an otherwise idle machine.
    if (Math.max(...corpus.load) > cpus().length)
      corpus.warnings.push(`the machine was busy (load average above ${cpus().length}): wall times are noisy; CPU ms is steadier`);
    printCorpus(corpus, opts.runs);
  }

  const flutterCorpora = [];
  for (const size of opts.dir ? [] : opts.flutterSizes) {
    const dir = join(work, `flutter-${size}`);
    const files = generateDartApp(dir, size);
    const lines = files.reduce((n, f) => n + readFileSync(join(dir, f), 'utf8').split('\n').length, 0);
    const corpus = { label: `Flutter ${fmt(size)} files`, dir, size, files: files.length, lines, generated: true, flutter: true, warnings: [] };
    process.stdout.write(`\n${corpus.label} (${corpus.dir})\n`);
    const loadBefore = loadavg()[0];
    corpus.measurements = benchFlutterCorpus(corpus, { runs: opts.runs });
    corpus.load = [loadBefore, loadavg()[0]];
    if (Math.max(...corpus.load) > cpus().length)
      corpus.warnings.push(`the machine was busy (load average above ${cpus().length}): wall times are noisy; CPU ms is steadier`);
    printCorpus(corpus, opts.runs);
    flutterCorpora.push(corpus);
  }

  const rows = targets(corpora, reference, flutterCorpora, opts.before);
  printTargets(rows);
  const timingRows = eslintTimingRows(reference);
  printTimingRows(timingRows);
  const failed = rows.filter((r) => r.status === 'FAIL');

  const results = {
    date: new Date().toISOString(),
    node: process.version,
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model,
    rssMethod,
    runs: opts.runs,
    eslintPasses: opts.eslintPasses,
    corpora: [...corpora, ...flutterCorpora].map(({ dir, withEslint, generated, ...rest }) => ({ ...rest, generated, dir: generated ? null : dir })),
    targets: rows,
    eslintTiming: timingRows,
    ok: failed.length === 0,
  };
  writeFileSync(join(repo, 'bench/results.json'), `${JSON.stringify(results, null, 2)}\n`);
  process.stdout.write(`\nwrote bench/results.json; ${failed.length ? `${failed.length} target(s) missed` : 'all measured targets met'}\n`);
  return failed.length ? 1 : 0;
}

let code;
const keep = process.argv.includes('--keep');
try {
  code = main();
} catch (error) {
  process.stderr.write(`bench: ${error.message}\n`);
  code = 2;
} finally {
  if (work && keep) process.stdout.write(`corpora kept in ${work}\n`);
  else if (work) rmSync(work, { recursive: true, force: true });
}
process.exitCode = code;
