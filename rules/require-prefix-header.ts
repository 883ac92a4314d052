import {
  DEFAULT_HEADER_PATTERN,
  defineRule,
  findApiCalls,
  findPrefixHeader,
  headerLine,
  headerLineRoundTrips,
  headerRegExp,
  keyMatchesPrefix,
  keyUsages,
  lineAndCharacter,
  prefixesOverlap,
  resolveString,
  stripWrappers,
  sharedPrefix,
  describeString,
  ts,
  type ApiCall,
  type FactsContext,
  type FileModel,
  type KeyUsage,
  type PrefixHeader,
  type ProjectContext,
  type RuleContext,
  type StringValue,
  type TextEdit,
  uniquePathSuffix,
} from '../src/core/rule-api.js';

// There is no central registry of SecureStore keys: each file that owns keys
// declares their prefix in its header comment (`// SecureStore prefix:
// auth.remember.*`), and the headers together are the registry.

interface Options {
  headerPattern: string;
}

const messages = {
  missingHeader: "No prefix header for this file's SecureStore keys ({{keys}}); add e.g. `// SecureStore prefix: {{example}}`.",
  keyOutsidePrefix: "SecureStore key '{{key}}' is outside this file's prefixes ({{prefixes}}); rename or declare it.",
  keyOutsideWrapperPrefix: "SecureStore key '{{key}}' reaches {{file}} via {{path}}, outside its prefixes ({{prefixes}}); rename it.",
  overlappingPrefix: 'Prefix {{prefix}} overlaps {{otherPrefix}} in {{otherFile}}{{others}}; give each file its own prefix.',
  missingHeaderDart: "No prefix header for this file's keys ({{keys}}); add e.g. `// SecureStore prefix: {{example}}`.",
  keyOutsidePrefixDart: "flutter_secure_storage key '{{key}}' is outside this file's prefixes ({{prefixes}}); rename or declare it.",
  overlappingPrefixDart: 'Key prefix {{prefix}} overlaps {{otherPrefix}} in {{otherFile}}{{others}}; give each file its own prefix.',
} as const;

type MessageId = keyof typeof messages;

/** The SecureStore keys this file's own calls use (keys handed to wrappers belong to the wrapper's file). */
function secureStoreUsages(file: FileModel): KeyUsage[] {
  return keyUsages(file).filter((usage) => usage.store === 'secure-store' && !usage.via);
}

/** Keys this file hands to a wrapper in a file with a header: they must be under that file's prefixes. */
function checkWrapperKeys(context: RuleContext<Options, MessageId>, pattern: RegExp): void {
  // The wrapper's file is named by as much of its path as tells it apart from this file and the other wrappers' files.
  const usages = keyUsages(context.file);
  const reached = [context.file.fileName, ...usages.flatMap((usage) => (usage.via ? [usage.via.storageFile.fileName] : []))];
  for (const usage of usages) {
    if (usage.store !== 'secure-store' || !usage.via) continue;
    const header = findPrefixHeader(usage.via.storageFile, pattern);
    if (!header) continue;
    const declared = header.prefixes.map((p) => p.prefix);
    if (declared.some((prefix) => keyMatchesPrefix(usage.key, prefix))) continue;
    context.report({
      start: usage.start,
      end: usage.end,
      messageId: 'keyOutsideWrapperPrefix',
      data: {
        key: usage.keyText,
        path: usage.via.path,
        file: uniquePathSuffix(usage.via.storageFile.fileName, reached),
        prefixes: declared.join(', ') || 'none',
      },
    });
  }
}

/** `__DEV__ ? 'a' : 'b'`: both literal keys; undefined when a branch is not a known string. */
function conditionalKeys(call: ApiCall, file: FileModel): string[] | undefined {
  const key = call.key && stripWrappers(call.key);
  if (!key || !ts.isConditionalExpression(key)) return undefined;
  const sides = [key.whenTrue, key.whenFalse].map((side) => resolveString(side, file));
  return sides.every((v) => v?.kind === 'exact') ? sides.map((v) => (v as { value: string }).value) : undefined;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/**
 * `3 keys`, `1 key and 1 key pattern`, or keys that only the caller knows.
 * A template of a parameter (`${name}_key`) is a pattern, not a key the file names.
 */
function describeKeyCount(file: FileModel, usages: KeyUsage[]): string {
  const named = new Set(usages.filter((u) => u.key.kind === 'exact').map((u) => u.keyText));
  const patterns = new Set(usages.filter((u) => u.key.kind !== 'exact').map((u) => u.keyText));
  for (const call of findApiCalls(file)) {
    if (hasKey(call)) for (const key of conditionalKeys(call, file) ?? []) named.add(key);
  }
  return countPhrase(named.size, patterns.size);
}

/** Inserts the header line at the very top, after a shebang line if there is one. */
function insertHeader(text: string, line: string): TextEdit {
  const newline = text.includes('\r\n') ? '\r\n' : '\n';
  const shebang = ts.getShebang(text);
  if (!shebang) return { start: 0, end: 0, text: line + newline };
  const eol = text.slice(shebang.length).match(/^\r?\n/)?.[0];
  const at = shebang.length + (eol?.length ?? 0);
  return { start: at, end: at, text: eol === undefined ? newline + line + newline : line + newline };
}

/** The header fix, when every resolved key shares a dotted prefix the configured pattern reads back. */
/** The prefix the file's keys share, as the fix would write it; else the usual example. */
function examplePrefix(keys: StringValue[]): string {
  return sharedPrefix(keys) ?? 'auth.*';
}

function headerFix(file: FileModel, usages: KeyUsage[], pattern: RegExp): TextEdit[] | undefined {
  const prefix = sharedPrefix(usages.map((u) => u.key));
  if (!prefix || !headerLineRoundTrips([prefix], pattern)) return undefined;
  return [insertHeader(file.text, headerLine([prefix]))];
}

/** The one decision on a key, whatever the language: whether it is under one of the header's prefixes. */
function underHeader(header: PrefixHeader, key: StringValue): boolean {
  return header.prefixes.some(({ prefix }) => keyMatchesPrefix(key, prefix));
}

function checkKeys(context: RuleContext<Options, MessageId>, header: PrefixHeader, usages: KeyUsage[]): void {
  const declared = header.prefixes.map((p) => p.prefix);
  for (const usage of usages) {
    if (underHeader(header, usage.key)) continue;
    context.report({
      start: usage.start,
      end: usage.end,
      messageId: 'keyOutsidePrefix',
      data: { key: usage.keyText, prefixes: declared.length > 0 ? declared.join(', ') : 'none' },
    });
  }
}

function hasKey(call: ApiCall): boolean {
  return call.api === 'secure-store' && call.key !== undefined;
}

const isDartFile = (fileName: string) => fileName.endsWith('.dart');

/** Each declared prefix is reported once, naming the first other file it overlaps and how many more there are. */
function checkOverlaps(context: ProjectContext<Options, MessageId>): void {
  const pattern = headerRegExp(context.options.headerPattern);
  const fileNames = context.files.map((file) => file.source.fileName);
  const declared = context.files.flatMap(({ source: file }) => {
    const header = findPrefixHeader(file, pattern);
    return header ? [{ file, header }] : [];
  });
  for (const own of declared) {
    const seen = new Set<string>();
    for (const mine of own.header.prefixes) {
      if (seen.has(mine.prefix)) continue;
      seen.add(mine.prefix);
      const clashes = declared.flatMap((other) => {
        if (other.file.fileName === own.file.fileName) return [];
        const theirs = other.header.prefixes.find((p) => prefixesOverlap(mine.prefix, p.prefix));
        return theirs ? [{ file: other.file, prefix: theirs.prefix, start: theirs.start }] : [];
      });
      const first = clashes[0];
      if (!first) continue;
      const more = clashes.length - 1;
      context.report(own.file, {
        start: mine.start,
        end: mine.end,
        // A Dart file's keys are flutter_secure_storage's: its message does not name expo-secure-store.
        messageId: isDartFile(own.file.fileName) ? 'overlappingPrefixDart' : 'overlappingPrefix',
        data: {
          prefix: mine.prefix,
          otherPrefix: first.prefix,
          otherFile: uniquePathSuffix(first.file.fileName, fileNames),
          others: more === 0 ? '' : ` and ${more} more`,
        },
        // Every file it overlaps, by full path: the message names one and counts the rest.
        related: clashes.map((clash) => ({ file: clash.file.fileName, line: lineAndCharacter(clash.file, clash.start).line + 1 })),
      });
    }
  }
}

/** `2 keys and 1 key pattern`; `unresolved keys` when the file names neither. */
function countPhrase(keys: number, patterns: number): string {
  const parts = [...(keys ? [plural(keys, 'key')] : []), ...(patterns ? [plural(patterns, 'key pattern')] : [])];
  return parts.length ? parts.join(' and ') : 'unresolved keys';
}

/** The same count among resolved keys. */
function describeKeyTexts(keys: StringValue[]): string {
  const named = new Set(keys.filter((k) => k.kind === 'exact').map((k) => describeString(k)));
  const patterns = new Set(keys.filter((k) => k.kind !== 'exact').map((k) => describeString(k)));
  return countPhrase(named.size, patterns.size);
}

/** Dart: files with keyed flutter_secure_storage calls declare their prefix in a `//` or `///` header comment, and keep their keys under it. */
function checkFacts(context: FactsContext<Options, MessageId>): void {
  const keyed = context.facts.operations.filter((op) => op.store === 'flutter-secure-storage' && op.keyed);
  const first = keyed[0];
  if (!first) return;
  const header = findPrefixHeader(context.facts.source, headerRegExp(context.options.headerPattern));
  if (!header) {
    const keys = keyed.flatMap((op) => (op.key ? [op.key] : []));
    context.report({
      start: first.range.start,
      end: first.range.end,
      messageId: 'missingHeaderDart',
      data: { keys: describeKeyTexts(keys), example: examplePrefix(keys) },
    });
    return;
  }
  const declared = header.prefixes.map((p) => p.prefix);
  for (const op of keyed) {
    if (!op.key || underHeader(header, op.key)) continue;
    const at = op.keyRange ?? op.range;
    context.report({
      start: at.start,
      end: at.end,
      messageId: 'keyOutsidePrefixDart',
      data: { key: op.keyText ?? describeString(op.key), prefixes: declared.length > 0 ? declared.join(', ') : 'none' },
    });
  }
}

export default defineRule<Options, MessageId>({
  id: 'require-prefix-header',
  meta: {
    type: 'suggestion',
    description: 'Require files that call SecureStore to declare their key prefix in a header comment, and keep their keys under it',
    recommended: 'warn',
    messages,
    fixable: 'code',
    schema: {
      type: 'object',
      properties: {
        headerPattern: {
          type: 'string',
          minLength: 1,
          description: 'Regular expression that finds the header in a leading comment; its first capture group is the comma-separated list of prefixes.',
        },
      },
      additionalProperties: false,
    },
    defaultOptions: { headerPattern: DEFAULT_HEADER_PATTERN },
    followsImports: true,
  },
  check(context) {
    const file = context.file;
    const pattern = headerRegExp(context.options.headerPattern);
    checkWrapperKeys(context, pattern);
    const first = findApiCalls(file).find(hasKey);
    if (!first) return;
    const usages = secureStoreUsages(file);
    const header = findPrefixHeader(file.sf, pattern);
    if (header) {
      checkKeys(context, header, usages);
      return;
    }
    context.report({
      node: first.node,
      messageId: 'missingHeader',
      data: { keys: describeKeyCount(file, usages), example: examplePrefix(usages.map((u) => u.key)) },
      fix: headerFix(file, usages, pattern),
    });
  },
  checkFacts,
  checkProject: checkOverlaps,
});
