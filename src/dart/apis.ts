import type { DartImport, KeyOperation, StoreName } from './facts-types.js';

// The Dart packages this front-end knows, and the shape of their methods:
// which argument is the key, which the value. The Dart counterpart of
// src/core/apis.ts.

/** The packages a type name must come from; a class of the app by that name is not the package's. */
export const PACKAGE_TYPES: Record<string, readonly string[]> = {
  FlutterSecureStorage: ['flutter_secure_storage'],
  SharedPreferences: ['shared_preferences'],
  SharedPreferencesAsync: ['shared_preferences'],
  SharedPreferencesWithCache: ['shared_preferences'],
  Hive: ['hive', 'hive_flutter', 'hive_ce', 'hive_ce_flutter'],
  GetStorage: ['get_storage'],
  LocalAuthentication: ['local_auth'],
  GetIt: ['get_it'],
  Provider: ['flutter_riverpod', 'riverpod', 'hooks_riverpod'],
  AndroidOptions: ['flutter_secure_storage'],
  jsonEncode: ['dart:convert'],
  json: ['dart:convert'],
};

/** Whether one of the imports brings the package's `name` into scope (under `prefix`, through show/hide); the caller rules out a name the file itself declares. */
export function importsPackageName(name: string, prefix: string | undefined, imports: DartImport[]): boolean {
  const packages = PACKAGE_TYPES[name];
  if (!packages) return false;
  return imports.some(
    (i) =>
      i.directive === 'import' &&
      i.prefix === prefix &&
      (packages.includes(i.packageName ?? '') || packages.includes(i.uri)) &&
      (!i.show || i.show.includes(name)) &&
      !i.hide?.includes(name),
  );
}

/**
 * The package types whose every instance is one store: a value known only by
 * such a type is that store. Hive's `Box` is not one: a box may be encrypted.
 */
export const STORE_TYPES: Record<string, StoreName> = {
  FlutterSecureStorage: 'flutter-secure-storage',
  SharedPreferences: 'shared-preferences',
  SharedPreferencesAsync: 'shared-preferences',
  SharedPreferencesWithCache: 'shared-preferences',
  GetStorage: 'get-storage',
};

export interface MethodShape {
  operation: KeyOperation;
  /** Where the key is: a named parameter (flutter_secure_storage) or a position. Absent: every key. */
  key?: string | number;
  value?: string | number;
}

/** flutter_secure_storage's `FlutterSecureStorage` methods; all take the per-call platform options as named arguments. */
export const SECURE_STORAGE_METHODS: Record<string, MethodShape> = {
  write: { operation: 'write', key: 'key', value: 'value' },
  read: { operation: 'read', key: 'key' },
  containsKey: { operation: 'read', key: 'key' },
  delete: { operation: 'delete', key: 'key' },
  readAll: { operation: 'read' },
  deleteAll: { operation: 'delete' },
};

/** The named arguments of flutter_secure_storage that carry one platform's options. */
export const PLATFORM_OPTION_PARAMETERS = ['iOptions', 'aOptions', 'mOptions', 'lOptions', 'wOptions', 'webOptions'];

const PREFERENCE_SETTERS = ['setString', 'setBool', 'setInt', 'setDouble', 'setStringList'];
const PREFERENCE_GETTERS = ['getString', 'getBool', 'getInt', 'getDouble', 'getStringList', 'get', 'containsKey'];

function shapes(writes: string[], reads: string[], deletes: string[], everyKey: Record<string, KeyOperation>): Record<string, MethodShape> {
  const table: Record<string, MethodShape> = {};
  for (const m of writes) table[m] = { operation: 'write', key: 0, value: 1 };
  for (const m of reads) table[m] = { operation: 'read', key: 0 };
  for (const m of deletes) table[m] = { operation: 'delete', key: 0 };
  for (const [m, operation] of Object.entries(everyKey)) table[m] = { operation };
  return table;
}

export const PLAINTEXT_METHODS: Record<Exclude<StoreName, 'flutter-secure-storage'>, Record<string, MethodShape>> = {
  'shared-preferences': shapes(PREFERENCE_SETTERS, PREFERENCE_GETTERS, ['remove'], { clear: 'delete', getKeys: 'read', getAll: 'read' }),
  hive: shapes(['put'], ['get', 'containsKey'], ['delete'], { clear: 'delete', deleteFromDisk: 'delete' }),
  'get-storage': shapes(['write', 'writeIfNull'], ['read', 'hasData'], ['remove'], { erase: 'delete' }),
};

/**
 * How a plaintext store instance is obtained: `Type(...)` (member undefined)
 * or `Type.member(...)`. A Hive box is plaintext only when opened without an
 * `encryptionCipher`.
 */
export const PLAINTEXT_FACTORIES: { type: string; member?: string; store: Exclude<StoreName, 'flutter-secure-storage'>; container?: number }[] = [
  { type: 'SharedPreferences', member: 'getInstance', store: 'shared-preferences' },
  { type: 'SharedPreferencesAsync', store: 'shared-preferences' },
  { type: 'SharedPreferencesWithCache', member: 'create', store: 'shared-preferences' },
  { type: 'Hive', member: 'openBox', store: 'hive', container: 0 },
  { type: 'Hive', member: 'openLazyBox', store: 'hive', container: 0 },
  { type: 'GetStorage', store: 'get-storage', container: 0 },
];

/** local_auth's gate, and the flags that decide what it checks (2.x in `AuthenticationOptions`, 3.x as named arguments). */
export const LOCAL_AUTH_GATE = 'authenticate';
export const LOCAL_AUTH_FLAGS = ['biometricOnly', 'stickyAuth', 'sensitiveTransaction', 'useErrorDialogs', 'persistAcrossBackgrounding'];

/** Words that must appear in a file for any storage fact to be in it: files without them are not walked. */
export const TRIGGER_WORDS = /FlutterSecureStorage|SharedPreferences|Hive|GetStorage|LocalAuthentication|AndroidOptions/;

/**
 * Options of `AndroidOptions(...)` that flutter_secure_storage deprecated (as
 * its source's @Deprecated annotations and changelog say): by parameter, the
 * values that are deprecated (`undefined`: any value passed).
 * - `encryptedSharedPreferences`: deprecated in 10.0.0, ignored (the data is
 *   migrated to the new ciphers), to be removed in v11.
 * - `sharedPreferencesName`: deprecated in 10.1.0 for `storageNamespace`.
 * - the RSA PKCS#1 key cipher and the AES-CBC storage cipher: deprecated in
 *   10.2.0, the data migrated when `migrateOnAlgorithmChange` is on.
 */
export const DEPRECATED_ANDROID_OPTIONS: Record<string, { type: string; name: string } | undefined> = {
  encryptedSharedPreferences: undefined,
  sharedPreferencesName: undefined,
  keyCipherAlgorithm: { type: 'KeyCipherAlgorithm', name: 'RSA_ECB_PKCS1Padding' },
  storageCipherAlgorithm: { type: 'StorageCipherAlgorithm', name: 'AES_CBC_PKCS7Padding' },
};

/** The Flutter constant that is true only in a web build. */
export const WEB_ONLY_FLAG = 'kIsWeb';
