import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { escapeData, escapeProperty } from '../src/reporters/github.js';
import { allRules } from '../rules/index.js';
import { fixturesDir, runBinary, runCli } from './helpers/run.js';
import { tempProject } from './helpers/temp-project.js';
import { sarifSchema, schemaErrors, validateWithMultitool } from './helpers/sarif.js';

const HEAD = "// SecureStore prefix: auth.*\nimport * as SecureStore from 'expo-secure-store';\n";
const BODY =
  "export async function f() {\n  await SecureStore.setItemAsync('auth.a', '');\n  // securestore-audit-disable-next-line require-keychain-accessible -- reviewed\n  await SecureStore.setItemAsync('auth.b', '');\n}\n";

async function sarifOf(cwd: string, args: string[] = []) {
  const run = await runCli(['--format', 'sarif', ...args], { cwd });
  return { run, log: JSON.parse(run.stdout) };
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
    expect(schemaErrors(log)).toEqual([]);
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
      /^::error file=src\/a%2Cb\.ts,line=4,col=9,endLine=4,endColumn=47,title=securestore\/require-keychain-accessible::setItemAsync\('auth\.a'\) has no keychainAccessible/,
    );
  });
});

// GitLab's documented Code Quality issue: these fields, these types, and
// nothing GitLab would have to guess (docs.gitlab.com/ci/testing/code_quality).
const GITLAB_SEVERITIES = ['info', 'minor', 'major', 'critical', 'blocker'];

interface CodeQualityIssue {
  description: string;
  check_name: string;
  fingerprint: string;
  severity: string;
  location: { path: string; lines: { begin: number; end?: number } };
}

function demoAppCopy(): string {
  const dir = mkdtempSync(join(tmpdir(), 'ssa-gitlab-'));
  cpSync(join(fixturesDir, 'demo-app'), dir, { recursive: true });
  return dir;
}

describe('GitLab Code Quality report', () => {
  it('has the fields GitLab requires, field by field, for the demo app', async () => {
    const cwd = demoAppCopy();
    const run = await runBinary(['--format', 'gitlab'], { cwd });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(1);
    const issues: CodeQualityIssue[] = JSON.parse(run.stdout);
    expect(Array.isArray(issues)).toBe(true);
    expect(issues.length).toBeGreaterThan(3);
    for (const issue of issues) {
      expect(Object.keys(issue).sort()).toEqual(['check_name', 'description', 'fingerprint', 'location', 'severity']);
      expect(typeof issue.description).toBe('string');
      expect(issue.description.length).toBeGreaterThan(0);
      expect(issue.check_name).toMatch(/^securestore(-audit)?\/[a-z-]+$/);
      expect(issue.fingerprint).toMatch(/^[0-9a-f]{32}$/);
      expect(GITLAB_SEVERITIES).toContain(issue.severity);
      // Relative to the repository root, forward slashes, a file that exists.
      expect(issue.location.path).not.toMatch(/^\/|^\.\.?\/|\\/);
      expect(() => readFileSync(join(cwd, issue.location.path))).not.toThrow();
      expect(Number.isInteger(issue.location.lines.begin)).toBe(true);
      expect(issue.location.lines.begin).toBeGreaterThan(0);
      if (issue.location.lines.end !== undefined) expect(issue.location.lines.end).toBeGreaterThan(issue.location.lines.begin);
    }
    expect(new Set(issues.map((i) => i.fingerprint)).size).toBe(issues.length);
  });

  it('maps severities: an error ranked High is critical, another error major, a warning minor', async () => {
    const run = await runBinary(['--format', 'gitlab'], { cwd: demoAppCopy() });
    const issues: CodeQualityIssue[] = JSON.parse(run.stdout);
    const severityOf = (rule: string) => new Set(issues.filter((i) => i.check_name === `securestore/${rule}`).map((i) => i.severity));
    expect(severityOf('no-tokens-in-async-storage')).toEqual(new Set(['critical']));
    expect(severityOf('no-read-before-biometric-gate')).toEqual(new Set(['major']));
    expect(severityOf('no-sync-on-hot-path')).toEqual(new Set(['minor']));
  });

  it('keeps every fingerprint when a line is added above the findings', async () => {
    const cwd = demoAppCopy();
    const before: CodeQualityIssue[] = JSON.parse((await runBinary(['--format', 'gitlab'], { cwd })).stdout);
    const file = before[0]!.location.path;
    writeFileSync(join(cwd, file), `// a comment added at the top\n${readFileSync(join(cwd, file), 'utf8')}`);
    const after: CodeQualityIssue[] = JSON.parse((await runBinary(['--format', 'gitlab'], { cwd })).stdout);
    expect(after.map((i) => i.fingerprint)).toEqual(before.map((i) => i.fingerprint));
    const moved = after.filter((i) => i.location.path === file);
    expect(moved.length).toBeGreaterThan(0);
    for (const issue of moved) {
      const old = before.find((i) => i.fingerprint === issue.fingerprint)!;
      expect(issue.location.lines.begin).toBe(old.location.lines.begin + 1);
    }
  });

  it('reports a file that does not parse, and nothing for a clean app', async () => {
    const broken = tempProject({ 'src/broken.ts': HEAD + 'export const = ;\n' });
    const run = await runBinary(['--format', 'gitlab'], { cwd: broken });
    const issues: CodeQualityIssue[] = JSON.parse(run.stdout);
    expect(issues).toMatchObject([
      {
        description: expect.stringMatching(/^Parsing error: /),
        check_name: 'securestore-audit/parsing-error',
        severity: 'major',
        location: { path: 'src/broken.ts', lines: { begin: 3 } },
      },
    ]);
    const clean = await runBinary(['--format', 'gitlab'], { cwd: tempProject({ 'src/a.ts': 'export const a = 1;\n' }) });
    expect(clean.code).toBe(0);
    expect(JSON.parse(clean.stdout)).toEqual([]);
  });
});
