#!/usr/bin/env node
// Paired CLI measurement: is the CLI of this build slower than an earlier
// build's on the same app?
//
//   node --expose-gc bench/cli-paired.js <dir> <build A> <build B> <passes>
//
// <build A>, <build B>: folders of two built checkouts (each with its
// dist/src/bundle/main.cjs). Two separate processes of one CLI differ in wall
// time by more than the few percent judged here, on a small shared machine
// (see bench/README.md), so one process loads both builds' CLI and audits the
// app with each in turn, `--format json .`, one right after the other, the
// order alternating from pass to pass; a slow second of the machine then falls
// on both sides. The first pass warms up both and is not counted. Both builds
// share the compiler (one node_modules), so what is compared is the audit
// itself: discovery, reading, the prefilter, parsing, the rules.
//
// The ratio is of CPU time (this process's user + system time during the
// run, V8's background threads included): the audit is single-threaded, and
// on a machine shared with other work the CPU time a run needs moves far
// less than its wall time (which is printed beside it). Prints one line of JSON: per pass, each side's CPU
// milliseconds, the ratio B / A, and the wall times; each side's output
// length, which must be one length from pass to pass; and where each side's
// warm-up report puts its findings (`file:line:column rule`, sorted), so that
// the bench can tell whether the two builds did the same work.
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';

const [dirArg, buildA, buildB, passesArg] = process.argv.slice(2);
const passes = Number(passesArg);
if (!dirArg || !buildA || !buildB || !Number.isInteger(passes) || passes < 1) {
  process.stderr.write('usage: node bench/cli-paired.js <dir> <build A> <build B> <passes>\n');
  process.exit(2);
}

const require = createRequire(import.meta.url);
const runOf = (build) => require(join(resolve(build), 'dist/src/bundle/main.cjs')).run;
const sides = { a: runOf(buildA), b: runOf(buildB) };
// V8 as the executable sets it (bin/securestore-audit.js), after the modules
// are loaded: TurboFan inlines less (docs/decisions.md, "The V8 flag"). Its
// background compiles are a large share of the CPU time of a run, and grow
// with the code a run makes hot, so under V8's defaults the comparison would
// judge a configuration no user runs. Both builds are run under the flags of
// build B's executable; a build without tuneForShortRuns is run under them too.
require(join(resolve(buildB), 'dist/src/cli/compile-cache.cjs')).tuneForShortRuns?.();
process.chdir(resolve(dirArg));

const sink = (keep) => ({
  length: 0,
  text: '',
  write(text) {
    this.length += text.length;
    if (keep) this.text += text;
    return true;
  },
});

/** Where a JSON report puts its findings, one `file:line:column rule` each, sorted; messages left out (their wording may change between builds). */
function findingPlaces(json) {
  const places = [];
  for (const file of JSON.parse(json)) for (const m of file.messages) places.push(`${file.filePath}:${m.line}:${m.column} ${m.ruleId}`);
  return places.sort();
}

async function once(side, keep = false) {
  const io = { stdout: sink(keep), stderr: sink(false), env: {} };
  // The previous run's garbage is collected first, so that neither side pays for the other's.
  globalThis.gc?.();
  const cpu = process.cpuUsage();
  const start = performance.now();
  // A build from before the CLI took its streams as an argument writes to the process's: those are caught for the run too.
  const writes = { stdout: process.stdout.write, stderr: process.stderr.write };
  process.stdout.write = (text) => io.stdout.write(text);
  process.stderr.write = (text) => io.stderr.write(text);
  let code;
  try {
    code = await sides[side](['node', 'securestore-audit', '--format', 'json', '.'], undefined, io);
  } finally {
    process.stdout.write = writes.stdout;
    process.stderr.write = writes.stderr;
  }
  const ms = performance.now() - start;
  const used = process.cpuUsage(cpu);
  if (code !== 0 && code !== 1) throw new Error(`build ${side} exited with ${code}`);
  return { ms, cpuMs: (used.user + used.system) / 1000, output: io.stdout.length, text: io.stdout.text };
}

const results = [];
const outputs = { a: new Set(), b: new Set() };
const findings = {};
for (let pass = 0; pass <= passes; pass++) {
  const order = pass % 2 ? ['b', 'a'] : ['a', 'b'];
  const times = {};
  for (const side of order) {
    const { ms, cpuMs, output, text } = await once(side, pass === 0);
    times[side] = { ms, cpuMs };
    outputs[side].add(output);
    if (pass === 0) findings[side] = findingPlaces(text);
  }
  if (pass > 0)
    results.push({
      a: times.a.cpuMs,
      b: times.b.cpuMs,
      ratio: times.b.cpuMs / times.a.cpuMs,
      wall: { a: times.a.ms, b: times.b.ms, ratio: times.b.ms / times.a.ms },
    });
}
process.stdout.write(`${JSON.stringify({ passes: results, outputLength: { a: [...outputs.a], b: [...outputs.b] }, findings })}\n`);
