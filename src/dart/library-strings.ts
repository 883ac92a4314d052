import type { StringValue } from './facts-types.js';
import { withDartTree, type DartParser } from './parser.js';
import { buildScope } from './scope.js';
import { resolveString, type ValueContext } from './values.js';

// Keys are often constants of another file of the app (`lib/core/consts.dart`:
// `const PREFS_ACCESS_TOKEN = 'accessToken';`, or `class StorageKeys {
// static const token = 'auth.token'; }`). A file's facts look an unresolved
// name up in the files it imports, through these maps: what each library
// declares as a final or const string, by the name another file writes
// (`PREFS_ACCESS_TOKEN`, `StorageKeys.token`). Only values the library
// itself resolves count: a constant built from a third file's is unknown.
// Names that start with `_` are private to their library and never listed.

export type LibraryStrings = Map<string, StringValue>;

export function libraryStrings(parser: DartParser, text: string): LibraryStrings {
  // Without a string literal no member can hold a known string.
  if (!/['"]/.test(text)) return new Map();
  return withDartTree(parser, text, (tree) => {
    const scope = buildScope(tree.rootNode);
    const context: ValueContext = { scope, isPackageName: () => false, isImportPrefix: () => false };
    const strings: LibraryStrings = new Map();
    for (const { name, declaration } of scope.libraryMembers()) {
      if (!declaration.isFinal || !declaration.init || name.split('.').some((part) => part.startsWith('_'))) continue;
      const value = resolveString(declaration.init, context);
      if (value) strings.set(name, value);
    }
    return strings;
  });
}
