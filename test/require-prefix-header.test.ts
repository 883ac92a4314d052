import { describe, expect, it } from 'vitest';
import rule from '../rules/require-prefix-header.js';
import { findPrefixHeader, keyMatchesPrefix, parsePrefixList, prefixesOverlap, sharedPrefix } from '../src/core/key-prefix.js';
import { Workspace } from '../src/core/model.js';
import { parseSource } from '../src/core/parse.js';
import { projectFile } from '../src/core/project-file.js';
import type { StringValue } from '../src/core/values.js';
import { analyseDartFile } from '../src/dart/file-facts.js';
import { loadDartParser } from '../src/dart/parser.js';
import { createRuleTester, eslintRule } from './rule-tester.js';

const ruleTester = createRuleTester();
const NS = "import * as SecureStore from 'expo-secure-store';\n";
const OPTS = 'const KEYCHAIN_OPTIONS = { keychainAccessible: SecureStore.WHEN_UNLOCKED_THIS_DEVICE_ONLY };\n';

// Seed 003's remembered-credentials helper: the header is the registry of its keys.
const REMEMBERED_BODY =
  NS +
  OPTS +
  `export async function loadRememberedCredentials() {
  const [enabled, email, password] = await Promise.all([
    SecureStore.getItemAsync('auth.remember.enabled', KEYCHAIN_OPTIONS),
    SecureStore.getItemAsync('auth.remember.email', KEYCHAIN_OPTIONS),
    SecureStore.getItemAsync('auth.remember.password', KEYCHAIN_OPTIONS),
  ]);
  return { enabled, email, password };
}`;

// Seed 002's token wrapper, without a header.
const TOKEN_BODY =
  NS +
  `const ACCESS_KEY = 'auth.accessToken';
const REFRESH_KEY = 'auth.refreshToken';
export async function saveTokens(access: string, refresh: string) {
  await SecureStore.setItemAsync(ACCESS_KEY, access);
  await SecureStore.setItemAsync(REFRESH_KEY, refresh);
}
export async function clearTokens() {
  await SecureStore.deleteItemAsync(ACCESS_KEY);
  await SecureStore.deleteItemAsync(REFRESH_KEY);
}`;

ruleTester.run('require-prefix-header', eslintRule(rule), {
  valid: [
    '// SecureStore prefix: auth.remember.*\n' + REMEMBERED_BODY,
    // What the fix writes is accepted: a second fix run changes nothing.
    '// SecureStore prefix: auth.*\n' + TOKEN_BODY,
    // Several prefixes, a trailing note, an exact key.
    '// SecureStore prefix: auth.remember.*, settings.*\n' +
      NS +
      "SecureStore.deleteItemAsync('settings.autofill');\nSecureStore.deleteItemAsync('auth.remember.email');",
    '// SecureStore prefix: auth.remember.* (the login form)\n' + NS + "SecureStore.getItemAsync('auth.remember.email');",
    '// SecureStore prefix: device.installId\n' + NS + "SecureStore.getItemAsync('device.installId');",
    // `*` stands for any run of characters, also inside a prefix.
    '// SecureStore prefix: user.*.token\n' + NS + "SecureStore.getItemAsync('user.42.token');",
    // Among other leading comments, in a block comment, after a shebang.
    '// Remembered login.\n// SecureStore prefix: auth.remember.*\n\n' + NS + "SecureStore.getItemAsync('auth.remember.email');",
    '/**\n * Token storage.\n * SecureStore prefix: auth.*\n */\n' + NS + "SecureStore.getItemAsync('auth.token');",
    '#!/usr/bin/env node\n// SecureStore prefix: cli.*\n' + NS + "SecureStore.getItemAsync('cli.token');",
    // Template keys are checked by their literal prefix; unknown keys are skipped.
    '// SecureStore prefix: auth.remember.*\n' +
      NS +
      "export async function clear() {\n  for (const field of ['enabled', 'email', 'password'] as const) {\n    await SecureStore.deleteItemAsync(`auth.remember.${field}`);\n  }\n}",
    '// SecureStore prefix: auth.*\n' + NS + 'export const read = (scope: string) => SecureStore.getItemAsync(`${scope}.token`);',
    '// SecureStore prefix: cache.*\n' + NS + 'export const read = (key: string) => SecureStore.getItemAsync(key);',
    // Without type information the ESLint plugin cannot see an imported key: not guessed about.
    "// SecureStore prefix: auth.*\nimport { OTHER_KEY } from './keys';\n" + NS + 'SecureStore.getItemAsync(OTHER_KEY);',
    // No SecureStore call with a key: no header needed.
    NS + 'export const ok = () => SecureStore.isAvailableAsync();',
    "import AsyncStorage from '@react-native-async-storage/async-storage';\nAsyncStorage.setItem('theme', 'dark');",
    "const SecureStore = { getItemAsync(k: string) {} };\nSecureStore.getItemAsync('theme');",
    // A user's own header form.
    { code: '// keychain keys: wallet.*\n' + NS + "SecureStore.getItemAsync('wallet.key');", options: [{ headerPattern: String.raw`keychain keys:\s*(.+)` }] },
  ],
  invalid: [
    {
      // Seed 002's wrapper: both keys under auth., so the fix declares auth.*.
      code: TOKEN_BODY,
      output: '// SecureStore prefix: auth.*\n' + TOKEN_BODY,
      errors: [{ messageId: 'missingHeader', data: { keys: '2 keys', example: 'auth.*' }, line: 5, column: 9 }],
    },
    {
      code: REMEMBERED_BODY,
      output: '// SecureStore prefix: auth.remember.*\n' + REMEMBERED_BODY,
      errors: [{ messageId: 'missingHeader', data: { keys: '3 keys', example: 'auth.remember.*' }, line: 5, column: 5 }],
    },
    {
      // A leading comment that is not the header: the fix goes above it.
      code: '// Install id for crash reports.\n' + NS + "export const id = () => SecureStore.getItemAsync('device.installId');",
      output:
        '// SecureStore prefix: device.*\n// Install id for crash reports.\n' + NS + "export const id = () => SecureStore.getItemAsync('device.installId');",
      errors: [{ messageId: 'missingHeader', data: { keys: '1 key', example: 'device.*' }, line: 3, column: 25 }],
    },
    {
      // After a shebang line.
      code: '#!/usr/bin/env node\n' + NS + "SecureStore.getItemAsync('cli.token');",
      output: '#!/usr/bin/env node\n// SecureStore prefix: cli.*\n' + NS + "SecureStore.getItemAsync('cli.token');",
      errors: [{ messageId: 'missingHeader', line: 3 }],
    },
    {
      // A header after the first statement is not the file's header.
      code: NS + "// SecureStore prefix: auth.*\nSecureStore.getItemAsync('auth.token');",
      output: '// SecureStore prefix: auth.*\n' + NS + "// SecureStore prefix: auth.*\nSecureStore.getItemAsync('auth.token');",
      errors: [{ messageId: 'missingHeader' }],
    },
    {
      // A template key contributes its whole literal segments.
      code:
        NS + "SecureStore.setItemAsync('auth.remember.email', 'a');\nexport const clear = (f: string) => SecureStore.deleteItemAsync(`auth.remember.${f}`);",
      output:
        '// SecureStore prefix: auth.remember.*\n' +
        NS +
        "SecureStore.setItemAsync('auth.remember.email', 'a');\nexport const clear = (f: string) => SecureStore.deleteItemAsync(`auth.remember.${f}`);",
      errors: [{ messageId: 'missingHeader', data: { keys: '1 key and 1 key pattern', example: 'auth.remember.*' } }],
    },
    {
      // Keys built from a parameter are patterns, not keys the file names.
      code:
        NS +
        'export const save = (a: string, v: string) => SecureStore.setItemAsync(`${a}-mnemonic`, v);\nexport const load = (a: string) => SecureStore.getItemAsync(`${a}-mnemonic`);\nexport const seed = (a: string) => SecureStore.getItemAsync(`${a}-seed`);',
      output: null,
      errors: [{ messageId: 'missingHeader', data: { keys: '2 key patterns', example: 'auth.*' } }],
    },
    {
      // Both literal branches of a conditional are keys the file names.
      code: NS + "declare const __DEV__: boolean;\nexport const load = () => SecureStore.getItemAsync(__DEV__ ? 'session.dev' : 'session.prod');",
      output: null,
      errors: [{ messageId: 'missingHeader', data: { keys: '2 keys', example: 'auth.*' } }],
    },
    {
      // Seed 000's keys share no dotted prefix: no fix.
      code: NS + "SecureStore.setItemAsync('auth_token', 'a');\nSecureStore.setItemAsync('refresh_token', 'b');",
      output: null,
      errors: [{ messageId: 'missingHeader', data: { keys: '2 keys', example: 'auth.*' }, line: 2, column: 1 }],
    },
    {
      code: NS + "SecureStore.setItemAsync('auth.token', 'a');\nSecureStore.setItemAsync('device.id', 'b');",
      output: null,
      errors: [{ messageId: 'missingHeader', data: { keys: '2 keys', example: 'auth.*' } }],
    },
    {
      // Only keys the callers pass: the file still needs a header, but nothing to derive it from.
      code: NS + 'export const read = (key: string) => SecureStore.getItemAsync(key);',
      output: null,
      errors: [{ messageId: 'missingHeader', data: { keys: 'unresolved keys', example: 'auth.*' } }],
    },
    {
      // A header form the fix cannot write is not written.
      code: NS + "SecureStore.getItemAsync('wallet.key');",
      options: [{ headerPattern: String.raw`keychain keys:\s*(.+)` }],
      output: null,
      errors: [{ messageId: 'missingHeader' }],
    },
    {
      // Aliases and require: reported on the first SecureStore call.
      code: `const { getItemAsync: readSecret } = require('expo-secure-store');
import * as Vault from 'expo-secure-store';
export async function load() {
  const name = await readSecret('device.name');
  await Vault.setItemAsync('device.seen', '1');
  return name;
}`,
      output: `// SecureStore prefix: device.*
const { getItemAsync: readSecret } = require('expo-secure-store');
import * as Vault from 'expo-secure-store';
export async function load() {
  const name = await readSecret('device.name');
  await Vault.setItemAsync('device.seen', '1');
  return name;
}`,
      errors: [{ messageId: 'missingHeader', data: { keys: '2 keys', example: 'device.*' }, line: 4, column: 22 }],
    },
    {
      // Keys outside the declared prefix, reported on the key argument.
      code:
        '// SecureStore prefix: auth.remember.*\n' +
        NS +
        `const TOKEN_KEY = 'session.token';
export async function save(email: string, token: string) {
  await SecureStore.setItemAsync('auth.remember.email', email);
  await SecureStore.setItemAsync(TOKEN_KEY, token);
  await SecureStore.setItemAsync('auth.rememberMe', 'true');
}`,
      output: null,
      errors: [
        { messageId: 'keyOutsidePrefix', data: { key: 'session.token', prefixes: 'auth.remember.*' }, line: 6, column: 34, endColumn: 43 },
        { messageId: 'keyOutsidePrefix', data: { key: 'auth.rememberMe', prefixes: 'auth.remember.*' }, line: 7, column: 34 },
      ],
    },
    {
      code:
        '// SecureStore prefix: auth.remember.*, settings.*\n' +
        NS +
        "SecureStore.deleteItemAsync('settings.autofill');\nSecureStore.deleteItemAsync('device.installId');",
      errors: [{ messageId: 'keyOutsidePrefix', data: { key: 'device.installId', prefixes: 'auth.remember.*, settings.*' }, line: 4, column: 29 }],
    },
    {
      // A prefix without `*` is one exact key.
      code: '// SecureStore prefix: device.installId\n' + NS + "SecureStore.getItemAsync('device.installIdBackup');",
      errors: [{ messageId: 'keyOutsidePrefix', data: { key: 'device.installIdBackup', prefixes: 'device.installId' } }],
    },
    {
      // The literal part of a template key already contradicts the prefix.
      code: '/* SecureStore prefix: auth.* */\n' + NS + 'export const read = (id: string) => SecureStore.getItemAsync(`session.${id}`);',
      errors: [{ messageId: 'keyOutsidePrefix', data: { key: 'session.${…}', prefixes: 'auth.*' }, line: 3, column: 62 }],
    },
    {
      // A header that lists nothing declares nothing.
      code: '// SecureStore prefix: ,\n' + NS + "SecureStore.getItemAsync('auth.token');",
      errors: [{ messageId: 'keyOutsidePrefix', data: { key: 'auth.token', prefixes: 'none' } }],
    },
  ],
});

describe('declared prefixes', () => {
  const exact = (value: string): StringValue => ({ kind: 'exact', value });
  const pattern = (...parts: (string | null)[]): StringValue => ({ kind: 'pattern', parts });

  it('reads a comma-separated list, first word of each item, without quotes', () => {
    expect(parsePrefixList('auth.remember.*, settings.*')).toEqual(['auth.remember.*', 'settings.*']);
    expect(parsePrefixList(' `auth.*` (tokens),  ,device.installId ')).toEqual(['auth.*', 'device.installId']);
    expect(parsePrefixList(',')).toEqual([]);
  });

  it('finds the header among the leading comments only', () => {
    const header = (text: string) => findPrefixHeader(parseSource('/a.ts', text))?.prefixes.map((p) => p.prefix);
    expect(header('// note\n/* SecureStore prefix: a.* */\n// SecureStore prefix: b.*\nx();')).toEqual(['a.*', 'b.*']);
    expect(header('x();\n// SecureStore prefix: a.*\n')).toBeUndefined();
    expect(header('// securestore prefix: a.*\nx();')).toBeUndefined();
    expect(header('// SecureStore prefix: a.*')).toEqual(['a.*']);
  });

  it('matches keys: `*` is any run of characters, no `*` is an exact key', () => {
    expect(keyMatchesPrefix(exact('auth.remember.email'), 'auth.remember.*')).toBe(true);
    expect(keyMatchesPrefix(exact('auth.rememberMe'), 'auth.remember.*')).toBe(false);
    expect(keyMatchesPrefix(exact('auth.remember.'), 'auth.remember.*')).toBe(true);
    expect(keyMatchesPrefix(exact('device.installId'), 'device.installId')).toBe(true);
    expect(keyMatchesPrefix(exact('device.installIdX'), 'device.installId')).toBe(false);
    expect(keyMatchesPrefix(exact('user.42.token'), 'user.*.token')).toBe(true);
    expect(keyMatchesPrefix(exact('user.42.email'), 'user.*.token')).toBe(false);
  });

  it('judges a pattern key by its literal prefix only', () => {
    expect(keyMatchesPrefix(pattern('auth.remember.', null), 'auth.remember.*')).toBe(true);
    expect(keyMatchesPrefix(pattern('auth.', null), 'auth.remember.*')).toBe(true);
    expect(keyMatchesPrefix(pattern('session.', null), 'auth.*')).toBe(false);
    expect(keyMatchesPrefix(pattern(null, '.token'), 'auth.key')).toBe(true);
    expect(keyMatchesPrefix(pattern('auth.', null, '.x'), 'auth.y')).toBe(true);
  });

  it('tells overlapping prefixes apart from disjoint ones', () => {
    expect(prefixesOverlap('auth.*', 'auth.remember.*')).toBe(true);
    expect(prefixesOverlap('auth.remember.*', 'auth.*')).toBe(true);
    expect(prefixesOverlap('auth.*', 'auth.*')).toBe(true);
    expect(prefixesOverlap('device.*', 'device.installId')).toBe(true);
    expect(prefixesOverlap('*.token', 'auth.*')).toBe(true);
    expect(prefixesOverlap('auth.session.*', 'auth.remember.*')).toBe(false);
    expect(prefixesOverlap('auth.remember.*', 'auth.rememberMe')).toBe(false);
    expect(prefixesOverlap('user.*.token', 'user.*.email')).toBe(false);
    expect(prefixesOverlap('a.b', 'a.c')).toBe(false);
  });

  it('derives the shared dotted prefix a header fix declares', () => {
    expect(sharedPrefix([exact('auth.accessToken'), exact('auth.refreshToken')])).toBe('auth.*');
    expect(sharedPrefix(['enabled', 'email', 'password'].map((f) => exact(`auth.remember.${f}`)))).toBe('auth.remember.*');
    expect(sharedPrefix([exact('device.installId')])).toBe('device.*');
    expect(sharedPrefix([exact('auth.remember.email'), pattern('auth.remember.', null)])).toBe('auth.remember.*');
    expect(sharedPrefix([exact('auth.remember.email'), pattern('auth.rem', null)])).toBe('auth.*');
    expect(sharedPrefix([exact('auth.token'), exact('device.id')])).toBeUndefined();
    expect(sharedPrefix([exact('auth_token')])).toBeUndefined();
    expect(sharedPrefix([pattern(null, '.token')])).toBeUndefined();
    expect(sharedPrefix([exact('.hidden')])).toBeUndefined();
    expect(sharedPrefix([])).toBeUndefined();
  });
});

describe('checkProject: files with overlapping prefixes', () => {
  interface Reported {
    file: string;
    comment: string;
    messageId: string;
    data?: Record<string, string>;
    related?: { file: string; line: number }[];
  }

  function run(files: Record<string, string>, options = rule.meta.defaultOptions): Reported[] {
    const workspace = new Workspace();
    const models = Object.entries(files).map(([name, text]) => workspace.file(parseSource(name, text)));
    const reported: Reported[] = [];
    rule.checkProject!({
      files: models.map(projectFile),
      options,
      report: (file, d) =>
        reported.push({ file: file.fileName, comment: file.text.slice(d.start, d.end), messageId: d.messageId, data: d.data, related: d.related }),
    });
    return reported;
  }

  const file = (header: string, key: string) => `${header}\n${NS}SecureStore.getItemAsync('${key}');\n`;

  it('reports both header comments, each naming the other file and its prefix', () => {
    const reported = run({
      '/app/lib/tokenStore.ts': file('// SecureStore prefix: auth.*', 'auth.token'),
      '/app/lib/rememberedCredentials.ts': file('// Login form.\n// SecureStore prefix: auth.remember.*', 'auth.remember.email'),
    });
    expect(reported).toEqual([
      {
        file: '/app/lib/tokenStore.ts',
        comment: '// SecureStore prefix: auth.*',
        messageId: 'overlappingPrefix',
        data: { prefix: 'auth.*', otherPrefix: 'auth.remember.*', otherFile: 'rememberedCredentials.ts', others: '' },
        // The other header's line: the second line, after the file's own comment.
        related: [{ file: '/app/lib/rememberedCredentials.ts', line: 2 }],
      },
      {
        file: '/app/lib/rememberedCredentials.ts',
        comment: '// SecureStore prefix: auth.remember.*',
        messageId: 'overlappingPrefix',
        data: { prefix: 'auth.remember.*', otherPrefix: 'auth.*', otherFile: 'tokenStore.ts', others: '' },
        related: [{ file: '/app/lib/tokenStore.ts', line: 1 }],
      },
    ]);
  });

  it('reports the same prefix declared twice, and an exact key inside another file’s prefix', () => {
    const reported = run({
      '/a.ts': file('/* SecureStore prefix: device.installId, settings.* */', 'device.installId'),
      '/b.ts': file('// SecureStore prefix: device.*', 'device.name'),
      '/c.ts': file('// SecureStore prefix: settings.*', 'settings.pin'),
    });
    expect(reported.map((r) => `${r.file} ${r.data!.prefix} ~ ${r.data!.otherPrefix} in ${r.data!.otherFile}`)).toEqual([
      '/a.ts device.installId ~ device.* in b.ts',
      '/a.ts settings.* ~ settings.* in c.ts',
      '/b.ts device.* ~ device.installId in a.ts',
      '/c.ts settings.* ~ settings.* in a.ts',
    ]);
    expect(reported[0]!.comment).toBe('/* SecureStore prefix: device.installId, settings.* */');
  });

  it('reports each declared prefix once, however many files it overlaps', () => {
    const files: Record<string, string> = {};
    for (const name of ['a', 'b', 'c', 'd']) files[`/src/${name}.ts`] = file('// SecureStore prefix: auth.*, auth.*', `auth.${name}`);
    const reported = run(files);
    expect(reported.map((r) => `${r.file}: ${r.data!.otherFile}${r.data!.others}`)).toEqual([
      '/src/a.ts: b.ts and 2 more',
      '/src/b.ts: a.ts and 2 more',
      '/src/c.ts: a.ts and 2 more',
      '/src/d.ts: a.ts and 2 more',
    ]);
    expect(run({ '/x.ts': files['/src/a.ts']!, '/y.ts': files['/src/b.ts']!, '/z.ts': files['/src/c.ts']! })[0]!.data!.others).toBe(' and 1 more');
    // The files the message counts are listed, by full path, for SARIF's related locations.
    expect(reported[0]!.related).toEqual(['/src/b.ts', '/src/c.ts', '/src/d.ts'].map((name) => ({ file: name, line: 1 })));
  });

  it('names the other file by as many trailing parts of its path as tell it apart', () => {
    const reported = run({
      '/src/auth/keys.ts': file('// SecureStore prefix: auth.*', 'auth.a'),
      '/src/session/keys.ts': file('// SecureStore prefix: auth.*', 'auth.b'),
      '/src/profile.ts': file('// SecureStore prefix: auth.*', 'auth.c'),
    });
    expect(reported.map((r) => `${r.file}: ${r.data!.otherFile}`)).toEqual([
      '/src/auth/keys.ts: session/keys.ts',
      '/src/session/keys.ts: auth/keys.ts',
      '/src/profile.ts: auth/keys.ts',
    ]);
  });

  it('is silent for disjoint prefixes, prefixes within one file, and files without a header', () => {
    expect(
      run({
        '/session.ts': file('// SecureStore prefix: auth.session.*', 'auth.session.accessToken'),
        '/remember.ts': file('// SecureStore prefix: auth.remember.*', 'auth.remember.email'),
        '/flag.ts': file('// SecureStore prefix: auth.rememberMe', 'auth.rememberMe'),
        '/both.ts': file('// SecureStore prefix: wallet.*, wallet.privateKey', 'wallet.privateKey'),
        '/none.ts': `${NS}SecureStore.getItemAsync('auth.remember.email');\n`,
        '/late.ts': `${NS}// SecureStore prefix: auth.*\nSecureStore.getItemAsync('auth.token');\n`,
      }),
    ).toEqual([]);
  });

  it('words the overlap for a Dart file in its own terms, not SecureStore’s', async () => {
    const parser = await loadDartParser();
    const dart = analyseDartFile(parser, {
      fileName: '/app/lib/session_store.dart',
      text:
        '// SecureStore prefix: auth.*\n' +
        "import 'package:flutter_secure_storage/flutter_secure_storage.dart';\n\n" +
        'const storage = FlutterSecureStorage(iOptions: IOSOptions(accessibility: KeychainAccessibility.first_unlock_this_device));\n' +
        "Future<String?> token() => storage.read(key: 'auth.token');\n",
    }).projectFile;
    const ts = new Workspace().file(parseSource('/app/src/remember.ts', file('// SecureStore prefix: auth.remember.*', 'auth.remember.email')));
    const reported: Reported[] = [];
    rule.checkProject!({
      files: [dart, projectFile(ts)],
      options: rule.meta.defaultOptions,
      report: (f, d) => reported.push({ file: f.fileName, comment: f.text.slice(d.start, d.end), messageId: d.messageId, data: d.data }),
    });
    expect(reported.map((r) => `${r.file} ${r.messageId}`)).toEqual([
      '/app/lib/session_store.dart overlappingPrefixDart',
      '/app/src/remember.ts overlappingPrefix',
    ]);
    expect(rule.meta.messages.overlappingPrefixDart).not.toMatch(/SecureStore/);
  });

  it('reads headers with the configured pattern', () => {
    const files = {
      '/a.ts': file('// keys: auth.*', 'auth.token'),
      '/b.ts': file('// keys: auth.session.*', 'auth.session.token'),
    };
    expect(run(files)).toEqual([]);
    expect(run(files, { headerPattern: String.raw`keys:\s*(.+)` }).map((r) => r.file)).toEqual(['/a.ts', '/b.ts']);
  });
});
