import {
  CLASSIFIER_SCHEMA_PROPERTIES,
  classifierFor,
  defineRule,
  gateFlow,
  syntaxIndex,
  type FactsContext,
  type FlowRead,
  type StringValue,
  type FunctionNode,
  type RuleContext,
  type SecretClassifier,
} from '../src/core/rule-api.js';

// A biometric prompt only protects a secret that is read after the prompt
// succeeded. In a function that asks for biometrics, a SecureStore read of a
// secret (itself, or through a function that performs one) is reported when it
// comes before the gate, or after it without depending on its success.

interface Options {
  sensitivePatterns?: string[];
  ignorePatterns?: string[];
}

const messages = {
  readBeforeGate: '{{reader}}() reads {{keys}} ahead of {{gate}}(); read after it.',
  readNotGuarded: '{{reader}}() reads {{keys}} even when {{gate}}() fails; return early when it fails.',
  // Dart (flutter_secure_storage and local_auth).
  readBeforeGateDart: '{{reader}}() reads {{keys}} ahead of {{gate}}(); read after it.',
} as const;

type MessageId = keyof typeof messages;

const MESSAGE_OF: Partial<Record<FlowRead['order'], MessageId>> = {
  'before-gate': 'readBeforeGate',
  unguarded: 'readNotGuarded',
};

/** The words of a key the classifier looks at: the literal parts of a pattern, joined. */
function classifiedText(read: { key: StringValue }): string {
  return read.key.kind === 'exact' ? read.key.value : read.key.parts.filter((p): p is string => p !== null).join(' ');
}

/** `'auth.accessToken'`, `'a' and 'b'`, `'a', 'b' and 2 more`. */
function describeKeys(keys: string[]): string {
  const quoted = keys.map((k) => `'${k}'`);
  if (quoted.length === 1) return quoted[0]!;
  if (quoted.length <= 3) return `${quoted.slice(0, -1).join(', ')} and ${quoted[quoted.length - 1]}`;
  return `${quoted.slice(0, 2).join(', ')} and ${quoted.length - 2} more`;
}

function sensitiveKeys(read: FlowRead, classifier: SecretClassifier): string[] {
  const keys = read.reads.filter((r) => classifier.isSensitive(classifiedText(r))).map((r) => r.keyText);
  return [...new Set(keys)];
}

function checkFunction(context: RuleContext<Options, MessageId>, fn: FunctionNode, classifier: SecretClassifier): void {
  const flow = gateFlow(fn, context.file);
  if (flow.gates.length === 0) return;
  for (const read of flow.reads) {
    const messageId = MESSAGE_OF[read.order];
    if (!messageId || !read.gate) continue;
    const keys = sensitiveKeys(read, classifier);
    if (keys.length === 0) continue;
    context.report({ node: read.node, messageId, data: { reader: read.reader, keys: describeKeys(keys), gate: read.gate.name } });
  }
}

/**
 * Dart: in a function that calls `LocalAuthentication().authenticate(...)`,
 * a flutter_secure_storage read of a secret before the first gate. A read
 * the OS gates itself is fine. A read after the gate is left alone: whether it
 * depends on the gate's result needs the function's control flow, which the
 * Dart facts do not carry (unknown is not a finding).
 */
function checkFacts(context: FactsContext<Options, MessageId>): void {
  const classifier = classifierFor(context.options);
  const { operations, gates } = context.facts;
  for (const op of operations) {
    if (op.store !== 'flutter-secure-storage' || op.operation !== 'read' || op.method !== 'read' || !op.key || op.osGated || op.functionId === undefined)
      continue;
    const gate = gates.find((g) => g.functionId === op.functionId && g.range.start > op.range.end);
    if (!gate || gates.some((g) => g.functionId === op.functionId && g.range.end < op.range.start)) continue;
    if (!classifier.isSensitive(classifiedText({ key: op.key }))) continue;
    context.report({
      start: op.range.start,
      end: op.range.end,
      messageId: 'readBeforeGateDart',
      data: { reader: op.call, keys: describeKeys([op.keyText ?? '']), gate: gate.call },
    });
  }
}

export default defineRule<Options, MessageId>({
  id: 'no-read-before-biometric-gate',
  meta: {
    type: 'problem',
    description: 'Disallow reading a secret from SecureStore before a biometric gate, or without depending on its success',
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
    // A file that imports nothing cannot reach a gate, nor one that cannot reach expo-local-authentication.
    if (!context.file.mayUseApis || !context.file.mayAskForBiometrics) return;
    const classifier = classifierFor(context.options);
    for (const fn of syntaxIndex(context.file.sf).functions) checkFunction(context, fn, classifier);
  },
  checkFacts,
});
