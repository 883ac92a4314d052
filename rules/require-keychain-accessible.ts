import {
  defineRule,
  DEPRECATED_KEYCHAIN_CLASSES,
  findStorageCalls,
  isBackgroundOrColdStart,
  isColdStartFunctionName,
  resolveExpression,
  oldLocationCalls,
  resolveKeychainClass,
  resolveObject,
  resolveString,
  describeString,
  secureStoreMemberReference,
  stripWrappers,
  ts,
  type ApiCall,
  type FactsContext,
  type FileFacts,
  type RuleContext,
  type StorageOperationFact,
  type StoreConstructionFact,
  type SuggestionData,
  type TextEdit,
} from '../src/core/rule-api.js';

interface Options {
  requireThisDeviceOnly: boolean;
  checkReadsAndDeletes: boolean;
}

// Short messages that name the call; the facts behind them are in the rule's doc.
// The call is named without its SecureStore receiver (`setItemAsync('auth.token')`):
// the rule is about SecureStore's options alone, and a keychain constant, a key
// and the call do not fit one short sentence with it.
// expo-secure-store sets the item's class (kSecAttrAccessible) only when it
// writes: reads and deletes look the item up by service and key alone.
const messages = {
  missingOptions: '{{call}} has no keychainAccessible; pass {{suggested}}.',
  missingKeychainAccessible: '{{call}} has options without keychainAccessible; pass {{suggested}}.',
  missingOnReadOrDelete: '{{call}} has no keychainAccessible; pass the options this key is written with.',
  deprecatedClass: '{{call}} uses the deprecated {{value}}; use {{suggested}}.',
  notThisDeviceOnly: '{{call}} uses {{value}}, not a device-only class; use {{suggested}}.',
  // The value itself is where the finding points; a string naming a constant would print the constant twice.
  notAConstant: '{{call}} sets keychainAccessible to {{valueKind}}, not a constant; use {{suggested}}.',
  addKeychainAccessible: 'Pass keychainAccessible: {{constant}}.',
  useClass: 'Use {{constant}} instead.',
  // flutter_secure_storage: the iOS class comes from the instance's iOptions, or from a call's own iOptions, which replace them.
  instanceWithoutAccessibility: '{{call}} sets no iOS accessibility; pass KeychainAccessibility.{{suggested}} in its iOptions.',
  callWithoutAccessibility: '{{call}}(…) has iOptions without accessibility; add KeychainAccessibility.{{suggested}}.',
  // The class alone, as in the suggestion: KeychainAccessibility is the only enum it can be.
  dartNotThisDeviceOnly: '{{call}} uses {{value}}, not a device-only class; use {{suggested}}.',
  synchronizable: '{{call}} sets synchronizable: true, so the item syncs via iCloud Keychain; leave it false.',
} as const;

type MessageId = keyof typeof messages;

/** Read at cold start or in the background needs the class that is readable before first unlock. */
function suggestedClass(call: ApiCall): string {
  return isBackgroundOrColdStart(call.node) ? 'AFTER_FIRST_UNLOCK_THIS_DEVICE_ONLY' : 'WHEN_UNLOCKED_THIS_DEVICE_ONLY';
}

const MAX_KEY_LENGTH = 40;

/** `setItemAsync('auth.token')`, `save() → setItemAsync('auth.token')`: the call and its key (a key, never a value), or `(…)` when unknown. */
function describeCall(call: ApiCall, file: RuleContext<Options, MessageId>['file']): string {
  const name = call.apiName.replace(/\bSecureStore\.(?=\w+$)/, '');
  const key = call.key && resolveString(call.key, file);
  // A template with no literal text says nothing a reader could look for.
  if (!key || (key.kind === 'pattern' && !key.parts.some((p) => p))) return `${name}(…)`;
  const text = describeString(key);
  return `${name}('${text.length > MAX_KEY_LENGTH ? `${text.slice(0, MAX_KEY_LENGTH - 1)}…` : text}')`;
}

/** What a keychainAccessible that is no constant is: `'WHEN_UNLOCKED'` is a string, `2` a number. */
function valueKind(text: string): string {
  if (text === 'undefined') return 'undefined';
  return /^['"`]/.test(text) ? 'a string' : 'a number';
}

function isUndefinedLiteral(expr: ts.Expression | undefined): boolean {
  return !!expr && ts.isIdentifier(stripWrappers(expr)) && stripWrappers(expr).getText() === 'undefined';
}

/** Suggestion that appends an options object after the call's last needed argument. */
function addOptionsArgument(context: RuleContext<Options, MessageId>, call: ApiCall, constant: string): SuggestionData<MessageId> | undefined {
  const reference = secureStoreMemberReference(context.file, constant);
  const optionsIndex = call.shape.options!;
  const args = call.node.arguments;
  const objectText = `{ keychainAccessible: ${reference?.text} }`;
  if (!reference) return undefined;
  let edit: TextEdit;
  if (args.length > optionsIndex) {
    // An explicit `undefined` stands where the options go: replace it.
    const arg = args[optionsIndex]!;
    edit = { start: arg.getStart(context.file.sf), end: arg.getEnd(), text: objectText };
  } else if (args.length === optionsIndex) {
    const last = args[args.length - 1]!;
    edit = { start: last.getEnd(), end: last.getEnd(), text: `, ${objectText}` };
  } else {
    return undefined; // required arguments are missing; nothing sensible to add
  }
  return { messageId: 'addKeychainAccessible', data: { constant: reference.text }, edits: [...reference.edits, edit] };
}

/** Suggestion that adds the property to an object literal written in this file. */
function addProperty(context: RuleContext<Options, MessageId>, object: ts.ObjectLiteralExpression, constant: string): SuggestionData<MessageId> | undefined {
  if (object.getSourceFile() !== context.file.sf) return undefined;
  const reference = secureStoreMemberReference(context.file, constant);
  if (!reference) return undefined;
  const open = object.getStart(context.file.sf) + 1;
  const text = object.properties.length === 0 ? ` keychainAccessible: ${reference.text} ` : ` keychainAccessible: ${reference.text},`;
  return {
    messageId: 'addKeychainAccessible',
    data: { constant: reference.text },
    edits: [...reference.edits, { start: open, end: open, text }],
  };
}

function replaceValue(context: RuleContext<Options, MessageId>, node: ts.Node, constant: string): SuggestionData<MessageId> | undefined {
  if (node.getSourceFile() !== context.file.sf) return undefined;
  const reference = secureStoreMemberReference(context.file, constant);
  if (!reference) return undefined;
  return {
    messageId: 'useClass',
    data: { constant: reference.text },
    edits: [...reference.edits, { start: node.getStart(context.file.sf), end: node.getEnd(), text: reference.text }],
  };
}

function checkCall(context: RuleContext<Options, MessageId>, call: ApiCall): void {
  const report = (messageId: MessageId, node: ts.Node, data: Record<string, string>, suggestion?: SuggestionData<MessageId>) =>
    context.report({ node, messageId, data, suggestions: suggestion ? [suggestion] : undefined });
  const callName = describeCall(call, context.file);
  const suggested = suggestedClass(call);
  const isWrite = call.shape.kind === 'write';
  const missing = (kind: 'missingOptions' | 'missingKeychainAccessible'): MessageId => (isWrite ? kind : 'missingOnReadOrDelete');
  // Through a wrapper, only options the caller passes are the caller's business;
  // a wrapper's own options were checked inside it. No suggestion: the wrapper's signature is its own.
  if (call.via && !call.via.fromCaller.options) return;
  const suggest = <T>(s: T) => (call.via ? undefined : s);

  if (!call.options || isUndefinedLiteral(call.options)) {
    report(missing('missingOptions'), call.node, { call: callName, suggested }, suggest(addOptionsArgument(context, call, suggested)));
    return;
  }
  const options = resolveObject(call.options, context.file);
  if (!options) {
    // `undefined` through a constant is as good as no options; anything else unknown is left alone.
    const resolved = resolveExpression(call.options, context.file);
    if (resolved && isUndefinedLiteral(resolved.expr)) report(missing('missingOptions'), call.node, { call: callName, suggested });
    return;
  }
  const accessible = options.properties.get('keychainAccessible');
  if (!accessible) {
    if (options.complete) {
      report(missing('missingKeychainAccessible'), call.options, { call: callName, suggested }, suggest(addProperty(context, options.node, suggested)));
    }
    return;
  }
  const value = resolveKeychainClass(accessible.expr, accessible.file);
  if (!value) return;
  // Point at the value when it is written inside the call, else at the options argument.
  const inline = accessible.expr.pos >= call.options.pos && accessible.expr.end <= call.options.end && accessible.file === context.file;
  const valueNode = inline ? accessible.expr : call.options;
  if (value.kind === 'other') {
    report('notAConstant', valueNode, { call: callName, valueKind: valueKind(value.text), suggested }, replaceValue(context, accessible.expr, suggested));
  } else if (DEPRECATED_KEYCHAIN_CLASSES.has(value.name)) {
    report('deprecatedClass', valueNode, { call: callName, value: value.name, suggested }, replaceValue(context, accessible.expr, suggested));
  } else if (context.options.requireThisDeviceOnly && !value.name.endsWith('_THIS_DEVICE_ONLY')) {
    report('notThisDeviceOnly', valueNode, { call: callName, value: value.name, suggested }, replaceValue(context, accessible.expr, suggested));
  }
}

/** The flutter_secure_storage class for the same choice as `suggestedClass`: by the functions the instance or call is used in. */
function suggestedDartClass(operations: StorageOperationFact[]): string {
  return operations.some((op) => isColdStartFunctionName(op.functionName)) ? 'first_unlock_this_device' : 'unlocked_this_device';
}

/**
 * For a construction: by its calls in this file; with none (it is handed to
 * an app class, `SettingsDatasource(FlutterSecureStorage())`), by the
 * function it is written in, where that store's life begins.
 */
function suggestedForConstruction(construction: StoreConstructionFact, uses: StorageOperationFact[]): string {
  if (uses.length === 0 && construction.functionName !== undefined) {
    return isColdStartFunctionName(construction.functionName) ? 'first_unlock_this_device' : 'unlocked_this_device';
  }
  return suggestedDartClass(uses);
}

/** `_storage.write('auth.token')`: the call and its key, as the TypeScript messages name them. */
function describeFactCall(op: StorageOperationFact): string {
  if (!op.keyText || (op.key?.kind === 'pattern' && !op.key.parts.some((p) => p))) return `${op.call}(…)`;
  const text = op.keyText;
  return `${op.call}('${text.length > MAX_KEY_LENGTH ? `${text.slice(0, MAX_KEY_LENGTH - 1)}…` : text}')`;
}

/** Where an item lives: every option that decides it, as one value. */
const placementText = (op: StorageOperationFact) => JSON.stringify(Object.entries(op.placement!).sort());

/**
 * The reads and deletes of a migration's old location (see migration.ts):
 * their options must stay the old ones to find the item, since the package's
 * keychain query includes the class, so they are no finding.
 */
function migrationSources(secure: StorageOperationFact[]): Set<StorageOperationFact> {
  const byKey = new Map<string, StorageOperationFact[]>();
  for (const op of secure) if (op.keyText !== undefined && op.placement !== undefined) byKey.set(op.keyText, [...(byKey.get(op.keyText) ?? []), op]);
  return new Set([...byKey.values()].flatMap((calls) => [...oldLocationCalls(calls, placementText)]));
}

/** A construction that is the receiver of its only call, a delete: the instance lives for that call alone. */
function isOneShotDelete(construction: StoreConstructionFact, uses: StorageOperationFact[]): boolean {
  const [only, ...more] = uses;
  return only !== undefined && more.length === 0 && only.operation === 'delete' && only.range.start === construction.range.start;
}

/**
 * flutter_secure_storage: a construction whose iOS options set no class is
 * reported once, where the fix goes, unless every call of it in this file
 * passes its own iOS options (which replace the instance's); a call whose own
 * iOptions lack the class is reported at the call.
 */
function checkFacts(context: FactsContext<Options, MessageId>, facts: FileFacts): void {
  const secure = facts.operations.filter((op) => op.store === 'flutter-secure-storage' && op.keyed);
  const migrated = migrationSources(secure);
  const checked = (op: StorageOperationFact) => (op.operation === 'write' || context.options.checkReadsAndDeletes) && !migrated.has(op);
  for (const construction of facts.constructions) {
    const uses = secure.filter((op) => op.optionsFrom?.construction === construction.id);
    // Every call of it here brings its own iOS options, so the instance's apply to none of them (calls in other files are not seen).
    if (uses.length > 0 && uses.every((op) => op.optionsFrom?.kind === 'call')) continue;
    // An instance that only reaches a migration's old location keeps the old options on purpose.
    if (uses.length > 0 && uses.every((op) => migrated.has(op))) continue;
    // Made for one delete (`FlutterSecureStorage().delete(key: …)`): a delete removes the item whatever its class, so the
    // instance's class does nothing; only checkReadsAndDeletes asks for it, as a habit.
    if (!context.options.checkReadsAndDeletes && isOneShotDelete(construction, uses)) continue;
    const suggested = suggestedForConstruction(
      construction,
      uses.filter((op) => op.optionsFrom?.kind === 'construction'),
    );
    const at = { start: construction.range.start, end: construction.range.end };
    const itemClass = construction.itemClass;
    if (itemClass?.kind === 'default') context.report({ ...at, messageId: 'instanceWithoutAccessibility', data: { call: construction.call, suggested } });
    else if (itemClass?.kind === 'set' && context.options.requireThisDeviceOnly && !itemClass.thisDeviceOnly) {
      context.report({ ...at, messageId: 'dartNotThisDeviceOnly', data: { call: construction.call, value: itemClass.name, suggested } });
    }
    if (construction.synchronizable && context.options.requireThisDeviceOnly) {
      context.report({ ...at, messageId: 'synchronizable', data: { call: construction.call } });
    }
  }
  for (const op of secure) {
    if (op.optionsFrom?.kind !== 'call' || !checked(op) || op.webOnly) continue;
    const at = { start: op.range.start, end: op.range.end };
    const suggested = suggestedDartClass([op]);
    const call = describeFactCall(op);
    if (op.itemClass?.kind === 'default') context.report({ ...at, messageId: 'callWithoutAccessibility', data: { call: op.call, suggested } });
    else if (op.itemClass?.kind === 'set' && context.options.requireThisDeviceOnly && !op.itemClass.thisDeviceOnly) {
      context.report({ ...at, messageId: 'dartNotThisDeviceOnly', data: { call, value: op.itemClass.name, suggested } });
    }
    if (op.synchronizable && context.options.requireThisDeviceOnly) context.report({ ...at, messageId: 'synchronizable', data: { call } });
  }
}

export default defineRule<Options, MessageId>({
  id: 'require-keychain-accessible',
  meta: {
    type: 'problem',
    description: 'Require an explicit SecureStore keychainAccessible class on every SecureStore write',
    recommended: 'error',
    messages,
    hasSuggestions: true,
    schema: {
      type: 'object',
      properties: {
        requireThisDeviceOnly: {
          type: 'boolean',
          description: 'Also report classes that are not *_THIS_DEVICE_ONLY (on in `strict`).',
        },
        checkReadsAndDeletes: {
          type: 'boolean',
          description: 'Also report reads and deletes that name no keychain class, so every call of a key passes the same options (on in `strict`).',
        },
      },
      additionalProperties: false,
    },
    defaultOptions: { requireThisDeviceOnly: false, checkReadsAndDeletes: false },
    strictOptions: { requireThisDeviceOnly: true, checkReadsAndDeletes: true },
  },
  check(context) {
    for (const call of findStorageCalls(context.file)) {
      if (call.api !== 'secure-store' || call.shape.options === undefined) continue;
      // The class is stored with the item when it is written; elsewhere it is only a habit of consistency.
      if (call.shape.kind === 'write' || context.options.checkReadsAndDeletes) checkCall(context, call);
    }
  },
  checkFacts(context) {
    checkFacts(context, context.facts);
  },
});
