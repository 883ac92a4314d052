import {
  CLASSIFIER_SCHEMA_PROPERTIES,
  classifierFor,
  defineRule,
  findStorageCalls,
  shapeOf,
  hasPrimitiveDeclaredType,
  isConstDeclaration,
  jsonStringifyArgument,
  objectFields,
  resolveExpression,
  resolveObject,
  resolveString,
  stripWrappers,
  ts,
  type ApiCall,
  type FactsContext,
  type FileModel,
  type Located,
  type RuleContext,
  type SecretClassifier,
} from '../src/core/rule-api.js';

// SecureStore is for small secrets. Values past about 2 KB have failed on some
// devices, and Expo no longer warns about the size, so nothing tells the app
// until a save fails on one device. Three shapes of value grow that large:
// JSON blobs, long literals, and several secrets packed into one entry.

interface Options {
  maxBytes: number;
  sensitivePatterns?: string[];
  ignorePatterns?: string[];
}

const messages = {
  combinedSecrets: '{{call}}() stores {{names}} in one entry; split it.',
  jsonBlob: '{{call}}() stores JSON.stringify({{subject}}), which grows; store only the secret.',
  tooLarge: '{{call}}() stores {{size}}, over the {{maxBytes}} bytes allowed; keep large data out of SecureStore.',
  // flutter_secure_storage: no size limit is documented for it, so these messages quote none.
  combinedSecretsDart: '{{call}}() stores {{names}} in one entry; split it.',
  jsonBlobDart: '{{call}}() stores jsonEncode({{subject}}), which grows; store only the secret.',
  tooLargeDart: '{{call}}() stores {{size}}, over the {{maxBytes}} bytes allowed; keep large data out of secure storage.',
} as const;

type MessageId = keyof typeof messages;

const MAX_NAME_DEPTH = 4;

function isPrimitiveLiteral(expr: ts.Expression): boolean {
  const inner = stripWrappers(expr);
  if (ts.isPrefixUnaryExpression(inner)) return ts.isNumericLiteral(inner.operand);
  return (
    ts.isStringLiteralLike(inner) ||
    ts.isNumericLiteral(inner) ||
    ts.isBigIntLiteral(inner) ||
    inner.kind === ts.SyntaxKind.TrueKeyword ||
    inner.kind === ts.SyntaxKind.FalseKeyword ||
    inner.kind === ts.SyntaxKind.NullKeyword ||
    (ts.isIdentifier(inner) && inner.text === 'undefined')
  );
}

/** `[]` and `{}` serialise to two characters whatever the data: nothing grows. */
function isEmptyLiteral(expr: ts.Expression): boolean {
  const inner = stripWrappers(expr);
  return (ts.isArrayLiteralExpression(inner) && inner.elements.length === 0) || (ts.isObjectLiteralExpression(inner) && inner.properties.length === 0);
}

/** `a.b.c` for names and member chains; undefined for anything else. */
function namePath(expr: ts.Expression): string | undefined {
  const inner = stripWrappers(expr);
  if (ts.isIdentifier(inner) || inner.kind === ts.SyntaxKind.ThisKeyword) return inner.getText();
  if (ts.isPropertyAccessExpression(inner) && ts.isIdentifier(inner.name)) {
    const base = namePath(inner.expression);
    return base === undefined ? undefined : `${base}.${inner.name.text}`;
  }
  return undefined;
}

/** The names a part of a value goes by: its own, and those of the constants it was copied from. */
function namesOf(expr: ts.Expression, file: FileModel, depth = 0): string[] {
  const own = namePath(expr);
  if (own === undefined) return [];
  const inner = stripWrappers(expr);
  if (depth < MAX_NAME_DEPTH && ts.isIdentifier(inner)) {
    const target = file.resolveIdentifier(inner);
    if ((target?.kind === 'local' || target?.kind === 'declaration') && isConstDeclaration(target.node) && target.node.initializer) {
      return [own, ...namesOf(target.node.initializer, target.file, depth + 1)];
    }
  }
  return [own];
}

interface Part {
  /** How the part is written: a variable, a member chain or an object key. */
  label: string;
  names: string[];
}

/** The parts a value is assembled from: `a + b`, `${a}.${b}`, `[a, b].join()`, `JSON.stringify({ a, b })`. */
function partsOf(value: Located): Part[] {
  const { expr, file } = value;
  const named = (e: ts.Expression, f: FileModel): Part[] => {
    const names = namesOf(e, f);
    return names.length ? [{ label: names[0]!, names }] : [];
  };
  if (ts.isBinaryExpression(expr) && expr.operatorToken.kind === ts.SyntaxKind.PlusToken) {
    return [expr.left, expr.right].flatMap((side) => partsOfOperand(side, file, named));
  }
  if (ts.isTemplateExpression(expr)) return expr.templateSpans.flatMap((span) => partsOfOperand(span.expression, file, named));
  if (ts.isCallExpression(expr)) {
    const callee = stripWrappers(expr.expression);
    const list = ts.isPropertyAccessExpression(callee) && callee.name.text === 'join' ? resolveExpression(callee.expression, file) : undefined;
    if (list && ts.isArrayLiteralExpression(list.expr)) return list.expr.elements.flatMap((e) => named(e, list.file));
    const arg = jsonStringifyArgument(expr, file);
    const resolved = arg && resolveExpression(arg, file);
    if (resolved && ts.isArrayLiteralExpression(resolved.expr)) return resolved.expr.elements.flatMap((e) => named(e, resolved.file));
    const object = arg && resolveObject(arg, file);
    if (object) {
      return [...object.properties].map(([key, property]) => ({ label: key, names: [key, ...namesOf(property.expr, property.file)] }));
    }
  }
  return [];
}

/** Operands of `+` and template spans: nested concatenations are flattened. */
function partsOfOperand(expr: ts.Expression, file: FileModel, named: (e: ts.Expression, f: FileModel) => Part[]): Part[] {
  const inner = stripWrappers(expr);
  const isConcat = (ts.isBinaryExpression(inner) && inner.operatorToken.kind === ts.SyntaxKind.PlusToken) || ts.isTemplateExpression(inner);
  return isConcat ? partsOf({ expr: inner, file }) : named(expr, file);
}

/** Labels of the distinct secret parts of a combined value. */
function secretLabels(value: Located, classifier: SecretClassifier): string[] {
  return distinctSecretLabels(partsOf(value), classifier);
}

/** The one decision on combined values, whatever the language: the labels of the parts whose names name distinct secrets. */
function distinctSecretLabels(parts: Part[], classifier: SecretClassifier): string[] {
  const labels = new Map<string, string>();
  for (const part of parts) {
    const secret = part.names.find((name) => classifier.isSensitiveMember(name));
    if (secret && !labels.has(secret)) labels.set(secret, part.label);
  }
  return [...new Set(labels.values())];
}

function describeSubject(arg: ts.Expression): string {
  const inner = stripWrappers(arg);
  const path = namePath(inner);
  if (path) return path;
  if (ts.isObjectLiteralExpression(inner)) return '{…}';
  if (ts.isArrayLiteralExpression(inner)) return '[…]';
  return '…';
}

function joinNames(labels: string[]): string {
  return labels.length <= 2 ? labels.join(' and ') : `${labels.slice(0, -1).join(', ')} and ${labels[labels.length - 1]}`;
}

function literalBytes(call: ApiCall, file: FileModel): { bytes: number; exact: boolean } | undefined {
  const value = resolveString(call.value!, file);
  if (!value) return undefined;
  if (value.kind === 'exact') return { bytes: Buffer.byteLength(value.value, 'utf8'), exact: true };
  const known = value.parts.filter((p): p is string => p !== null);
  return { bytes: known.reduce((sum, part) => sum + Buffer.byteLength(part, 'utf8'), 0), exact: false };
}

function checkCall(context: RuleContext<Options, MessageId>, call: ApiCall): void {
  const node = call.value!;
  const file = context.file;
  const value = resolveExpression(node, file);
  if (value) {
    const labels = secretLabels(value, classifierFor(context.options));
    if (labels.length >= 2) {
      context.report({ node, messageId: 'combinedSecrets', data: { call: call.apiName, names: joinNames(labels) } });
      return;
    }
    const arg = jsonStringifyArgument(value.expr, value.file);
    const argValue = arg && resolveExpression(arg, value.file);
    // A value declared `string` (or number, boolean) serialises to a short string, not an object; an object
    // of a fixed set of scalar fields does not grow with the data (see src/core/fixed-shape.ts).
    if (
      arg &&
      !(argValue && (isPrimitiveLiteral(argValue.expr) || isEmptyLiteral(argValue.expr))) &&
      !hasPrimitiveDeclaredType(arg, value.file) &&
      shapeOf(arg, value.file) === 'grows'
    ) {
      context.report({ node, messageId: 'jsonBlob', data: { call: call.apiName, subject: describeSubject(arg) } });
      return;
    }
  }
  const size = literalBytes(call, file);
  if (size && size.bytes > context.options.maxBytes) {
    const bytes = `${size.exact ? '' : 'at least '}${size.bytes} bytes`;
    context.report({ node, messageId: 'tooLarge', data: { call: call.apiName, size: bytes, maxBytes: String(context.options.maxBytes) } });
  }
}

/**
 * `saveSession({ accessToken, refreshToken })` where the wrapper stores
 * `JSON.stringify(s)`: the wrapper is reported as a JSON blob where it
 * writes; the caller, when the object's known fields hold several secrets.
 */
function checkSerialisedObject(context: RuleContext<Options, MessageId>, call: ApiCall, arg: ts.Expression): void {
  const classifier = classifierFor(context.options);
  const labels = [
    ...new Set(
      objectFields(arg, context.file)
        .filter((f) => classifier.isSensitive(f.name))
        .map((f) => f.label),
    ),
  ];
  if (labels.length >= 2) context.report({ node: arg, messageId: 'combinedSecrets', data: { call: call.apiName, names: joinNames(labels) } });
}

/**
 * Dart: writes to flutter_secure_storage, judged as the TypeScript ones:
 * several secrets in one value, then a JSON encoding of something that can
 * grow, then a literal over `maxBytes`.
 */
function checkFacts(context: FactsContext<Options, MessageId>): void {
  const classifier = classifierFor(context.options);
  for (const op of context.facts.operations) {
    if (op.store !== 'flutter-secure-storage' || op.operation !== 'write' || !op.value) continue;
    const at = { start: op.range.start, end: op.range.end };
    const labels = distinctSecretLabels(op.value.parts ?? [], classifier);
    if (labels.length >= 2) {
      context.report({ ...at, messageId: 'combinedSecretsDart', data: { call: op.call, names: joinNames(labels) } });
    } else if (op.value.shape === 'json-encoded' && op.value.encoded && !op.value.encoded.fixedSize) {
      context.report({ ...at, messageId: 'jsonBlobDart', data: { call: op.call, subject: op.value.encoded.subject } });
    } else if (op.value.shape === 'string-literal' && op.value.bytes !== undefined && op.value.bytes > context.options.maxBytes) {
      context.report({
        ...at,
        messageId: 'tooLargeDart',
        data: { call: op.call, size: `${op.value.bytes} bytes`, maxBytes: String(context.options.maxBytes) },
      });
    }
  }
}

export default defineRule<Options, MessageId>({
  id: 'no-oversized-value',
  meta: {
    type: 'problem',
    description: 'Disallow SecureStore values that can outgrow ~2 KB: JSON blobs, long literals and several secrets in one entry',
    recommended: 'warn',
    messages,
    schema: {
      type: 'object',
      properties: {
        maxBytes: {
          type: 'integer',
          minimum: 1,
          description: 'Largest literal value, in UTF-8 bytes, that may be written to SecureStore.',
        },
        ...CLASSIFIER_SCHEMA_PROPERTIES,
      },
      additionalProperties: false,
    },
    defaultOptions: { maxBytes: 2048 },
    followsImports: true,
  },
  check(context) {
    // Through a wrapper, `call.value` is set only when the caller supplies the value.
    for (const call of findStorageCalls(context.file)) {
      if (call.api !== 'secure-store' || call.shape.kind !== 'write') continue;
      if (call.value) checkCall(context, call);
      else if (call.via?.serialised) checkSerialisedObject(context, call, call.via.serialised);
    }
  },
  checkFacts,
});
