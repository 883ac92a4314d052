// Text that comes from the audited project (file names, storage keys, source
// lines) can hold control characters: a newline that starts a fake line in a
// CI log (`::error ...` is a GitHub workflow command), an ANSI escape that
// recolours or clears the terminal, a bidirectional override that makes the
// shown code differ from the real one. Before such text reaches a terminal or
// a log it is made visible, in the notation of a JavaScript string literal.

// C0 controls, DEL, C1 controls (U+009B is a one-character CSI), the line and
// paragraph separators, and the bidirectional embedding / override / isolate
// marks.
// eslint-disable-next-line no-control-regex -- control characters are what this finds
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

const NAMED: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

function visible(char: string): string {
  const named = NAMED[char];
  if (named) return named;
  const code = char.charCodeAt(0);
  return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
}

/**
 * The text with every control, separator and bidi character shown as an
 * escape (`\x1b`, `\n`, `\u202e`), except the characters in `keep` (for a
 * caller that escapes those itself).
 */
export function printable(text: string, keep = ''): string {
  return text.replace(UNSAFE, (char) => (keep.includes(char) ? char : visible(char)));
}
