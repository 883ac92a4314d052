import {
  bodyIsHotPath,
  defineRule,
  describeFunctionContext,
  enclosingFunction,
  findConstructionCalls,
  findStorageCalls,
  hotPathOf,
  isAsyncFunction,
  secureStoreMemberReference,
  stripWrappers,
  ts,
  type ApiCall,
  type ConstructionStorageCall,
  type FunctionNode,
  type RuleContext,
  type SuggestionData,
  type TextEdit,
} from '../src/core/rule-api.js';

// expo-secure-store's getItem / setItem are synchronous: they block the JS
// thread until the keychain (iOS) or the keystore (Android) answers. On a hot
// path (render, loops, module load) that block is paid again and again, or
// on cold start.

interface Options {
  reportAll: boolean;
}

const messages = {
  syncOnHotPath: 'Sync {{call}}() {{where}}; use {{asyncMethod}}.',
  syncCall: '{{call}}() blocks the JS thread {{where}}; prefer {{asyncMethod}}.',
  useAsync: 'Await {{asyncCall}}() instead.',
} as const;

type MessageId = keyof typeof messages;

const ASYNC_COUNTERPART: Record<string, string> = { getItem: 'getItemAsync', setItem: 'setItemAsync' };

/** Expressions that bind tighter than `await`: the awaited call must be parenthesised there. */
function needsParentheses(call: ts.CallExpression): boolean {
  const parent = call.parent;
  if (ts.isPropertyAccessExpression(parent) || ts.isElementAccessExpression(parent)) return parent.expression === call;
  if (ts.isCallExpression(parent)) return parent.expression === call;
  if (ts.isTaggedTemplateExpression(parent)) return parent.tag === call;
  if (ts.isNonNullExpression(parent)) return true;
  return ts.isBinaryExpression(parent) && parent.operatorToken.kind === ts.SyntaxKind.AsteriskAsteriskToken && parent.left === call;
}

function isAwaited(call: ts.CallExpression): boolean {
  let node: ts.Node = call;
  while (ts.isParenthesizedExpression(node.parent)) node = node.parent;
  return ts.isAwaitExpression(node.parent);
}

/**
 * Suggestion to await the Async counterpart, only inside an async function.
 * `SS.getItem(k)` becomes `await SS.getItemAsync(k)`; a named import reuses or
 * adds the `getItemAsync` binding. The arguments stay as written.
 */
function awaitAsyncSuggestion(context: RuleContext<Options, MessageId>, call: ApiCall, asyncMethod: string): SuggestionData<MessageId> | undefined {
  const fn = enclosingFunction(call.node);
  if (!fn || !isAsyncFunction(fn)) return undefined;
  const sf = context.file.sf;
  const callee = stripWrappers(call.node.expression);
  const edits: TextEdit[] = [];
  let calleeText: string;
  if (ts.isPropertyAccessExpression(callee)) {
    edits.push({ start: callee.name.getStart(sf), end: callee.name.getEnd(), text: asyncMethod });
    calleeText = `${callee.expression.getText(sf)}.${asyncMethod}`;
  } else {
    const reference = secureStoreMemberReference(context.file, asyncMethod);
    if (!reference) return undefined;
    edits.push(...reference.edits, { start: call.node.expression.getStart(sf), end: call.node.expression.getEnd(), text: reference.text });
    calleeText = reference.text;
  }
  if (!isAwaited(call.node)) {
    const start = call.node.getStart(sf);
    if (needsParentheses(call.node)) {
      edits.push({ start, end: start, text: '(await ' }, { start: call.node.getEnd(), end: call.node.getEnd(), text: ')' });
    } else {
      edits.push({ start, end: start, text: 'await ' });
    }
  }
  return { messageId: 'useAsync', data: { asyncCall: calleeText }, edits };
}

/**
 * Whether a sync call reached through these functions is already reported
 * inside one of them: a hook's or a component's body is a hot path wherever it
 * is called from, so the call it makes is reported there, once, and not again
 * at every screen that uses the hook.
 */
function reportedInside(functions: FunctionNode[]): boolean {
  return functions.some(bodyIsHotPath);
}

function checkCall(context: RuleContext<Options, MessageId>, call: ApiCall): void {
  const hot = hotPathOf(call.node, context.file);
  // A sync wrapper matters where it is called on a hot path; reportAll already reports the call inside it.
  if (!hot && (!context.options.reportAll || call.via)) return;
  if (call.via && reportedInside(call.via.functions)) return;
  const asyncMethod = ASYNC_COUNTERPART[call.method];
  if (!asyncMethod) return;
  const suggestion = call.via ? undefined : awaitAsyncSuggestion(context, call, asyncMethod);
  context.report({
    node: call.node,
    messageId: hot ? 'syncOnHotPath' : 'syncCall',
    data: { call: call.apiName, where: hot ? hot.where : describeFunctionContext(call.node), asyncMethod },
    suggestions: suggestion ? [suggestion] : undefined,
  });
}

/** `new ApiClient(url)` whose constructor makes a sync call: reported like a wrapper call, where it runs on a hot path. */
function checkConstruction(context: RuleContext<Options, MessageId>, construction: ConstructionStorageCall): void {
  const { call } = construction.forwarded;
  const asyncMethod = ASYNC_COUNTERPART[call.method];
  if (!asyncMethod) return;
  const hot = hotPathOf(construction.node, context.file);
  if (!hot || reportedInside(construction.functions)) return;
  context.report({
    node: construction.node,
    messageId: 'syncOnHotPath',
    data: { call: construction.path, where: hot.where, asyncMethod },
  });
}

export default defineRule<Options, MessageId>({
  id: 'no-sync-on-hot-path',
  meta: {
    type: 'suggestion',
    description: 'Disallow synchronous SecureStore getItem / setItem calls on render paths, in loops and at module load',
    recommended: 'warn',
    messages,
    hasSuggestions: true,
    schema: {
      type: 'object',
      properties: {
        reportAll: {
          type: 'boolean',
          description: 'Report every synchronous SecureStore call, also in event handlers and ordinary functions.',
        },
      },
      additionalProperties: false,
    },
    defaultOptions: { reportAll: false },
    // Wrappers, hooks and classes in other files: the CLI follows the import.
    followsImports: true,
  },
  check(context) {
    for (const call of findStorageCalls(context.file)) {
      if (call.api === 'secure-store' && call.shape.sync) checkCall(context, call);
    }
    for (const construction of findConstructionCalls(context.file)) {
      const { call } = construction.forwarded;
      if (call.api === 'secure-store' && call.shape.sync) checkConstruction(context, construction);
    }
  },
});
