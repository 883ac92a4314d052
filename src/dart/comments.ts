// The comments of a Dart file, found by a scan of its text that knows Dart's
// strings (single, double, triple-quoted, raw, and `${…}` interpolations that
// hold code with strings and comments of their own) and its nested block
// comments: `'http://x'` holds no comment, `/* a /* b */ c */` is one.
// Used for the disable directives, which are read only from files that
// mention one; no syntax tree is needed for it.

export interface CommentRange {
  pos: number;
  end: number;
}

const isIdentifierChar = (c: string | undefined) => c !== undefined && /[A-Za-z0-9_$]/.test(c);

export function dartComments(text: string): CommentRange[] {
  const comments: CommentRange[] = [];
  const length = text.length;

  /** A block comment starting at `i` (at `/*`): the offset after its end, nesting counted. */
  const blockComment = (i: number): number => {
    let depth = 0;
    while (i < length) {
      if (text.startsWith('/*', i)) {
        depth++;
        i += 2;
      } else if (text.startsWith('*/', i)) {
        depth--;
        i += 2;
        if (depth === 0) return i;
      } else i++;
    }
    return length;
  };

  /** A string whose opening quote(s) start at `i`: the offset after it. */
  const stringLiteral = (i: number, raw: boolean): number => {
    const quote = text[i]!;
    const triple = text.startsWith(quote.repeat(3), i);
    const close = triple ? quote.repeat(3) : quote;
    i += close.length;
    while (i < length) {
      const c = text[i]!;
      if (text.startsWith(close, i)) return i + close.length;
      if (!triple && (c === '\n' || c === '\r')) return i; // unterminated: the line ends it
      if (!raw && c === '\\') i += 2;
      else if (!raw && c === '$' && text[i + 1] === '{') i = code(i + 2, true);
      else i++;
    }
    return length;
  };

  /** Code from `i`: to the end, or (inside an interpolation) to the offset after its closing brace. */
  const code = (i: number, inInterpolation: boolean): number => {
    let braces = 0;
    while (i < length) {
      const c = text[i]!;
      if (c === '/' && text[i + 1] === '/') {
        let end = i;
        while (end < length && text[end] !== '\n' && text[end] !== '\r') end++;
        comments.push({ pos: i, end });
        i = end;
      } else if (c === '/' && text[i + 1] === '*') {
        const end = blockComment(i);
        comments.push({ pos: i, end });
        i = end;
      } else if (c === "'" || c === '"') {
        const raw = text[i - 1] === 'r' && !isIdentifierChar(text[i - 2]);
        i = stringLiteral(i, raw);
      } else if (c === '{') {
        braces++;
        i++;
      } else if (c === '}') {
        i++;
        if (inInterpolation && braces-- === 0) return i;
      } else i++;
    }
    return length;
  };

  code(0, false);
  return comments;
}
