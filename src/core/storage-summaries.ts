import { ts } from './ts.js';
import { tick } from './budget.js';
import type { FunctionNode } from './ast.js';
import { callExpressions, classifyCall, findApiCalls } from './calls.js';
import type { ApiCall, ArgumentSource, ForwardedStorageCall } from './api-call.js';
import { resolveCalledFunction } from './callees.js';
import type { FileModel } from './model.js';
import { stripWrappers } from './values.js';
import { bodyCalls } from './syntax-index.js';
import { memoSlot } from './memo-slot.js';
import { summarizeThroughCallees, type CalleeSummaryKind, type FinishedSummaries } from './callee-summaries.js';

// Storage summaries: what a function does with storage, computed once per
// function and composed through wrappers of wrappers. "saveSecret forwards
// param 0 as the key and param 1 as the value into SecureStore.setItemAsync,
// with its own fixed options". Callers are then checked against the summary.

/** A storage call reached from one call site. */
export interface ReachedStorageCall {
  forwarded: ForwardedStorageCall;
  /** `saveSecret() → SecureStore.setItemAsync`, for messages. */
  path: string;
  /** The app functions of `path`, from the called one in. */
  functions: FunctionNode[];
}

const STORAGE_SUMMARIES = memoSlot<FinishedSummaries<ForwardedStorageCall[]>>('storageSummaries');
const WRAPPER_CALLS = memoSlot<ApiCall[]>('wrapperCalls');

function sourceOf(arg: ts.Expression | undefined, fn: FunctionNode, file: FileModel): ArgumentSource {
  if (!arg) return { kind: 'absent' };
  const inner = stripWrappers(arg);
  if (ts.isIdentifier(inner)) {
    if (inner.text === 'undefined') return { kind: 'absent' };
    const target = file.resolveIdentifier(inner);
    if (target?.kind === 'parameter' && target.fn === fn) return { kind: 'parameter', index: target.index };
  }
  return { kind: 'fixed', expr: arg, file };
}

/** Maps a callee's argument source into the caller's terms, through the arguments of the call between them. */
function throughCall(source: ArgumentSource, call: ts.CallExpression, fn: FunctionNode, file: FileModel): ArgumentSource {
  if (source.kind !== 'parameter') return source;
  return sourceOf(call.arguments[source.index], fn, file);
}

/** A function's storage calls: its own, and those of the app functions it calls, mapped through their arguments. */
const STORAGE_SUMMARY: CalleeSummaryKind<ForwardedStorageCall[]> = {
  slot: STORAGE_SUMMARIES,
  unknown: () => [],
  compute(fn, file, summaryOf) {
    const result: ForwardedStorageCall[] = [];
    for (const call of bodyCalls(file.sf, fn)) {
      tick();
      const api = classifyCall(call, file);
      if (api) {
        if (api.api === 'local-auth') continue;
        result.push({
          call: api,
          via: [],
          viaFunctions: [],
          key: api.hookCall ? { kind: 'fixed', expr: api.hookCall.arguments[0]!, file } : sourceOf(api.key, fn, file),
          value: sourceOf(api.value, fn, file),
          options: sourceOf(api.options, fn, file),
        });
        continue;
      }
      const callee = resolveCalledFunction(call, file);
      if (!callee || callee.fn === fn) continue;
      for (const inner of summaryOf(callee.fn, callee.file)) {
        result.push({
          call: inner.call,
          via: [callee.name, ...inner.via],
          viaFunctions: [callee.fn, ...inner.viaFunctions],
          key: throughCall(inner.key, call, fn, file),
          value: throughCall(inner.value, call, fn, file),
          options: throughCall(inner.options, call, fn, file),
        });
      }
    }
    return result;
  },
};

/** Every storage call a function reaches, directly or through other app functions, with where its arguments come from. */
export function storageSummary(fn: FunctionNode, file: FileModel): ForwardedStorageCall[] {
  return summarizeThroughCallees(STORAGE_SUMMARY, fn, file);
}

/**
 * The storage calls a call of an app function reaches. Empty when the callee
 * is unknown or does no storage: no guessing.
 */
export function storageCallsThrough(call: ts.CallExpression, file: FileModel): ReachedStorageCall[] {
  const callee = resolveCalledFunction(call, file);
  if (!callee) return [];
  return storageSummary(callee.fn, callee.file).map((forwarded) => ({
    forwarded,
    path: `${[callee.name, ...forwarded.via].join('() → ')}() → ${forwarded.call.apiName}`,
    functions: [callee.fn, ...forwarded.viaFunctions],
  }));
}

/** The caller's argument for a role the wrapper takes as a parameter; undefined when the caller leaves it out. */
function callerArgument(source: ArgumentSource, call: ts.CallExpression): ts.Expression | undefined {
  if (source.kind !== 'parameter') return undefined;
  // A spread argument shifts every position after it: the argument is unknown.
  if (call.arguments.slice(0, source.index + 1).some(ts.isSpreadElement)) return undefined;
  return call.arguments[source.index];
}

/**
 * Calls of app functions that reach a storage call, seen as API calls made at
 * the call site: `saveSecret(key, JSON.stringify(wallet))` is a
 * `SecureStore.setItemAsync` whose value is `JSON.stringify(wallet)`, reported
 * at this line. Computed once per file.
 */
export function findWrapperCalls(file: FileModel): ApiCall[] {
  return file.cached(WRAPPER_CALLS, () => {
    const result: ApiCall[] = [];
    for (const node of callExpressions(file)) {
      tick();
      if (!classifyCall(node, file)) {
        for (const reached of storageCallsThrough(node, file)) {
          const { forwarded } = reached;
          const fromCaller = {
            key: forwarded.key.kind === 'parameter',
            value: forwarded.value.kind === 'parameter',
            options: forwarded.options.kind === 'parameter',
          };
          result.push({
            ...forwarded.call,
            node,
            file,
            apiName: reached.path,
            key: fromCaller.key ? callerArgument(forwarded.key, node) : undefined,
            value: fromCaller.value ? callerArgument(forwarded.value, node) : undefined,
            options: fromCaller.options ? callerArgument(forwarded.options, node) : undefined,
            list: undefined,
            hookCall: undefined,
            via: { path: reached.path, functions: reached.functions, fromCaller, forwarded },
          });
        }
      }
    }
    return result;
  });
}

/** Direct API calls and calls that reach one through the app's own functions. */
export function findStorageCalls(file: FileModel): ApiCall[] {
  return [...findApiCalls(file), ...findWrapperCalls(file)];
}

/** Whether an argument of a direct API call is a parameter of its enclosing function (a wrapper's input). */
export function isWrapperParameter(expr: ts.Expression | undefined, file: FileModel): boolean {
  if (!expr) return false;
  const inner = stripWrappers(expr);
  return ts.isIdentifier(inner) && file.resolveIdentifier(inner)?.kind === 'parameter';
}
