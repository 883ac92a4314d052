import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { escapeData, escapeProperty } from '../../src/reporters/github.js';
import { runCli } from '../helpers/run.js';
import { tempProject } from '../helpers/temp-project.js';

// File names and keys come from the audited project, which may be hostile (a
// pull request from anyone). Nothing in them may forge a line in a CI log, a
// GitHub workflow command, or a terminal escape sequence.

const ESC = '\u001b';
/** A file name with what means something to the formats: ',', ':', '%', a newline. */
const NAME = 'we,ird:%25 na\n::error file=x::pwned.ts';
/** A file name with an ANSI escape: shown as `\x1b` everywhere people read it. */
const ESC_NAME = `esc${ESC}[31m.ts`;
/** The key as the program sees it (the source writes it with escapes). */
const KEY = `k\n::error file=x::pwned${ESC}[31m%0A`;
const KEY_SOURCE = 'k\\n::error file=x::pwned\\u001b[31m%0A';
const OPTS = '{ keychainAccessible: SecureStore.WHEN_UNLOCKED_THIS_DEVICE_ONLY }';
const NS = "import * as SecureStore from 'expo-secure-store';\n";
/** Raw control and bidi characters in the source itself: in a string and in a comment on a finding's line. */
const RAW = `// SecureStore prefix: auth.*\n${NS}export const r = () => SecureStore.getItemAsync('auth.raw${ESC}[2J'); // \u202e}; evil() {\u202c\n`;

function project(): string {
  return tempProject({
    [`src/${NAME}`]: `// SecureStore prefix: k*\n${NS}export const r = () => SecureStore.getItemAsync('${KEY_SOURCE}', ${OPTS});\n`,
    'src/raw.ts': RAW,
    [`src/${ESC_NAME}`]: `// SecureStore prefix: auth.*\n${NS}export const r = () => SecureStore.getItemAsync('auth.esc');\n`,
    'x:y.ts': `// SecureStore prefix: auth.*\n${NS}export const r = () => SecureStore.getItemAsync('auth.colon');\n`,
  });
}

/** Anything that can act on a terminal or split a line: C0 (but LF), DEL, C1, bidi marks, line separators. */
// eslint-disable-next-line no-control-regex -- control characters are what this finds
const UNSAFE = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;

/** The audited files, as absolute paths, sorted. */
const files = (cwd: string) => [join(cwd, 'src', NAME), join(cwd, 'src', ESC_NAME), join(cwd, 'src/raw.ts'), join(cwd, 'x:y.ts')].sort();

/** The runner's unescaping (the reverse of @actions/core's escapes). */
const unescapeData = (text: string) => text.replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%25/g, '%');
const unescapeProperty = (text: string) => text.replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%3A/g, ':').replace(/%2C/g, ',').replace(/%25/g, '%');

/** Our annotation commands, and nothing else: `::error|warning file=…,line=…,…,title=…::message`. */
const OUR_COMMAND = /^::(error|warning) (file=[^,:\r\n]*,line=\d+,col=\d+(?:,endLine=\d+,endColumn=\d+)?,title=[^,:\r\n]*)::([^\r\n]*)$/;

interface Annotation {
  command: string;
  properties: Record<string, string>;
  message: string;
}

function parseAnnotations(stdout: string): Annotation[] {
  return stdout
    .split('\n')
    .filter(Boolean)
    .map((line) => {
      const match = OUR_COMMAND.exec(line);
      expect(match, `not one of our annotations: ${JSON.stringify(line)}`).not.toBeNull();
      const properties = Object.fromEntries(match![2]!.split(',').map((p) => [p.slice(0, p.indexOf('=')), unescapeProperty(p.slice(p.indexOf('=') + 1))]));
      return { command: match![1]!, properties, message: unescapeData(match![3]!) };
    });
}

describe('GitHub annotations', () => {
  it('escapes data and property values so that the runner reads back exactly what was meant', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (text) => {
        const data = escapeData(text);
        const property = escapeProperty(text);
        expect(data).not.toMatch(/[\r\n]/);
        expect(property).not.toMatch(/[\r\n:,]/);
        expect(unescapeData(data)).toBe(text);
        expect(unescapeProperty(property)).toBe(text);
      }),
    );
  });

  it('a hostile file name or key starts no workflow command of its own, and each annotation names the real file', async () => {
    const cwd = project();
    const run = await runCli(['--format', 'github'], { cwd });
    expect(run.code).toBe(1);
    expect(run.stdout).not.toContain(ESC);
    expect(run.stdout).not.toContain('\r');
    const annotations = parseAnnotations(run.stdout);
    expect(new Set(annotations.map((a) => a.properties.file))).toEqual(new Set([`src/${NAME}`, 'src/esc\\x1b[31m.ts', 'src/raw.ts', 'x:y.ts']));
    const invalidKey = annotations.find((a) => a.properties.title === 'securestore/valid-secure-store-key' && a.properties.file === `src/${NAME}`);
    // The key is quoted with its control characters made visible, as the source writes them.
    expect(invalidKey?.message).toContain(`SecureStore key 'k\\n::error file=x::pwned\\x1b[31m%0A' contains`);
    expect(annotations.every((a) => !a.message.includes(ESC) && !a.message.includes('\n'))).toBe(true);
  });
});

describe('JSON and SARIF', () => {
  let cwd: string;
  beforeAll(() => {
    cwd = project();
  });

  it('JSON is one JSON.stringify line that parses back to the exact file names and keys', async () => {
    const run = await runCli(['--format', 'json'], { cwd });
    expect(run.stdout.endsWith('\n')).toBe(true);
    // eslint-disable-next-line no-control-regex -- control characters are what this finds
    expect(run.stdout.slice(0, -1)).not.toMatch(/[\u0000-\u001f]/);
    const results = JSON.parse(run.stdout) as { filePath: string; messages: { ruleId: string; message: string }[] }[];
    expect(results.map((r) => r.filePath).sort()).toEqual(files(cwd));
    const named = results.find((r) => r.filePath === join(cwd, 'src', NAME))!;
    const invalid = named.messages.find((m) => m.ruleId === 'securestore/valid-secure-store-key')!;
    // A machine format keeps the data exact: JSON.stringify is what makes it safe.
    expect(invalid.message).toBe(`SecureStore key '${KEY}' contains '\n', ':', a space, '=', '${ESC}', '[', '%'; use only letters, digits, '.', '-' and '_'.`);
  });

  it('SARIF parses back, and each result URI resolves against %SRCROOT% to the file itself', async () => {
    const run = await runCli(['--format', 'sarif'], { cwd });
    // eslint-disable-next-line no-control-regex -- control characters are what this finds
    expect(run.stdout).not.toMatch(/[\u0000-\u0009\u000b-\u001f]/);
    expect(run.stdout.split('\n').some((line) => line.startsWith('::'))).toBe(false);
    const log = JSON.parse(run.stdout);
    const runLog = log.runs[0];
    const base = runLog.originalUriBaseIds['%SRCROOT%'].uri as string;
    expect(base).toBe(pathToFileURL(`${cwd}/`).href);
    const targets = new Set(
      runLog.results.map((r: { locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }) =>
        fileURLToPath(new URL(r.locations[0]!.physicalLocation.artifactLocation.uri, base)),
      ),
    );
    expect([...targets].sort()).toEqual(files(cwd));
    const invalid = runLog.results
      .filter((r: { ruleId: string }) => r.ruleId === 'securestore/valid-secure-store-key')
      .map((r: { message: { text: string } }) => r.message.text);
    expect(invalid).toContainEqual(expect.stringContaining(`SecureStore key '${KEY}' contains`));
  });
});

describe('terminal output', () => {
  let cwd: string;
  beforeAll(() => {
    cwd = project();
  });

  // eslint-disable-next-line no-control-regex -- escape sequences are what this finds
  const SGR = /\u001b\[\d+m/g;

  it('shows control and bidi characters from file names, keys and code frames as escapes', async () => {
    const run = await runCli([], { cwd });
    expect(run.code).toBe(1);
    expect(run.stdout).not.toMatch(UNSAFE);
    const lines = run.stdout.split('\n');
    expect(lines.some((line) => line.startsWith('::'))).toBe(false);
    expect(lines).toContain('src/we,ird:%25 na\\n::error file=x::pwned.ts');
    expect(lines).toContain('src/esc\\x1b[31m.ts');
    expect(run.stdout).toContain(`SecureStore key 'k\\n::error file=x::pwned\\x1b[31m%0A' contains '\\n', ':', a space, '=', '\\x1b'`);
    // The frame shows the line as it is, with the raw escape and the bidi override visible.
    expect(run.stdout).toContain("SecureStore.getItemAsync('auth.raw\\x1b[2J'); // \\u202e}; evil() {\\u202c");
    // Keys written with escapes in the source stay as written.
    expect(run.stdout).toContain(`SecureStore.getItemAsync('${KEY_SOURCE}', ${OPTS})`);
  });

  it('keeps our own colours under FORCE_COLOR=1, and they are the only escapes', async () => {
    const plain = await runCli([], { cwd });
    const coloured = await runCli([], { cwd, env: { FORCE_COLOR: '1' } });
    expect(coloured.stdout).toMatch(SGR);
    expect(coloured.stdout).toContain(`${ESC}[31merror${ESC}[39m`);
    // Without our own colour sequences the coloured report is the plain one: nothing else in it was an escape.
    expect(coloured.stdout.replace(SGR, '')).toBe(plain.stdout);
  });

  // Printed raw, a key holding a newline would start a line of its own (a
  // workflow command in a CI log), and in Markdown an escape would reach the terminal.
  it('the key registry in text and Markdown shows control characters as escapes', async () => {
    for (const format of ['text', 'markdown']) {
      const run = await runCli(['keys', '--format', format], { cwd });
      expect(run.stdout).not.toMatch(UNSAFE);
      expect(run.stdout.split('\n').some((line) => line.startsWith('::'))).toBe(false);
    }
  });
});

describe('one-line error messages', () => {
  const HOSTILE = `nope\n::error file=x::pwned${ESC}[31m`;

  it('a nonexistent path is echoed with its control characters made visible', async () => {
    const run = await runCli([HOSTILE], { cwd: project() });
    expect(run).toEqual({
      code: 2,
      stdout: '',
      stderr: 'securestore-audit: No files matching the pattern "nope\\n::error file=x::pwned\\x1b[31m" were found.\n',
    });
  });

  // The usage and internal error lines of src/cli/main.ts, and commander's own errors.
  it('a --config path, a --rule id or an unknown option is echoed with its control characters made visible', async () => {
    const cwd = project();
    for (const args of [['--config', `${HOSTILE}.json`], ['--rule', HOSTILE], [`--${HOSTILE}`]]) {
      const run = await runCli(args, { cwd });
      expect(run.code).toBe(2);
      expect(run.stderr).not.toMatch(UNSAFE);
      expect(run.stderr.split('\n').some((line) => line.startsWith('::'))).toBe(false);
    }
  });
});
