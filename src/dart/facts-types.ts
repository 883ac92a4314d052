// The storage facts of one Dart file, as plain data: no syntax node, only
// offsets into the file's text. They are meant to become the shared facts the
// rules consume whatever the language (today the rules read a TypeScript
// model; see src/core/project-file.ts and src/core/key-usage.ts, whose
// vocabulary is mirrored here: store, operation, key, options, range). A value
// that cannot be resolved is left out or marked `unknown`, never guessed.

/** Where an argument goes: a positional index, or a named parameter's name. */
export type ParameterSlot = { index: number } | { name: string };

/** Offsets into the file's text (UTF-16 code units, like the TypeScript side), and the 1-based line of `start`. */
export interface TextRange {
  start: number;
  end: number;
  line: number;
}

/** Same shape as src/core/values.ts `StringValue`: an exact string, or a pattern whose `null` parts are unknown. */
export type StringValue = { kind: 'exact'; value: string } | { kind: 'pattern'; parts: (string | null)[] };

/**
 * Where data is kept. `secure`: the platform keychain / keystore;
 * `plaintext`: a file or preferences store any backup or rooted device reads.
 */
export type StoreName = 'flutter-secure-storage' | 'shared-preferences' | 'hive' | 'get-storage';
export type StoreKind = 'secure' | 'plaintext';

/** Same words as src/core/key-usage.ts `KeyOperation`, plus the operations on every key. */
export type KeyOperation = 'write' | 'read' | 'delete';

export interface DartImport {
  /** The URI as written: `package:flutter_secure_storage/flutter_secure_storage.dart`, `../auth/token_store.dart`. */
  uri: string;
  directive: 'import' | 'export';
  /** `package:<name>/…`: the package's name; absent for relative and `dart:` URIs. */
  packageName?: string;
  /** True when the package is the app's own (its pubspec `name:`). */
  ownPackage: boolean;
  relative: boolean;
  prefix?: string;
  deferred: boolean;
  show?: string[];
  hide?: string[];
  range: TextRange;
}

export interface DartPart {
  kind: 'part' | 'part-of';
  /** The URI, or the library name of an old-style `part of some.library;`. */
  target: string;
  range: TextRange;
}

/** A resolved option value; `unknown` when it is passed but cannot be resolved. */
export type OptionValue =
  | { kind: 'boolean'; value: boolean }
  | { kind: 'string'; value: string }
  | { kind: 'number'; value: number }
  /** An enum member such as `KeychainAccessibility.first_unlock`. */
  | { kind: 'constant'; type: string; name: string }
  | { kind: 'unknown' };

/**
 * One platform's options object (`IOSOptions(...)`, `AndroidOptions(...)`):
 * the class, and its named arguments. `known: false` when the expression
 * could not be resolved to such a construction: nothing is known of it.
 */
export type PlatformOptions = { known: true; type: string; namedConstructor?: string; values: Record<string, OptionValue> } | { known: false };

/** Option arguments of flutter_secure_storage, by parameter name (`iOptions`, `aOptions`, `mOptions`, `lOptions`, `wOptions`, `webOptions`). */
export type PlatformOptionSet = Partial<Record<string, PlatformOptions>>;

/** `FlutterSecureStorage(...)`, `const` or not: the instance every bound operation uses. */
export interface SecureStoreInstance {
  /** Stable within the file: the construction's start offset. Operations refer to it. */
  id: string;
  isConst: boolean;
  options: PlatformOptionSet;
  range: TextRange;
  /** How a message names it when it is not `FlutterSecureStorage(…)`: a subclass's `AppStorage(…)` or `AppStorage's super(…)`. */
  call?: string;
  /** The named function the construction is written in (`main`), when it is in one. */
  functionName?: string;
}

/** What a store was opened with, for the plaintext stores. */
export interface PlaintextStoreInstance {
  id: string;
  store: Exclude<StoreName, 'flutter-secure-storage'>;
  /** `SharedPreferences.getInstance`, `SharedPreferencesAsync`, `Hive.openBox`, `GetStorage`… */
  factory: string;
  /** The Hive box or GetStorage container name, when given and resolved. */
  container?: StringValue;
  range: TextRange;
}

/** The shape of a written value, as far as the rules care (size, structure). */
export type ValueShape = { kind: 'string-literal'; length: number; bytes: number } | { kind: 'json-encoded' } | { kind: 'null' } | { kind: 'other' };

export interface StorageOperation {
  store: StoreName;
  storeKind: StoreKind;
  operation: KeyOperation;
  /** The method called: `write`, `read`, `setString`, `put`… (`write` with a null value is a `delete`). */
  method: string;
  /** False for `readAll`, `deleteAll`, `clear`, `erase`: every key. */
  keyed: boolean;
  /** The key, when it resolves; absent for a keyed operation whose key does not (then it is opaque, like the TypeScript side's OpaqueOperation). */
  key?: StringValue;
  keyRange?: TextRange;
  value?: ValueShape;
  /**
   * The instances the receiver is bound to (ids of SecureStoreInstance or
   * PlaintextStoreInstance). Empty only when `injected` says where the
   * instance comes from and no construction of that class is in this file.
   */
  instances: string[];
  /** Set when the receiver is a field filled by a constructor parameter (`TokenStore(this.storage)`). */
  injected?: { className: string; field: string };
  /** flutter_secure_storage only: the options passed to this call; each one replaces the instance's for that platform. */
  callOptions?: PlatformOptionSet;
  /** flutter_secure_storage only, when exactly one instance is known: the instance's options with this call's applied. */
  effectiveOptions?: PlatformOptionSet;
  /** The names the written value goes by (variables, `session.token`, interpolated names), for the secret classifier. */
  valueNames?: ValueName[];
  /** The parts the value is assembled from (interpolations, `+`, a JSON map's pairs), for several secrets in one value. */
  valueParts?: ValuePart[];
  /** For a `jsonEncode(x)` value: how `x` is written (`profile`, `{…}`), and whether it is a primitive literal (a short string, nothing grows). */
  encoded?: { subject: string; primitive: boolean };
  /** Inside a `kIsWeb` branch (`if (kIsWeb) …`, or the `else` of `if (!kIsWeb)`): runs only on the web. */
  webOnly?: boolean;
  /**
   * A write whose value is a parameter of the named function around it
   * (`saveToken(String? t) => _storage.write(key: 'auth.token', value: t)`):
   * a call of that function with `null` there deletes the key.
   */
  valueParameter?: { function: string; slot: ParameterSlot };
  enclosing?: EnclosingFunction;
  range: TextRange;
}

/** A name a value goes by: `name` is what the classifier reads (`token`), `label` how it is written (`session.token`). */
export interface ValueName {
  name: string;
  label: string;
}

/** One part of an assembled value: how it is written, and the names it goes by. */
export interface ValuePart {
  label: string;
  names: string[];
}

/** A flutter_secure_storage option the package deprecated, ignores or removes (see apis.ts DEPRECATED_OPTIONS). */
export interface DeprecatedOption {
  /** `AndroidOptions.encryptedSharedPreferences`, `KeyCipherAlgorithm.RSA_ECB_PKCS1Padding` */
  option: string;
  range: TextRange;
}

/** The function or method a fact sits in, so that order within it can be judged (a read before a biometric gate). */
export interface EnclosingFunction {
  name: string;
  className?: string;
  range: TextRange;
}

/** `LocalAuthentication().authenticate(...)`: the biometric gate. */
export interface BiometricGate {
  method: 'authenticate';
  /** 2.x passes `options: AuthenticationOptions(...)`; 3.x passes the same flags as named arguments. */
  style: 'options-object' | 'named-arguments' | 'none';
  options: Record<string, OptionValue>;
  enclosing?: EnclosingFunction;
  range: TextRange;
}

/** A class field filled by a constructor parameter: `TokenStore(this.storage)`. */
export interface FieldInjection {
  className: string;
  field: string;
  parameter: { index: number } | { name: string };
}

/** A construction of an app class given a store instance: `TokenStore(FlutterSecureStorage())`. */
export interface InjectedInstance {
  className: string;
  parameter: { index: number } | { name: string };
  instance: string;
  range: TextRange;
}

export interface HeaderComment {
  /** The comment line as written, `//` or `///` included. */
  text: string;
  range: TextRange;
}

export interface DartFileFacts {
  fileName: string;
  /** The comments before the first directive or declaration. */
  header: HeaderComment[];
  imports: DartImport[];
  parts: DartPart[];
  secureStores: SecureStoreInstance[];
  plaintextStores: PlaintextStoreInstance[];
  operations: StorageOperation[];
  biometricGates: BiometricGate[];
  injections: FieldInjection[];
  injectedInstances: InjectedInstance[];
  deprecatedOptions: DeprecatedOption[];
  /** The calls that pass a literal `null`, by the called name and slot (see null-calls.ts). */
  nullCalls: string[];
  /** How many syntax errors the parser recovered from; the facts come from the rest of the file. */
  syntaxErrors: number;
}
