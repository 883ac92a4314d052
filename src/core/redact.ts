// Findings must never carry a secret's value. A string literal that looks like
// a credential is replaced before it reaches a message, a code frame or JSON.

const JWT = /^eyJ[\w-]{5,}\.[\w-]{5,}\.[\w-]*$/;
const KNOWN_PREFIX = /^(sk|pk|rk)_(live|test)_|^gh[pousr]_|^AKIA[0-9A-Z]{12}|^xox[abpr]-|^AIza[\w-]{20}/;
const TOKEN_CHARS = /^[A-Za-z0-9+/=_\-.~]+$/;

export function looksLikeSecret(value: string): boolean {
  if (JWT.test(value) || KNOWN_PREFIX.test(value)) return true;
  if (value.length < 20 || !TOKEN_CHARS.test(value)) return false;
  // Long unbroken runs of mixed letters and digits are keys, not identifiers.
  return /[A-Za-z]/.test(value) && /\d/.test(value) && !/^[a-z]+([._-][a-z]+)*$/i.test(value);
}

export const REDACTED = '<redacted>';

export function redactValue(value: string): string {
  return looksLikeSecret(value) ? REDACTED : value;
}

/** Redacts quoted strings inside source text (for code frames). */
export function redactSource(text: string): string {
  return text.replace(/(["'`])((?:\\.|(?!\1)[^\\\n])*)\1/g, (whole, quote: string, body: string) =>
    looksLikeSecret(body) ? `${quote}${REDACTED}${quote}` : whole,
  );
}

/** Message data with every secret-looking value replaced. */
export function redactData(data: Record<string, string> | undefined): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [key, value] of Object.entries(data ?? {})) result[key] = redactValue(String(value));
  return result;
}
