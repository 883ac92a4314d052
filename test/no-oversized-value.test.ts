import { describe, expect, it } from 'vitest';
import rule from '../rules/no-oversized-value.js';
import type { ReportDescriptor } from '../src/core/types.js';
import { createRuleTester, eslintRule } from './rule-tester.js';
import { memoryWorkspace } from './helpers/memory-workspace.js';

const ruleTester = createRuleTester();
const NS = "import * as SecureStore from 'expo-secure-store';\n";
const SET = 'SecureStore.setItemAsync';
const x = (n: number) => 'x'.repeat(n);

ruleTester.run('no-oversized-value', eslintRule(rule), {
  valid: [
    // The seed's pattern: one key per token.
    NS +
      `const OPTIONS = { keychainAccessible: SecureStore.WHEN_UNLOCKED_THIS_DEVICE_ONLY };
export async function saveTokens(access: string, refresh: string) {
  await SecureStore.setItemAsync('auth.accessToken', access, OPTIONS);
  await SecureStore.setItemAsync('auth.refreshToken', refresh, OPTIONS);
}`,
    // Large non-sensitive data in AsyncStorage is this rule's advice, not a finding.
    `import AsyncStorage from '@react-native-async-storage/async-storage';\nexport const f = (user: { profile: object }) => AsyncStorage.setItem('user_profile', JSON.stringify(user.profile));`,
    // A fixed set of scalar fields does not grow with the data: a literal, a typed parameter, a const with a declared type.
    NS + `export const f = (address: string, at: number) => SecureStore.setItemAsync('w', JSON.stringify({ address, at, kind: 'hd' }));`,
    NS +
      `interface Keys { address: string; publicKey: string; privateKey: string; mode: 'a' | 'b'; addrs: { segwit: string } }
export const f = (k: Keys) => SecureStore.setItemAsync('w', JSON.stringify(k));`,
    NS +
      `type Pair = { address: string; createdAt: Date };
export const f = (address: string) => { const p: Pair = { address, createdAt: new Date() }; return SecureStore.setItemAsync('w', JSON.stringify(p)); };`,
    // A type imported where the front-end cannot follow the import: the shape is unknown here, and not guessed.
    NS +
      `import type { Keys } from './keys';
export const f = (k: Keys) => SecureStore.setItemAsync('w', JSON.stringify(k));`,
    // Values that cannot be resolved are not guessed about.
    NS + `export const save = (value: string) => SecureStore.setItemAsync('k', value);`,
    NS + `let blob = '';\nexport function save(user: object) { blob = JSON.stringify(user); return SecureStore.setItemAsync('k', blob); }`,
    // JSON of a primitive literal, directly or through a constant.
    NS +
      `const ENABLED = 'yes';\nSecureStore.setItemAsync('auth.remember.enabled', JSON.stringify(true));\nSecureStore.setItemAsync('auth.remember.enabled', JSON.stringify(ENABLED));`,
    // Literals up to maxBytes, counted in UTF-8 bytes.
    NS + `SecureStore.setItemAsync('k', '${x(2048)}');`,
    NS + `SecureStore.setItemAsync('k', '${'é'.repeat(1024)}');`,
    // Only the known part of a pattern counts.
    NS + `export const f = (token: string) => SecureStore.setItemAsync('k', \`\${token}${x(2000)}\`);`,
    // One secret, or the same secret twice, is not a combination.
    NS + "export const f = (userId: string, accessToken: string) => SecureStore.setItemAsync('k', `${userId}:${accessToken}`);",
    NS + `export const f = (token: string) => SecureStore.setItemAsync('k', token + '.' + token);`,
    // A local object called SecureStore and a local JSON are not the module and the global.
    `const SecureStore = { setItemAsync(k: string, v: string) {} };\nSecureStore.setItemAsync('k', JSON.stringify({ a: 1 }));`,
    NS + `const JSON = { stringify: (v: unknown) => 'v' };\nexport const f = (user: object) => SecureStore.setItemAsync('k', JSON.stringify(user));`,
    // Reads have no value.
    NS + `SecureStore.getItemAsync('${x(3000)}');`,
    // A parameter shadows the import.
    NS + `export function f(SecureStore: { setItemAsync(k: string, v: string): void }, user: object) { SecureStore.setItemAsync('k', JSON.stringify(user)); }`,
    {
      // ignorePatterns takes a name out of the classifier.
      code: NS + "export const f = (accessToken: string, refreshToken: string) => SecureStore.setItemAsync('k', `${accessToken}.${refreshToken}`);",
      options: [{ ignorePatterns: ['\\brefresh\\b'] }],
    },
  ],
  invalid: [
    {
      // The seed's wrong example.
      code: NS + `export async function save(largeObject: object) {\n  await SecureStore.setItemAsync('user_data', JSON.stringify(largeObject));\n}`,
      errors: [{ messageId: 'jsonBlob', data: { call: SET, subject: 'largeObject' }, line: 3, column: 47, endColumn: 74 }],
    },
    {
      // Through a constant; reported at the value argument.
      code:
        NS +
        `export function save(k: string, user: object, opts: object) {\n  const blob = JSON.stringify(user);\n  return SecureStore.setItemAsync(k, blob, opts);\n}`,
      errors: [{ messageId: 'jsonBlob', data: { call: SET, subject: 'user' }, line: 4, column: 38, endColumn: 42 }],
    },
    {
      code: `import { setItemAsync as save } from 'expo-secure-store';\nexport const f = (names: string[]) => save('profile', JSON.stringify({ theme: 'dark', names }));`,
      errors: [{ messageId: 'jsonBlob', data: { call: SET, subject: '{…}' } }],
    },
    // Only the secret parts are named: the scope a token response carries beside its tokens is none.
    {
      code:
        NS +
        `export const f = (tokenResponse: { accessToken: string; refreshToken: string; scope: string }) =>\n  SecureStore.setItemAsync('auth', JSON.stringify({ accessToken: tokenResponse.accessToken, refreshToken: tokenResponse.refreshToken, scope: tokenResponse.scope }));`,
      errors: [{ messageId: 'combinedSecrets', data: { call: SET, names: 'accessToken and refreshToken' } }],
    },
    {
      code:
        NS +
        `export const f = (tokenResponse: { scope: string }, accessToken: string, refreshToken: string) => SecureStore.setItemAsync('auth', \`\${accessToken}|\${refreshToken}|\${tokenResponse.scope}\`);`,
      errors: [{ messageId: 'combinedSecrets', data: { call: SET, names: 'accessToken and refreshToken' } }],
    },
    // Shapes that grow: a list, a map, an index signature, an interface that extends an unknown one, a spread of an unknown object.
    {
      code: NS + `interface Ledger { owner: string; entries: string[] }\nexport const f = (l: Ledger) => SecureStore.setItemAsync('l', JSON.stringify(l));`,
      errors: [{ messageId: 'jsonBlob', data: { call: SET, subject: 'l' } }],
    },
    {
      code:
        NS +
        `interface Tags { [tag: string]: string }\nexport const f = (t: Tags, m: Record<string, string>) => SecureStore.setItemAsync('t', JSON.stringify({ t, m }));`,
      errors: [{ messageId: 'jsonBlob', data: { call: SET, subject: '{…}' } }],
    },
    {
      code: NS + `interface Keys extends Base { address: string }\nexport const f = (k: Keys) => SecureStore.setItemAsync('k', JSON.stringify(k));`,
      errors: [{ messageId: 'jsonBlob', data: { call: SET, subject: 'k' } }],
    },
    {
      code: NS + `export const f = (extra: any, id: string) => SecureStore.setItemAsync('x', JSON.stringify({ ...extra, id }));`,
      errors: [{ messageId: 'jsonBlob', data: { call: SET, subject: '{…}' } }],
    },
    {
      code: `const { setItem } = require('expo-secure-store');\nexport const f = (session: { user: object }) => setItem('session', JSON.stringify(session.user));`,
      errors: [{ messageId: 'jsonBlob', data: { call: 'SecureStore.setItem', subject: 'session.user' } }],
    },
    {
      code:
        NS + `export const f = (accessToken: string, refreshToken: string) => SecureStore.setItemAsync('auth', JSON.stringify({ accessToken, refreshToken }));`,
      errors: [{ messageId: 'combinedSecrets', data: { call: SET, names: 'accessToken and refreshToken' } }],
    },
    {
      code: `import * as Vault from 'expo-secure-store';\nexport const f = (accessToken: string, refreshToken: string) => Vault.setItemAsync('auth', \`\${accessToken}.\${refreshToken}\`);`,
      errors: [{ messageId: 'combinedSecrets', data: { call: SET, names: 'accessToken and refreshToken' } }],
    },
    {
      code:
        NS +
        `export const f = (session: { accessToken: string; refreshToken: string }) =>\n  SecureStore.setItemAsync('auth', [session.accessToken, session.refreshToken].join('|'));`,
      errors: [{ messageId: 'combinedSecrets', data: { call: SET, names: 'session.accessToken and session.refreshToken' }, line: 3, column: 36 }],
    },
    {
      // Through a constant, with the synchronous setItem.
      code:
        NS +
        `export function f(accessToken: string, refreshToken: string) {\n  const both = accessToken + '.' + refreshToken;\n  SecureStore.setItem('auth', both);\n}`,
      errors: [{ messageId: 'combinedSecrets', data: { call: 'SecureStore.setItem', names: 'accessToken and refreshToken' } }],
    },
    {
      // Member names count with their object: "tokens access".
      code: NS + `export const f = (tokens: { access: string; refresh: string }) => SecureStore.setItemAsync('auth', tokens.access + tokens.refresh);`,
      errors: [{ messageId: 'combinedSecrets', data: { call: SET, names: 'tokens.access and tokens.refresh' } }],
    },
    {
      // "access" alone is no secret name by default; sensitivePatterns adds it.
      code: NS + `export const f = (access: string, refresh: string) => SecureStore.setItemAsync('auth', access + refresh);`,
      options: [{ sensitivePatterns: ['\\baccess\\b'] }],
      errors: [{ messageId: 'combinedSecrets', data: { call: SET, names: 'access and refresh' } }],
    },
    {
      code: NS + `SecureStore.setItemAsync('k', '${x(3000)}');`,
      errors: [{ messageId: 'tooLarge', data: { call: SET, size: '3000 bytes', maxBytes: '2048' }, line: 2, column: 31 }],
    },
    {
      // 1000 characters, 3000 UTF-8 bytes.
      code: NS + `const PEM = '${'€'.repeat(1000)}';\nSecureStore.setItemAsync('k', PEM);`,
      errors: [{ messageId: 'tooLarge', data: { call: SET, size: '3000 bytes', maxBytes: '2048' }, line: 3 }],
    },
    {
      code: NS + `const LONG = '${x(2100)}';\nexport const f = (id: string) => SecureStore.setItemAsync('k', \`\${id}:\${LONG}\`);`,
      errors: [{ messageId: 'tooLarge', data: { call: SET, size: 'at least 2101 bytes', maxBytes: '2048' } }],
    },
    {
      code: NS + `SecureStore.setItemAsync('k', 'abcdefghijk');`,
      options: [{ maxBytes: 10 }],
      errors: [{ messageId: 'tooLarge', data: { call: SET, size: '11 bytes', maxBytes: '10' } }],
    },
  ],
});

describe('no-oversized-value across files', () => {
  const files = {
    '/lib/blobs.ts': `export const PROFILE = JSON.stringify({ name: 'Ada', tags: ['a', 'b'] });\nexport const BUNDLE = '${x(3000)}';`,
    '/app.ts': NS + `import { PROFILE, BUNDLE } from './lib/blobs';\nSecureStore.setItemAsync('p', PROFILE);\nSecureStore.setItemAsync('b', BUNDLE);`,
  };
  const run = (crossFile: boolean) => {
    const reports: ReportDescriptor[] = [];
    const { file } = memoryWorkspace(files, crossFile);
    rule.check({ file: file('/app.ts'), options: rule.meta.defaultOptions, report: (d) => reports.push(d) });
    return reports.map((r) => ({ messageId: r.messageId, data: r.data, text: r.node?.getText() }));
  };

  it('follows constants imported from another file when the front-end can see it (CLI)', () => {
    expect(run(true)).toEqual([
      { messageId: 'jsonBlob', data: { call: SET, subject: '{…}' }, text: 'PROFILE' },
      { messageId: 'tooLarge', data: { call: SET, size: '3000 bytes', maxBytes: '2048' }, text: 'BUNDLE' },
    ]);
  });

  it('reports nothing it cannot see (ESLint without type information)', () => {
    expect(run(false)).toEqual([]);
  });
});

describe('no-oversized-value: shapes whose types are imported', () => {
  const files = {
    '/lib/modes.ts': `export type Mode = 'legacy' | 'bip44';\nexport interface Log { lines: string[] }`,
    '/app.ts':
      NS +
      `import { type Mode, type Log } from './lib/modes';
export const a = (index: number, mode: Mode) => SecureStore.setItemAsync('a', JSON.stringify({ index, mode }));
export const b = (index: number, log: Log) => SecureStore.setItemAsync('b', JSON.stringify({ index, log }));`,
  };
  const run = (crossFile: boolean) => {
    const reports: ReportDescriptor[] = [];
    const { file } = memoryWorkspace(files, crossFile);
    rule.check({ file: file('/app.ts'), options: rule.meta.defaultOptions, report: (d) => reports.push(d) });
    return reports.map((r) => ({ messageId: r.messageId, line: r.node?.getSourceFile().getLineAndCharacterOfPosition(r.node.getStart()).line }));
  };

  it('the CLI follows the import: a union of literals is fixed, a list grows', () => {
    expect(run(true)).toEqual([{ messageId: 'jsonBlob', line: 3 }]);
  });

  it('ESLint, which sees one file, leaves both unknown rather than guess', () => {
    expect(run(false)).toEqual([]);
  });
});
