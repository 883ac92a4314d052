import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { escapeData, escapeProperty } from '../src/reporters/github.js';
import { allRules } from '../rules/index.js';
import { runCli } from './helpers/run.js';
import { tempProject } from './helpers/temp-project.js';

const require = createRequire(import.meta.url);
const multitoolDir = dirname(require.resolve('@microsoft/sarif-multitool-linux/package.json'));
const multitool = join(multitoolDir, 'Sarif.Multitool');
/** The official SARIF 2.1.0 schema, as Microsoft's multitool ships it. */
const sarifSchema = JSON.parse(readFileSync(join(multitoolDir, 'sarif-2.1.0.json'), 'utf8'));

const HEAD = "// SecureStore prefix: auth.*\nimport * as SecureStore from 'expo-secure-store';\n";
const BODY =
  "export async function f() {\n  await SecureStore.setItemAsync('auth.a', '');\n  // securestore-audit-disable-next-line require-keychain-accessible -- reviewed\n  await SecureStore.setItemAsync('auth.b', '');\n}\n";

async function sarifOf(cwd: string, args: string[] = []) {
  const run = await runCli(['--format', 'sarif', ...args], { cwd });
  return { run, log: JSON.parse(run.stdout) };
}

function validateWithMultitool(log: object, dir: string): unknown[] {
  const input = join(dir, 'in.sarif');
  const output = join(dir, 'validation.sarif');
  writeFileSync(input, JSON.stringify(log));
  execFileSync(multitool, ['validate', input, '-o', output, '--quiet'], { stdio: 'pipe' });
  const validation = JSON.parse(readFileSync(output, 'utf8'));
  return validation.runs[0].results.filter((r: { level?: string }) => r.level === 'error' || r.level === undefined);
}

describe('SARIF output', () => {
  it('is valid against the official schema and the SARIF multitool', async () => {
    const cwd = tempProject({ 'src/a.ts': HEAD + BODY, 'src/broken.ts': 'export const = ;\n', 'src/blob.ts': 'GIF89a\u0000\u0001\u0000' });
    const { run, log } = await sarifOf(cwd);
    expect(run.code).toBe(1);
    // A skipped file is a note of the tool's run, not a result about the code.
    const notes = log.runs[0].invocations[0].toolExecutionNotifications.map(
      (n: { level: string; message: { text: string } }) => `${n.level} ${n.message.text}`,
    );
    expect(notes).toContain('warning File skipped: binary content (NUL bytes), not JavaScript or TypeScript source.');
    expect(log.runs[0].results.map((r: { ruleId: string }) => r.ruleId)).toEqual([
      'securestore/require-keychain-accessible',
      'securestore/require-keychain-accessible',
    ]);
    const ajv = new Ajv2020({ allErrors: true, strict: false });
    // ajv-formats is CommonJS: its function is the default export's default under NodeNext.
    const addFormats = (addFormatsModule as unknown as { default: typeof addFormatsModule }).default ?? addFormatsModule;
    (addFormats as unknown as (a: Ajv2020) => void)(ajv);
    const valid = ajv.validate(sarifSchema, log);
    expect(ajv.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
    expect(validateWithMultitool(log, cwd)).toEqual([]);
  });

  it('the validators used above do reject a broken log', () => {
    const cwd = tempProject({});
    const broken = { version: '2.1.0', runz: [] };
    expect(validateWithMultitool(broken, cwd).length).toBeGreaterThan(0);
    expect(new Ajv2020({ strict: false, logger: false }).validate(sarifSchema, broken)).toBe(false);
  });

  it('describes the tool, its rules and each result', async () => {
    const cwd = tempProject({ 'src/a.ts': HEAD + BODY });
    const { log } = await sarifOf(cwd);
    const [run] = log.runs;
    expect(log.version).toBe('2.1.0');
    expect(run.tool.driver).toMatchObject({ name: 'securestore-audit', informationUri: expect.stringMatching(/^https:/) });
    const ids = run.tool.driver.rules.map((r: { id: string }) => r.id);
    // The rules that ran: every rule the recommended preset enables.
    for (const rule of allRules.filter((r) => r.meta.recommended !== 'off')) expect(ids).toContain(`securestore/${rule.id}`);
    const rule = run.tool.driver.rules[ids.indexOf('securestore/require-keychain-accessible')];
    expect(rule).toMatchObject({ defaultConfiguration: { level: 'error' }, helpUri: expect.stringMatching(/docs\/rules\/require-keychain-accessible\.md$/) });
    expect(rule.shortDescription.text).toBeTruthy();
    expect(rule.fullDescription.text).toBeTruthy();
    const [reported, suppressed] = run.results;
    expect(reported).toMatchObject({
      ruleId: 'securestore/require-keychain-accessible',
      ruleIndex: ids.indexOf('securestore/require-keychain-accessible'),
      level: 'error',
      locations: [
        {
          physicalLocation: {
            artifactLocation: { uri: 'src/a.ts', uriBaseId: '%SRCROOT%' },
            region: { startLine: 4, startColumn: 9, endLine: 4, endColumn: 47 },
          },
        },
      ],
    });
    expect(reported.suppressions).toBeUndefined();
    // The suppressed finding stays in the log, marked as suppressed in source.
    expect(suppressed).toMatchObject({ ruleId: 'securestore/require-keychain-accessible', suppressions: [{ kind: 'inSource', justification: 'reviewed' }] });
    expect(suppressed.locations[0].physicalLocation.region.startLine).toBe(6);
  });

  it('keeps fingerprints stable when unrelated lines are added above', async () => {
    const cwd = tempProject({ 'src/a.ts': HEAD + BODY });
    const before = (await sarifOf(cwd)).log.runs[0].results.map((r: { partialFingerprints: object }) => r.partialFingerprints);
    writeFileSync(join(cwd, 'src/a.ts'), HEAD + 'export const unrelated = 1;\n\nexport const more = 2;\n' + BODY);
    const afterLog = (await sarifOf(cwd)).log.runs[0].results;
    expect(afterLog.map((r: { partialFingerprints: object }) => r.partialFingerprints)).toEqual(before);
    expect(afterLog[0].locations[0].physicalLocation.region.startLine).toBe(7);
    expect(new Set(before.map((p: object) => JSON.stringify(p))).size).toBe(2);
  });
});

describe('GitHub Actions annotations', () => {
  it('escapes data and property values as the runner expects', () => {
    expect(escapeData('50% done\r\nnext')).toBe('50%25 done%0D%0Anext');
    expect(escapeProperty('a:b,c%d\ne')).toBe('a%3Ab%2Cc%25d%0Ae');
  });

  it('prints one workflow command per finding', async () => {
    const cwd = tempProject({ 'src/a,b.ts': HEAD + BODY });
    const run = await runCli(['--format', 'github'], { cwd });
    expect(run.code).toBe(1);
    const lines = run.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(
      /^::error file=src\/a%2Cb\.ts,line=4,col=9,endLine=4,endColumn=47,title=securestore\/require-keychain-accessible::SecureStore\.setItemAsync\('auth\.a'\) has no keychainAccessible/,
    );
  });
});
