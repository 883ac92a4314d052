import { describe, expect, it } from 'vitest';
import type { DartFileFacts, StorageOperation } from '../../src/dart/facts-types.js';
import { dartFileFacts } from '../../src/dart/facts.js';
import { librarySummary } from '../../src/dart/library-summary.js';
import { loadDartParser } from '../../src/dart/parser.js';
import { IMPORTS, factsOf, lineOf } from './helpers.js';

// Snippets → facts. Each case says what must be found and, as important,
// what must not: a store is known by its binding to the package's class,
// never by a name, and an unresolved value is left out.

const keyText = (o: StorageOperation) => (o.key ? (o.key.kind === 'exact' ? o.key.value : o.key.parts.map((p) => p ?? '*').join('')) : undefined);
const summary = (f: DartFileFacts) => f.operations.map((o) => `${o.store}.${o.method} ${o.operation} ${keyText(o) ?? '(unknown key)'}`);

describe('flutter_secure_storage operations', () => {
  const cases: { name: string; code: string; ops: string[] }[] = [
    {
      name: 'a top-level const instance',
      code: `${IMPORTS.fss}const storage = FlutterSecureStorage();\nFuture<void> f() async { await storage.write(key: 'a.token', value: 'v'); await storage.read(key: 'a.token'); await storage.delete(key: 'a.token'); await storage.containsKey(key: 'a.token'); await storage.readAll(); await storage.deleteAll(); }`,
      ops: [
        'flutter-secure-storage.write write a.token',
        'flutter-secure-storage.read read a.token',
        'flutter-secure-storage.delete delete a.token',
        'flutter-secure-storage.containsKey read a.token',
        'flutter-secure-storage.readAll read (unknown key)',
        'flutter-secure-storage.deleteAll delete (unknown key)',
      ],
    },
    {
      name: 'write with a null value is a delete',
      code: `${IMPORTS.fss}final s = const FlutterSecureStorage();\nvoid f() { s.write(key: 'k', value: null); }`,
      ops: ['flutter-secure-storage.write delete k'],
    },
    {
      name: 'a static field, a late field assigned in a method, a local, a cascade, null-aware calls',
      code: `${IMPORTS.fss}class A {\n  static final _s = FlutterSecureStorage();\n  late FlutterSecureStorage _l;\n  void init() { _l = const FlutterSecureStorage(); }\n  void f() { _s?.read(key: 'a'); _l.read(key: 'b'); final local = FlutterSecureStorage(); local..write(key: 'c', value: 'x')..delete(key: 'd'); }\n}`,
      ops: [
        'flutter-secure-storage.read read a',
        'flutter-secure-storage.read read b',
        'flutter-secure-storage.write write c',
        'flutter-secure-storage.delete delete d',
      ],
    },
    {
      name: 'an import prefix, and new',
      code: `import 'package:flutter_secure_storage/flutter_secure_storage.dart' as fss;\nfinal a = fss.FlutterSecureStorage();\nfinal b = const fss.FlutterSecureStorage();\nfinal c = new fss.FlutterSecureStorage();\nvoid f() { a.read(key: '1'); b.read(key: '2'); c.read(key: '3'); }`,
      ops: ['flutter-secure-storage.read read 1', 'flutter-secure-storage.read read 2', 'flutter-secure-storage.read read 3'],
    },
    {
      name: 'constructor injection with named parameters, and the construction in the same file',
      code: `${IMPORTS.fss}class Vault {\n  Vault({required this.storage});\n  final FlutterSecureStorage storage;\n  Future<String?> key() => storage.read(key: 'vault.key');\n}\nfinal vault = Vault(storage: const FlutterSecureStorage());`,
      ops: ['flutter-secure-storage.read read vault.key'],
    },
  ];
  for (const { name, code, ops } of cases) {
    it(name, async () => expect(summary(await factsOf(code))).toEqual(ops));
  }

  it('an injected field whose construction is in another file: the operation says where its instance comes from', async () => {
    const f = await factsOf(
      `${IMPORTS.fss}class TokenStore {\n  const TokenStore(this.storage);\n  final FlutterSecureStorage storage;\n  Future<String?> read() => storage.read(key: 'refresh_token');\n}`,
    );
    expect(f.operations).toHaveLength(1);
    expect(f.operations[0]).toMatchObject({ instances: [], injected: { className: 'TokenStore', field: 'storage' } });
    expect(f.operations[0]!.effectiveOptions).toBeUndefined();
  });

  it('per-call options replace the instance’s for that platform only, they are not merged', async () => {
    const code = `${IMPORTS.fss}const s = FlutterSecureStorage(\n  iOptions: IOSOptions(accessibility: KeychainAccessibility.first_unlock, synchronizable: true),\n  aOptions: AndroidOptions(encryptedSharedPreferences: true),\n);\nvoid f() { s.write(key: 'k', value: 'v', iOptions: IOSOptions(accountName: 'acct')); }`;
    const [op] = (await factsOf(code)).operations;
    expect(op!.callOptions).toEqual({ iOptions: { known: true, type: 'IOSOptions', values: { accountName: { kind: 'string', value: 'acct' } } } });
    expect(op!.effectiveOptions).toEqual({
      iOptions: { known: true, type: 'IOSOptions', values: { accountName: { kind: 'string', value: 'acct' } } },
      aOptions: { known: true, type: 'AndroidOptions', values: { encryptedSharedPreferences: { kind: 'boolean', value: true } } },
    });
  });

  it('options through a const name, IOSOptions.defaultOptions, and options that cannot be known', async () => {
    const code = `${IMPORTS.fss}const ios = IOSOptions(accessibility: KeychainAccessibility.unlocked_this_device);\nconst a = FlutterSecureStorage(iOptions: ios);\nconst b = FlutterSecureStorage(iOptions: IOSOptions.defaultOptions);\nFlutterSecureStorage c(IOSOptions o) => FlutterSecureStorage(iOptions: o);\nconst d = FlutterSecureStorage(iOptions: IOSOptions(accessibility: pick()));`;
    const stores = (await factsOf(code)).secureStores;
    expect(stores.map((s) => s.options.iOptions)).toEqual([
      { known: true, type: 'IOSOptions', values: { accessibility: { kind: 'constant', type: 'KeychainAccessibility', name: 'unlocked_this_device' } } },
      { known: true, type: 'IOSOptions', values: {} },
      { known: false },
      { known: true, type: 'IOSOptions', values: { accessibility: { kind: 'unknown' } } },
    ]);
    expect(stores.map((s) => s.isConst)).toEqual([false, false, false, false]);
  });

  it('a const construction is marked const', async () => {
    const f = await factsOf(`${IMPORTS.fss}final s = const FlutterSecureStorage();`);
    expect(f.secureStores.map((s) => s.isConst)).toEqual([true]);
  });
});

describe('what is not a flutter_secure_storage fact', () => {
  const negatives: { name: string; code: string }[] = [
    {
      name: 'a class of the app called FlutterSecureStorage, without the import',
      code: `class FlutterSecureStorage { Future<String?> read({required String key}) async => null; }\nfinal s = FlutterSecureStorage();\nvoid f() { s.read(key: 'k'); }`,
    },
    {
      name: 'the package imported, but a class of the file by that name hides it',
      code: `${IMPORTS.fss}class FlutterSecureStorage { void read({String? key}) {} }\nfinal s = FlutterSecureStorage();\nvoid f() { s.read(key: 'k'); }`,
    },
    {
      name: 'a name hidden from the import',
      code: `import 'package:flutter_secure_storage/flutter_secure_storage.dart' hide FlutterSecureStorage;\nfinal s = FlutterSecureStorage();\nvoid f() { s.read(key: 'k'); }`,
    },
    {
      name: 'an import with a prefix: the bare name is not the package’s',
      code: `import 'package:flutter_secure_storage/flutter_secure_storage.dart' as fss;\nfinal s = FlutterSecureStorage();\nvoid f() { s.read(key: 'k'); }`,
    },
    {
      name: 'a variable named storage that is not bound to a construction, nor typed',
      code: `${IMPORTS.fss}void f(dynamic storage, secureStorage) { storage.read(key: 'k'); secureStorage.read(key: 'k'); }`,
    },
    {
      name: 'a field filled by the constructor, of another type than the package’s',
      code: `${IMPORTS.fss}class Vault { void write({String? key, String? value}) {} }\nclass A { A(this.v); final Vault v; void f() { v.write(key: 'k', value: 'x'); } }`,
    },
    {
      name: 'a receiver called secureStorage of another type',
      code: `${IMPORTS.fss}final secureStorage = MyVault();\nvoid f() { secureStorage.write(key: 'k', value: 'v'); }`,
    },
    {
      name: 'a mutable field that may be either of two things',
      code: `${IMPORTS.fss}class A { var s = FlutterSecureStorage(); void swap(Object o) { s = o; } void f() { s.read(key: 'k'); } }`,
    },
  ];
  for (const { name, code } of negatives) {
    it(name, async () => expect((await factsOf(code)).operations).toEqual([]));
  }

  it('a class named FlutterSecureStorage without the import makes no instance either', async () => {
    expect((await factsOf('final s = FlutterSecureStorage();')).secureStores).toEqual([]);
  });
});

describe('keys', () => {
  const keyCases: { name: string; code: string; key: StorageOperation['key'] }[] = [
    { name: 'a string literal', code: `s.read(key: 'auth.token')`, key: { kind: 'exact', value: 'auth.token' } },
    { name: 'double quotes, escapes', code: `s.read(key: "it\\'s\\n")`, key: { kind: 'exact', value: "it's\n" } },
    { name: 'a raw string keeps $', code: `s.read(key: r'a$b')`, key: { kind: 'exact', value: 'a$b' } },
    { name: 'adjacent literals', code: `s.read(key: 'auth.' 'token')`, key: { kind: 'exact', value: 'auth.token' } },
    { name: 'a top-level const', code: `s.read(key: topKey)`, key: { kind: 'exact', value: 'auth.top' } },
    { name: 'a static const of a class', code: `s.read(key: Keys.token)`, key: { kind: 'exact', value: 'auth.static' } },
    { name: 'an interpolation of a const', code: `s.read(key: '$prefix.token')`, key: { kind: 'exact', value: 'auth.token' } },
    {
      name: 'an interpolation of a parameter: a pattern',
      code: `s.read(key: 'user.\${id}.token')`,
      key: { kind: 'pattern', parts: ['user.', null, '.token'] },
    },
  ];
  const wrap = (call: string) =>
    `${IMPORTS.fss}const s = FlutterSecureStorage();\nconst topKey = 'auth.top';\nconst prefix = 'auth';\nclass Keys { static const token = 'auth.static'; }\nvoid f(String id) { ${call}; }`;
  for (const { name, code, key } of keyCases) {
    it(name, async () => expect((await factsOf(wrap(code))).operations[0]!.key).toEqual(key));
  }

  it('an unresolved key: the operation is there, without a key (opaque), and its range is the call', async () => {
    const code = wrap(`s.read(key: keyFor(id))`);
    const [op] = (await factsOf(code)).operations;
    expect(op!.key).toBeUndefined();
    expect(op!.keyed).toBe(true);
    expect(op!.range.line).toBe(lineOf(code, 's.read('));
  });

  it('a var that is reassigned is not a constant', async () => {
    const code = `${IMPORTS.fss}const s = FlutterSecureStorage();\nvar k = 'a';\nvoid f() { k = 'b'; s.read(key: k); }`;
    expect((await factsOf(code)).operations[0]!.key).toBeUndefined();
  });

  it('key ranges point at the key expression', async () => {
    const code = wrap(`s.read(key: Keys.token)`);
    const [op] = (await factsOf(code)).operations;
    expect(code.slice(op!.keyRange!.start, op!.keyRange!.end)).toBe('Keys.token');
  });
});

describe('plaintext stores', () => {
  it('SharedPreferences.getInstance, SharedPreferencesAsync, SharedPreferencesWithCache', async () => {
    const code = `${IMPORTS.prefs}${IMPORTS.convert}class Prefs {\n  late final SharedPreferences _p;\n  Future<void> init() async { _p = await SharedPreferences.getInstance(); }\n  Future<void> f(Map m) async {\n    await _p.setString('auth_token', 't');\n    await SharedPreferencesAsync().setString('blob', jsonEncode(m));\n    final c = await SharedPreferencesWithCache.create(cacheOptions: const SharedPreferencesWithCacheOptions());\n    await c.remove('x');\n    await (await SharedPreferences.getInstance()).clear();\n  }\n}`;
    const f = await factsOf(code);
    expect(summary(f)).toEqual([
      'shared-preferences.setString write auth_token',
      'shared-preferences.setString write blob',
      'shared-preferences.remove delete x',
      'shared-preferences.clear delete (unknown key)',
    ]);
    expect(f.operations.map((o) => o.value?.kind)).toEqual(['string-literal', 'json-encoded', undefined, undefined]);
    expect(f.operations.every((o) => o.storeKind === 'plaintext')).toBe(true);
  });

  it('Hive boxes without a cipher (hive and hive_ce), not those with one', async () => {
    const code = `import 'package:hive_ce/hive.dart';\nFuture<void> f(List<int> key) async {\n  final plain = await Hive.openBox('settings');\n  final secret = await Hive.openBox('vault', encryptionCipher: HiveAesCipher(key));\n  await plain.put('session_token', 't');\n  await secret.put('session_token', 't');\n}`;
    const f = await factsOf(code);
    expect(summary(f)).toEqual(['hive.put write session_token']);
    expect(f.plaintextStores.map((s) => s.container)).toEqual([{ kind: 'exact', value: 'settings' }]);
  });

  it('GetStorage', async () => {
    const f = await factsOf(
      `${IMPORTS.getStorage}final box = GetStorage();\nvoid f() { box.write('jwt', 'x'); box.read('jwt'); box.remove('jwt'); box.erase(); }`,
    );
    expect(summary(f)).toEqual([
      'get-storage.write write jwt',
      'get-storage.read read jwt',
      'get-storage.remove delete jwt',
      'get-storage.erase delete (unknown key)',
    ]);
  });

  it('no import, no store: an app class called SharedPreferences', async () => {
    const f = await factsOf(
      `class SharedPreferences { static Future<SharedPreferences> getInstance() async => SharedPreferences(); void setString(String k, String v) {} }\nFuture<void> f() async { final p = await SharedPreferences.getInstance(); p.setString('token', 't'); }`,
    );
    expect(f.operations).toEqual([]);
    expect(f.plaintextStores).toEqual([]);
  });
});

describe('local_auth gates', () => {
  it('2.x AuthenticationOptions, 3.x named arguments, and no options', async () => {
    const code = `${IMPORTS.auth}final auth = LocalAuthentication();\nFuture<void> unlock() async {\n  await auth.authenticate(localizedReason: 'a', options: const AuthenticationOptions(biometricOnly: true, stickyAuth: false));\n  await LocalAuthentication().authenticate(localizedReason: 'b', biometricOnly: true, persistAcrossBackgrounding: true);\n  await auth.authenticate(localizedReason: 'c');\n}`;
    const gates = (await factsOf(code)).biometricGates;
    expect(gates.map((g) => [g.style, g.options, g.enclosing?.name])).toEqual([
      ['options-object', { biometricOnly: { kind: 'boolean', value: true }, stickyAuth: { kind: 'boolean', value: false } }, 'unlock'],
      ['named-arguments', { biometricOnly: { kind: 'boolean', value: true }, persistAcrossBackgrounding: { kind: 'boolean', value: true } }, 'unlock'],
      ['none', {}, 'unlock'],
    ]);
  });

  it('an authenticate() of something else is no gate', async () => {
    const f = await factsOf(`${IMPORTS.auth}final auth = MyAuth();\nvoid f() { auth.authenticate(localizedReason: 'x'); }`);
    expect(f.biometricGates).toEqual([]);
  });

  it('the enclosing method and class of an operation', async () => {
    const f = await factsOf(
      `${IMPORTS.fss}class Session {\n  final _s = const FlutterSecureStorage();\n  Future<String?> restore() async {\n    return run(() => _s.read(key: 'auth.token'));\n  }\n}`,
    );
    expect(f.operations[0]!.enclosing).toMatchObject({ name: 'restore', className: 'Session' });
  });
});

describe('directives and header', () => {
  it('imports with as/show/hide/deferred, exports, parts, the app’s own package, and the header comments', async () => {
    const code = `// SecureStore prefix: auth.*\n/// Tokens.\nlibrary auth;\n\nimport 'package:flutter_secure_storage/flutter_secure_storage.dart' as fss show FlutterSecureStorage, IOSOptions hide AndroidOptions;\nimport 'package:demo_app/auth/keys.dart';\nimport '../util.dart' deferred as util;\nexport 'src/api.dart' show Api;\npart 'token_store.g.dart';\n// not the header\n`;
    const f = await factsOf(code);
    expect(f.header.map((h) => h.text)).toEqual(['// SecureStore prefix: auth.*', '/// Tokens.']);
    expect(f.header[0]!.range).toEqual({ start: 0, end: '// SecureStore prefix: auth.*'.length, line: 1 });
    expect(code.slice(f.header[1]!.range.start, f.header[1]!.range.end)).toBe('/// Tokens.');
    expect(f.imports.map(({ range: _range, ...rest }) => rest)).toEqual([
      {
        uri: 'package:flutter_secure_storage/flutter_secure_storage.dart',
        directive: 'import',
        packageName: 'flutter_secure_storage',
        ownPackage: false,
        relative: false,
        prefix: 'fss',
        deferred: false,
        show: ['FlutterSecureStorage', 'IOSOptions'],
        hide: ['AndroidOptions'],
      },
      { uri: 'package:demo_app/auth/keys.dart', directive: 'import', packageName: 'demo_app', ownPackage: true, relative: false, deferred: false },
      { uri: '../util.dart', directive: 'import', ownPackage: false, relative: true, prefix: 'util', deferred: true },
      { uri: 'src/api.dart', directive: 'export', ownPackage: false, relative: true, deferred: false, show: ['Api'] },
    ]);
    expect(f.parts.map((p) => [p.kind, p.target])).toEqual([['part', 'token_store.g.dart']]);
  });

  it('part of, by URI and by library name', async () => {
    expect((await factsOf(`part of 'auth.dart';`)).parts.map((p) => [p.kind, p.target])).toEqual([['part-of', 'auth.dart']]);
    expect((await factsOf(`part of my.auth;`)).parts.map((p) => [p.kind, p.target])).toEqual([['part-of', 'my.auth']]);
  });

  it('offsets are UTF-16 code units, like the TypeScript side', async () => {
    const code = `${IMPORTS.fss}// héllo 🔑\nconst s = FlutterSecureStorage();\nvoid f() { s.read(key: 'k€y'); }`;
    const [op] = (await factsOf(code)).operations;
    expect(code.slice(op!.keyRange!.start, op!.keyRange!.end)).toBe("'k€y'");
    expect(op!.key).toEqual({ kind: 'exact', value: 'k€y' });
  });
});

describe('Dart 3 syntax', () => {
  it('records, patterns, switch expressions, class modifiers and extension types around a storage call', async () => {
    const code = `${IMPORTS.fss}sealed class Result {}\nfinal class Ok extends Result {}\nbase class B {}\ninterface class I {}\nmixin class M {}\nextension type Id(String value) {}\nconst s = FlutterSecureStorage();\nFuture<(String?, int)> f(Result r) async {\n  final label = switch (r) { Ok() => 'ok', _ => 'other' };\n  final (a, b) = (label, 1);\n  if (r case Ok()) { return (await s.read(key: 'auth.token'), b); }\n  return (a, b);\n}`;
    const f = await factsOf(code);
    expect(f.syntaxErrors).toBe(0);
    expect(summary(f)).toEqual(['flutter-secure-storage.read read auth.token']);
  });

  it('a dot shorthand is a recovered syntax error; the rest of the file still gives its facts', async () => {
    const code = `${IMPORTS.fss}const s = FlutterSecureStorage();\nvoid f() { g(.foo); s.read(key: 'after.error'); }`;
    const f = await factsOf(code);
    expect(summary(f)).toEqual(['flutter-secure-storage.read read after.error']);
  });
});

describe('scopes', () => {
  it('a top-level store declared after a function is found from the functions below it', async () => {
    const code = `${IMPORTS.fss}Future<void> a(String s) => f();\nconst _b = FlutterSecureStorage();\nFuture<void> b(String s) async { await _b.write(key: 'auth.session', value: s); }`;
    expect(summary(await factsOf(code))).toEqual(['flutter-secure-storage.write write auth.session']);
  });
});

describe('a write of a nullable parameter, and the calls that pass null', () => {
  const code = `${IMPORTS.fss}const storage = FlutterSecureStorage();
class Store {
  Future<void> saveToken(String? token) => storage.write(key: 'auth.token', value: token);
  Future<void> saveRefresh({required String? token}) => storage.write(key: 'auth.refresh', value: token);
  Future<void> saveName(String name) => storage.write(key: 'user.name', value: name);
  void saveAll(List<String?> values) { values.forEach((v) => storage.write(key: 'auth.list', value: v)); }
  Future<void> clear() async { await saveToken(null); await this.saveRefresh(token: null); }
}`;
  const parameterOf = async (key: string) => (await factsOf(code)).operations.find((o) => keyText(o) === key)?.valueParameter;

  it("records the named function's nullable parameter a write's value comes from", async () => {
    expect(await parameterOf('auth.token')).toEqual({ function: 'saveToken', slot: { index: 0 } });
    expect(await parameterOf('auth.refresh')).toEqual({ function: 'saveRefresh', slot: { name: 'token' } });
  });

  it("not a parameter that cannot be null, nor a closure's parameter", async () => {
    expect(await parameterOf('user.name')).toBeUndefined();
    expect(await parameterOf('auth.list')).toBeUndefined();
  });

  it('lists the calls that pass a literal null, by name and slot', async () => {
    expect((await factsOf(code)).nullCalls).toEqual(['dart-null:saveRefresh:token', 'dart-null:saveToken#0']);
  });
});

describe('keys that are constants of another library of the app', () => {
  // The imported library's text, by import URI: what AppLibraries reads from disk in the CLI.
  const libraries: Record<string, string> = {
    'keys.dart':
      "const accessKey = 'auth.access';\nclass StorageKeys { static const refresh = 'auth.refresh'; static const _hidden = 'auth.hidden'; }\nconst _private = 'auth.private';",
    'package:demo_app/other_keys.dart': "const accessKey = 'other.access';",
  };
  async function keyOf(importLines: string, keyExpr: string) {
    const parser = await loadDartParser();
    const text = `${IMPORTS.fss}${importLines}\nconst s = FlutterSecureStorage();\nvoid f() { s.read(key: ${keyExpr}); }`;
    const facts = dartFileFacts(parser, text, {
      fileName: 'lib/snippet.dart',
      appPackage: 'demo_app',
      importedLibrary: (imported) => {
        const library = libraries[imported.uri];
        return library === undefined ? undefined : librarySummary(parser, library);
      },
    });
    return facts.operations[0]!.key;
  }
  const cases: { name: string; imports: string; key: string; expected: unknown }[] = [
    { name: 'a top-level const', imports: "import 'keys.dart';", key: 'accessKey', expected: { kind: 'exact', value: 'auth.access' } },
    { name: 'a static const of a class', imports: "import 'keys.dart';", key: 'StorageKeys.refresh', expected: { kind: 'exact', value: 'auth.refresh' } },
    { name: 'through an import prefix', imports: "import 'keys.dart' as k;", key: 'k.accessKey', expected: { kind: 'exact', value: 'auth.access' } },
    { name: 'in an interpolation', imports: "import 'keys.dart';", key: "'${accessKey}.v2'", expected: { kind: 'exact', value: 'auth.access.v2' } },
    { name: 'a name the import hides', imports: "import 'keys.dart' hide accessKey;", key: 'accessKey', expected: undefined },
    { name: 'a name the import does not show', imports: "import 'keys.dart' show StorageKeys;", key: 'accessKey', expected: undefined },
    { name: 'a private name of the library', imports: "import 'keys.dart';", key: '_private', expected: undefined },
    { name: 'a private member of a class', imports: "import 'keys.dart';", key: 'StorageKeys._hidden', expected: undefined },
    { name: 'a prefixed name without that prefix', imports: "import 'keys.dart' as k;", key: 'accessKey', expected: undefined },
    {
      name: 'two imports that give the name different values: unknown',
      imports: "import 'keys.dart';\nimport 'package:demo_app/other_keys.dart';",
      key: 'accessKey',
      expected: undefined,
    },
    {
      name: 'a local declaration wins over the import',
      imports: "import 'keys.dart';\nconst accessKey = 'local.access';",
      key: 'accessKey',
      expected: { kind: 'exact', value: 'local.access' },
    },
  ];
  for (const { name, imports, key, expected } of cases) {
    it(name, async () => expect(await keyOf(imports, key)).toEqual(expected));
  }
});

describe('a store known from its declared type', () => {
  it('a parameter typed FlutterSecureStorage: an operation with no instance, so no options are assumed', async () => {
    const [op, ...rest] = (await factsOf(`${IMPORTS.fss}void f(FlutterSecureStorage storage) { storage.read(key: 'auth.k'); }`)).operations;
    expect(rest).toEqual([]);
    expect(op).toMatchObject({ store: 'flutter-secure-storage', operation: 'read', key: { kind: 'exact', value: 'auth.k' }, instances: [] });
    expect(op!.effectiveOptions).toBeUndefined();
  });
  const plaintext: { name: string; code: string; store: string }[] = [
    {
      name: 'a getter',
      code: `${IMPORTS.prefs}class A { SharedPreferencesAsync get p => Other.prefs; void f(String t) { p.setString('k', t); } }`,
      store: 'shared-preferences',
    },
    {
      name: 'a prefixed type',
      code: `import 'package:shared_preferences/shared_preferences.dart' as sp;\nvoid f(sp.SharedPreferences p, String t) { p.setString('k', t); }`,
      store: 'shared-preferences',
    },
    {
      name: 'a late field assigned from elsewhere',
      code: `${IMPORTS.prefs}class A { late SharedPreferences p; void init(Object o) { p = o as SharedPreferences; } void f(String t) { p.setString('k', t); } }`,
      store: 'shared-preferences',
    },
    {
      name: 'an injected field',
      code: `${IMPORTS.getStorage}class A { A(this.box); final GetStorage box; void f(String t) { box.write('k', t); } }`,
      store: 'get-storage',
    },
  ];
  for (const { name, code, store } of plaintext) {
    it(`${name}: a plaintext write`, async () => {
      const ops = (await factsOf(code)).operations;
      expect(ops.map((o) => [o.store, o.operation, o.key])).toEqual([[store, 'write', { kind: 'exact', value: 'k' }]]);
    });
  }
  it('a Hive Box parameter is not assumed plaintext: it may be encrypted', async () => {
    expect((await factsOf(`${IMPORTS.hive}void f(Box b, String t) { b.put('k', t); }`)).operations).toEqual([]);
  });
  it('a type of the same name without the import is not the package', async () => {
    expect(
      (await factsOf(`class SharedPreferences { void setString(String k, String v) {} }\nvoid f(SharedPreferences p, String t) { p.setString('k', t); }`))
        .operations,
    ).toEqual([]);
  });
});

describe('stores reached through a member of another library of the app', () => {
  const libraries: Record<string, string> = {
    'helper.dart': `${IMPORTS.prefs}class PreferenceHelper {\n  static PreferenceHelper get instance => PreferenceHelper();\n  SharedPreferencesAsync _prefs = SharedPreferencesAsync();\n  static SharedPreferencesAsync get asyncPref => instance._prefs;\n  SharedPreferencesWithCache get cached => throw 0;\n  static SharedPreferencesAsync get _hidden => SharedPreferencesAsync();\n  static String get name => 'x';\n}`,
    'secure.dart': `${IMPORTS.fss}class SecureStorage extends FlutterSecureStorage {\n  const SecureStorage._({super.aOptions});\n  static final instance = SecureStorage._();\n}`,
    'vaults.dart':
      "import 'package:flutter_secure_storage/flutter_secure_storage.dart' as fss;\nfinal vault = fss.FlutterSecureStorage();\nfinal constVault = const fss.FlutterSecureStorage();\nfinal made = fss.makeStorage();",
  };
  async function opsOf(body: string) {
    const parser = await loadDartParser();
    const text = `import 'helper.dart';\nimport 'secure.dart' as sec;\nimport 'vaults.dart';\n${body}`;
    const facts = dartFileFacts(parser, text, {
      fileName: 'lib/snippet.dart',
      appPackage: 'demo_app',
      importedLibrary: (imported) => (libraries[imported.uri] === undefined ? undefined : librarySummary(parser, libraries[imported.uri]!)),
    });
    return facts.operations.map((o) => [o.store, o.method, o.key && 'value' in o.key ? o.key.value : undefined]);
  }
  const cases: { name: string; body: string; expected: unknown[] }[] = [
    {
      name: 'a static getter typed as the store',
      body: "void f(String t) { PreferenceHelper.asyncPref.setString('k', t); }",
      expected: [['shared-preferences', 'setString', 'k']],
    },
    {
      name: 'through a local',
      body: "void f(String t) { final p = PreferenceHelper.asyncPref; p.setString('k', t); }",
      expected: [['shared-preferences', 'setString', 'k']],
    },
    {
      name: 'a chain through a class of that library',
      body: "void f(String t) { PreferenceHelper.instance.cached.setString('k', t); }",
      expected: [['shared-preferences', 'setString', 'k']],
    },
    {
      name: 'a prefixed singleton of a FlutterSecureStorage subclass',
      body: "void f(String t) { sec.SecureStorage.instance.write(key: 'k', value: t); }",
      expected: [['flutter-secure-storage', 'write', 'k']],
    },
    {
      name: 'the singleton without its prefix is not that library’s',
      body: "void f(String t) { SecureStorage.instance.write(key: 'k', value: t); }",
      expected: [],
    },
    {
      name: 'a final that library initialises with a prefixed construction, with or without const',
      body: "void f(String t) { vault.write(key: 'k', value: t); constVault.write(key: 'c', value: t); }",
      expected: [
        ['flutter-secure-storage', 'write', 'k'],
        ['flutter-secure-storage', 'write', 'c'],
      ],
    },
    { name: 'a final initialised by a prefixed function call is unknown', body: "void f(String t) { made.write(key: 'k', value: t); }", expected: [] },
    { name: 'a private member is not visible', body: "void f(String t) { PreferenceHelper._hidden.setString('k', t); }", expected: [] },
    { name: 'a member of another type', body: "void f(String t) { PreferenceHelper.name.setString('k', t); }", expected: [] },
    {
      name: 'a local class of the same name wins',
      body: "class PreferenceHelper { static dynamic asyncPref; }\nvoid f(String t) { PreferenceHelper.asyncPref.setString('k', t); }",
      expected: [],
    },
  ];
  for (const { name, body, expected } of cases) {
    it(name, async () => expect(await opsOf(body)).toEqual(expected));
  }
});

describe('stores from a service locator or a provider', () => {
  const getIt = "import 'package:get_it/get_it.dart';\n";
  const riverpod = "import 'package:flutter_riverpod/flutter_riverpod.dart';\n";
  const provider = `${IMPORTS.prefs}${riverpod}final prefsProvider = Provider<SharedPreferencesAsync>((ref) => SharedPreferencesAsync());\n`;
  async function opsOf(text: string, library?: string) {
    const parser = await loadDartParser();
    const facts = dartFileFacts(parser, text, {
      fileName: 'lib/snippet.dart',
      appPackage: 'demo_app',
      importedLibrary: (imported) => (library && imported.uri === 'providers.dart' ? librarySummary(parser, library) : undefined),
    });
    return facts.operations.map((o) => [o.store, o.method]);
  }
  const cases: { name: string; text: string; library?: string; expected: unknown[] }[] = [
    {
      name: 'GetIt.I<T>()',
      text: `${getIt}${IMPORTS.fss}void f() { GetIt.I<FlutterSecureStorage>().write(key: 'k', value: 'v'); }`,
      expected: [['flutter-secure-storage', 'write']],
    },
    {
      name: 'a final holding GetIt.instance, .get<T>()',
      text: `${getIt}${IMPORTS.prefs}final sl = GetIt.instance;\nvoid f(String t) { sl.get<SharedPreferences>().setString('k', t); }`,
      expected: [['shared-preferences', 'setString']],
    },
    {
      name: 'a locator of another package is not get_it',
      text: `${IMPORTS.prefs}final sl = Locator();\nvoid f(String t) { sl<SharedPreferences>().setString('k', t); }`,
      expected: [],
    },
    {
      name: 'ref.read of a Provider<T> of this file',
      text: `${provider}void f(Ref ref, String t) { ref.read(prefsProvider).setString('k', t); }`,
      expected: [['shared-preferences', 'setString']],
    },
    {
      name: 'ref.watch through a local',
      text: `${provider}void f(Ref ref, String t) { final p = ref.watch(prefsProvider); p.setString('k', t); }`,
      expected: [['shared-preferences', 'setString']],
    },
    {
      name: 'ref.read of a provider another library declares',
      text: `import 'providers.dart';\nvoid f(dynamic ref, String t) { ref.read(prefsProvider).setString('k', t); }`,
      library: provider,
      expected: [['shared-preferences', 'setString']],
    },
    {
      name: 'a Provider without the riverpod import',
      text: `${IMPORTS.prefs}final prefsProvider = Provider<SharedPreferencesAsync>(() => null);\nvoid f(dynamic ref, String t) { ref.read(prefsProvider).setString('k', t); }`,
      expected: [],
    },
  ];
  for (const { name, text, library, expected } of cases) {
    it(name, async () => expect(await opsOf(text, library)).toEqual(expected));
  }
});
