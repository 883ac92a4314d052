import { performance } from 'node:perf_hooks';
import { describe, expect, it } from 'vitest';
import type { DartFileFacts } from '../../src/dart/facts-types.js';
import { IMPORTS, factsOf } from './helpers.js';

// Input no app should have: the extractor must neither throw nor hang on it.
// Times are printed, not asserted (the machine is shared); the figures are in
// the report of the Dart front-end's groundwork.

const STORE = `${IMPORTS.fss}const s = FlutterSecureStorage();\n`;

async function timed(label: string, text: string): Promise<DartFileFacts> {
  const started = performance.now();
  const facts = await factsOf(text, `hostile/${label}.dart`);
  const ms = performance.now() - started;
  console.log(
    `${label}: ${(text.length / 1024).toFixed(0)} KiB in ${ms.toFixed(0)} ms, ${facts.operations.length} operations, ${facts.syntaxErrors} syntax errors`,
  );
  return facts;
}

describe('hostile Dart input', () => {
  it('broken syntax: unbalanced, truncated, garbage; the well-formed parts still give facts', async () => {
    const broken = [
      `${STORE}void f( { s.read(key: 'a'); `,
      `${STORE}class { ]]] s.write(key: 'b', value: ) }}}}`,
      `${STORE}void f() { s.read(key: 'unterminated); }`,
      `${STORE}@@@ ### \u0000\u0001 void f() { s.delete(key: 'c'); }`,
      `${STORE}void f() { s.read(key: '''never closed`,
      `${STORE}void f() { s.read(key: '\${'); }`,
    ];
    for (const [i, text] of broken.entries()) {
      const facts = await timed(`broken-${i}`, text);
      expect(facts.syntaxErrors, text).toBeGreaterThan(0);
    }
    // Recovery is the parser's: a broken statement is an error node, the next function is whole.
    const recovered = await factsOf(`${STORE}void f() { final x = ; } void g() { s.read(key: 'after'); }`);
    expect(recovered.syntaxErrors).toBeGreaterThan(0);
    expect(recovered.operations.map((o) => o.key)).toEqual([{ kind: 'exact', value: 'after' }]);
  });

  // Generous timeouts: these are about not hanging, and the machine may be busy; the times are printed.
  const depth = 10_000;
  const nested: Record<string, { text: string; key: unknown }> = {
    calls: { text: `${STORE}void f() { s.read(key: ${'g('.repeat(depth)}'k'${')'.repeat(depth)}); }`, key: undefined },
    // A key behind 10,000 parentheses is not chased to the end: unknown, not a throw.
    parens: { text: `${STORE}void f() { s.read(key: ${'('.repeat(depth)}'deep'${')'.repeat(depth)}); }`, key: undefined },
    blocks: { text: `${STORE}void f() ${'{'.repeat(depth)} s.read(key: 'inner'); ${'}'.repeat(depth)}`, key: { kind: 'exact', value: 'inner' } },
    // Past the resolution depth an interpolation is an unknown part: a string, wholly unknown.
    strings: { text: `${STORE}void f() { s.read(key: ${"'${".repeat(depth)}x${"}'".repeat(depth)}); }`, key: { kind: 'pattern', parts: [null] } },
  };
  for (const [label, { text, key }] of Object.entries(nested)) {
    it(`10,000-deep nesting: ${label}`, { timeout: 600_000 }, async () => {
      const facts = await timed(`nested-${label}`, text);
      expect(facts.operations).toHaveLength(1);
      expect(facts.operations[0]!.key).toEqual(key);
    });
  }

  it('a 5 MB generated file full of storage calls', { timeout: 900_000 }, async () => {
    const methods: string[] = [];
    let length = 0;
    for (let i = 0; length < 5 * 1024 * 1024; i++) {
      const method = `  Future<void> m${i}(String v) async {\n    await s.write(key: 'k.${i}', value: v);\n    final x = await s.read(key: 'k.${i}');\n    if (x == null) await s.delete(key: 'k.\${v}');\n  }\n`;
      methods.push(method);
      length += method.length;
    }
    const text = `${STORE}class Big {\n${methods.join('')}}\n`;
    const facts = await timed('5mb', text);
    expect(facts.operations).toHaveLength(methods.length * 3);
  });

  it('invalid UTF-8 and lone surrogates', async () => {
    const invalid = Buffer.from([0xff, 0xfe, 0xc3, 0x28, 0xe2, 0x82]);
    const decode = (...parts: (string | Buffer)[]) =>
      new TextDecoder('utf-8').decode(Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p) : p))));
    // In code, the bytes decode to U+FFFD and a real '(' (0x28): errors, and no throw.
    const inCode = await timed('invalid-utf8-code', decode(STORE, invalid, "\nvoid f() { s.read(key: 'after.bytes'); }\n"));
    expect(inCode.syntaxErrors).toBeGreaterThan(0);
    // In a comment and a string, the rest of the file is intact.
    const inText = await timed(
      'invalid-utf8-text',
      decode(STORE, '// ', invalid, "\nconst t = '", invalid.subarray(0, 2), "';\nvoid f() { s.read(key: 'after.bytes'); }\n"),
    );
    expect(inText.operations.map((o) => o.key)).toEqual([{ kind: 'exact', value: 'after.bytes' }]);
    const surrogates = await timed('lone-surrogates', `${STORE}void f() { s.read(key: 'a\uD800b'); s.read(key: '\uDFFF'); }`);
    expect(surrogates.operations).toHaveLength(2);
    // Offsets stay UTF-16 code units after them.
    const text = `${STORE}// \uD800\uD800\nvoid f() { s.read(key: 'z'); }`;
    const [op] = (await factsOf(text)).operations;
    expect(text.slice(op!.keyRange!.start, op!.keyRange!.end)).toBe("'z'");
  });

  it('an empty file, a file of only comments, a file with a NUL byte', async () => {
    for (const text of ['', '// only a comment', '\u0000', `${STORE}\u0000`]) {
      const facts = await factsOf(text);
      expect(facts.operations).toEqual([]);
    }
  });
});
