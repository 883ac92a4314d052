// Findings must never carry a secret's value. A string literal that looks like
// a credential is replaced before it reaches a message, a code frame or JSON.
//
// What counts as secret-looking:
// - a JWT (`eyJ….….…`), anywhere in the text;
// - a value with a well-known credential prefix (`sk_live_`, `ghp_`, `AKIA…`,
//   `xoxb-`, `AIza…`);
// - a PEM block (`-----BEGIN … PRIVATE KEY-----`, certificates, and so on);
// - a mnemonic-like word list: 12 to 24 lowercase words of 3 to 8 letters,
//   which is what BIP-39 recovery phrases are made of (ordinary sentences have
//   short words such as "a", "of", "to");
// - a run of token characters (letters, digits, `+/=_-.~`) of 20 or more that
//   is not made of readable names: base64, hex, random strings.
// Names stay readable: `auth.accessToken`, `session.v2.refreshToken`,
// `WHEN_UNLOCKED_THIS_DEVICE_ONLY` are built of words.

const JWT = /\beyJ[\w-]{5,}\.[\w-]{5,}\.[\w-]*/;
const KNOWN_PREFIX = /(?<![A-Za-z0-9])(?:(?:sk|pk|rk)_(?:live|test)_|gh[pousr]_|AKIA[0-9A-Z]{12}|xox[abpr]-|AIza[\w-]{20})/;
const PEM = /-----BEGIN [A-Z0-9 ]*-----|-----END [A-Z0-9 ]*-----/;
const MNEMONIC = /^\s*[a-z]{3,8}(?:\s+[a-z]{3,8}){11,23}\s*$/;
const TOKEN_RUN = /[A-Za-z0-9+/=_\-.~]{20,}/g;
const SEGMENT_SEPARATORS = /[._\-/+=~]+/;
/** Words of a camelCase / PascalCase / CONSTANT_CASE name. */
const WORD = /[A-Z]+(?![a-z])|[A-Z]?[a-z]+/g;

/** A name such as `refreshToken`, `WHEN_UNLOCKED`, `user123` or `v2`: words, then a few digits at most. */
function isReadableSegment(segment: string): boolean {
  const match = /^([A-Za-z]*)(\d{0,4})$/.exec(segment);
  if (!match) return false;
  const letters = match[1]!;
  if (letters === '' || letters === letters.toLowerCase() || letters === letters.toUpperCase()) return true;
  // Mixed case: real words are a few letters long; random letters switch case every character or two.
  const words = letters.match(WORD) ?? [];
  return words.join('').length === letters.length && letters.length / words.length >= 3;
}

/** One unbroken run of token characters of 20 or more: a key, unless it is built of names. */
function isSecretToken(run: string): boolean {
  if (!/[A-Za-z]/.test(run)) return false;
  const segments = run.split(SEGMENT_SEPARATORS).filter(Boolean);
  if (segments.every(isReadableSegment)) return false;
  // Random strings mix letters with digits, or switch case.
  return /\d/.test(run) || (/[a-z]/.test(run) && /[A-Z]/.test(run));
}

/** True when the text holds something that looks like a credential, anywhere in it. */
export function containsSecret(text: string): boolean {
  if (JWT.test(text) || KNOWN_PREFIX.test(text) || PEM.test(text) || MNEMONIC.test(text)) return true;
  for (const [run] of text.matchAll(TOKEN_RUN)) if (isSecretToken(run)) return true;
  return false;
}

/** True when the whole value is, or holds, something that looks like a credential. */
export function looksLikeSecret(value: string): boolean {
  return containsSecret(value);
}

export const REDACTED = '<redacted>';

export function redactValue(value: string): string {
  return looksLikeSecret(value) ? REDACTED : value;
}

/** The same text with every secret-looking token run outside string literals replaced. */
function redactTokens(text: string): string {
  return text.replace(TOKEN_RUN, (run) => (JWT.test(run) || KNOWN_PREFIX.test(run) || isSecretToken(run) ? REDACTED : run));
}

/**
 * Redacts source text (for code frames): a quoted literal holding a secret is
 * replaced whole, and secret-looking runs elsewhere on the line (comments,
 * identifiers glued to a token, the rest of a template literal that does not
 * close on this line) are replaced too.
 */
export function redactSource(text: string): string {
  const literal = /(["'`])((?:\\.|(?!\1)[^\\\n])*)\1/g;
  let out = '';
  let last = 0;
  for (const match of text.matchAll(literal)) {
    const [whole, quote, body] = match as unknown as [string, string, string];
    out += redactTokens(text.slice(last, match.index));
    out += containsSecret(body) ? `${quote}${REDACTED}${quote}` : whole;
    last = match.index + whole.length;
  }
  return out + redactTokens(text.slice(last));
}

/** Message data with every secret-looking value replaced. */
export function redactData(data: Record<string, string> | undefined): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [key, value] of Object.entries(data ?? {})) result[key] = redactValue(String(value));
  return result;
}
