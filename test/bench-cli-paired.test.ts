import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
// @ts-expect-error: the benchmark's generator is plain JavaScript without types
import { generate } from '../bench/generate.js';

// The paired CLI measurement gates "no slower than an earlier build", and the
// bench warns when the two builds report findings at different places. The
// places it takes must be the ones the CLI itself reports. Its timings are not
// asserted (speed is the bench's business).

const repo = fileURLToPath(new URL('..', import.meta.url));

it('runs each build on every pass and gives where its warm-up report puts the findings', () => {
  const app = mkdtempSync(join(tmpdir(), 'ssa-cli-paired-'));
  generate(app, 120);
  const child = spawnSync(process.execPath, ['--expose-gc', join(repo, 'bench/cli-paired.js'), app, repo, repo, '2'], { cwd: repo, encoding: 'utf8' });
  expect(child.stderr).toBe('');
  expect(child.status).toBe(0);
  const result = JSON.parse(child.stdout);

  const cli = spawnSync(process.execPath, [join(repo, 'bin/securestore-audit.js'), '--format', 'json', '.'], { cwd: app, encoding: 'utf8' });
  expect(cli.status).toBe(1);
  const report = JSON.parse(cli.stdout) as { filePath: string; messages: { line: number; column: number; ruleId: string }[] }[];
  const places = report.flatMap((file) => file.messages.map((m) => `${file.filePath}:${m.line}:${m.column} ${m.ruleId}`)).sort();
  expect(places.length).toBeGreaterThan(0);
  expect(result.findings).toEqual({ a: places, b: places });

  expect(result.passes).toHaveLength(2);
  for (const pass of result.passes) for (const side of [pass.a, pass.b]) expect(side).toBeGreaterThan(0);
  expect(result.outputLength).toEqual({ a: [cli.stdout.length], b: [cli.stdout.length] });
});
