import type { KeyOperation } from './key-usage.js';
import type { SourceText } from './types.js';
import type { StringValue } from './values.js';

// Language-neutral storage facts: what a front-end says about one file, as
// plain data with offsets into the file's text and no syntax node. The Dart
// front-end (src/dart) emits them; a rule whose meaning is the same in every
// language judges them in its `checkFacts` (see rule.ts). The project-wide
// rules read the neutral `ProjectFile` records (project-file.ts), which both
// front-ends emit.

/** Offsets into the file's text (UTF-16 code units) and the 1-based line of `start`. */
export interface FactRange {
  start: number;
  end: number;
  line: number;
}

/** Where the keychain class of a secure store's item comes from. */
export type ItemClass =
  /** Nothing sets it: the library's default applies (`name` is the default's name, e.g. `unlocked`). */
  | { kind: 'default'; name: string }
  /** Set to a known class; `range` is where it is written (a construction's options, or the call's). */
  | { kind: 'set'; name: string; thisDeviceOnly: boolean; deprecated: boolean; range?: FactRange }
  /** Set to something that cannot be resolved: no finding. */
  | { kind: 'unknown' };

/** The shape of a written value, as far as the rules care. */
export interface ValueFact {
  /** `flag`: a boolean or number (a literal, or a typed setter such as `setBool`), which is no secret whatever its key says. */
  shape: 'json-encoded' | 'string-literal' | 'null' | 'flag' | 'other';
  /** For a string literal: its length in UTF-16 code units (the value itself is never kept). */
  length?: number;
  /** For a string literal: its size in UTF-8 bytes. */
  bytes?: number;
  /**
   * The names the value goes by, for the secret classifier: `name` is the word
   * classified (`token`), `label` how it is written (`session.token`).
   */
  names: { name: string; label: string }[];
  /** The parts the value is assembled from (interpolations, `+`, a JSON object's fields), each with the names it goes by. */
  parts?: { label: string; names: string[] }[];
  /** JSON-encoded: how the encoded argument is written (`profile`, `{…}`), and whether it is a literal that cannot grow. */
  encoded?: { subject: string; fixedSize: boolean };
}

/** One keyed (or every-key) storage operation. */
export interface StorageOperationFact {
  /** The store: `flutter-secure-storage`, `shared-preferences`, `hive`, `get-storage` (Dart); the ApiName on the TypeScript side. */
  store: string;
  storeKind: 'secure' | 'plaintext';
  operation: KeyOperation;
  /** The call as a message names it: `_storage.write`, `prefs.setString`. */
  call: string;
  /** The method called (`write`, `containsKey`, `setString`). */
  method: string;
  /** False for operations on every key (`readAll`, `deleteAll`, `clear`). */
  keyed: boolean;
  /** The key, when it resolves (a keyed operation without it is opaque: unknown is not a finding). */
  key?: StringValue;
  /** Printable key: the exact value or a pattern such as `auth.${…}`. */
  keyText?: string;
  keyRange?: FactRange;
  value?: ValueFact;
  /** Secure stores: the class the item gets (writes) or is looked up with. */
  itemClass?: ItemClass;
  /** The function or method the call sits in (stable within the file), for order within it. */
  functionId?: string;
  /** That function's name (`restoreSession`), to tell start-up and background code. */
  functionName?: string;
  /**
   * Secure stores: where the iOS options that decide the class come from (the
   * call's own replace the construction's), and the construction the call's
   * instance comes from, when it is known in this file.
   */
  optionsFrom?: { kind: 'call' | 'construction'; construction?: string };
  /** Secure stores: `synchronizable: true` in the options in effect (the item syncs through iCloud Keychain). */
  synchronizable?: boolean;
  /**
   * Secure stores: the options in effect that decide where the item lives (which
   * keychain account or group, which Android preferences file or prefix), by
   * name, as code writes their values; an option left out has its default.
   * Undefined when they cannot be known.
   */
  placement?: Record<string, string>;
  /** The OS itself asks for biometrics before this read (Apple `accessControlFlags` and an Android biometric option). */
  osGated?: boolean;
  /** In a branch that runs only on the web (`if (kIsWeb)`). */
  webOnly?: boolean;
  range: FactRange;
}

/** A biometric prompt (`LocalAuthentication().authenticate(...)`). */
export interface GateFact {
  /** The call as a message names it: `_auth.authenticate`. */
  call: string;
  functionId?: string;
  range: FactRange;
}

/** A store's construction with its options, where options set once apply to every call. */
export interface StoreConstructionFact {
  store: string;
  /** Stable within the file; operations that use this instance name it in `instances`. */
  id: string;
  itemClass?: ItemClass;
  /** `synchronizable: true` in its iOS options. */
  synchronizable?: boolean;
  /** How messages name it: `FlutterSecureStorage(…)`, or a subclass's `AppStorage(…)`. */
  /** The named function the construction is written in (`main`), when it is in one. */
  functionName?: string;
  call: string;
  range: FactRange;
}

/** An option that the library version in use ignores or removed (`AndroidOptions(encryptedSharedPreferences: true)`). */
export interface DeprecatedOptionFact {
  /** `AndroidOptions.encryptedSharedPreferences`, `KeyCipherAlgorithm.RSA_ECB_PKCS1Padding` */
  option: string;
  range: FactRange;
}

export interface FileFacts {
  language: 'typescript' | 'dart';
  source: SourceText;
  /** Comment lines before the first declaration, as written. */
  header: { text: string; range: FactRange }[];
  operations: StorageOperationFact[];
  gates: GateFact[];
  constructions: StoreConstructionFact[];
  deprecatedOptions: DeprecatedOptionFact[];
  /** How many syntax errors the parser recovered from; the facts come from the rest of the file. */
  syntaxErrors: number;
}
