import {
  defineRule,
  KEYCHAIN_OPTION_NAMES,
  keyUsages,
  namesKeyFamily,
  oldLocationCalls,
  type KeychainOptionName,
  type FactsContext,
  type KeyUsage,
  type ProjectContext,
  type StorageOperationFact,
  type ReportDescriptor,
  type RuleContext,
  type SourceText,
  uniquePathSuffix,
} from '../src/core/rule-api.js';

// One SecureStore key must be written, read and deleted with the same
// keychain options: a different keychainService or accessGroup is a different
// keychain item (the read returns null, the delete misses it), and writes with
// different classes leave the item in whichever class ran last.

const DEFAULT = '(default)';

const messages = {
  // Two keychain constants, the key and the other site do not fit one short sentence: it names the setting the
  // other site uses, and this site's own value is the one in the reported call.
  inconsistentOption: "SecureStore key '{{key}}' has {{setting}} at {{where}}; use it here.",
  // The store is the rule's (flutter_secure_storage is the only Dart store with options); the enum's class name is left out of values.
  inconsistentOptionDart: "Key '{{key}}' has {{option}} {{value}} here but {{otherValue}} at {{where}}; use one value.",
} as const;

type MessageId = keyof typeof messages;

/** The value a site uses for an option; undefined when the site tells nothing certain about it. */
function valueAt(usage: KeyUsage, option: KeychainOptionName): string | undefined {
  if (!usage.options) return undefined;
  const value = usage.options[option];
  if (value === 'unknown') return undefined;
  // A missing class is require-keychain-accessible's finding, not a conflict.
  if (value === undefined) return option === 'keychainAccessible' ? undefined : DEFAULT;
  // requireAuthentication defaults to false: writing `false` is the same as leaving it out.
  if (option === 'requireAuthentication' && value === 'false') return DEFAULT;
  return value;
}

/**
 * `keychainService auth`; a keychain class alone (`WHEN_UNLOCKED_THIS_DEVICE_ONLY`):
 * only keychainAccessible takes SecureStore's constants, so the constant names the option.
 */
const settingText = (option: KeychainOptionName, value: string) => (option === 'keychainAccessible' ? value : `${option} ${value}`);

/**
 * Compares the sites of one key, option by option. `fileNames` are the files
 * of the audit: a message names another file by as much of its path as tells
 * it apart from them.
 */
function checkGroup(usages: KeyUsage[], fileNames: string[], report: (file: SourceText, descriptor: ReportDescriptor<MessageId>) => void): void {
  for (const option of KEYCHAIN_OPTION_NAMES) {
    // keychainAccessible matters where the item is created: compare writes only.
    const sites = usages.filter((u) => valueAt(u, option) !== undefined && (option !== 'keychainAccessible' || u.operation === 'write'));
    const values = new Set(sites.map((u) => valueAt(u, option)));
    if (values.size < 2) continue;
    // The reference is what the writes use most (every site counts when there is no write): a write
    // decides how the item is kept, and reads or deletes outnumbering it do not make its protection the odd one out.
    const writes = sites.filter((u) => u.operation === 'write');
    const count = new Map<string, number>();
    for (const u of writes.length > 0 ? writes : sites) count.set(valueAt(u, option)!, (count.get(valueAt(u, option)!) ?? 0) + 1);
    const reference = [...count].sort((a, b) => b[1] - a[1])[0]![0];
    const anchor = sites.find((u) => valueAt(u, option) === reference && u.operation === 'write') ?? sites.find((u) => valueAt(u, option) === reference)!;
    // A loop over a list that names the key twice (`[`${PREFIX}${id}`, `wallet_${id}`]`) is one call: one finding.
    const reported = new Set<string>();
    for (const site of sites) {
      const value = valueAt(site, option)!;
      if (value === reference) continue;
      const at = `${site.file.fileName}:${site.start}:${site.end}`;
      if (reported.has(at)) continue;
      reported.add(at);
      report(site.file, {
        start: site.start,
        end: site.end,
        messageId: 'inconsistentOption',
        data: {
          key: site.keyText,
          setting: settingText(option, reference),
          where: anchor.file.fileName === site.file.fileName ? `line ${anchor.line}` : `${uniquePathSuffix(anchor.file.fileName, fileNames)}:${anchor.line}`,
        },
        related: [{ file: anchor.file.fileName, line: anchor.line }],
      });
    }
  }
}

/**
 * flutter_secure_storage options that decide which item a call reaches, and
 * the operations whose query includes them: deletes remove an item whatever
 * its class or synchronizable flag (the package's 10.0.0 changelog).
 */
const DART_OPTIONS: Record<string, { default: string; operations: string[] }> = {
  // A different accountName is a different keychain item: reads return null and deletes miss it.
  accountName: {
    default: DEFAULT,
    operations: ['write', 'read', 'delete'],
  },
  // A different groupId is a different keychain item: reads return null and deletes miss it.
  groupId: {
    default: DEFAULT,
    operations: ['write', 'read', 'delete'],
  },
  // The package's keychain queries include the accessibility class: a read with another class does not find the item.
  accessibility: {
    default: 'KeychainAccessibility.unlocked',
    operations: ['write', 'read'],
  },
  // The keychain query includes synchronizable: a read with another value does not find the item.
  synchronizable: {
    default: 'false',
    operations: ['write', 'read'],
  },
  // A different Android preferences file is a different entry: reads return null and deletes miss it.
  sharedPreferencesName: {
    default: DEFAULT,
    operations: ['write', 'read', 'delete'],
  },
  // A different Android key prefix is a different entry: reads return null and deletes miss it.
  preferencesKeyPrefix: {
    default: DEFAULT,
    operations: ['write', 'read', 'delete'],
  },
  // A different Android storage namespace is a different entry: reads return null and deletes miss it.
  storageNamespace: {
    default: DEFAULT,
    operations: ['write', 'read', 'delete'],
  },
};

/** `KeychainAccessibility.unlocked` → `unlocked`: the option's name, in the message, already says which enum. */
const withoutEnumClass = (value: string) => value.replace(/^[A-Z]\w*\.(?=\w+$)/, '');

/** Dart: the calls of one flutter_secure_storage key in this file, compared option by option. */
function checkFacts(context: FactsContext<object, MessageId>): void {
  const groups = new Map<string, StorageOperationFact[]>();
  for (const op of context.facts.operations) {
    if (op.store !== 'flutter-secure-storage' || !op.key || !op.keyText || !op.placement || !namesKeyFamily(op.key)) continue;
    groups.set(op.keyText, [...(groups.get(op.keyText) ?? []), op]);
  }
  for (const group of groups.values()) {
    for (const [option, { default: fallback, operations }] of Object.entries(DART_OPTIONS)) {
      const valueOf = (op: StorageOperationFact) => op.placement![option] ?? fallback;
      const oldLocation = oldLocationCalls(group, valueOf);
      const sites = group.filter((op) => operations.includes(op.operation) && !oldLocation.has(op));
      if (new Set(sites.map(valueOf)).size < 2) continue;
      // The reference is what the writes and the instance's own options use most: a call's own options are the odd ones out.
      const weight = new Map<string, number>();
      for (const op of sites) {
        const w = (op.operation === 'write' ? 2 : 1) + (op.optionsFrom?.kind === 'construction' ? 2 : 0);
        weight.set(valueOf(op), (weight.get(valueOf(op)) ?? 0) + w);
      }
      const reference = [...weight].sort((a, b) => b[1] - a[1])[0]![0];
      const anchor = sites.find((op) => valueOf(op) === reference)!;
      for (const site of sites) {
        if (valueOf(site) === reference) continue;
        context.report({
          start: site.range.start,
          end: site.range.end,
          messageId: 'inconsistentOptionDart',
          data: {
            key: site.keyText!,
            option,
            value: withoutEnumClass(valueOf(site)),
            otherValue: withoutEnumClass(reference),
            where: `line ${anchor.range.line}`,
          },
        });
      }
    }
  }
}

function groupByKey(usages: KeyUsage[]): KeyUsage[][] {
  const groups = new Map<string, KeyUsage[]>();
  for (const usage of usages) {
    // Calls with the same pattern (`${…}-mnemonic`, built by one helper) are one family of items.
    if (usage.store !== 'secure-store' || !namesKeyFamily(usage.key)) continue;
    const list = groups.get(usage.keyText) ?? [];
    list.push(usage);
    groups.set(usage.keyText, list);
  }
  return [...groups.values()];
}

export default defineRule<object, MessageId>({
  id: 'consistent-keychain-options',
  meta: {
    type: 'problem',
    description: 'Require the same keychain options on every set, get and delete of a SecureStore key',
    recommended: 'error',
    messages,
    schema: { type: 'object', properties: {}, additionalProperties: false },
    defaultOptions: {},
    followsImports: true,
  },
  check(context: RuleContext<object, MessageId>) {
    if (context.projectPass) return; // the CLI compares across every file instead
    const usages = keyUsages(context.file);
    const fileNames = usages.map((u) => u.file.fileName);
    for (const group of groupByKey(usages)) checkGroup(group, fileNames, (_file, d) => context.report(d));
  },
  checkFacts,
  checkProject(context: ProjectContext<object, MessageId>) {
    const fileNames = context.files.map((file) => file.source.fileName);
    for (const group of groupByKey(context.files.flatMap((file) => file.keyUsages))) checkGroup(group, fileNames, context.report);
  },
});
