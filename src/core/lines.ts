import type { ts } from './ts.js';

// TypeScript finds a file's line starts, the first time a position is asked
// of it, with a loop over every character. Most files have only '\n' line
// breaks, and for those the engine's own search for '\n' finds the same
// starts several times faster; only a file with another line break (\r,
// U+2028, U+2029) gets the loop over every character. Lines and characters
// are 0-based, as TypeScript counts them.
//
// A file is anything with its text: a syntax tree, or the plain data kept of
// a file whose tree is gone (SourceText). The starts are kept per object.

export type HasText = { readonly text: string };

const lineStartsOf = new WeakMap<HasText, readonly number[]>();

/** The offsets at which the file's lines start, the first line's (0) included. */
export function lineStarts(file: HasText): readonly number[] {
  let starts = lineStartsOf.get(file);
  if (!starts) {
    starts = computeLineStarts(file);
    lineStartsOf.set(file, starts);
  }
  return starts;
}

function computeLineStarts(file: HasText): readonly number[] {
  const text = file.text;
  const starts = [0];
  if (/[\r\u2028\u2029]/.test(text)) {
    // TypeScript's line breaks: \n, \r, \r\n (one break), U+2028 and U+2029.
    for (let at = 0; at < text.length; at++) {
      const code = text.charCodeAt(at);
      if (code === 13 && text.charCodeAt(at + 1) === 10) at++;
      if (code === 10 || code === 13 || code === 0x2028 || code === 0x2029) starts.push(at + 1);
    }
    return starts;
  }
  for (let at = text.indexOf('\n'); at >= 0; at = text.indexOf('\n', at + 1)) starts.push(at + 1);
  return starts;
}

/** The 0-based line and character of an offset: TypeScript's getLineAndCharacterOfPosition. */
export function lineAndCharacter(file: HasText, pos: number): ts.LineAndCharacter {
  const starts = lineStarts(file);
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
