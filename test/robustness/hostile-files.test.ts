import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';
import { audit } from '../../src/audit/audit.js';
import { loadConfig } from '../../src/audit/config.js';
import { readFiles } from '../../src/audit/project.js';
import { MAX_SYNTAX_DEPTH } from '../../src/core/parse.js';
import { repoRoot, runCli } from '../helpers/run.js';
import { snippetRuleArgs } from '../helpers/rules.js';

// Broken, strange and hostile files, each audited by the real CLI beside a
// file with a known finding. Whatever the hostile file does, it ends with
// normal findings or with exactly one message of its own, and the known
// finding is still reported: one file never stops the audit.

const execFileAsync = promisify(execFile);

const IMPORT = "import * as SecureStore from 'expo-secure-store';\n";
/** The file beside every hostile one: SecureStore.setItemAsync without options. */
const KNOWN_BAD = `${IMPORT}export async function save(t: string) {\n  await SecureStore.setItemAsync('token', t);\n}\n`;
const KNOWN_FINDING = { ruleId: 'securestore/require-keychain-accessible', line: 3, column: 9 };

/**
 * Every rule but those about a whole project's keys (never deleted, never
 * read; see helpers/rules.ts): those compare files with each other, and the
 * ESLint plugin sees one file at a time. The parity test in
 * test/fixtures.test.ts runs the same set.
 */
const SNIPPET_RULES = snippetRuleArgs;

interface Message {
  ruleId: string | null;
  fatal?: boolean;
  message: string;
  line: number;
  column: number;
  endLine?: number;
  endColumn?: number;
}

interface Audited {
  code: number;
  stderr: string;
  /** Messages per file, relative to the project; a file left out by the prefilter is absent. */
  files: Map<string, Message[]>;
  dir: string;
}

function project(files: Record<string, string | Buffer>): string {
  const dir = mkdtempSync(join(tmpdir(), 'ssa-hostile-'));
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), content);
  }
  return dir;
}

async function auditProject(files: Record<string, string | Buffer>, args: string[] = [], paths = ['.']): Promise<Audited> {
  const dir = project({ 'known-bad.ts': KNOWN_BAD, ...files });
  const run = await runCli(['--format', 'json', ...SNIPPET_RULES, ...args, ...paths], { cwd: dir });
  let results: { filePath: string; messages: Message[] }[];
  try {
    results = JSON.parse(run.stdout);
  } catch {
    throw new Error(`no JSON on stdout (exit ${run.code}):\n${run.stdout.slice(0, 2000)}\n${run.stderr.slice(0, 2000)}`);
  }
  const byFile = new Map(
    results.map((r) => [
      r.filePath
        .slice(dir.length + 1)
        .split('\\')
        .join('/'),
      r.messages,
    ]),
  );
  return { code: run.code, stderr: run.stderr, files: byFile, dir };
}

/** The audit went on: a normal exit, nothing on stderr, and the known file's finding. */
function expectAuditWentOn(run: Audited): void {
  expect(run.stderr).toBe('');
  expect(run.code).toBe(1); // the known finding is an error
  const known = run.files.get('known-bad.ts') ?? [];
  expect(known.map((m) => `${m.ruleId} ${m.line}:${m.column}`)).toContain(`${KNOWN_FINDING.ruleId} ${KNOWN_FINDING.line}:${KNOWN_FINDING.column}`);
}

/** Exactly one message for the file, about the file itself (no rule id). */
function onlyMessage(run: Audited, file: string): Message {
  const messages = run.files.get(file);
  expect(messages, `${file} is in the report`).toBeDefined();
  expect(messages!.map((m) => m.message)).toHaveLength(1);
  expect(messages![0]!.ruleId).toBeNull();
  return messages![0]!;
}

const located = (messages: Message[] | undefined) =>
  (messages ?? [])
    .filter((m) => m.ruleId !== null)
    .map((m) => `${m.ruleId} ${m.line}:${m.column}-${m.endLine}:${m.endColumn}`)
    .sort();

/** Real ESLint with the flat config a user writes, run in the project. */
async function lint(dir: string, files: string[]): Promise<Map<string, Message[]>> {
  const eslint = new ESLint({ cwd: dir, overrideConfigFile: join(repoRoot, 'test/helpers/eslint.config.js') });
  const results = await eslint.lintFiles(files);
  return new Map(
    results.map((r) => [
      r.filePath
        .slice(dir.length + 1)
        .split('\\')
        .join('/'),
      r.messages as Message[],
    ]),
  );
}

/** Deterministic bytes (mulberry32), so a failure reproduces. */
function randomBytes(length: number, seed: number): Buffer {
  let state = seed >>> 0;
  const bytes = Buffer.alloc(length);
  for (let i = 0; i < length; i++) {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    bytes[i] = (t ^ (t >>> 14)) & 0xff;
  }
  return bytes;
}

describe('syntax errors: one fatal message for the file, the audit goes on', () => {
  const cases: [name: string, file: string, text: string][] = [
    ['an unclosed brace', 'unclosed.ts', `${IMPORT}export function f() {\n  const a = 1;\n`],
    ['an unterminated string', 'string.ts', `${IMPORT}const s = 'abc;\nexport default s;\n`],
    ['a stray }', 'stray.ts', `${IMPORT}const a = 1;\n}\nexport default a;\n`],
    ['bad JSX', 'jsx.tsx', `${IMPORT}export const x = <div><span></div>;\n`],
    ['an import with no source', 'import.ts', `${IMPORT}import { a } from;\nexport default a;\n`],
  ];
  for (const [name, file, text] of cases) {
    it(`${name} (${file})`, async () => {
      const run = await auditProject({ [file]: text });
      expectAuditWentOn(run);
      const message = onlyMessage(run, file);
      expect(message.fatal).toBe(true);
      expect(message.message).toMatch(/^Parsing error: \S/);
      expect(message.line).toBeGreaterThan(1); // the error is after the import line
      // ESLint's parser finds the file broken too: one fatal message there as well.
      const eslint = await lint(run.dir, [file, 'known-bad.ts']);
      expect(eslint.get(file)!.map((m) => m.fatal)).toEqual([true]);
      expect(located(eslint.get('known-bad.ts'))).toEqual(located(run.files.get('known-bad.ts')));
    });
  }

  it('TypeScript-only syntax in a .js file is not a parse error: the file is analysed like ESLint analyses it', async () => {
    const file = 'typed.js';
    const text = `${IMPORT}interface Options { a: number }\nexport async function save(t: string): Promise<void> {\n  await SecureStore.setItemAsync('token', t as string);\n}\n`;
    const run = await auditProject({ [file]: text });
    expectAuditWentOn(run);
    expect(located(run.files.get(file))).toContain('securestore/require-keychain-accessible 4:9-4:55');
    const eslint = await lint(run.dir, [file]);
    expect(located(eslint.get(file))).toEqual(located(run.files.get(file)));
  });
});

describe('empty and comment-only files', () => {
  it('an empty file has no message and does not disturb the others', async () => {
    const run = await auditProject({ 'empty.ts': '' });
    expectAuditWentOn(run);
    expect(run.files.get('empty.ts') ?? []).toEqual([]);
  });

  it('a file of comments only (naming the module, so it is parsed) is audited with no findings', async () => {
    const run = await auditProject({ 'comments.ts': '// expo-secure-store is mentioned here only\n/* and\n   here */\n' });
    expectAuditWentOn(run);
    expect(run.files.get('comments.ts')).toEqual([]);
  });
});

describe('encodings and line endings: findings keep their positions', () => {
  // A call on the first line shows a column shifted by the BOM; one on line 3 a line shifted by CRLF.
  const firstLine = `${IMPORT.trimEnd()} SecureStore.setItemAsync('token', 'v');\n${KNOWN_BAD.slice(IMPORT.length)}`;
  const callColumn = firstLine.indexOf('SecureStore.setItemAsync') + 1;

  it('a UTF-8 byte order mark', async () => {
    const run = await auditProject({ 'plain.ts': firstLine, 'bom.ts': `\uFEFF${firstLine}` });
    expectAuditWentOn(run);
    const bom = located(run.files.get('bom.ts'));
    expect(bom).toContain(`securestore/require-keychain-accessible 1:${callColumn}-1:${callColumn + "SecureStore.setItemAsync('token', 'v')".length}`);
    expect(bom).toContain('securestore/require-keychain-accessible 3:9-3:45');
    expect(bom).toEqual(located(run.files.get('plain.ts')));
    const eslint = await lint(run.dir, ['bom.ts']);
    expect(located(eslint.get('bom.ts')).filter((f) => f.startsWith('securestore/require-keychain'))).toEqual(
      bom.filter((f) => f.startsWith('securestore/require-keychain')),
    );
  });

  it('CRLF line endings', async () => {
    const crlf = firstLine.replace(/\n/g, '\r\n');
    const run = await auditProject({ 'lf.ts': firstLine, 'crlf.ts': crlf });
    expectAuditWentOn(run);
    const found = located(run.files.get('crlf.ts'));
    expect(found).toContain('securestore/require-keychain-accessible 3:9-3:45');
    expect(found).toEqual(located(run.files.get('lf.ts')));
    const eslint = await lint(run.dir, ['crlf.ts']);
    expect(located(eslint.get('crlf.ts'))).toEqual(found);
  });

  it('invalid UTF-8 bytes (and a valid two-byte character) before the call on its line', async () => {
    const before = Buffer.concat([Buffer.from(`${IMPORT}const label = 'é`), Buffer.from([0xff, 0xfe, 0xc3]), Buffer.from("'; ")]);
    const call = "SecureStore.setItemAsync('token', label)";
    const invalid = Buffer.concat([before, Buffer.from(`${call};\n${KNOWN_BAD.slice(IMPORT.length)}`)]);
    // Columns count UTF-16 units of the decoded text, as ESLint's do: each invalid byte is one U+FFFD.
    const column = before.toString('utf8').length - IMPORT.length + 1;
    const run = await auditProject({ 'invalid.ts': invalid });
    expectAuditWentOn(run);
    const found = located(run.files.get('invalid.ts'));
    expect(found).toContain(`securestore/require-keychain-accessible 2:${column}-2:${column + call.length}`);
    expect(found).toContain('securestore/require-keychain-accessible 4:9-4:45');
    const eslint = await lint(run.dir, ['invalid.ts']);
    expect(located(eslint.get('invalid.ts'))).toEqual(found);
  });
});

describe('files that are not source code', () => {
  it('random bytes with NULs named .ts are one message, not a parse of garbage', async () => {
    // The module name inside makes the file relevant if it were taken as text.
    const blob = Buffer.concat([randomBytes(3000, 7), Buffer.from('\0expo-secure-store\0'), randomBytes(3000, 8)]);
    expect(blob.includes(0)).toBe(true);
    const run = await auditProject({ 'blob.ts': blob });
    expectAuditWentOn(run);
    expect(onlyMessage(run, 'blob.ts').message).toMatch(/binary/i);
  });

  it('a directory named x.ts is walked, never read as a file', async () => {
    for (const paths of [['.'], ['x.ts', 'known-bad.ts']]) {
      const run = await auditProject({ 'x.ts/inner.ts': KNOWN_BAD }, [], paths);
      expectAuditWentOn(run);
      expect(run.files.has('x.ts')).toBe(false);
      expect(located(run.files.get('x.ts/inner.ts'))).toContain('securestore/require-keychain-accessible 3:9-3:45');
    }
  });
});

describe('a 5 MB minified bundle on one line', () => {
  // Thousands of small functions on one line, and one known call near the end.
  const chunks = [IMPORT.trimEnd()];
  for (let i = 0; chunks.join('').length < 5 * 1024 * 1024 - 200; i++) {
    chunks.push(Array.from({ length: 100 }, (_, j) => `var f${i}_${j}=function(a,b){return a*${j}+b|0};`).join(''));
  }
  const call = 'SecureStore.setItemAsync("token",f0_1(1,2));';
  const bundle = `${chunks.join('')}${call}var z=1;\n`;
  const column = bundle.indexOf(call) + 1;

  it('is skipped with one message under the default size limit', async () => {
    expect(bundle.length).toBeGreaterThan(5 * 1024 * 1024 - 200);
    const run = await auditProject({ 'bundle.js': bundle });
    expectAuditWentOn(run);
    expect(onlyMessage(run, 'bundle.js').message).toMatch(/^File skipped: .*--max-file-size/);
  });

  it('is analysed, with the finding at its column far along the line, when the limit allows it', async () => {
    const run = await auditProject({ 'bundle.js': bundle }, ['--max-file-size', '8mb']);
    expectAuditWentOn(run);
    const messages = run.files.get('bundle.js')!;
    expect(messages.filter((m) => m.ruleId === null)).toEqual([]);
    expect(messages.map((m) => `${m.ruleId} ${m.line}:${m.column}`)).toContain(`securestore/require-keychain-accessible 1:${column}`);
  }, 120_000);
});

describe('deep nesting: one message for the file, never a stack overflow', () => {
  const N = 10_000;
  const deep: [name: string, file: string, text: string][] = [
    ['parentheses', 'parens.ts', `${IMPORT}export const x = ${'('.repeat(N)}1${')'.repeat(N)};\n`],
    ['array literals', 'arrays.ts', `${IMPORT}export const x = ${'['.repeat(N)}1${']'.repeat(N)};\n`],
    ['JSX elements', 'elements.tsx', `${IMPORT}export const x = ${'<div>'.repeat(N)}a${'</div>'.repeat(N)};\n`],
    ['a binary chain a + a + …', 'chain.ts', `${IMPORT}const a = 1;\nexport const x = ${Array(N).fill('a').join(' + ')};\n`],
    ['arrow functions', 'arrows.ts', `${IMPORT}export const x = ${'() => '.repeat(N)}1;\n`],
    ['ternaries', 'ternaries.ts', `${IMPORT}const a = 1;\nexport const x = ${'a ? 1 : '.repeat(N)}0;\n`],
  ];
  const TOO_DEEP = new RegExp(
    `^(Parsing error: nesting too deep to parse\\.|File not analysed: its syntax is nested more than ${MAX_SYNTAX_DEPTH} levels deep)`,
  );

  for (const [name, file, text] of deep) {
    it(`${N} nested ${name}`, async () => {
      const run = await auditProject({ [file]: text });
      expectAuditWentOn(run);
      const message = onlyMessage(run, file);
      expect(message.fatal).toBe(true);
      expect(message.message).toMatch(TOO_DEEP);
      // ESLint's own parser gives up on these: its fatal message, and the plugin does not throw.
      const eslint = await lint(run.dir, [file, 'known-bad.ts']);
      expect(eslint.get(file)!.map((m) => m.fatal)).toEqual([true]);
      expect(located(eslint.get('known-bad.ts'))).toEqual(located(run.files.get('known-bad.ts')));
    }, 60_000);
  }

  it('a module too deep to parse is parsed once, however many files import it', () => {
    // Its parse runs out of stack each time it is tried: the cost is paid once,
    // the three importers' own findings are still reported.
    const importer = (i: number) => `${IMPORT}import { x } from './keys';\nexport const save${i} = (t: string) => SecureStore.setItemAsync(x, t);\n`;
    const dir = project({ 'keys.ts': `export const x = ${'['.repeat(N)}1${']'.repeat(N)};\n`, 'a.ts': importer(1), 'b.ts': importer(2), 'c.ts': importer(3) });
    const result = audit({ cwd: dir, paths: ['.'] });
    expect(result.counts).toMatchObject({ relevant: 3, parsed: 4 });
    for (const name of ['a.ts', 'b.ts', 'c.ts']) {
      const file = result.files.find((f) => f.filePath.endsWith(`/${name}`))!;
      expect(file.findings.map((f) => f.ruleId)).toContain('securestore/require-keychain-accessible');
    }
  });

  it('a tree TypeScript parses but the rules must not walk says where it gets too deep', async () => {
    const run = await auditProject({ 'chain.ts': deep[3]![2] });
    const message = onlyMessage(run, 'chain.ts');
    expect(message.message).toMatch(/^File not analysed: its syntax is nested more than \d+ levels deep/);
    expect(message.line).toBe(3);
  });

  it('the ESLint plugin reports nothing on a file deeper than the limit, where ESLint itself can parse it', async () => {
    // ESLint's parser runs out of the default stack before the limit is
    // reached (about 850 levels), so ESLint runs here with a 3 MB stack.
    // Then the plugin's rules see the file and must neither walk it nor
    // throw: no finding on it, the finding beside it. The CLI gives its one
    // message for the same file.
    const text = `${IMPORT}const a = 1;\nexport const x = ${Array(1500).fill('a').join(' + ')};\nexport const s = (t: string) => SecureStore.setItemAsync('token', t);\n`;
    const dir = project({ 'deep.ts': text, 'known-bad.ts': KNOWN_BAD });
    const helper = join(repoRoot, 'test/robustness/helpers/lint-files.mjs');
    const { stdout, stderr } = await execFileAsync(process.execPath, ['--stack-size=3000', helper, dir, 'deep.ts', 'known-bad.ts'], {
      maxBuffer: 16 * 1024 * 1024,
    });
    expect(stderr).toBe('');
    const results = new Map((JSON.parse(stdout) as { filePath: string; messages: Message[] }[]).map((r) => [r.filePath.slice(dir.length + 1), r.messages]));
    expect(results.get('deep.ts')).toEqual([]);
    expect(located(results.get('known-bad.ts'))).toContain('securestore/require-keychain-accessible 3:9-3:45');
    const run = await auditProject({ 'deep.ts': text });
    expect(onlyMessage(run, 'deep.ts').message).toMatch(/^File not analysed: its syntax is nested more than/);
  }, 60_000);

  it('real-world depth (a 700-term concatenation; the deepest installed file is 781 levels) is analysed normally', async () => {
    const text = `${IMPORT}const label = ${Array(700).fill("'x'").join(' + ')};\nexport const save = (t: string) => SecureStore.setItemAsync('token', t + label);\n`;
    const run = await auditProject({ 'concat.ts': text });
    expectAuditWentOn(run);
    expect(run.files.get('concat.ts')!.filter((m) => m.ruleId === null)).toEqual([]);
    expect(located(run.files.get('concat.ts'))).toContain('securestore/require-keychain-accessible 3:36-3:80');
  });
});

describe('a file that disappears between listing and reading', () => {
  it('reading a path that no longer exists reports it as unreadable', () => {
    const dir = project({ 'gone.ts': KNOWN_BAD });
    rmSync(join(dir, 'gone.ts'));
    const read = readFiles([join(dir, 'gone.ts')]);
    expect(read.texts.size).toBe(0);
    expect(read.unreadable.get(join(dir, 'gone.ts'))).toMatch(/no longer exists/);
  });

  it('a file removed after discovery gets one message, and the others are audited', () => {
    const dir = project({ 'known-bad.ts': KNOWN_BAD, 'gone.ts': KNOWN_BAD });
    const config = loadConfig(dir);
    const removed: string[] = [];
    // The config's ignore check runs on each discovered file before any is
    // read: the one moment between listing and reading the API lets a test act.
    const result = audit({
      cwd: dir,
      config: {
        ...config,
        isIgnored: (file) => {
          if (file.endsWith('gone.ts')) {
            rmSync(file);
            removed.push(file);
          }
          return config.isIgnored(file);
        },
      },
    });
    expect(removed).toHaveLength(1);
    const gone = result.files.find((f) => f.filePath.endsWith('gone.ts'));
    expect(gone?.fatal?.message).toMatch(/^Cannot read file: .*no longer exists/);
    expect(gone?.findings).toEqual([]);
    const known = result.files.find((f) => f.filePath.endsWith('known-bad.ts'));
    expect(known?.findings.map((f) => `${f.ruleId} ${f.line}:${f.column}`)).toContain(`${KNOWN_FINDING.ruleId} 3:9`);
  });
});
