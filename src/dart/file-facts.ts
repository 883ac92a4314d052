import type { Tree } from 'web-tree-sitter';
import type { FileFacts, ItemClass, StorageOperationFact, ValueFact } from '../core/facts.js';
import type { KeyUsage, OpaqueOperation } from '../core/key-usage.js';
import type { ProjectFile } from '../core/project-file.js';
import type { SourceText } from '../core/types.js';
import { describeString } from '../core/values.js';
import { factsOfTree, type DartFactsOptions } from './facts.js';
import type { DartFileFacts, OptionValue, PlatformOptions, PlatformOptionSet, SecureStoreInstance, StorageOperation } from './facts-types.js';
import { nullCallId } from './null-calls.js';
import { withDartTree, type DartParser } from './parser.js';

// The Dart front-end's output in the rules' vocabulary: the neutral facts of
// one file (src/core/facts.ts) for the per-file rules' `checkFacts`, and the
// `ProjectFile` record the project-wide rules compare across files.

export interface DartFileAnalysis {
  facts: FileFacts;
  projectFile: ProjectFile;
  /** The Dart-specific facts the neutral ones were made from (imports, parts, injections), for cross-file linking. */
  dart: DartFileFacts;
}

export interface DartAnalysisOptions {
  /** The app's package name (pubspec `name:`). */
  appPackage?: string;
  /** What the app's imported libraries declare: keys named by another file's constant, stores reached through another file's member. */
  importedLibrary?: DartFactsOptions['importedLibrary'];
}

export function analyseDartFile(parser: DartParser, source: SourceText, options: DartAnalysisOptions = {}): DartFileAnalysis {
  return withDartTree(parser, source.text, (tree) => analyseDartTree(tree, source, options));
}

/** As analyseDartFile, on a tree the caller parsed and still owns. */
export function analyseDartTree(tree: Tree, source: SourceText, options: DartAnalysisOptions = {}): DartFileAnalysis {
  const dart = factsOfTree(tree, source.text, { fileName: source.fileName, ...options });
  return { dart, facts: neutralFacts(dart, source), projectFile: projectFileOf(dart, source) };
}

/**
 * A file with no storage of its own that calls an app function with a
 * literal `null` (`repo.saveToken(null)`): what it tells the project-wide
 * rules, from its calls' ids (see null-calls.ts).
 */
export function nullCallsFile(source: SourceText, reachedWrapperCalls: string[]): ProjectFile {
  return { source, keyUsages: [], opaqueOperations: [], reachedWrapperCalls };
}

function functionId(op: StorageOperation): string | undefined {
  return op.enclosing ? `${op.enclosing.range.start}` : undefined;
}

/** flutter_secure_storage's iOS default: `IOSOptions` without `accessibility`, or no `iOptions` at all. */
const DEFAULT_ACCESSIBILITY = 'unlocked';

/** The iOS class a set of options gives an item, or undefined when the options are not known. */
function itemClassOf(options: PlatformOptionSet | undefined): ItemClass {
  if (!options) return { kind: 'unknown' };
  const ios = options.iOptions;
  if (!ios) return { kind: 'default', name: DEFAULT_ACCESSIBILITY };
  if (!ios.known) return { kind: 'unknown' };
  const value = ios.values.accessibility;
  if (!value) return { kind: 'default', name: DEFAULT_ACCESSIBILITY };
  if (value.kind !== 'constant' || value.type !== 'KeychainAccessibility') return { kind: 'unknown' };
  // No KeychainAccessibility member is deprecated in the package's source (9.2 to 10.x).
  return { kind: 'set', name: value.name, thisDeviceOnly: value.name.endsWith('_this_device') || value.name === 'passcode', deprecated: false };
}

function isTrue(options: PlatformOptions | undefined, name: string): boolean {
  const value = options?.known ? options.values[name] : undefined;
  return value?.kind === 'boolean' && value.value;
}

/** The options that decide where an item lives, and so must agree between a key's calls (the iOS read query includes the class too). */
const PLACEMENT_OPTIONS: Record<string, string[]> = {
  iOptions: ['accountName', 'groupId', 'synchronizable', 'accessibility'],
  aOptions: ['sharedPreferencesName', 'preferencesKeyPrefix', 'storageNamespace'],
};

function optionText(value: OptionValue): string | undefined {
  switch (value.kind) {
    case 'boolean':
    case 'number':
      return String(value.value);
    case 'string':
      return `'${value.value}'`;
    case 'constant':
      return `${value.type}.${value.name}`;
    default:
      return undefined;
  }
}

/** The placement options set, by name, as code would write their values; undefined when a platform's options, or one of these values, are unknown. */
function placementOf(options: PlatformOptionSet | undefined): Record<string, string> | undefined {
  if (!options) return undefined;
  const texts: Record<string, string> = {};
  for (const [platform, names] of Object.entries(PLACEMENT_OPTIONS)) {
    const set = options[platform];
    if (!set) continue;
    if (!set.known) return undefined;
    for (const name of names) {
      const value = set.values[name];
      if (!value) continue;
      const text = optionText(value);
      if (text === undefined) return undefined;
      texts[name] = text;
    }
  }
  return texts;
}

/** Apple `accessControlFlags` and an Android biometric option: the OS asks for biometrics before it returns the item. */
function isOsGated(options: PlatformOptionSet | undefined): boolean {
  const ios = options?.iOptions;
  const android = options?.aOptions;
  // A list of flags is not resolved: passing any is taken as a gate, so that such a read is never reported (unknown is not a finding).
  const iosGated = ios?.known === true && ios.values.accessControlFlags !== undefined;
  const androidGated = android?.known === true && (android.namedConstructor === 'biometric' || isTrue(android, 'enforceBiometrics'));
  return iosGated && androidGated;
}

const FLAG_SETTERS = new Set(['setBool', 'setInt', 'setDouble']);

function valueFact(op: StorageOperation): ValueFact | undefined {
  if (!op.value && !op.valueNames) return undefined;
  const names = op.valueNames ?? [];
  const parts = op.valueParts ? { parts: op.valueParts } : {};
  const shape = op.value?.kind ?? 'other';
  if (FLAG_SETTERS.has(op.method)) return { shape: 'flag', names };
  if (shape === 'string-literal' && op.value?.kind === 'string-literal') {
    return { shape, length: op.value.length, bytes: op.value.bytes, names };
  }
  if (shape === 'json-encoded' && op.encoded) return { shape, names, ...parts, encoded: { subject: op.encoded.subject, fixedSize: op.encoded.primitive } };
  return { shape, names, ...parts };
}

/**
 * `_storage.write` for `_storage.write(key: …)`: the call's text up to the
 * method's arguments, on one line. Arguments on the way are shortened
 * (`FlutterSecureStorage(…).write`): the message names the call, and options
 * written out there would crowd it.
 */
function callText(source: SourceText, range: { start: number; end: number }, method: string): string {
  const text = source.text.slice(range.start, range.end);
  const at = text.search(new RegExp(`\\b${method}\\s*\\(`));
  const receiver = at >= 0 ? text.slice(0, at + method.length) : text.split('(')[0]!;
  return shortenArguments(receiver)
    .replace(/\s*([.?!()])\s*/g, '$1')
    .replace(/\s+/g, ' ')
    .trim();
}

/** `Type(a, b)` → `Type(…)`: each argument list that is not empty (a parenthesised expression, `(await x)`, is kept). */
function shortenArguments(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const isArguments = text[i] === '(' && /[\w>]\s*$/.test(text.slice(0, i)) && !/\b(?:await|return)\s*$/.test(text.slice(0, i));
    if (!isArguments) {
      out += text[i];
      continue;
    }
    let depth = 0;
    let j = i;
    for (; j < text.length; j++) {
      if (text[j] === '(') depth++;
      else if (text[j] === ')' && --depth === 0) break;
    }
    out += text.slice(i + 1, j).trim() === '' ? '()' : '(…)';
    i = j;
  }
  return out;
}

function operationFact(op: StorageOperation, source: SourceText, stores: Map<string, SecureStoreInstance>): StorageOperationFact {
  const value = valueFact(op);
  const secure = op.store === 'flutter-secure-storage';
  const callIos = op.callOptions?.iOptions !== undefined;
  // Options in effect: the call's replace the instance's per platform; without a known instance, only the call's own iOS options say anything.
  const effective = op.effectiveOptions ?? (callIos ? { iOptions: op.callOptions!.iOptions } : undefined);
  const onlyStore = op.instances.length === 1 ? stores.get(op.instances[0]!) : undefined;
  const construction = onlyStore ? { construction: onlyStore.id } : {};
  const optionsFrom = callIos ? { kind: 'call' as const, ...construction } : onlyStore ? { kind: 'construction' as const, ...construction } : undefined;
  const placement = secure ? placementOf(op.effectiveOptions) : undefined;
  return {
    store: op.store,
    storeKind: op.storeKind,
    operation: op.operation,
    call: callText(source, op.range, op.method),
    method: op.method,
    keyed: op.keyed,
    ...(op.key ? { key: op.key, keyText: describeString(op.key) } : {}),
    ...(op.keyRange ? { keyRange: op.keyRange } : {}),
    ...(value ? { value } : {}),
    ...(secure ? { itemClass: itemClassOf(effective) } : {}),
    ...(functionId(op) ? { functionId: functionId(op), functionName: op.enclosing!.name } : {}),
    ...(secure && optionsFrom ? { optionsFrom } : {}),
    ...(secure && isTrue(effective?.iOptions, 'synchronizable') ? { synchronizable: true } : {}),
    ...(placement ? { placement } : {}),
    ...(secure && isOsGated(op.effectiveOptions) ? { osGated: true } : {}),
    ...(op.webOnly ? { webOnly: true } : {}),
    range: op.range,
  };
}

export function neutralFacts(dart: DartFileFacts, source: SourceText): FileFacts {
  const stores = new Map(dart.secureStores.map((store) => [store.id, store]));
  return {
    language: 'dart',
    source,
    header: dart.header.map(({ text, range }) => ({ text, range })),
    operations: dart.operations.map((op) => operationFact(op, source, stores)),
    gates: dart.biometricGates.map((gate) => ({
      call: callText(source, gate.range, gate.method),
      ...(gate.enclosing ? { functionId: `${gate.enclosing.range.start}` } : {}),
      range: gate.range,
    })),
    constructions: dart.secureStores.map((store) => ({
      store: 'flutter-secure-storage',
      id: store.id,
      itemClass: itemClassOf(store.options),
      ...(isTrue(store.options.iOptions, 'synchronizable') ? { synchronizable: true } : {}),
      call: store.call ?? 'FlutterSecureStorage(…)',
      ...(store.functionName ? { functionName: store.functionName } : {}),
      range: store.range,
    })),
    deprecatedOptions: dart.deprecatedOptions.map(({ option, range }) => ({ option, range })),
    syntaxErrors: dart.syntaxErrors,
  };
}

function projectFileOf(dart: DartFileFacts, source: SourceText): ProjectFile {
  const keyUsages: KeyUsage[] = [];
  const opaqueOperations: OpaqueOperation[] = [];
  for (const op of dart.operations) {
    if (!op.keyed) {
      opaqueOperations.push({ store: op.store, operation: op.operation, everyKey: true });
      continue;
    }
    if (!op.key) {
      opaqueOperations.push({ store: op.store, operation: op.operation, everyKey: false });
      continue;
    }
    const range = op.keyRange ?? op.range;
    // `saveToken(String? t) => _storage.write(key: 'k', value: t)`: a delete of 'k' too, if some call passes null.
    if (op.valueParameter) {
      const { function: name, slot } = op.valueParameter;
      keyUsages.push({
        store: op.store,
        key: op.key,
        keyText: describeString(op.key),
        operation: 'delete',
        method: op.method,
        onlyWhenReached: nullCallId(name, slot),
        file: source,
        start: range.start,
        end: range.end,
        line: range.line,
      });
    }
    keyUsages.push({
      store: op.store,
      key: op.key,
      keyText: describeString(op.key),
      operation: op.operation,
      method: op.method,
      // `setBool`, `setInt`, `setDouble`: a flag or a number is no secret, whatever the key.
      ...(op.operation === 'write' && FLAG_SETTERS.has(op.method) ? { flag: true as const } : {}),
      file: source,
      start: range.start,
      end: range.end,
      line: range.line,
    });
  }
  return { source, keyUsages, opaqueOperations, reachedWrapperCalls: dart.nullCalls };
}
