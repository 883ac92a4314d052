import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { dartFileFacts } from '../../src/dart/facts.js';
import type { DartFileFacts, StorageOperation } from '../../src/dart/facts-types.js';
import { loadDartParser } from '../../src/dart/parser.js';
import { expectedFindings, fixturesDir, repoRoot, runCli, sourceFilesUnder } from '../helpers/run.js';

// The Flutter fixture app: the facts each `// expect:` comment will need
// once the rules read Dart. These tests check the facts, not findings.

const appDir = join(fixturesDir, 'flutter-demo-app');
const appPackage = /^name:\s*(\S+)/m.exec(readFileSync(join(appDir, 'pubspec.yaml'), 'utf8'))![1]!;

function dartFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? dartFiles(join(dir, e.name)) : e.name.endsWith('.dart') ? [join(dir, e.name)] : [],
  );
}

const facts = new Map<string, DartFileFacts>();
const texts = new Map<string, string>();
const file = (name: string) => facts.get(`lib/${name}`)!;
const opAt = (name: string, needle: string): StorageOperation | undefined => {
  const line =
    texts
      .get(`lib/${name}`)!
      .split('\n')
      .findIndex((l) => l.includes(needle)) + 1;
  return file(name).operations.find((o) => o.range.line === line);
};

beforeAll(async () => {
  const parser = await loadDartParser();
  for (const path of dartFiles(join(appDir, 'lib'))) {
    const name = relative(appDir, path);
    const text = readFileSync(path, 'utf8');
    texts.set(name, text);
    facts.set(name, dartFileFacts(parser, text, { fileName: name, appPackage }));
  }
});

describe('the Flutter fixture app', () => {
  it('parses every file without a syntax error', () => {
    expect(facts.size).toBe(9);
    for (const [name, f] of facts) expect(f.syntaxErrors, name).toBe(0);
  });

  it('is invisible to the TypeScript fixture tests (they collect no .dart file)', () => {
    expect(sourceFilesUnder(appDir)).toEqual([]);
    expect(expectedFindings(sourceFilesUnder(appDir), 'cli')).toEqual([]);
    expect(relative(repoRoot, appDir)).toBe('fixtures/flutter-demo-app');
  });

  it('the CLI discovers and reads every .dart file of the app, without an error (its findings: test/fixtures.test.ts)', async () => {
    const run = await runCli(['--format', 'json', '--debug', 'fixtures/flutter-demo-app']);
    expect(run.stderr).toMatch(/^securestore-audit: 9 files found, 9 read, .*; Dart: 9 files read, \d+ parsed/);
    expect([0, 1]).toContain(run.code);
  });

  it('tells the app’s own package imports from the others', () => {
    const imports = file('auth/migration.dart').imports;
    expect(imports.map((i) => [i.packageName, i.ownPackage])).toEqual([
      ['shared_preferences', false],
      ['vault_notes', true],
    ]);
  });

  it('TokenStore: the operations of the facade are bound through the constructor to the one construction in the file', () => {
    const f = file('auth/token_store.dart');
    expect(f.header.map((h) => h.text)[0]).toBe('// SecureStore prefix: auth.*');
    expect(f.secureStores).toHaveLength(1);
    const [store] = f.secureStores;
    expect(store!.options.iOptions).toEqual({
      known: true,
      type: 'IOSOptions',
      values: { accessibility: { kind: 'constant', type: 'KeychainAccessibility', name: 'first_unlock_this_device' } },
    });
    expect(f.injections).toEqual([{ className: 'TokenStore', field: '_storage', parameter: { index: 0 } }]);
    expect(f.injectedInstances.map((i) => [i.className, i.instance])).toEqual([['TokenStore', store!.id]]);
    expect(f.operations.map((o) => `${o.operation} ${o.key?.kind === 'exact' ? o.key.value : '?'}`)).toEqual([
      'write auth.access_token',
      'write auth.refresh_token',
      'read auth.access_token',
      'read auth.refresh_token',
      'delete auth.access_token',
      'delete auth.refresh_token',
    ]);
    for (const o of f.operations) {
      expect(o.instances).toEqual([store!.id]);
      expect(o.effectiveOptions?.iOptions).toEqual(store!.options.iOptions);
    }
  });

  it('unlock: the eager flow reads the key before its gate, the right one after it', () => {
    const f = file('auth/unlock.dart');
    const eagerRead = opAt('auth/unlock.dart', 'expect: no-read-before-biometric-gate')!;
    expect(eagerRead.operation).toBe('read');
    expect(eagerRead.enclosing?.name).toBe('unlockVaultEagerly');
    const gates = f.biometricGates;
    expect(gates.map((g) => g.enclosing?.name)).toEqual(['unlockVaultEagerly', 'unlockVault']);
    expect(gates[0]!.style).toBe('options-object');
    expect(gates[1]!.options).toEqual({ biometricOnly: { kind: 'boolean', value: true }, stickyAuth: { kind: 'boolean', value: true } });
    expect(eagerRead.range.start).toBeLessThan(gates[0]!.range.start);
    const laterRead = f.operations.find((o) => o.operation === 'read' && o.enclosing?.name === 'unlockVault')!;
    expect(laterRead.range.start).toBeGreaterThan(gates[1]!.range.start);
    // The enrolment writes a key no file deletes.
    const write = opAt('auth/unlock.dart', 'expect: require-sign-out-cleanup')!;
    expect(write.key).toEqual({ kind: 'exact', value: 'vault.encryption_key' });
  });

  it('migration: reads and removes the legacy keys from SharedPreferences', () => {
    const ops = file('auth/migration.dart').operations;
    expect(ops.map((o) => `${o.store} ${o.method} ${o.key?.kind === 'exact' ? o.key.value : '?'}`)).toEqual([
      'shared-preferences getBool migration.tokens.v2',
      'shared-preferences getString session_token',
      'shared-preferences getString refresh_token',
      'shared-preferences remove session_token',
      'shared-preferences remove refresh_token',
      'shared-preferences setBool migration.tokens.v2',
    ]);
  });

  it('a token written to SharedPreferences, and a sign-out whose key comes from another file (unresolved here, so opaque)', () => {
    const write = opAt('settings/api_session.dart', 'expect: no-tokens-in-async-storage')!;
    expect(write).toMatchObject({ store: 'shared-preferences', storeKind: 'plaintext', operation: 'write', key: { kind: 'exact', value: 'sync.api_token' } });
    const remove = file('auth/sign_out.dart').operations;
    expect(remove).toHaveLength(1);
    expect(remove[0]).toMatchObject({ method: 'remove', operation: 'delete', keyed: true });
    expect(remove[0]!.key).toBeUndefined();
  });

  it('profile cache: no iOS options, no header, and a JSON blob', () => {
    const f = file('profile/profile_cache.dart');
    expect(f.header).toEqual([]);
    expect(f.secureStores).toHaveLength(1);
    expect(f.secureStores[0]!.range.line).toBe(lineOf(texts.get('lib/profile/profile_cache.dart')!, 'expect: require-keychain-accessible'));
    expect(f.secureStores[0]!.options.iOptions).toBeUndefined();
    expect(opAt('profile/profile_cache.dart', 'expect: require-prefix-header')!.value).toEqual({ kind: 'json-encoded' });
  });

  it('install id: a per-call iOptions replaces the instance’s for that write', () => {
    const f = file('device/install_id.dart');
    expect(f.secureStores).toHaveLength(1);
    const write = opAt('device/install_id.dart', 'expect: consistent-keychain-options')!;
    const read = f.operations.find((o) => o.operation === 'read')!;
    const accessibility = (o: StorageOperation) => {
      const ios = o.effectiveOptions?.iOptions;
      return ios?.known ? ios.values.accessibility : undefined;
    };
    expect(accessibility(write)).toEqual({ kind: 'constant', type: 'KeychainAccessibility', name: 'unlocked' });
    expect(accessibility(read)).toEqual({ kind: 'constant', type: 'KeychainAccessibility', name: 'first_unlock_this_device' });
  });
});

function lineOf(text: string, needle: string): number {
  return text.slice(0, text.indexOf(needle)).split('\n').length;
}
