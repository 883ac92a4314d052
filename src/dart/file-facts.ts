import type { FileFacts, StorageOperationFact } from '../core/facts.js';
import type { KeyUsage, OpaqueOperation } from '../core/key-usage.js';
import type { ProjectFile } from '../core/project-file.js';
import type { SourceText } from '../core/types.js';
import { describeString } from '../core/values.js';
import { dartFileFacts } from './facts.js';
import type { DartFileFacts, StorageOperation } from './facts-types.js';
import type { DartParser } from './parser.js';

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
}

export function analyseDartFile(parser: DartParser, source: SourceText, options: DartAnalysisOptions = {}): DartFileAnalysis {
  const dart = dartFileFacts(parser, source.text, { fileName: source.fileName, ...options });
  return { dart, facts: neutralFacts(dart, source), projectFile: projectFileOf(dart, source) };
}

function functionId(op: StorageOperation): string | undefined {
  return op.enclosing ? `${op.enclosing.range.start}` : undefined;
}

function operationFact(op: StorageOperation, source: SourceText): StorageOperationFact {
  return {
    store: op.store,
    storeKind: op.storeKind,
    operation: op.operation,
    call: source.text.slice(op.range.start, op.range.end).split('(')[0]!.trim(),
    keyed: op.keyed,
    ...(op.key ? { key: op.key, keyText: describeString(op.key) } : {}),
    ...(op.keyRange ? { keyRange: op.keyRange } : {}),
    ...(functionId(op) ? { functionId: functionId(op) } : {}),
    range: op.range,
  };
}

export function neutralFacts(dart: DartFileFacts, source: SourceText): FileFacts {
  return {
    language: 'dart',
    source,
    header: dart.header.map(({ text, range }) => ({ text, range })),
    operations: dart.operations.map((op) => operationFact(op, source)),
    gates: dart.biometricGates.map((gate) => ({
      ...(gate.enclosing ? { functionId: `${gate.enclosing.range.start}` } : {}),
      range: gate.range,
    })),
    constructions: dart.secureStores.map((store) => ({ store: 'flutter-secure-storage', id: store.id, range: store.range })),
    deprecatedOptions: [],
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
    keyUsages.push({
      store: op.store,
      key: op.key,
      keyText: describeString(op.key),
      operation: op.operation,
      method: op.method,
      file: source,
      start: range.start,
      end: range.end,
      line: range.line,
    });
  }
  return { source, keyUsages, opaqueOperations, reachedWrapperCalls: [] };
}
