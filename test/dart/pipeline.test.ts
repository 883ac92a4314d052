import { beforeAll, describe, expect, it } from 'vitest';
import { pubspecName } from '../../src/audit/app-roots.js';
import { checkDartFiles, type DartPassContext } from '../../src/audit/dart-pass.js';
import type { ActiveRule } from '../../src/audit/active-rules.js';
import { noCache } from '../../src/cache/index.js';
import { defineRule } from '../../src/core/rule.js';
import type { AuditFileResult } from '../../src/core/result.js';
import { dartComments } from '../../src/dart/comments.js';
import { loadDartParser } from '../../src/audit/dart-loader.js';
import { IMPORTS, lineOf } from './helpers.js';

// The pieces of the CLI's Dart pass that a CLI run cannot reach on its own:
// the comment scan the directives come from, the pubspec's name, and the
// per-file rules' `checkFacts` (no rule of the set has one on this branch
// alone, so a rule written here stands in for them).

describe('dartComments', () => {
  const comments = (text: string) => dartComments(text).map(({ pos, end }) => text.slice(pos, end));

  it('finds line, doc and block comments', () => {
    expect(comments('// a\n/// b\nvar x = 1; /* c */ var y = 2; // d')).toEqual(['// a', '/// b', '/* c */', '// d']);
  });

  it('a block comment nests, as in Dart', () => {
    expect(comments('/* a /* b */ still a */ var x; // after')).toEqual(['/* a /* b */ still a */', '// after']);
  });

  it('strings hold no comments: single, double, triple-quoted, raw, with escapes', () => {
    const text = [
      "var a = 'http://x // no';",
      'var b = "/* no */";',
      "var c = '''\n// no\n''';",
      'var d = """/* no\n*/""";',
      "var e = r'C:\\\\ // no';",
      "var f = 'it\\'s // no';",
      '// yes',
    ].join('\n');
    expect(comments(text)).toEqual(['// yes']);
  });

  it('interpolations hold code, with strings and comments of their own', () => {
    const text = "var a = 'x ${f('// no', /* yes */ 1)} // no'; var b = \"${{'k': 1}['k']} // no\"; // last";
    expect(comments(text)).toEqual(['/* yes */', '// last']);
  });

  it('an unterminated string ends at its line; the next line is code again', () => {
    expect(comments("var a = 'oops // no\n// yes")).toEqual(['// yes']);
  });
});

describe('pubspecName', () => {
  it('reads the top-level name: key, quoted or not, with a comment after it', () => {
    expect(pubspecName('name: vault_notes\nversion: 1.0.0\n')).toBe('vault_notes');
    expect(pubspecName('description: x\nname: "wallet" # the app\n')).toBe('wallet');
  });

  it('not a nested name:, nor one that is no Dart package name', () => {
    expect(pubspecName('dependencies:\n  name: nested\n')).toBeUndefined();
    expect(pubspecName('name: my-app\n')).toBeUndefined();
  });
});

describe('checkFacts on Dart files', () => {
  const messages = { found: 'Write of {{key}} with {{value}}.', none: 'unused' } as const;
  /** Reports each write, at its key, with its key and a value the redaction must hide. */
  const writesRule = defineRule<object, keyof typeof messages>({
    id: 'test-writes',
    meta: { type: 'problem', description: 'test', recommended: 'warn', messages, schema: { type: 'object' }, defaultOptions: {} },
    check() {},
    checkFacts({ facts, report }) {
      for (const op of facts.operations) {
        if (op.operation === 'write' && op.keyRange)
          report({
            messageId: 'found',
            data: { key: op.keyText ?? '?', value: 'sk_live_4eC39HqLyjWDarjtT1zdp7dc' },
            start: op.keyRange.start,
            end: op.keyRange.end,
          });
      }
    },
  });
  const throwingRule = defineRule<object, 'none'>({
    id: 'test-throws',
    meta: { type: 'problem', description: 'test', recommended: 'warn', messages: { none: 'x' }, schema: { type: 'object' }, defaultOptions: {} },
    check() {},
    checkFacts() {
      throw new Error('boom');
    },
  });
  const tsOnlyRule = defineRule<object, 'none'>({
    id: 'test-ts-only',
    meta: { type: 'problem', description: 'test', recommended: 'warn', messages: { none: 'x' }, schema: { type: 'object' }, defaultOptions: {} },
    check() {
      throw new Error('check() must not run on Dart');
    },
  });

  const text = `${IMPORTS.fss}const storage = FlutterSecureStorage();\n\nFuture<void> save(String v) async {\n  await storage.write(key: 'auth.token', value: v);\n}\n`;
  const run = (rules: ActiveRule[], files: Record<string, string>) => {
    const results = new Map<string, AuditFileResult>();
    const context: DartPassContext = {
      rulesFor: () => rules,
      cache: noCache,
      texts: new Map(Object.entries(files)),
      time: (_phase, work) => work(),
      timings: {},
      budget: 10_000,
      rootOf: () => ({ dir: '', markers: [] }),
      needsProjectFiles: true,
    };
    const checked = checkDartFiles(Object.keys(files).sort(), results, context);
    return { results, checked };
  };

  beforeAll(async () => {
    await loadDartParser();
  });

  it('converts a report to a finding as the TypeScript side does: line, column, severity, redacted data', () => {
    const { results, checked } = run([{ rule: writesRule, severity: 'error', options: {} }], { 'lib/a.dart': text });
    const [finding] = results.get('lib/a.dart')!.findings;
    expect(finding).toMatchObject({
      ruleId: 'securestore/test-writes',
      severity: 'error',
      line: lineOf(text, "'auth.token'"),
      column: 28,
      endColumn: 40,
      message: 'Write of auth.token with <redacted>.',
    });
    expect(JSON.stringify(finding)).not.toContain('sk_live');
    expect(checked.projectFiles.map((f) => f.keyUsages.map((u) => `${u.operation} ${u.keyText}`))).toEqual([['write auth.token']]);
  });

  it('a rule without checkFacts does not run; a failing one is said so and the file goes on', () => {
    const { results, checked } = run(
      [
        { rule: tsOnlyRule, severity: 'warn', options: {} },
        { rule: throwingRule, severity: 'warn', options: {} },
      ],
      { 'lib/a.dart': text },
    );
    expect(results.get('lib/a.dart')!.findings.map((f) => f.message)).toEqual([
      'Rule test-throws could not analyse this file (internal error: boom); the other files were audited.',
    ]);
    // Incomplete: left out of the project-wide comparison, as a TypeScript file would be.
    expect(checked.projectFiles).toEqual([]);
  });
});
