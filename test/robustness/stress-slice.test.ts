import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../helpers/run.js';

// A slice of `npm run stress` (scripts/stress.js): every 3rd JavaScript /
// TypeScript file installed in node_modules, and of fixtures/, copied into a
// temporary directory and audited by the real CLI in one run. The script does
// the checking (exit code 0 or 1, no stack trace or internal error, each file
// once in the report, at most one message about a file itself); this test
// holds it to a clean summary. The CLI's own size limit applies here, so the
// few bundles over 1 MB are the "File skipped" path; the full run lifts it.

interface Summary {
  files: number;
  exitCode: number;
  notInReport: number;
  counts: Record<string, number>;
  problems: string[];
}

function runStress(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((done) => {
    execFile(process.execPath, [join(repoRoot, 'scripts/stress.js'), ...args], { cwd: repoRoot, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) =>
      done({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}

describe('stress slice', () => {
  it('the CLI audits every 3rd installed file without an internal error, each file audited or reported once', async () => {
    const run = await runStress(['--every', '3', '--max-file-size', 'default', '--json']);
    expect(run.stderr).toBe('');
    const summary = JSON.parse(run.stdout.trim().split('\n').pop()!) as Summary;
    expect(summary.problems).toEqual([]);
    expect(run.code).toBe(0);
    expect(summary.files).toBeGreaterThan(3000);
    expect([0, 1]).toContain(summary.exitCode);
    expect(summary.notInReport).toBe(0);
    expect(summary.counts.internal).toBe(0);
    // Most of what is installed parses and is analysed to the end.
    expect(summary.counts.audited).toBeGreaterThan(summary.files * 0.9);
  }, 180_000);
});
