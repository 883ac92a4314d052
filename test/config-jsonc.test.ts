import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { JsonSyntaxError, parseJsonc } from '../src/audit/jsonc.js';
import { closestName } from '../src/audit/closest-name.js';
import { allRules } from '../rules/index.js';
import { runBinary, runCli } from './helpers/run.js';
import { tempProject } from './helpers/temp-project.js';

// The config file as editors write it: comments, trailing commas, a `.jsonc`
// name; and the errors a user sees when it is wrong.

/** A file with one finding of require-keychain-accessible and nothing else. */
const APP =
  "// SecureStore prefix: auth.*\nimport * as SecureStore from 'expo-secure-store';\nexport const f = () => SecureStore.setItemAsync('auth.a', '');\n";

const COMMENTED = `// Audit settings for the mobile app.
{
  "$schema": "./node_modules/securestore-audit/securestore-audit.schema.json",
  /* keychain classes are checked in code review for now */
  "rules": {
    "require-keychain-accessible": "off", // see TICKET-12
  },
  "ignorePatterns": ["https?://demo", "a,}b", "quote \\" // not a comment"],
}
`;

async function findingsIn(cwd: string, args: string[] = []): Promise<string[]> {
  const run = await runCli(['--format', 'json', ...args], { cwd });
  expect(run.stderr).toBe('');
  return (JSON.parse(run.stdout) as { messages: { ruleId: string }[] }[]).flatMap((file) => file.messages.map((m) => m.ruleId));
}

describe('JSONC config files', () => {
  it('reads comments and trailing commas in securestore-audit.config.json', async () => {
    expect(await findingsIn(tempProject({ 'src/a.ts': APP }))).toEqual(['securestore/require-keychain-accessible']);
    expect(await findingsIn(tempProject({ 'src/a.ts': APP, 'securestore-audit.config.json': COMMENTED }))).toEqual([]);
  });

  it('looks for securestore-audit.config.jsonc too, and reads the .json one when a folder has both', async () => {
    const jsonc = tempProject({ 'src/a.ts': APP, 'securestore-audit.config.jsonc': COMMENTED });
    expect(await findingsIn(jsonc)).toEqual([]);
    const both = tempProject({
      'src/a.ts': APP,
      'securestore-audit.config.json': '{ "rules": { "require-keychain-accessible": "error" } }',
      'securestore-audit.config.jsonc': COMMENTED,
    });
    expect(await findingsIn(both)).toEqual(['securestore/require-keychain-accessible']);
    const print = await runCli(['--print-config', 'src/a.ts'], { cwd: both });
    expect(print.stdout).toContain('securestore-audit.config.json');
    expect(print.stdout).not.toContain('securestore-audit.config.jsonc');
  });

  it('reports a syntax error as one line path:line:col, relative to the working directory, exit 2', async () => {
    const cwd = tempProject({
      'src/a.ts': APP,
      'securestore-audit.config.json': '{\n  // off for now\n  "rules": { "require-keychain-accessible": "off" }\n  "ignores": ["legacy/**"]\n}\n',
    });
    const run = await runBinary([], { cwd });
    expect(run).toEqual({
      code: 2,
      stdout: '',
      stderr: `securestore-audit: securestore-audit.config.json:4:3: invalid JSON: expected ',' or '}' after a property value, found '"'\n`,
    });
    mkdirSync(join(cwd, 'src/screens'));
    const below = await runCli([], { cwd: join(cwd, 'src/screens') });
    expect(below.code).toBe(2);
    expect(below.stderr).toBe(
      `securestore-audit: ../../securestore-audit.config.json:4:3: invalid JSON: expected ',' or '}' after a property value, found '"'\n`,
    );
  });

  it('names the .jsonc file and --config files the same way', async () => {
    const cwd = tempProject({
      'src/a.ts': APP,
      'securestore-audit.config.jsonc': '{ "rules": {\n  /* unclosed\n} }\n',
      'ci/audit.json': '{ "extends": strict }',
    });
    expect((await runCli([], { cwd })).stderr).toBe('securestore-audit: securestore-audit.config.jsonc:2:3: invalid JSON: unterminated comment\n');
    const explicit = await runCli(['--config', 'ci/audit.json'], { cwd });
    expect(explicit).toMatchObject({ code: 2, stderr: "securestore-audit: ci/audit.json:1:14: invalid JSON: expected a value, found 's'\n" });
  });

  it('keeps package.json strict JSON, as npm reads it', async () => {
    const cwd = tempProject({ 'src/a.ts': APP, 'package.json': '{\n  "name": "app", // the app\n  "securestore-audit": {}\n}\n' });
    expect((await runCli([], { cwd })).stderr).toBe(
      "securestore-audit: package.json:2:18: invalid JSON: expected a property name in double quotes, found '/'\n",
    );
  });

  it('suggests the closest rule id for a misspelled one, in the config and in --rule', async () => {
    const typo = tempProject({ 'src/a.ts': APP, 'securestore-audit.config.json': '{ "rules": { "securestore/require-keychain-accesible": "off" } }' });
    const run = await runCli([], { cwd: typo });
    expect(run).toMatchObject({ code: 2, stdout: '' });
    expect(run.stderr).toBe(
      'securestore-audit: securestore-audit.config.json: rules.securestore/require-keychain-accesible: unknown rule; did you mean `securestore/require-keychain-accessible`?\n',
    );
    const far = tempProject({ 'src/a.ts': APP, 'securestore-audit.config.json': '{ "rules": { "no-such-rule": "off" } }' });
    expect((await runCli([], { cwd: far })).stderr).toBe('securestore-audit: securestore-audit.config.json: rules.no-such-rule: unknown rule\n');
    const flag = await runCli(['--rule', 'no-token-in-async-storage'], { cwd: tempProject({ 'src/a.ts': APP }) });
    expect(flag.code).toBe(2);
    expect(flag.stderr).toContain('unknown rule "no-token-in-async-storage"; did you mean `no-tokens-in-async-storage`?');
  });
});

describe('parseJsonc', () => {
  const errorOf = (text: string) => {
    try {
      parseJsonc(text);
    } catch (error) {
      expect(error).toBeInstanceOf(JsonSyntaxError);
      const { line, column, message } = error as JsonSyntaxError;
      return `${line}:${column} ${message}`;
    }
    throw new Error(`parsed: ${text}`);
  };

  it('parses what JSON.parse parses, plus comments and trailing commas outside strings', () => {
    expect(parseJsonc('{"a": [1, 2,], "b": {"c": null,},}')).toEqual({ a: [1, 2], b: { c: null } });
    expect(parseJsonc('\uFEFF{"url": "https://x//y", /* c */ "s": "a,]b\\"//c"} // end')).toEqual({ url: 'https://x//y', s: 'a,]b"//c' });
    expect(parseJsonc('[1, // one\n 2 /* two */, 3\n]')).toEqual([1, 2, 3]);
    expect(parseJsonc('{"a": 1}', false)).toEqual({ a: 1 });
  });

  it('points at the line and column of the mistake, in the file as written', () => {
    expect(errorOf('{\n  "a": tru\n}')).toBe("2:8 expected a value, found 't'");
    expect(errorOf('{ /* 😀 */ "a": 1,, }')).toBe("1:19 expected a property name in double quotes, found ','");
    expect(errorOf('{"a": "x\ny"}')).toBe('1:9 line break or control character in a string');
    expect(errorOf('{"a": 1} x')).toBe("1:10 unexpected 'x' after the end of the JSON value");
    expect(errorOf('{"a": 01}')).toBe("1:8 unexpected '1'");
    expect(errorOf('{"a": "b')).toBe('1:7 unterminated string');
    expect(errorOf('')).toBe('1:1 expected a value, found the end of the file');
    expect(errorOf('{\n  "a": 1')).toBe("2:9 expected ',' or '}' after a property value, found the end of the file");
    expect(errorOf('{"a": 1 // c\n "b": 2}')).toBe("2:2 expected ',' or '}' after a property value, found '\"'");
  });

  it('leaves comments and trailing commas to JSONC: strict mode rejects them', () => {
    expect(() => parseJsonc('{"a": 1,}', false)).toThrow(JsonSyntaxError);
    expect(() => parseJsonc('{"a": 1} // c', false)).toThrow(JsonSyntaxError);
  });
});

describe('closestName', () => {
  const ids = allRules.map((rule) => rule.id);
  it('finds a misspelled id and nothing for an unrelated word', () => {
    expect(closestName('require-keychain-accesible', ids)).toBe('require-keychain-accessible');
    expect(closestName('no-orphan-keys', ids)).toBe('no-orphan-key');
    expect(closestName('Require-Sign-Out-Cleanup', ids)).toBe('require-sign-out-cleanup');
    expect(closestName('no-such-rule', ids)).toBeUndefined();
    expect(closestName('foo', ids)).toBeUndefined();
  });
});
