import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readFiles } from '../../src/audit/read.js';

// readFiles decodes a file in one step when the bytes are not needed, and
// from the bytes when --fix needs them. The two must agree on every file:
// the same text, the same BOM, the same verdict on binary content (a NUL
// byte in the first 8 KB), whatever surrounds that limit.

/** Byte runs a file is made of: ASCII, multi-byte UTF-8, invalid UTF-8, NULs and a BOM. */
const piece = fc.oneof(
  fc.constantFrom('a', 'const x = 1;\n', 'é', '€', '😀', '\u0000', '\uFEFF').map((s) => Buffer.from(s, 'utf8')),
  fc.constantFrom(Buffer.from([0xff]), Buffer.from([0xc3]), Buffer.from([0xe2, 0x82]), Buffer.from([0x00, 0x00])),
  fc.nat({ max: 9000 }).map((n) => Buffer.alloc(n, 0x61)),
);

describe('readFiles', () => {
  it('reads the same with and without keeping the bytes, NULs near the 8 KB limit included', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ssa-read-'));
    let count = 0;
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 12 }), fc.integer({ min: 8180, max: 8200 }), (pieces, nulAt) => {
        // Half the files get a NUL placed right around the limit, after a multi-byte character.
        const body = Buffer.concat(pieces);
        const bytes = count % 2 === 0 ? body : Buffer.concat([Buffer.alloc(Math.max(0, nulAt - 2), 0x61), Buffer.from('é'), Buffer.from([0]), body]);
        const file = join(dir, `f${count++}.ts`);
        writeFileSync(file, bytes);
        const fast = readFiles([file]);
        const slow = readFiles([file], { keepBytes: true });
        expect(fast.texts.get(file)).toBe(slow.texts.get(file));
        expect(fast.skipped.get(file)).toBe(slow.skipped.get(file));
        expect(fast.bom.has(file)).toBe(slow.bom.has(file));
        expect(slow.bytes.get(file)?.equals(bytes) ?? slow.skipped.has(file)).toBe(true);
      }),
      { numRuns: 300, seed: 20261123 },
    );
  });

  it('calls a file with a NUL byte just inside the limit binary, and one just outside text', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ssa-read-'));
    // 'é' is two bytes: the NUL's byte offset is one more than its character index.
    const inside = join(dir, 'inside.ts');
    const outside = join(dir, 'outside.ts');
    writeFileSync(inside, Buffer.concat([Buffer.from('é'), Buffer.alloc(8189, 0x61), Buffer.from([0])]));
    writeFileSync(outside, Buffer.concat([Buffer.from('é'), Buffer.alloc(8190, 0x61), Buffer.from([0])]));
    const read = readFiles([inside, outside]);
    expect(read.skipped.get(inside)).toMatch(/binary/);
    expect(read.texts.has(outside)).toBe(true);
  });
});
