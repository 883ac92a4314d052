#!/usr/bin/env node
// What the compiler's code cache saves a CLI run, on one or more Node binaries
// (see docs/decisions.md, "The compile cache after Node 20"):
//
//   node bench/startup.js [--runs 10] [--node <path>]... <app>
//
// For each Node (default: the one running this), the CLI audits <app> with
// --format json: with the code cache as shipped, with
// NODE_DISABLE_COMPILE_CACHE=1, and, where Node has a compile cache of its
// own, with the hand-written one instead (module.enableCompileCache hidden by
// a --require preload). Every configuration has a temp directory of its own,
// so no cache evicts another; one warm-up run each writes them. The runs then
// alternate in a random order in every round. Prints, per configuration, the
// median CPU time (user + system, from GNU time) and wall time, and the median
// over the rounds of its difference from the run without a cache of the same
// Node in the same round. CPU time is the steadier figure on a busy machine.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { runs: { type: 'string', default: '10' }, node: { type: 'string', multiple: true } },
});
const runs = Number(values.runs);
if (positionals.length !== 1 || !Number.isInteger(runs) || runs < 1) {
  process.stderr.write('usage: node bench/startup.js [--runs 10] [--node <path>]... <app>\n');
  process.exit(2);
}
const app = resolve(positionals[0]);
const cliBin = fileURLToPath(new URL('../bin/securestore-audit.js', import.meta.url));
const work = mkdtempSync(join(tmpdir(), 'ssa-startup-'));
const hideBuiltin = join(work, 'hide-builtin-cache.cjs');
writeFileSync(hideBuiltin, "delete require('node:module').enableCompileCache;\n");
const timeFile = join(work, 'time.out');

const configs = [];
for (const node of values.node ?? [process.execPath]) {
  const probe = spawnSync(node, ['-p', "process.version + ' ' + (typeof require('node:module').enableCompileCache)"], { encoding: 'utf8' });
  if (probe.status !== 0) throw new Error(`${node} does not run: ${probe.stderr}`);
  const [version, builtin] = probe.stdout.trim().split(' ');
  const add = (name, preload, env) => {
    const temp = join(work, String(configs.length));
    mkdirSync(temp);
    configs.push({ name: `${version} ${name}`, version, node, preload, env: { TMPDIR: temp, TEMP: temp, TMP: temp, ...env } });
  };
  add('no cache', [], { NODE_DISABLE_COMPILE_CACHE: '1' });
  add(builtin === 'function' ? "Node's cache (as shipped)" : 'hand-written cache (as shipped)', [], {});
  if (builtin === 'function') add('hand-written cache', ['--require', hideBuiltin], {});
}

function once(config) {
  const env = { ...process.env, ...config.env };
  if (!config.env.NODE_DISABLE_COMPILE_CACHE) delete env.NODE_DISABLE_COMPILE_CACHE;
  const started = process.hrtime.bigint();
  const run = spawnSync('/usr/bin/time', ['-o', timeFile, '-f', '%U %S', config.node, ...config.preload, cliBin, '--format', 'json', app], {
    env,
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const wall = Number(process.hrtime.bigint() - started) / 1e6;
  if (run.status !== 0 && run.status !== 1) throw new Error(`${config.name}: exit ${run.status}: ${run.stderr}`);
  const [user, system] = readFileSync(timeFile, 'utf8').trim().split('\n').pop().split(' ').map(Number);
  return { wall, cpu: (user + system) * 1000 };
}

const shuffled = (list) => {
  const copy = [...list];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [copy[i], copy[j]] = [copy[j], copy[i]];
  }
  return copy;
};
const median = (xs) => {
  const sorted = [...xs].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

try {
  for (const config of configs) once(config);
  const samples = new Map(configs.map((config) => [config, []]));
  for (let round = 0; round < runs; round++) for (const config of shuffled(configs)) samples.get(config).push(once(config));
  process.stdout.write(`${app}: ${runs} rounds after a warm-up; load average ${loadavg()[0].toFixed(1)} at the end\n`);
  for (const config of configs) {
    const mine = samples.get(config);
    const base = samples.get(configs.find((c) => c.version === config.version));
    const cpu = `CPU ${median(mine.map((s) => s.cpu)).toFixed(0)} ms (${median(mine.map((s, i) => s.cpu - base[i].cpu)).toFixed(0)})`;
    const wall = `wall ${median(mine.map((s) => s.wall)).toFixed(0)} ms (${median(mine.map((s, i) => s.wall - base[i].wall)).toFixed(0)})`;
    process.stdout.write(`  ${config.name.padEnd(42)} ${cpu.padEnd(24)} ${wall}\n`);
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
