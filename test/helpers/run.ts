import { execFile } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const fixturesDir = join(repoRoot, 'fixtures');
export const binPath = join(repoRoot, 'bin/securestore-audit.js');

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the real executable as a child process. */
export function runCli(args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): Promise<CliRun> {
  return new Promise((done) => {
    execFile(
      process.execPath,
      [binPath, ...args],
      { cwd: options.cwd ?? repoRoot, env: { ...process.env, NO_COLOR: undefined, FORCE_COLOR: undefined, ...options.env }, maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => done({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}

export interface Located {
  file: string;
  line: number;
  column?: number;
  rule: string;
}

export const key = (f: Located) => `${f.file}:${f.line}${f.column === undefined ? '' : `:${f.column}`} ${f.rule}`;

/** Every source file under a directory, relative to the repo root. */
export function sourceFilesUnder(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const entry of readdirSync(d, { withFileTypes: true })) {
      const full = join(d, entry.name);
      if (entry.isDirectory() && entry.name !== 'node_modules') walk(full);
      else if (/\.(ts|tsx|js|jsx|mjs|cjs|mts|cts)$/.test(entry.name) && !entry.name.endsWith('.d.ts')) out.push(relative(repoRoot, full));
    }
  };
  walk(dir);
  return out.sort();
}

/**
 * Expected findings written in the fixtures themselves: `// expect: rule-a, rule-b`
 * (both front-ends) and `// expect-cli: rule` (only the CLI, which follows imports)
 * at the end of the line where the finding starts.
 */
export function expectedFindings(files: string[], frontEnd: 'cli' | 'eslint'): Located[] {
  const found: Located[] = [];
  for (const file of files) {
    const lines = readFileSync(join(repoRoot, file), 'utf8').split(/\r?\n/);
    lines.forEach((text, index) => {
      for (const match of text.matchAll(/\/\/\s*expect(-cli)?:\s*([a-z-]+(?:\s*,\s*[a-z-]+)*)/g)) {
        if (match[1] && frontEnd !== 'cli') continue;
        for (const rule of match[2]!.split(',')) found.push({ file, line: index + 1, rule: `securestore/${rule.trim()}` });
      }
    });
  }
  return found;
}

interface JsonResult {
  filePath: string;
  messages: { ruleId: string | null; line: number; column: number; fatal?: boolean; message: string }[];
}

export function findingsOf(results: JsonResult[], withColumn = false): Located[] {
  return results.flatMap((r) =>
    r.messages.map((m) => ({
      file: relative(repoRoot, r.filePath),
      line: m.line,
      ...(withColumn ? { column: m.column } : {}),
      rule: m.ruleId ?? `fatal: ${m.message}`,
    })),
  );
}

/** Lints with the real ESLint and the real flat config file users would write. */
export async function lintWithEslint(files: string[]): Promise<JsonResult[]> {
  const eslint = new ESLint({ cwd: repoRoot, overrideConfigFile: join(repoRoot, 'test/helpers/eslint.config.js') });
  const results = await eslint.lintFiles(files);
  return results as unknown as JsonResult[];
}
