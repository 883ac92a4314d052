#!/usr/bin/env node
// Paired ESLint measurement for the bench's ESLint targets:
//
//   node bench/eslint-paired.js <dir> <config A> <config B> <passes>
//
// Two whole-process ESLint runs of the same config differ in wall time by
// more than the 2 % a target judges on a small shared machine (the machine's
// speed drifts over seconds, and a full garbage collection lands in one run
// and not the other; bench/README.md has the figures), so the ratio of two
// such runs cannot judge it. Here one process
// lints every file with config A and with config B, one right after the
// other, in a seeded random order per file, so that a slow second of the
// machine falls on both sides. The garbage collector's pauses are taken out
// of both sides: they are the price of the whole heap (ESLint's trees), not
// of whichever lint call they happen to interrupt, so charging them to that
// call only adds noise. What each config costs to load is added back to its
// side once per pass, as a CLI run pays it once.
//
// Prints one line of JSON: per pass, each side's lint time, its garbage
// collection pauses and the ratio B / A; the files linted, and the messages
// per side (the same files must be linted, and B's messages must include A's).
import { readdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { performance, PerformanceObserver } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';

const [dirArg, configA, configB, passesArg] = process.argv.slice(2);
const passes = Number(passesArg);
if (!dirArg || !configA || !configB || !Number.isInteger(passes) || passes < 1) {
  process.stderr.write('usage: node bench/eslint-paired.js <dir> <config A> <config B> <passes>\n');
  process.exit(2);
}
const dir = resolve(dirArg);

// The same files every bench config lints: every JS/TS flavour, without node_modules and .git.
const LINTED = /\.(ts|tsx|mts|cts|js|jsx|mjs|cjs)$/;
function* lintedFiles(folder) {
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name === '.git') continue;
    const path = join(folder, entry.name);
    if (entry.isDirectory()) yield* lintedFiles(path);
    else if (entry.isFile() && LINTED.test(entry.name)) yield path;
  }
}

/** Milliseconds an `import()` takes; modules already loaded are not loaded again. */
async function timedImport(url) {
  const start = performance.now();
  await import(url);
  return performance.now() - start;
}

// ESLint from the bench's own node_modules, as bench/run.js runs it.
const { ESLint } = await import('eslint');

// Every config imports the same parser (resolved as bench/run.js resolves it):
// load it first, so that each config's load time below is what that config
// adds (A's own modules, then B's on top of A's).
await import(import.meta.resolve('@typescript-eslint/parser'));
const load = { a: await timedImport(pathToFileURL(resolve(configA)).href) };
load.b = await timedImport(pathToFileURL(resolve(configB)).href);

const eslint = {
  a: new ESLint({ cwd: dir, overrideConfigFile: resolve(configA) }),
  b: new ESLint({ cwd: dir, overrideConfigFile: resolve(configB) }),
};
const files = [...lintedFiles(dir)].sort();
const texts = await Promise.all(files.map((f) => readFile(f, 'utf8')));

const pauses = [];
const observer = new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) pauses.push([entry.startTime, entry.startTime + entry.duration]);
});
observer.observe({ entryTypes: ['gc'] });

// A fixed seed: the same order in every bench run.
let seed = 20261123;
const coin = () => (seed = (seed * 48271) % 2147483647) / 2147483647 < 0.5;

/** Time each side spent inside a garbage collection pause, from the pauses that overlap its calls. */
function pausedWithin(calls) {
  pauses.sort((x, y) => x[0] - y[0]);
  const paused = { a: 0, b: 0 };
  let first = 0;
  for (const [side, start, end] of calls) {
    while (first < pauses.length && pauses[first][1] <= start) first++;
    for (let i = first; i < pauses.length && pauses[i][0] < end; i++) paused[side] += Math.min(pauses[i][1], end) - Math.max(pauses[i][0], start);
  }
  return paused;
}

const messages = { a: 0, b: 0 };
const result = { files: files.length, loadMs: load, warmUp: null, passes: [], messages };
for (let pass = 0; pass <= passes; pass++) {
  const calls = [];
  const count = { a: 0, b: 0 };
  for (let i = 0; i < files.length; i++) {
    for (const side of coin() ? ['a', 'b'] : ['b', 'a']) {
      const start = performance.now();
      const [report] = await eslint[side].lintText(texts[i], { filePath: files[i] });
      calls.push([side, start, performance.now()]);
      count[side] += report.messages.length;
    }
  }
  // Let the observer deliver this pass's pauses before they are counted.
  await new Promise((done) => setTimeout(done, 100));
  const paused = pausedWithin(calls);
  pauses.length = 0;
  const lint = { a: 0, b: 0 };
  for (const [side, start, end] of calls) lint[side] += end - start;
  const side = (s) => ({ lintMs: lint[s], gcMs: paused[s] });
  // B pays A's modules too (B's config imports them) and its own on top.
  const totalA = lint.a - paused.a + load.a;
  const totalB = lint.b - paused.b + load.a + load.b;
  const row = { a: side('a'), b: side('b'), ratio: totalB / totalA, ratioWithGc: (lint.b + load.a + load.b) / (lint.a + load.a) };
  if (pass === 0) result.warmUp = row;
  else result.passes.push(row);
  Object.assign(messages, count);
}
observer.disconnect();
process.stdout.write(`${JSON.stringify(result)}\n`);
