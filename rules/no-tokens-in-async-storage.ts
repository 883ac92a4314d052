import {
  CLASSIFIER_SCHEMA_PROPERTIES,
  classifierFor,
  defineRule,
  describeString,
  elementPairs,
  findPersistedStates,
  findStorageCalls,
  isFunctionValued,
  isWebOnlyBranch,
  jsonStringifyArgument,
  nonSecretValue,
  objectFields,
  shortFieldLabel,
  PLAINTEXT_STORES,
  resolveExpression,
  resolveKeys,
  resolveObject,
  storeName,
  stripWrappers,
  ts,
  valueNames,
  type ApiCall,
  type ApiName,
  type FactsContext,
  type FileModel,
  type PersistedState,
  type RuleContext,
  type SecretClassifier,
  type StringValue,
} from '../src/core/rule-api.js';

// AsyncStorage keeps values unencrypted. A write whose key or value names a
// secret puts that secret in plaintext on the device. Reads and removals are
// not findings: a migration reads the legacy token and removes it on purpose.

interface Options {
  sensitivePatterns?: string[];
  ignorePatterns?: string[];
}

/** The Flutter plaintext stores (Dart facts), with what makes each one plaintext. */
const FLUTTER_STORES: Record<string, { store: string; facts: string }> = {
  'shared-preferences': {
    store: 'SharedPreferences',
    facts: "SharedPreferences is not encrypted: the values sit in a plain preferences file in the app's data.",
  },
  hive: {
    store: 'a plaintext Hive box',
    facts: "A Hive box opened without an encryptionCipher keeps its values unencrypted in a file in the app's data.",
  },
  'get-storage': {
    store: 'GetStorage',
    facts: "GetStorage is not encrypted: the values sit in a plain file in the app's data.",
  },
};

/** The other plaintext stores, with what makes each one plaintext. */
const OTHER_STORES: Partial<Record<ApiName, { store: string; facts: string }>> = {
  mmkv: {
    store: 'plaintext MMKV',
    facts: 'MMKV encrypts only when the instance is created with an encryptionKey; without one the values sit unencrypted in a file in the app sandbox.',
  },
  'web-storage': {
    store: 'web storage',
    facts: 'localStorage and sessionStorage are unencrypted and readable by every script that runs on the page.',
  },
};

const messages = {
  sensitiveKey: "{{call}}() stores secret key '{{key}}' unencrypted; use expo-secure-store.",
  sensitiveValue: '{{call}}() stores the secret {{name}} unencrypted; use expo-secure-store.',
  sensitiveKeyInPlaintextStore: "{{call}}() stores secret key '{{key}}' in {{store}}; use expo-secure-store.",
  sensitiveValueInPlaintextStore: '{{call}}() stores the secret {{name}} in {{store}}; use expo-secure-store.',
  // The fields are named for the secrets they hold (`session.refreshToken`): the names say what is secret.
  sensitiveFields: '{{call}}() stores {{fields}} unencrypted; use expo-secure-store.',
  sensitiveFieldsInPlaintextStore: '{{call}}() stores {{fields}} in {{store}}; use expo-secure-store.',
  // zustand's persist: a field path can be long (`wallets[…].session.token`), so the sentence around it is short.
  persistedFields: '{{call}}() writes secret {{fields}} to {{store}}; use expo-secure-store.',
  // A wrapper that writes each element of a list: the secret keys among the pairs the caller passes, at the call.
  listedKeys: '{{call}}() saves secret {{keys}} unencrypted; use expo-secure-store.',
  // Dart: the Flutter plaintext stores, and flutter_secure_storage as the remedy.
  sensitiveKeyInFlutterStore: "{{call}}() stores secret key '{{key}}' in {{store}}; use flutter_secure_storage.",
  sensitiveValueInFlutterStore: '{{call}}() stores the secret {{name}} in {{store}}; use flutter_secure_storage.',
} as const;

type MessageId = keyof typeof messages;

/** The message for each finding when the store is not AsyncStorage. */
const PLAINTEXT_MESSAGE: Partial<Record<MessageId, MessageId>> = {
  sensitiveKey: 'sensitiveKeyInPlaintextStore',
  sensitiveValue: 'sensitiveValueInPlaintextStore',
  sensitiveFields: 'sensitiveFieldsInPlaintextStore',
};

/** One key/value pair a write stores, each with the file it is written in. */
interface Write {
  key?: ts.Expression;
  keyFile: FileModel;
  value?: ts.Expression;
  valueFile: FileModel;
}

/** The pairs of `multiSet([[k, v], …])` / `multiMerge`, through constants; unknown lists give none. */
function listedPairs(call: ApiCall): Write[] {
  const list = call.list && resolveExpression(call.list, call.file);
  if (!list || !ts.isArrayLiteralExpression(list.expr)) return [];
  return list.expr.elements.flatMap((element) => {
    const pair = resolveExpression(element, list.file);
    if (!pair || !ts.isArrayLiteralExpression(pair.expr)) return [];
    const [key, value] = pair.expr.elements;
    return [{ key, keyFile: pair.file, value, valueFile: pair.file }];
  });
}

function writesOf(call: ApiCall): Write[] {
  if (call.shape.pairs !== undefined) return listedPairs(call);
  // Through `useAsyncStorage(key)` the key is written where the hook is called.
  const keyFile = call.hookCall ? call.file.workspace.file(call.hookCall.getSourceFile()) : call.file;
  return [{ key: call.key, keyFile, value: call.value, valueFile: call.file }];
}

/** The value a write stores as written, with its file: the caller's, or the one a wrapper fixes itself (`setPreferenceItem(key, on ? 'true' : 'false')`). */
function storedValue(call: ApiCall, write: Write): { expr: ts.Expression; file: FileModel } | undefined {
  if (write.value) return { expr: write.value, file: write.valueFile };
  const fixed = call.via?.forwarded.value;
  return fixed?.kind === 'fixed' ? { expr: fixed.expr, file: fixed.file } : undefined;
}

/** The words of a key the classifier looks at: the literal parts of a pattern, joined. */
function keyText(key: StringValue): string {
  return key.kind === 'exact' ? key.value : key.parts.filter((p): p is string => p !== null).join(' ');
}

/** The key as messages print it, when it names a secret (the one decision on keys, whatever the language). */
function secretKey(key: StringValue | undefined, classifier: SecretClassifier): string | undefined {
  return key && classifier.isSensitive(keyText(key)) ? describeString(key) : undefined;
}

/** How the first of a value's names that names a secret is written (the one decision on values, whatever the language). */
function secretName(names: { name: string; label: string }[], classifier: SecretClassifier): string | undefined {
  return names.find((n) => classifier.isSensitiveMember(n.name))?.label;
}

/** The first key a write may use that names a secret: one key, or each property name of an object it iterates. */
function sensitiveKey(expr: ts.Expression, file: FileModel, classifier: SecretClassifier): string | undefined {
  for (const key of resolveKeys(expr, file)) {
    const secret = secretKey(key, classifier);
    if (secret !== undefined) return secret;
  }
  return undefined;
}

function sensitiveValue(expr: ts.Expression, file: FileModel, classifier: SecretClassifier): string | undefined {
  return secretName(valueNames(expr, file), classifier);
}

/**
 * Dart: writes to SharedPreferences, a Hive box without a cipher or
 * GetStorage, judged as the TypeScript writes are: a flag or a number is no
 * secret, a key that names one is reported at the key, else a value that
 * names one at the call; web-only branches never run on the device.
 */
function checkFacts(context: FactsContext<Options, MessageId>): void {
  const classifier = classifierFor(context.options);
  for (const op of context.facts.operations) {
    const store = FLUTTER_STORES[op.store];
    if (!store || op.storeKind !== 'plaintext' || op.operation !== 'write' || op.webOnly || op.value?.shape === 'flag') continue;
    const key = secretKey(op.key, classifier);
    if (key !== undefined) {
      const at = op.keyRange ?? op.range;
      context.report({ start: at.start, end: at.end, messageId: 'sensitiveKeyInFlutterStore', data: { call: op.call, key, ...store } });
      continue;
    }
    const name = op.value && secretName(op.value.names, classifier);
    if (name !== undefined)
      context.report({ start: op.range.start, end: op.range.end, messageId: 'sensitiveValueInFlutterStore', data: { call: op.call, name, ...store } });
  }
}

/** Whether a wrapper's own fixed key already names a secret: that is reported inside the wrapper. */
function wrapperKeyIsSensitive(call: ApiCall, classifier: SecretClassifier): boolean {
  const key = call.via?.forwarded.key;
  return key?.kind === 'fixed' && sensitiveKey(key.expr, key.file, classifier) !== undefined;
}

function checkCall(context: RuleContext<Options, MessageId>, call: ApiCall, reported: Set<string>): void {
  const classifier = classifierFor(context.options);
  // Web-only branches (Platform.OS === 'web') never run on the device.
  const storageCall = call.via?.forwarded.call ?? call;
  if (isWebOnlyBranch(storageCall.node, storageCall.file)) return;
  if (wrapperKeyIsSensitive(call, classifier)) return;
  if (call.via?.elements) {
    checkListedElements(context, call, call.via.elements, classifier);
    return;
  }
  const report = (messageId: MessageId, node: ts.Node, data: Record<string, string>) => {
    // A key written in another file (a hook created there) is reported on this call.
    const at = node.getSourceFile() === context.file.sf ? node : call.node;
    const id = `${messageId}:${at.pos}:${at.end}`;
    if (reported.has(id)) return;
    reported.add(id);
    const other = OTHER_STORES[call.api];
    if (other) {
      const plaintextId = PLAINTEXT_MESSAGE[messageId] ?? messageId;
      context.report({ node: at, messageId: plaintextId, data: { call: call.apiName, ...data, ...other } });
    } else {
      context.report({ node: at, messageId, data: { call: call.apiName, ...data } });
    }
  };
  // One finding per stored pair: a key that names a secret already says what the value is.
  for (const write of writesOf(call)) {
    // A flag, a salt, an enum's member is no secret, whatever the key says.
    const value = storedValue(call, write);
    if (value && nonSecretValue(value.expr, value.file) !== undefined) continue;
    const key = write.key && sensitiveKey(write.key, write.keyFile, classifier);
    if (key !== undefined) {
      // Through `useAsyncStorage(key)` the secret is written by the setItem call, not where the hook is created.
      report('sensitiveKey', call.hookCall ? call.node : write.key!, { key });
      continue;
    }
    const name = write.value && sensitiveValue(write.value, write.valueFile, classifier);
    if (name !== undefined) {
      report('sensitiveValue', write.value!, { name });
      continue;
    }
    // `JSON.stringify(state)` where `state` is declared with a type whose fields name secrets.
    const stringified = write.value && jsonStringifyArgument(write.value, write.valueFile);
    const ownFields = stringified && sensitiveFields(stringified, write.valueFile, classifier);
    if (ownFields) {
      report('sensitiveFields', write.value!, { fields: ownFields });
      continue;
    }
    // `saveSession(session)` where the wrapper stores `JSON.stringify(s)`: the object's own fields,
    // unless the wrapper's parameter is declared with them, which is reported inside the wrapper.
    const serialised = call.via?.serialised;
    const fields = serialised && !wrapperDeclaresSecretFields(call, classifier) && sensitiveFields(serialised, call.file, classifier);
    if (fields) report('sensitiveFields', serialised, { fields });
  }
}

/**
 * A wrapper that writes each element of the caller's list
 * (`writePairs([{ key: 'auth.token', value: t }])`): one finding at the call
 * naming the pairs' secret keys. A pair whose value is nothing or says it is
 * no secret (a flag, a number) stores none; a pair whose key is not known
 * gives nothing.
 */
function checkListedElements(
  context: RuleContext<Options, MessageId>,
  call: ApiCall,
  elements: NonNullable<NonNullable<ApiCall['via']>['elements']>,
  classifier: SecretClassifier,
): void {
  const keys = new Set<string>();
  for (const pair of elementPairs(elements.list, call.file, elements.key, elements.value)) {
    if (pair.value && (isNothing(pair.value.expr) || nonSecretValue(pair.value.expr, pair.value.file) !== undefined)) continue;
    const key = secretKey(pair.key, classifier);
    if (key !== undefined) keys.add(key);
  }
  if (keys.size === 0) return;
  const listed = [...keys].map((key) => `'${key}'`);
  const data = { call: call.apiName, keys: '' };
  const room = MAX_MESSAGE_LENGTH - messages.listedKeys.replace(/\{\{(\w+)\}\}/g, (_, name: keyof typeof data) => data[name]).length;
  context.report({ node: call.node, messageId: 'listedKeys', data: { ...data, keys: fitKeys(listed, room) } });
}

/** `key 'a'` / `keys 'a', 'b'`, in at most `room` characters: as many as fit, and how many more. */
function fitKeys(keys: string[], room: number): string {
  const noun = keys.length === 1 ? 'key' : 'keys';
  for (let shown = keys.length; shown > 1; shown--) {
    const more = keys.length - shown;
    const text = `${noun} ${keys.slice(0, shown).join(', ')}${more > 0 ? ` and ${more} more` : ''}`;
    if (text.length <= room) return text;
  }
  return keys.length === 1 ? `${noun} ${keys[0]}` : `${noun} ${keys[0]} and ${keys.length - 1} more`;
}

/** `undefined` or `null` written as the value: the pair stores nothing (wrappers delete the key then). */
function isNothing(expr: ts.Expression): boolean {
  const inner = stripWrappers(expr);
  return (ts.isIdentifier(inner) && inner.text === 'undefined') || inner.kind === ts.SyntaxKind.NullKeyword;
}

/** Whether the storage call inside the wrapper is reported itself: it stringifies a parameter declared with secret fields. */
function wrapperDeclaresSecretFields(call: ApiCall, classifier: SecretClassifier): boolean {
  const inner = call.via?.forwarded.call;
  const stringified = inner?.value && jsonStringifyArgument(inner.value, inner.file);
  return !!stringified && sensitiveFields(stringified, inner.file, classifier) !== undefined;
}

/** `token, refreshToken`: the object's fields that name secrets, from the code written; undefined when none. */
function sensitiveFields(expr: ts.Expression, file: FileModel, classifier: SecretClassifier): string | undefined {
  const labels = outermostPaths([
    ...new Set(
      objectFields(expr, file)
        .filter((f) => classifier.isSensitive(f.name))
        .map((f) => f.label),
    ),
  ]);
  return labels.length === 0 ? undefined : labels.map(shortFieldLabel).join(', ');
}

/** The paths not inside another one listed: a secret field stores whatever it holds, so `sessionKeyPair.secretKey` adds nothing to `sessionKeyPair`. */
function outermostPaths(paths: string[]): string[] {
  return paths.filter((path) => !paths.some((other) => other !== path && path.startsWith(other) && /^[.[]/.test(path.slice(other.length))));
}

/**
 * zustand's persist middleware writing its state to AsyncStorage: the state's
 * data fields (not its actions, which JSON.stringify leaves out) that name
 * secrets, reported on `persist` of the call; a key that names a secret is
 * reported as for a direct write.
 */
function checkPersistedState(context: RuleContext<Options, MessageId>, persisted: PersistedState): void {
  const classifier = classifierFor(context.options);
  const key = secretKey(persisted.key, classifier);
  if (key !== undefined) {
    context.report({ node: persisted.node.expression, messageId: 'sensitiveKey', data: { call: persisted.callName, key } });
    return;
  }
  const labels = new Set<string>();
  for (const state of persisted.states) {
    const object = resolveObject(state.expr, state.file);
    const actions = new Set([...(object?.properties ?? [])].filter(([, p]) => isFunctionValued(p.expr, p.file)).map(([name]) => name));
    // A whole state is looked into deeper than an object passed to a wrapper: secrets sit in maps of maps of records.
    for (const field of objectFields(state.expr, state.file, { maxLevels: PERSISTED_STATE_LEVELS })) {
      const top = field.label.split(/[.[]/, 1)[0]!;
      if (!actions.has(top) && classifier.isSensitive(field.name)) labels.add(field.label);
    }
  }
  if (labels.size === 0) return;
  const data = { call: 'persist', store: storeName(persisted.api), fields: '' };
  const room = MAX_MESSAGE_LENGTH - messages.persistedFields.replace(/\{\{(\w+)\}\}/g, (_, name: keyof typeof data) => data[name]).length;
  context.report({ node: persisted.node.expression, messageId: 'persistedFields', data: { ...data, fields: fitFieldPaths([...labels], room) } });
}

/** Levels of object a persisted state is looked into: `wallets[…][…].connections[].sessionKeyPair` is six. */
const PERSISTED_STATE_LEVELS = 8;
const MAX_MESSAGE_LENGTH = 120;

/**
 * The field paths, in at most `room` characters. A field inside a secret field
 * that is listed already is left out: the outer one stores it. All paths when
 * they fit; else, per first name, the last names (`wallets…token`,
 * `apps…{sessionId, keyPair}`); else as many as fit, and how many more.
 */
function fitFieldPaths(paths: string[], room: number): string {
  const outer = outermostPaths(paths);
  const full = outer.map(shortFieldLabel).join(', ');
  if (full.length <= room) return full;
  const byFirstName = new Map<string, string[]>();
  for (const path of outer) {
    const names = path.split(/[.[\]…]+/).filter(Boolean);
    const first = names[0]!;
    byFirstName.set(first, [...(byFirstName.get(first) ?? []), names.length > 1 ? names[names.length - 1]! : '']);
  }
  const short = [...byFirstName].map(([first, lasts]) => {
    const inner = lasts.filter(Boolean);
    if (inner.length === 0) return first;
    return inner.length === 1 ? `${first}…${inner[0]}` : `${first}…{${inner.join(', ')}}`;
  });
  for (let shown = short.length; shown > 0; shown--) {
    const more = short.length - shown;
    const text = short.slice(0, shown).join(', ') + (more > 0 ? ` and ${more} more` : '');
    if (text.length <= room) return text;
  }
  return `${outer.length} fields`;
}

export default defineRule<Options, MessageId>({
  id: 'no-tokens-in-async-storage',
  meta: {
    type: 'problem',
    description: 'Disallow writing tokens, passwords and other secrets to unencrypted AsyncStorage and other plaintext stores',
    recommended: 'error',
    messages,
    schema: {
      type: 'object',
      properties: { ...CLASSIFIER_SCHEMA_PROPERTIES },
      additionalProperties: false,
    },
    defaultOptions: {},
    followsImports: true,
  },
  check(context) {
    const reported = new Set<string>();
    // Through a wrapper only the key and value the caller supplies are set.
    for (const call of findStorageCalls(context.file)) {
      // Keychain-backed stores never match here: only stores that keep plaintext.
      if (PLAINTEXT_STORES.has(call.api) && call.shape.kind === 'write') checkCall(context, call, reported);
    }
    for (const persisted of findPersistedStates(context.file)) checkPersistedState(context, persisted);
  },
  checkFacts,
});
