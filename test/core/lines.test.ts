import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { lineAndCharacter, lineStarts } from '../../src/core/lines.js';
import { ts } from '../../src/core/ts.js';

// Positions in findings come from lineAndCharacter, which finds line starts
// its own way when a file has only '\n' line breaks: it must answer exactly
// as TypeScript does, for every kind of line break and every offset.

const piece = fc.constantFrom('a', 'const x = 1;', '\n', '\r\n', '\r', '\u2028', '\u2029', '\n\n', 'é😀', '\r\r\n', '');

describe('lineAndCharacter', () => {
  it('gives TypeScript’s line and character for every offset of texts with any line breaks', () => {
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 40 }), (pieces) => {
        const text = pieces.join('');
        // Two trees of the same text: TypeScript's line map is cached on its tree, ours on the other.
        const theirs = ts.createSourceFile('a.ts', text, ts.ScriptTarget.Latest);
        const ours = ts.createSourceFile('a.ts', text, ts.ScriptTarget.Latest);
        expect(lineStarts(ours)).toEqual(theirs.getLineStarts());
        for (let pos = 0; pos <= text.length; pos++) {
          expect(lineAndCharacter(ours, pos)).toEqual(theirs.getLineAndCharacterOfPosition(pos));
        }
      }),
      { numRuns: 500 },
    );
  });

  it('finds the line starts of a text with only \\n line breaks itself', () => {
    const sf = ts.createSourceFile('a.ts', 'a\n\nbb\n', ts.ScriptTarget.Latest);
    expect(lineStarts(sf)).toEqual([0, 2, 3, 6]);
    expect(lineAndCharacter(sf, 4)).toEqual({ line: 2, character: 1 });
    expect(lineAndCharacter(sf, 6)).toEqual({ line: 3, character: 0 });
  });
});
