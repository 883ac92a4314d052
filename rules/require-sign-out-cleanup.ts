import {
  CLASSIFIER_SCHEMA_PROPERTIES,
  classifierFor,
  defineRule,
  keysByStore,
  mayHaveOperation,
  storeName,
  type ClassifierOptions,
  type KeyUsage,
} from '../src/core/rule-api.js';

// Every secret written must be removed at sign-out, or the next person to use
// the device inherits it. This needs every file at once: the CLI runs it; the
// ESLint plugin, which sees one file, reports nothing.

type Options = ClassifierOptions;

const messages = {
  neverDeleted: "Secret '{{key}}' is written to {{store}} but never deleted; delete it at sign-out.",
} as const;

type MessageId = keyof typeof messages;

export default defineRule<Options, MessageId>({
  id: 'require-sign-out-cleanup',
  meta: {
    type: 'problem',
    description: 'Require every secret written to storage to be deleted somewhere, such as at sign-out',
    recommended: 'warn',
    messages,
    schema: { type: 'object', properties: { ...CLASSIFIER_SCHEMA_PROPERTIES }, additionalProperties: false },
    defaultOptions: {},
    followsImports: true,
  },
  check() {
    // One file cannot show that a key is never deleted elsewhere.
  },
  checkProject(context) {
    const classifier = classifierFor(context.options);
    for (const [store, keys] of keysByStore(context.files)) {
      const reported = new Set<string>();
      // A flag or a number written under a secret's name is no secret: nothing to delete.
      const writes = keys.usages.filter((u: KeyUsage) => u.operation === 'write' && !u.flag && classifier.isSensitive(u.keyText));
      for (const write of writes) {
        // Unknown deletes (a wrapper's parameter, clear()) may remove it: say nothing.
        if (reported.has(write.keyText) || mayHaveOperation(keys, write.key, 'delete')) continue;
        reported.add(write.keyText);
        context.report(write.file, {
          start: write.start,
          end: write.end,
          messageId: 'neverDeleted',
          data: {
            key: write.keyText,
            store: storeName(store),
          },
        });
      }
    }
  },
});
