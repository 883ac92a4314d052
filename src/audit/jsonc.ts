// JSON with comments and trailing commas, as editors write `tsconfig.json` and
// `.jsonc` files. Comments and trailing commas are blanked out with spaces
// (line breaks kept), never removed, so every offset of the text JSON.parse
// sees is an offset of the file and its errors point at the user's line and
// column. A parser of our own: this is all a config file needs, and a
// dependency would load on every run.

export class JsonSyntaxError extends Error {
  override readonly name = 'JsonSyntaxError';
  constructor(
    message: string,
    /** 1-based, as editors count. */
    readonly line: number,
    /** 1-based, in UTF-16 code units. */
    readonly column: number,
  ) {
    super(message);
  }
}

/** Line and column (1-based) of an offset of `text`. */
function position(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const lineStart = before.lastIndexOf('\n') + 1;
  return { line: before.split('\n').length, column: offset - lineStart + 1 };
}

const blank = (text: string) => text.replace(/[^\n]/g, ' ');

/** The text with comments, trailing commas and a leading BOM turned into spaces. */
function blankOutExtras(text: string, allowExtras: boolean): string {
  let out = '';
  let i = 0;
  if (text.startsWith('\uFEFF')) {
    out += ' ';
    i = 1;
  }
  while (i < text.length) {
    const char = text[i]!;
    if (char === '"') {
      // A string, escapes included, copied as is: a `//` or `,}` inside it is data.
      let end = i + 1;
      while (end < text.length && text[end] !== '"' && text[end] !== '\n') end += text[end] === '\\' ? 2 : 1;
      out += text.slice(i, end + 1);
      i = end + 1;
    } else if (allowExtras && char === '/' && text[i + 1] === '/') {
      const end = text.indexOf('\n', i);
      const stop = end < 0 ? text.length : end;
      out += blank(text.slice(i, stop));
      i = stop;
    } else if (allowExtras && char === '/' && text[i + 1] === '*') {
      const end = text.indexOf('*/', i + 2);
      if (end < 0) {
        const { line, column } = position(text, i);
        throw new JsonSyntaxError('unterminated comment', line, column);
      }
      out += blank(text.slice(i, end + 2));
      i = end + 2;
    } else {
      out += char;
      i++;
    }
  }
  return allowExtras ? blankTrailingCommas(out) : out;
}

/**
 * Commas that close nothing but a value and are followed only by white space
 * before a `}` or `]`, outside strings (comments are already blanks). In
 * `1,,}` the second comma is not a trailing comma but the user's mistake,
 * left for the parser to report where it is.
 */
function blankTrailingCommas(text: string): string {
  const chars = text.split('');
  let inString = false;
  let lastSignificant = '';
  for (let i = 0; i < chars.length; i++) {
    const char = chars[i]!;
    if (inString) {
      if (char === '\\') i++;
      else if (char === '"' || char === '\n') inString = false;
      continue;
    }
    if (char === '"') inString = true;
    else if (char === ',' && !',{['.includes(lastSignificant)) {
      let next = i + 1;
      while (next < chars.length && /\s/.test(chars[next]!)) next++;
      if (chars[next] === '}' || chars[next] === ']') {
        chars[i] = ' ';
        continue;
      }
    }
    if (!/\s/.test(char)) lastSignificant = char;
  }
  return chars.join('');
}

/** Where the grammar walk below stopped, and why. */
class GrammarError extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message);
  }
}

/** Where JSON's grammar first fails in `text`, and why: JSON.parse says the same in words that differ between Node versions, and sometimes with no position. */
function locateError(text: string): { offset: number; message: string } {
  let i = 0;
  const fail = (message: string, at = i): never => {
    throw new GrammarError(message, at);
  };
  const describe = (at: number) => (at >= text.length ? 'the end of the file' : `'${text[at]}'`);
  const skipSpace = () => {
    while (i < text.length && ' \t\n\r'.includes(text[i]!)) i++;
  };
  const string = () => {
    const start = i++;
    while (i < text.length && text[i] !== '"') {
      const code = text.charCodeAt(i);
      if (code < 0x20) fail('line break or control character in a string');
      if (text[i] === '\\') {
        const escape = text[i + 1] ?? '';
        if (escape === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) fail('bad \\u escape in a string');
          i += 6;
          continue;
        }
        if (!'"\\/bfnrt'.includes(escape) || escape === '') fail(`bad escape \\${escape} in a string`);
        i += 2;
        continue;
      }
      i++;
    }
    if (i >= text.length) fail('unterminated string', start);
    i++;
  };
  const value = (): void => {
    skipSpace();
    const char = text[i];
    if (char === '{') {
      i++;
      skipSpace();
      if (text[i] === '}') return void i++;
      for (;;) {
        skipSpace();
        if (text[i] !== '"') fail(`expected a property name in double quotes, found ${describe(i)}`);
        string();
        skipSpace();
        if (text[i] !== ':') fail(`expected ':' after the property name, found ${describe(i)}`);
        i++;
        value();
        skipSpace();
        if (text[i] === ',') i++;
        else if (text[i] === '}') return void i++;
        else fail(`expected ',' or '}' after a property value, found ${describe(i)}`);
      }
    }
    if (char === '[') {
      i++;
      skipSpace();
      if (text[i] === ']') return void i++;
      for (;;) {
        value();
        skipSpace();
        if (text[i] === ',') i++;
        else if (text[i] === ']') return void i++;
        else fail(`expected ',' or ']' after an array element, found ${describe(i)}`);
      }
    }
    if (char === '"') return string();
    const literal = /^(?:true|false|null|-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?)/.exec(text.slice(i))?.[0];
    if (literal) {
      i += literal.length;
      if (/^[\w.]/.test(text[i] ?? '')) fail(`unexpected ${describe(i)}`);
      return;
    }
    fail(`expected a value, found ${describe(i)}`);
  };
  try {
    value();
    skipSpace();
    if (i < text.length) fail(`unexpected ${describe(i)} after the end of the JSON value`);
  } catch (error) {
    if (error instanceof GrammarError) return { offset: error.offset, message: error.message };
    throw error;
  }
  return { offset: 0, message: 'invalid JSON' };
}

/**
 * Parses JSON; with `allowExtras` (the default), JSON with comments and
 * trailing commas. A syntax error is a JsonSyntaxError with the line and
 * column of the file.
 */
export function parseJsonc(text: string, allowExtras = true): unknown {
  const json = blankOutExtras(text, allowExtras);
  try {
    return JSON.parse(json);
  } catch {
    const { offset, message } = locateError(json);
    const { line, column } = position(text, offset);
    throw new JsonSyntaxError(message, line, column);
  }
}
