// The one place that decides whether a name (a storage key, a variable, a
// property) names a secret. Every rule asks this classifier, so users tune it
// in one place with `sensitivePatterns` / `ignorePatterns`. Each decision
// comes with its reason (`explain`), so the table in test/classifier.test.ts
// can tell a right answer from a right answer for the wrong reason.
//
// Names are compared in a normal form: split into words at camelCase humps,
// `_`, `-`, `.`, `/`, `:` and digits, lower-cased, joined by single spaces.
// `auth.accessToken` → "auth access token", `API_KEY` → "api key". Patterns are
// case-insensitive regular expressions over that form.
//
// A name is a secret when it has a secret word and nothing in it says it is
// only about a secret (its expiry, a flag, a count). The word "token" needs
// more: wallets keep lists, balances and prices of crypto tokens, which are
// public, so a token is a credential only when `readToken` says so.

export interface ClassifierOptions {
  sensitivePatterns?: string[];
  ignorePatterns?: string[];
}

/** Whether a name is a secret, and why: `kind: evidence`, or `no secret word`. */
export interface SecretDecision {
  secret: boolean;
  /** `credential token: access`, `asset token: plural`, `password: pwd`, `expiry: exp`, `sensitivePatterns: \bssn\b`, … */
  reason: string;
}

/** A pattern over the normal form, and the kind of reason it gives. */
export interface NamedPattern {
  kind: string;
  pattern: string;
}

/** Secret words other than "token" (see `readToken`). */
export const DEFAULT_SECRET_WORDS: readonly NamedPattern[] = [
  { kind: 'secret word', pattern: String.raw`\brefresh\b` },
  { kind: 'secret word', pattern: String.raw`\bjwts?\b` },
  { kind: 'secret word', pattern: String.raw`\bbearer\b` },
  { kind: 'secret word', pattern: String.raw`\bsecrets?\b` },
  { kind: 'password', pattern: String.raw`\bpass ?(word|code|phrase)s?\b` },
  { kind: 'password', pattern: String.raw`\b(passwd|pwd)\b` },
  // `pass` as a word of its own (`bio_pass`, `userPass`): `passport`,
  // `compass` and `bypass` are one word each. Not `byPass`, a boarding or
  // season pass, or `passThrough`.
  { kind: 'password', pattern: String.raw`(?<!\b(by|boarding|season) )\bpass\b(?! through\b)` },
  // A PIN is a short numeric password: `pin`, `pinCode`, `pin_code`.
  { kind: 'password', pattern: String.raw`\bpins?\b` },
  { kind: 'secret word', pattern: String.raw`\botps?\b` },
  { kind: 'secret word', pattern: String.raw`\bone time (pass ?(word|code)|code|pin)s?\b` },
  { kind: 'secret word', pattern: String.raw`\bapi ?keys?\b` },
  { kind: 'secret word', pattern: String.raw`\bprivate ?keys?\b` },
  // The key that encrypts a local database or vault is the secret that opens it.
  { kind: 'secret word', pattern: String.raw`\b(encryption|master|signing) ?keys?\b` },
  { kind: 'secret word', pattern: String.raw`\bmnemonics?\b` },
  { kind: 'secret word', pattern: String.raw`\bseed ?(phrase|words?)\b` },
  { kind: 'secret word', pattern: String.raw`\bcredentials?\b` },
  { kind: 'secret word', pattern: String.raw`\bsession ?(id|token|key)\b` },
  { kind: 'secret word', pattern: String.raw`\bcookies?\b` },
];

/**
 * Public by design: a salt, a nonce or an IV is stored beside what it
 * protects, and knowing it gives nothing. Not a hash or a digest of a secret:
 * a PIN's hash is found again by hashing every PIN.
 */
export const PUBLIC_CRYPTO_PARAMETER: NamedPattern = { kind: 'public crypto parameter', pattern: String.raw`\b(salt|salts|nonce|nonces|iv|ivs)\b` };

const PUBLIC_CRYPTO_PARAMETER_RE = new RegExp(PUBLIC_CRYPTO_PARAMETER.pattern, 'i');

/** `salt: salt`-style reason when a name (a variable or a property, not a chain) names a public crypto parameter. */
export function publicCryptoParameter(name: string): string | undefined {
  const match = PUBLIC_CRYPTO_PARAMETER_RE.exec(normalizeName(name));
  return match ? `${PUBLIC_CRYPTO_PARAMETER.kind}: ${match[0]}` : undefined;
}

/**
 * Names that mention a secret but hold something else: when it expires, a
 * flag about it, where it is sent, how many there are.
 */
export const DEFAULT_NOT_SECRET: readonly NamedPattern[] = [
  { kind: 'expiry', pattern: String.raw`\b(expiry|expires|expiration|expire|expired|exp|ttl|lifetime)\b` },
  // A screen shown once (`passcode-setup-shown`) is a flag too.
  { kind: 'flag', pattern: String.raw`\b(migrated|migration|flag|enabled|disabled|visible|shown)\b` },
  // Where the app goes next: `returnToSettingsAfterPinChange` holds a route or a flag, not the PIN.
  { kind: 'navigation', pattern: String.raw`\b(return|redirect|navigate) to\b` },
  { kind: 'ui text', pattern: String.raw`\b(hint|label|placeholder|prompt)\b` },
  { kind: 'property', pattern: String.raw`\b(type|kind|count|length)\b` },
  { kind: 'url', pattern: String.raw`\b(url|uri|endpoint)\b` },
  { kind: 'time', pattern: String.raw`\b(timestamp|at|date|interval)\b` },
  // "time", but not the one of a one-time password.
  { kind: 'time', pattern: String.raw`(?<!\bone )\btime\b` },
  // Questions about a secret, also inside a dotted key: `hasToken`, `auth.hasPin`.
  { kind: 'question', pattern: String.raw`\b(has|is|should|did|show|can|needs?) ` },
  // Settings about refreshing data, not a refresh token.
  { kind: 'refresh setting', pattern: String.raw`\b(auto|last|pull to) refresh\b(?! tokens?\b)` },
  // An address a push service delivers notifications to: Expo's push token,
  // Firebase's registration token (FCM, formerly GCM), Apple's APNs device
  // token. Holding one lets nobody into the user's account, and sending to it
  // takes the app server's own credentials. A device token that signs in is
  // named so (`trustedDeviceToken`, `deviceAuthToken`). An app's `expoToken`
  // is the `ExponentPushToken[…]` Expo's notifications hand out: Expo's
  // account access token belongs to its command-line tools, not to an app.
  { kind: 'push token', pattern: String.raw`\b(push|fcm|gcm|apns|expo|notifications?) tokens?\b` },
  { kind: 'push token', pattern: String.raw`(?<!\btrusted )\bdevice tokens?\b` },
  // A dApp bridge's client session id (TonConnect, WalletConnect) is the
  // client's public key, the address its messages are sent to. The session's
  // secret is its key pair (`sessionKeyPair`), which stays a secret.
  { kind: 'public identifier', pattern: String.raw`\bclient session id\b` },
  PUBLIC_CRYPTO_PARAMETER,
];

const TOKEN_WORDS = new Set(['token', 'tokens']);

/** Words that make a token a credential, wherever they stand in the name (`tokens.access`, `auth.tokenList`). */
export const CREDENTIAL_TOKEN_WORDS: ReadonlySet<string> = new Set([
  'access',
  'api',
  'auth',
  'authentication',
  'authorization',
  'bearer',
  'csrf',
  'jwt',
  'login',
  'oauth',
  'refresh',
  'session',
  'sso',
  'xsrf',
]);

/** Words that make a token a crypto asset, unless a credential word is there too. */
export const ASSET_TOKEN_WORDS: ReadonlySet<string> = new Set([
  'address',
  'addresses',
  // What a contract or a dapp may spend of a token (ERC-20 approvals, allowances).
  'allowance',
  'allowances',
  'amount',
  'amounts',
  'approval',
  'approvals',
  'balance',
  'balances',
  'contract',
  'contracts',
  'decimals',
  'erc',
  'hidden',
  'ids',
  'list',
  'lists',
  'logo',
  'metadata',
  'nft',
  'nfts',
  'price',
  'prices',
  'supply',
  'symbol',
  'symbols',
]);

interface TokenReading {
  credential: boolean;
  /** The word that decided, or `singular` / `plural`. */
  evidence: string;
}

/**
 * How the word "token" reads in a name, in this order: a credential when a
 * credential word stands anywhere in the name, or `id` right before it (an
 * OpenID `idToken`); an asset when an asset word stands anywhere, or `id`
 * right after it (an NFT's `tokenId`); an asset when it is plural and nothing
 * else says which (`tokens`, `creatorTokens`); otherwise, a token on its own,
 * a credential (`token`, `userToken`, `csrfToken`). Undefined without the word.
 */
function readToken(words: string[]): TokenReading | undefined {
  if (!words.some((w) => TOKEN_WORDS.has(w))) return undefined;
  const next = (i: number) => TOKEN_WORDS.has(words[i + 1] ?? '');
  const previous = (i: number) => TOKEN_WORDS.has(words[i - 1] ?? '');
  const credential = words.find((w, i) => CREDENTIAL_TOKEN_WORDS.has(w) || (w === 'id' && next(i)));
  if (credential) return { credential: true, evidence: credential };
  const asset = words.find((w, i) => ASSET_TOKEN_WORDS.has(w) || (w === 'id' && previous(i)));
  if (asset) return { credential: false, evidence: asset };
  return words.includes('token') ? { credential: true, evidence: 'singular' } : { credential: false, evidence: 'plural' };
}

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

interface CompiledPattern {
  kind: string;
  re: RegExp;
  /** A project's own pattern, as written in its config: the reason quotes it. */
  quoted?: string;
}

export class SecretClassifier {
  private readonly secretWords: CompiledPattern[];
  private readonly notSecret: CompiledPattern[];

  constructor(options: ClassifierOptions = {}) {
    const own = (kind: string, patterns: string[] = []) => patterns.map((pattern) => compile({ kind, pattern }, true));
    // The project's own patterns come after the default secret words (a
    // default reason is the more precise one) and before the default
    // non-secrets (what the project says to ignore is why it is ignored).
    this.secretWords = [...DEFAULT_SECRET_WORDS.map((p) => compile(p)), ...own('sensitivePatterns', options.sensitivePatterns)];
    this.notSecret = [...own('ignorePatterns', options.ignorePatterns), ...DEFAULT_NOT_SECRET.map((p) => compile(p))];
  }

  isSensitive(name: string): boolean {
    return this.explain(name).secret;
  }

  /** `isSensitive` for a member chain written in code (`auth.tokens`): see `explainMember`. */
  isSensitiveMember(path: string): boolean {
    return this.explainMember(path).secret;
  }

  /**
   * A member chain such as `session.accessToken` or `credentials.username`,
   * as written in code: the last member names the value, and decides, unless
   * it is a token that says nothing of its own (`auth.tokens`), or a
   * credential word under a token (`tokens.access`): then the words of the
   * whole chain may make it a credential token. The
   * objects the chain goes through make nothing else a secret: the
   * `username` of `credentials`, the `id` of a `session` and the `salt` of a
   * `passcodeKey` are not.
   */
  explainMember(path: string): SecretDecision {
    const parts = path.split('.');
    const lastPart = parts[parts.length - 1]!;
    const last = this.explain(lastPart);
    if (parts.length === 1 || last.secret) return last;
    const undecided = last.reason === 'no secret word' || last.reason.startsWith('asset token: ');
    // Only a token (`auth.tokens`) or the credential half of one (`tokens.access`) takes words from its objects:
    // the `scope` of a `tokenResponse` is no token.
    const words = splitWords(lastPart);
    const tokenLike = words.some((w) => TOKEN_WORDS.has(w)) || (words.length > 0 && words.every((w) => CREDENTIAL_TOKEN_WORDS.has(w)));
    if (!undecided || !tokenLike) return last;
    const whole = this.explain(path);
    return whole.secret && whole.reason.startsWith('credential token: ') ? whole : last;
  }

  explain(name: string): SecretDecision {
    const words = splitWords(name);
    const normal = words.join(' ');
    const token = readToken(words);
    const secret = token?.credential ? `credential token: ${token.evidence}` : firstMatch(this.secretWords, normal);
    const asset = token && !token.credential ? `asset token: ${token.evidence}` : undefined;
    const claim = secret ?? asset;
    if (!claim) return { secret: false, reason: 'no secret word' };
    const about = firstMatch(this.notSecret, normal);
    if (about) return { secret: false, reason: about };
    return { secret: secret !== undefined, reason: claim };
  }
}

/** `kind: matched words` of the first pattern that matches. */
function firstMatch(patterns: CompiledPattern[], normal: string): string | undefined {
  for (const { kind, re, quoted } of patterns) {
    const match = re.exec(normal);
    if (match) return `${kind}: ${quoted ?? match[0].trim()}`;
  }
  return undefined;
}

function compile({ kind, pattern }: NamedPattern, quoted = false): CompiledPattern {
  return { kind, re: new RegExp(pattern, 'i'), ...(quoted ? { quoted: pattern } : {}) };
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

/** Whether a name is a secret and why, with the default patterns or the given ones. */
export function explainSecretName(name: string, options: ClassifierOptions = {}): SecretDecision {
  return classifierFor(options).explain(name);
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
