import { execFile } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
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

/**
 * The environment a run sees: the tests' own, without their colour settings
 * and without GITHUB_WORKSPACE (set when the tests run on GitHub Actions, it
 * would move the root reports name files from), plus what a test sets.
 */
const runEnvironment = (env: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv => ({
  ...process.env,
  NO_COLOR: undefined,
  FORCE_COLOR: undefined,
  GITHUB_WORKSPACE: undefined,
  ...env,
});

/**
 * Runs the real executable as a child process. For what only a process shows:
 * its exit code, the bin file, Node's options, the compiler code cache, other users.
 */
export function runBinary(args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv; input?: string } = {}): Promise<CliRun> {
  return new Promise((done) => {
    const child = execFile(
      process.execPath,
      [binPath, ...args],
      { cwd: options.cwd ?? repoRoot, env: runEnvironment(options.env), maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => done({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
    // Standard input, for --stdin: written and closed, as a pipe from an editor would be.
    if (options.input !== undefined) child.stdin?.end(options.input);
  });
}

interface Collector {
  text: string;
  isTTY: false;
  write(text: string): boolean;
}

const collector = (): Collector => ({
  text: '',
  isTTY: false,
  write(text) {
    this.text += text;
    return true;
  },
});

type Run = typeof import('../../src/cli/main.js').run;

// The same built bundle the executable requires (bin/securestore-audit.js), loaded once per test file.
let bundledRun: Run | undefined;
const cliRun = (): Run => (bundledRun ??= (createRequire(import.meta.url)(join(repoRoot, 'dist/src/bundle/main.cjs')) as { run: Run }).run);

// Runs share the process's working directory and environment: one at a time.
let queue: Promise<unknown> = Promise.resolve();

/** Options a run in this process cannot honour: they are Node's, read when a process starts. */
const PROCESS_ONLY = ['NODE_OPTIONS'];

/**
 * Runs the CLI's own entry point, `run()` of the built bundle, in this process:
 * the code the executable runs, without starting Node and loading the compiler
 * each time. Same answer as runBinary: exit code, stdout and stderr. The working
 * directory and the environment are set for the run and restored after it.
 */
export function runCli(args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv; input?: string } = {}): Promise<CliRun> {
  const unsupported = PROCESS_ONLY.filter((name) => options.env?.[name] !== undefined);
  if (unsupported.length) throw new Error(`runCli runs in this process and cannot set ${unsupported.join(', ')}: use runBinary`);
  const result = queue.then(() => runHere(args, options));
  queue = result.catch(() => undefined);
  return result;
}

async function runHere(args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv; input?: string }): Promise<CliRun> {
  const stdout = collector();
  const stderr = collector();
  // As a child process gets it: a variable set to undefined is absent.
  const env = Object.fromEntries(Object.entries(runEnvironment(options.env)).filter(([, value]) => value !== undefined));
  const savedEnv = { ...process.env };
  const savedCwd = process.cwd();
  setEnvironment(env);
  process.chdir(options.cwd ?? repoRoot);
  try {
    const readStdin = async () => options.input ?? '';
    const code = await cliRun()(['node', binPath, ...args], undefined, { stdout, stderr, env, readStdin });
    return { code, stdout: stdout.text, stderr: stderr.text };
  } finally {
    process.chdir(savedCwd);
    setEnvironment(savedEnv);
  }
}

/** Makes process.env exactly `env` (a variable set to undefined is removed). */
function setEnvironment(env: NodeJS.ProcessEnv): void {
  for (const name of Object.keys(process.env)) if (env[name] === undefined) delete process.env[name];
  for (const [name, value] of Object.entries(env)) if (value !== undefined) process.env[name] = value;
}

export interface Located {
  file: string;
  line: number;
  column?: number;
  rule: string;
}

export const key = (f: Located) => `${f.file}:${f.line}${f.column === undefined ? '' : `:${f.column}`} ${f.rule}`;

/** Every source file under a directory, relative to the repo root. */
export function sourceFilesUnder(dir: string, { dart = false }: { dart?: boolean } = {}): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const entry of readdirSync(d, { withFileTypes: true })) {
      const full = join(d, entry.name);
      if (entry.isDirectory() && entry.name !== 'node_modules') walk(full);
      else if (/\.(ts|tsx|js|jsx|mjs|cjs|mts|cts)$/.test(entry.name) && !entry.name.endsWith('.d.ts')) out.push(relative(repoRoot, full));
      else if (dart && entry.name.endsWith('.dart')) out.push(relative(repoRoot, full));
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

/**
 * Lints with the real ESLint and the real flat config file users would write.
 * A file the config leaves out (a test file) gives no result, as in `eslint .`,
 * rather than the "File ignored" warning ESLint gives for a file named to it.
 */
export async function lintWithEslint(files: string[]): Promise<JsonResult[]> {
  const eslint = new ESLint({ cwd: repoRoot, overrideConfigFile: join(repoRoot, 'test/helpers/eslint.config.js'), warnIgnored: false });
  const results = await eslint.lintFiles(files);
  return results as unknown as JsonResult[];
}
