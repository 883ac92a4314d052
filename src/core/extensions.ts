/** The file extensions both front-ends analyse. Kept apart from parse.ts so discovery needs no compiler. */
export const SOURCE_EXTENSIONS = ['.ts', '.tsx', '.js', '.jsx', '.mjs', '.cjs', '.mts', '.cts'];

/** Dart files: the CLI alone audits them (src/dart); the ESLint plugin's configs list only SOURCE_EXTENSIONS. */
export const DART_EXTENSION = '.dart';

export function isDartFile(name: string): boolean {
  return name.endsWith(DART_EXTENSION);
}

/**
 * Dart files written by code generators (build_runner and friends): derived
 * from sources audited elsewhere, rewritten on every build, and not the place
 * a finding could be fixed. `.g.dart` (json_serializable, hive_generator,
 * riverpod_generator), `.freezed.dart`, `.mocks.dart` (mockito), `.gr.dart`
 * (auto_route), `.config.dart` (injectable), `.pb*.dart` (protobuf).
 */
const GENERATED_DART_FILE = /\.(g|freezed|mocks|gr|config|pb|pbenum|pbjson|pbserver|pbgrpc)\.dart$/;

export function isGeneratedDartFile(name: string): boolean {
  return GENERATED_DART_FILE.test(name);
}
