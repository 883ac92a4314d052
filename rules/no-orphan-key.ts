import { defineRule, keysByStore, mayHaveOperation, storeName, uniquePathSuffix, type KeyUsage, type StoreKeys } from '../src/core/rule-api.js';

// A key read but never written is a typo or a leftover; a key written but
// never read is a secret kept for nothing. Both need every file at once: the
// CLI runs this rule; the ESLint plugin, which sees one file, reports nothing.

const messages = {
  readNeverWritten: "{{store}} key '{{key}}' is never written{{hint}}",
  writtenNeverRead: "{{store}} key '{{key}}' is never read{{hint}}",
} as const;

type MessageId = keyof typeof messages;

/** Optimal string alignment distance: edits, with a swap of neighbours counting as one. */
export function editDistance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0]![j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i]![j] = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i]![j] = Math.min(d[i]![j]!, d[i - 2]![j - 2]! + 1);
    }
  }
  return d[a.length]![b.length]!;
}

/** A differently spelled key of the same store that the orphan was probably meant to be. */
function nearDuplicate(orphan: KeyUsage, keys: StoreKeys, wanted: 'write' | 'read'): KeyUsage | undefined {
  if (orphan.key.kind !== 'exact') return undefined;
  const limit = orphan.keyText.length >= 8 ? 2 : 1;
  let best: { usage: KeyUsage; distance: number } | undefined;
  for (const usage of keys.usages) {
    if (usage.operation !== wanted || usage.key.kind !== 'exact' || usage.keyText === orphan.keyText) continue;
    const distance = usage.keyText.toLowerCase() === orphan.keyText.toLowerCase() ? 0 : editDistance(usage.keyText, orphan.keyText);
    if (distance <= limit && (!best || distance < best.distance)) best = { usage, distance };
  }
  return best?.usage;
}

export default defineRule<object, MessageId>({
  id: 'no-orphan-key',
  meta: {
    type: 'problem',
    description: 'Disallow storage keys that are read but never written, or written but never read',
    // Only a whole-app audit can say a key is never written or read, and native
    // code or app extensions may use a key: too noisy for recommended.
    recommended: 'off',
    messages,
    schema: { type: 'object', properties: {}, additionalProperties: false },
    defaultOptions: {},
    followsImports: true,
  },
  check() {
    // One file cannot show that a key is never written or read elsewhere.
  },
  checkProject(context) {
    const fileNames = context.files.map((file) => file.source.fileName);
    for (const [store, keys] of keysByStore(context.files)) {
      const seen = new Set<string>();
      for (const usage of keys.usages) {
        if (usage.key.kind !== 'exact' || usage.operation === 'delete') continue;
        const id = `${usage.operation}\u0000${usage.keyText}`;
        if (seen.has(id)) continue;
        seen.add(id);
        const counterpart = usage.operation === 'read' ? 'write' : 'read';
        if (mayHaveOperation(keys, usage.key, counterpart)) continue;
        // Read and deleted but never written: a legacy key being migrated away, on purpose.
        if (usage.operation === 'read' && keys.usages.some((u) => u.operation === 'delete' && u.keyText === usage.keyText)) continue;
        const near = nearDuplicate(usage, keys, counterpart);
        const hint = near ? `; did you mean '${near.keyText}' (${uniquePathSuffix(near.file.fileName, fileNames)}:${near.line})?` : '.';
        context.report(usage.file, {
          start: usage.start,
          end: usage.end,
          messageId: usage.operation === 'read' ? 'readNeverWritten' : 'writtenNeverRead',
          data: { key: usage.keyText, store: storeName(store), hint },
          ...(near ? { related: [{ file: near.file.fileName, line: near.line }] } : {}),
        });
      }
    }
  },
});
