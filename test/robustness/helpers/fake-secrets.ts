// Recognisable fake secrets, made at run time from a fixed seed: the same on
// every run, and no credential-shaped literal in the repository for secret
// scanners to trip on.

// The benchmark's seeded generator (mulberry32): one implementation in the repository.
// @ts-expect-error: the benchmark's generator is plain JavaScript without types
import { prng } from '../../../bench/generate.js';

const generator = prng as (seed: number) => () => number;

const BASE62 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const WORDS = [
  'cobalt',
  'walnut',
  'tundra',
  'quarry',
  'velvet',
  'orbit',
  'mango',
  'zebra',
  'lantern',
  'fossil',
  'glacier',
  'harbor',
  'juniper',
  'kettle',
  'meadow',
  'nectar',
  'oyster',
  'pepper',
  'quiver',
  'saddle',
  'thistle',
  'umbrella',
  'walrus',
  'yonder',
];

export interface FakeSecrets {
  /** A syntactically valid JWT (three base64url parts, JSON header and payload). */
  jwt: string;
  /** 40 random base62 characters. */
  entropy: string;
  /** The base64 lines of a PEM private key body (without the BEGIN / END lines). */
  pemLines: string[];
  /** 24 lowercase words, like a BIP-39 recovery phrase. */
  mnemonic: string;
  /** A live-mode API key. */
  apiKey: string;
}

export function fakeSecrets(seed = 20260427): FakeSecrets {
  const random = generator(seed);
  const chars = (n: number, alphabet = BASE62) => Array.from({ length: n }, () => alphabet[Math.floor(random() * alphabet.length)]).join('');
  const bytes = (n: number) => Buffer.from(Array.from({ length: n }, () => Math.floor(random() * 256)));
  const b64url = (text: string) => Buffer.from(text).toString('base64url');
  const jwt = [
    b64url('{"alg":"HS256","typ":"JWT"}'),
    b64url(JSON.stringify({ sub: `fake-user-${chars(6)}`, iat: 1700000000 })),
    bytes(32).toString('base64url'),
  ].join('.');
  const pem = bytes(144).toString('base64');
  return {
    jwt,
    entropy: chars(40),
    pemLines: [pem.slice(0, 64), pem.slice(64, 128), pem.slice(128)],
    mnemonic: Array.from({ length: 24 }, () => WORDS[Math.floor(random() * WORDS.length)]).join(' '),
    apiKey: ['sk', 'live', chars(24)].join('_'),
  };
}

/** Every `size`-character window of each value: what must not appear anywhere in our output. */
export function windows(values: string[], size = 12): string[] {
  const out = new Set<string>();
  for (const value of values) for (let i = 0; i + size <= value.length; i++) out.add(value.slice(i, i + size));
  return [...out];
}

/** The windows of `values` that occur in `text`, for a readable failure. */
export function leaks(text: string, values: string[], size = 12): string[] {
  return windows(values, size).filter((w) => text.includes(w));
}
