import { ts } from './ts.js';

// TypeScript finds a file's line starts, the first time a position is asked
// of it, with a loop over every character. Most files have only '\n' line
// breaks, and for those the engine's own search for '\n' finds the same
// starts several times faster; a file with any other line break (\r,
// U+2028, U+2029) is left to TypeScript. Lines and characters are 0-based,
// as TypeScript counts them.

const lineStartsOf = new WeakMap<ts.SourceFile, readonly number[]>();

/** The offsets at which the file's lines start, the first line's (0) included. */
export function lineStarts(sf: ts.SourceFile): readonly number[] {
  let starts = lineStartsOf.get(sf);
  if (!starts) {
    starts = computeLineStarts(sf);
    lineStartsOf.set(sf, starts);
  }
  return starts;
}

function computeLineStarts(sf: ts.SourceFile): readonly number[] {
  const text = sf.text;
  if (/[\r\u2028\u2029]/.test(text)) return sf.getLineStarts();
  const starts = [0];
  for (let at = text.indexOf('\n'); at >= 0; at = text.indexOf('\n', at + 1)) starts.push(at + 1);
  return starts;
}

/** The 0-based line and character of an offset: TypeScript's getLineAndCharacterOfPosition. */
export function lineAndCharacter(sf: ts.SourceFile, pos: number): ts.LineAndCharacter {
  const starts = lineStarts(sf);
  // The last line that starts at or before pos.
  let low = 0;
  let high = starts.length - 1;
  while (low < high) {
    const middle = (low + high + 1) >> 1;
    if (starts[middle]! <= pos) low = middle;
    else high = middle - 1;
  }
  return { line: low, character: pos - starts[low]! };
}
