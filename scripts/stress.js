// Crash-freedom stress: runs the real CLI, as a child process, over every
// JavaScript / TypeScript file installed in this project's node_modules and
// over fixtures/, and checks that it never fails as a whole and that every
// file ends either audited or with one clear message of its own.
//
//   node scripts/stress.js [--every N] [--batch N] [--as-is] [--keep] [--json]
//
//   --every N   take every Nth file of the sorted list (the test suite runs a slice)
//   --batch N   audit the files N at a time, one CLI run per batch in a
//               directory of its own, and add up the results (each run is
//               what a user runs on one app; all 10,000+ files at once, each
//               made relevant by APPENDED, are parsed and held in one process)
//   --as-is     copy the files unchanged (see APPENDED below)
//   --keep      keep the temporary copy and the report
//   --json      print the summary as one JSON line (for the test suite)
//   --max-file-size <size|default>
//               passed to the CLI (default 64mb, so that the big bundles are
//               analysed too; `default` leaves the CLI's own limit)
//
// The CLI skips node_modules, build directories and declaration files when it
// walks a directory, so the files are copied (plain files, never links) into
// a temporary directory, with the directory names it would skip renamed and
// `.d.ts` files renamed to `.ts`. Exit code: 0 when every check holds.

import { spawn } from 'node:child_process';
import {
  appendFileSync,
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  realpathSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const bin = join(repo, 'bin/securestore-audit.js');

const EXTENSIONS = /\.(?:js|mjs|cjs|jsx|ts|tsx|mts|cts)$/;
/** Directory names the CLI never descends into; renamed in the copy. */
const SKIPPED_DIRS = new Set([
  'node_modules',
  'dist',
  'build',
  '.expo',
  'coverage',
  '.git',
  'web-build',
  'Pods',
  '.yarn',
  '.tamagui',
  '.next',
  '.turbo',
  'vendor',
]);
/**
 * Appended to every copy so the CLI's prefilter keeps the file and the rules
 * walk all of it: without a storage import a file is never parsed. It goes
 * at the end so the original text keeps its offsets.
 */
const APPENDED = "\nimport * as SecureStoreStress from 'expo-secure-store';\n";
/** Large enough that no installed file is skipped for its size (typescript.js is 9 MB). */
const MAX_FILE_SIZE = '64mb';
/** A safety limit, not a measurement. */
const CHILD_TIMEOUT_MS = 60 * 60 * 1000;

function parseArgs(argv) {
  const opts = { every: 1, batch: undefined, asIs: false, keep: false, json: false, maxFileSize: MAX_FILE_SIZE };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--every') opts.every = Number(argv[++i]);
    else if (arg === '--batch') opts.batch = Number(argv[++i]);
    else if (arg === '--as-is') opts.asIs = true;
    else if (arg === '--keep') opts.keep = true;
    else if (arg === '--json') opts.json = true;
    else if (arg === '--max-file-size') opts.maxFileSize = argv[++i];
    else throw new Error(`unknown argument ${arg}`);
  }
  if (!Number.isInteger(opts.every) || opts.every < 1) throw new Error('--every takes a whole number of 1 or more');
  if (opts.batch !== undefined && (!Number.isInteger(opts.batch) || opts.batch < 1)) throw new Error('--batch takes a whole number of 1 or more');
  return opts;
}

/** Source files under `dir`, relative to the repository, sorted; links are not followed. */
function sourceFiles(dir) {
  const out = [];
  const walk = (d) => {
    let entries;
    try {
      entries = readdirSync(d, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      const full = join(d, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.isFile() && EXTENSIONS.test(entry.name)) out.push(relative(repo, full));
    }
  };
  walk(join(repo, dir));
  return out.sort();
}

/** Where a file goes in the copy: skipped directory names and declaration suffixes renamed. */
function copyName(original) {
  const parts = original.split(sep);
  const name = parts
    .pop()
    .replace(/\.d\.ts$/, '.dts.ts')
    .replace(/\.d\.mts$/, '.dmts.mts')
    .replace(/\.d\.cts$/, '.dcts.cts')
    // Minified and bundled files are default ignores too; the copy keeps them audited.
    .replace(/\.(min|bundle)\.js$/, '.$1_.js');
  return [...parts.map((p) => (SKIPPED_DIRS.has(p) ? `${p}_` : p)), name].join('/');
}

/** The files to audit, every Nth of the sorted list. */
export function selectFiles(every) {
  const all = [...sourceFiles('node_modules'), ...sourceFiles('fixtures')];
  return { total: all.length, files: all.filter((_, index) => index % every === 0) };
}

function runCli(cwd, args, preload, rssFile) {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, ['--require', preload, bin, ...args], {
      cwd,
      env: { ...process.env, NODE_OPTIONS: '', NO_COLOR: '1', FORCE_COLOR: '', SSA_STRESS_RSS: rssFile },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), CHILD_TIMEOUT_MS);
    child.on('error', fail);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      done({ code, signal, stdout, stderr });
    });
  });
}

/** What one tool message (no rule id) says about a file. */
function classify(message) {
  const text = message.message;
  if (/internal error/i.test(text) || /could not analyse/.test(text)) return 'internal';
  if (text.startsWith('Parsing error: nesting too deep')) return 'tooDeepToParse';
  if (text.startsWith('Parsing error:')) return 'parseError';
  if (text.startsWith('File not analysed:')) return 'tooDeep';
  if (text.startsWith('File skipped:')) return 'skipped';
  if (text.startsWith('Not fully analysed:')) return 'overBudget';
  if (text.startsWith('Cannot read file:')) return 'unreadable';
  return 'other';
}

export async function stress(opts) {
  const { total, files } = selectFiles(opts.every);
  const batchSize = opts.batch ?? Math.max(files.length, 1);
  const batches = [];
  for (let i = 0; i < files.length; i += batchSize) batches.push(files.slice(i, i + batchSize));
  const dir = mkdtempSync(join(tmpdir(), 'ssa-stress-'));
  const rssFile = join(dir, 'maxrss');
  // The child writes its peak resident set size (kB) as it exits. The preload
  // lives beside the audited directories, not in them.
  writeFileSync(
    join(dir, 'maxrss.cjs'),
    "process.on('exit', () => require('node:fs').writeFileSync(process.env.SSA_STRESS_RSS, String(process.resourceUsage().maxRSS)));\n",
  );

  const sizeLimit = opts.maxFileSize === 'default' ? [] : ['--max-file-size', opts.maxFileSize];
  const counts = {
    audited: 0,
    withFindings: 0,
    findings: 0,
    parseError: 0,
    tooDeepToParse: 0,
    tooDeep: 0,
    skipped: 0,
    overBudget: 0,
    unreadable: 0,
    internal: 0,
    other: 0,
  };
  const examples = {};
  const problems = [];
  let bytes = 0;
  let seconds = 0;
  let maxRssKb;
  let exitCode = 0;
  let notInReport = 0;

  for (const [index, batch] of batches.entries()) {
    // One run reports problems as they are; several name the batch.
    const where = batches.length > 1 ? `batch ${index + 1} of ${batches.length}: ` : '';
    // The CLI reports paths under its working directory as the process sees it: resolve links in the temporary path.
    const work = join(realpathSync(dir), batches.length > 1 ? `app-${index + 1}` : 'app');
    const report = join(dir, batches.length > 1 ? `report-${index + 1}.json` : 'report.json');
    mkdirSync(work);

    const copies = new Map(); // absolute copy path → original, relative to the repository
    for (const original of batch) {
      let target = join(work, copyName(original));
      while (copies.has(target)) target = target.replace(/(\.[^.]+)$/, '_$1');
      mkdirSync(dirname(target), { recursive: true });
      copyFileSync(join(repo, original), target);
      if (!opts.asIs) appendFileSync(target, APPENDED);
      bytes += statSync(target).size;
      copies.set(target, original);
    }

    // Test files are code too: --include-tests audits the ones node_modules ships.
    const args = ['--format', 'json', '--no-report-unused-disable-directives', '--include-tests', ...sizeLimit, '--output', report, '.'];
    rmSync(rssFile, { force: true });
    const start = performance.now();
    const run = await runCli(work, args, join(dir, 'maxrss.cjs'), rssFile);
    seconds += (performance.now() - start) / 1000;
    if (existsSync(rssFile)) maxRssKb = Math.max(maxRssKb ?? 0, Number(readFileSync(rssFile, 'utf8')));

    if (run.code !== 0 && run.code !== 1) problems.push(`${where}exit code ${run.code ?? `signal ${run.signal}`} (expected 0 or 1)`);
    if (run.code !== null) exitCode = Math.max(exitCode, run.code);
    if (/^\s+at .+[(:]\d+/m.test(run.stderr) || /internal error|uncaught|RangeError|TypeError/i.test(run.stderr)) {
      problems.push(`${where}stderr shows a failure:\n${run.stderr.slice(0, 4000)}`);
    } else if (run.stderr.trim()) {
      problems.push(`${where}unexpected stderr:\n${run.stderr.slice(0, 4000)}`);
    }

    let results = [];
    try {
      results = JSON.parse(readFileSync(report, 'utf8'));
    } catch (error) {
      problems.push(`${where}no JSON report: ${error.message}`);
    }
    const seen = new Set();
    for (const result of results) {
      const original = copies.get(result.filePath);
      if (!original) {
        problems.push(`${where}a result for a file that was not given: ${result.filePath}`);
        continue;
      }
      if (seen.has(result.filePath)) problems.push(`${original}: reported twice`);
      seen.add(result.filePath);
      const tool = result.messages.filter((m) => m.ruleId === null);
      const findings = result.messages.filter((m) => m.ruleId !== null);
      if (tool.length > 1) problems.push(`${original}: ${tool.length} messages about the file itself: ${tool.map((m) => m.message).join(' | ')}`);
      for (const message of tool) {
        const kind = classify(message);
        counts[kind]++;
        (examples[kind] ??= []).push(`${original}:${message.line}:${message.column} ${message.message}`);
        if (kind === 'internal' || kind === 'other') problems.push(`${original}: ${message.message}`);
        if (message.fatal && findings.length > 0) problems.push(`${original}: findings next to a fatal message`);
      }
      if (tool.length === 0) counts.audited++;
      if (findings.length > 0) counts.withFindings++;
      counts.findings += findings.length;
    }
    const missing = [...copies.keys()].filter((copy) => !seen.has(copy));
    notInReport += missing.length;
    // Left out by the prefilter: expected only when the files are copied as they are.
    if (!opts.asIs) for (const copy of missing.slice(0, 20)) problems.push(`${copies.get(copy)}: missing from the report`);
    if (!opts.asIs && missing.length > 20) problems.push(`${where}… and ${missing.length - 20} more missing from the report`);
    // Between runs only the one being audited stays on disk.
    if (!opts.keep) rmSync(work, { recursive: true, force: true });
  }

  if (!opts.keep) rmSync(dir, { recursive: true, force: true });
  return {
    files: files.length,
    of: total,
    every: opts.every,
    runs: batches.length,
    batch: opts.batch,
    megabytes: Math.round(bytes / 1e5) / 10,
    seconds: Math.round(seconds * 10) / 10,
    maxRssMb: maxRssKb === undefined ? undefined : Math.round(maxRssKb / 1024),
    exitCode,
    counts,
    notInReport,
    examples: Object.fromEntries(Object.entries(examples).map(([k, v]) => [k, v.slice(0, 5)])),
    problems,
    kept: opts.keep ? dir : undefined,
  };
}

function printSummary(summary) {
  const c = summary.counts;
  const lines = [
    `securestore-audit stress: ${summary.files} files (every ${summary.every} of ${summary.of}), ${summary.megabytes} MB`,
    summary.runs > 1
      ? `  ${summary.runs} CLI runs of at most ${summary.batch} files: wall time ${summary.seconds} s in all, peak RSS ${summary.maxRssMb ?? '?'} MB (the largest run), exit code ${summary.exitCode} (the highest)`
      : `  wall time ${summary.seconds} s, peak RSS ${summary.maxRssMb ?? '?'} MB, exit code ${summary.exitCode}`,
    `  audited ${c.audited} (${c.withFindings} with ${c.findings} findings); parse errors ${c.parseError}; too deep to parse ${c.tooDeepToParse}; too deep to analyse ${c.tooDeep}; skipped ${c.skipped}; over the time budget ${c.overBudget}; unreadable ${c.unreadable}; not in the report ${summary.notInReport}`,
  ];
  for (const [kind, list] of Object.entries(summary.examples)) {
    if (kind === 'parseError') continue;
    lines.push(`  ${kind}:`, ...list.map((line) => `    ${line.slice(0, 240)}`));
  }
  if (summary.kept) lines.push(`  kept in ${summary.kept}`);
  lines.push(
    summary.problems.length
      ? `FAILED: ${summary.problems.length} problems\n${summary.problems.map((p) => `  - ${p}`).join('\n')}`
      : 'OK: no internal error, every file audited or reported once',
  );
  process.stdout.write(`${lines.join('\n')}\n`);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const opts = parseArgs(process.argv.slice(2));
  if (!existsSync(join(repo, 'dist/src/cli/main.js'))) throw new Error('dist/ is missing: run `npm run build` (npm run stress does)');
  const summary = await stress(opts);
  if (opts.json) process.stdout.write(`${JSON.stringify(summary)}\n`);
  else printSummary(summary);
  process.exitCode = summary.problems.length ? 1 : 0;
}
