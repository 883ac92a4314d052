// The one place that decides whether a name (a storage key, a variable, a
// property) names a secret. Every rule asks this classifier, so users tune it
// in one place with `sensitivePatterns` / `ignorePatterns`.
//
// Names are compared in a normal form: split into words at camelCase humps,
// `_`, `-`, `.`, `/`, `:` and digits, lower-cased, joined by single spaces.
// `auth.accessToken` → "auth access token", `API_KEY` → "api key". Patterns are
// case-insensitive regular expressions over that form.

export interface ClassifierOptions {
  sensitivePatterns?: string[];
  ignorePatterns?: string[];
}

export const DEFAULT_SENSITIVE_PATTERNS = [
  String.raw`\btokens?\b`,
  String.raw`\brefresh\b`,
  String.raw`\bjwts?\b`,
  String.raw`\bbearer\b`,
  String.raw`\bsecrets?\b`,
  String.raw`\bpass ?(word|code|phrase)s?\b`,
  String.raw`\b(passwd|pwd)\b`,
  String.raw`\bpins?\b`,
  String.raw`\botps?\b`,
  String.raw`\bone time (pass ?(word|code)|code|pin)s?\b`,
  String.raw`\bapi ?keys?\b`,
  String.raw`\bprivate ?keys?\b`,
  String.raw`\bmnemonics?\b`,
  String.raw`\bseed ?(phrase|words?)\b`,
  String.raw`\bcredentials?\b`,
  String.raw`\bsession ?(id|token|key)\b`,
  String.raw`\bcookies?\b`,
];

/**
 * Names that mention a secret but hold something else: when it expires, a
 * flag about it, where it is sent, how many there are.
 */
export const DEFAULT_IGNORE_PATTERNS = [
  String.raw`\b(expiry|expires|expiration|expire|expired|exp|ttl|lifetime)\b`,
  String.raw`\b(migrated|migration|flag|enabled|disabled|hint|label|placeholder|prompt|visible)\b`,
  String.raw`\b(type|kind|count|length|url|uri|endpoint|timestamp|at|date|interval)\b`,
  // "time", but not the one of a one-time password.
  String.raw`(?<!\bone )\btime\b`,
  // Questions about a secret, also inside a dotted key: `hasToken`, `auth.hasPin`.
  String.raw`\b(has|is|should|did|show|can|needs?) `,
  // Settings about refreshing data, not a refresh token.
  String.raw`\b(auto|last|pull to) refresh\b(?! tokens?\b)`,
  String.raw`\bpush tokens?\b`,
];

export function splitWords(name: string): string[] {
  return name
    .replace(/([a-z\d])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .replace(/([a-zA-Z])(\d)/g, '$1 $2')
    .replace(/(\d)([a-zA-Z])/g, '$1 $2')
    .split(/[^a-zA-Z\d]+/)
    .filter(Boolean)
    .map((w) => w.toLowerCase());
}

export function normalizeName(name: string): string {
  return splitWords(name).join(' ');
}

export class SecretClassifier {
  private readonly sensitive: RegExp[];
  private readonly ignore: RegExp[];

  constructor(options: ClassifierOptions = {}) {
    this.sensitive = [...DEFAULT_SENSITIVE_PATTERNS, ...(options.sensitivePatterns ?? [])].map(compile);
    this.ignore = [...DEFAULT_IGNORE_PATTERNS, ...(options.ignorePatterns ?? [])].map(compile);
  }

  isSensitive(name: string): boolean {
    const normal = normalizeName(name);
    if (!normal) return false;
    if (this.ignore.some((re) => re.test(normal))) return false;
    return this.sensitive.some((re) => re.test(normal));
  }
}

function compile(pattern: string): RegExp {
  return new RegExp(pattern, 'i');
}

const defaultClassifier = new SecretClassifier();
const classifiers = new Map<string, SecretClassifier>();

/** A classifier for rule options, shared between rules that pass the same patterns. */
export function classifierFor(options: ClassifierOptions): SecretClassifier {
  if (!options.sensitivePatterns?.length && !options.ignorePatterns?.length) return defaultClassifier;
  const key = JSON.stringify([options.sensitivePatterns ?? [], options.ignorePatterns ?? []]);
  let classifier = classifiers.get(key);
  if (!classifier) {
    classifier = new SecretClassifier(options);
    classifiers.set(key, classifier);
  }
  return classifier;
}

/** JSON schema of the classifier options, shared by the rules that use it. */
export const CLASSIFIER_SCHEMA_PROPERTIES = {
  sensitivePatterns: {
    type: 'array',
    items: { type: 'string' },
    description: 'Extra regular expressions (over the normalised name) that mark a name as a secret.',
  },
  ignorePatterns: {
    type: 'array',
    items: { type: 'string' },
    description: 'Regular expressions that mark a name as not a secret, even when a sensitive pattern matches.',
  },
} as const;
