import { ts } from './ts.js';
import { tick } from './budget.js';
import type { FunctionNode } from './ast.js';
import { callExpressions, classifyCall, findApiCalls } from './calls.js';
import type { ApiCall, ArgumentSource, ForwardedStorageCall } from './api-call.js';
import { resolveApiCallee, type CalledFunction } from './callees.js';
import type { FileModel } from './model.js';
import { resolveString, stripWrappers, type StringValue } from './values.js';
import { jsonStringifyArgument } from './value-names.js';
import { bodyCalls } from './syntax-index.js';
import { memoSlot } from './memo-slot.js';
import { summarizeThroughCallees, type CalleeSummaryKind, type FinishedSummaries } from './callee-summaries.js';
import { routeTo } from './route-conditions.js';
import { isCallOnAugmentedMmkvThis, mmkvCallOnThis } from './mmkv-augmentation.js';
import { elementCallbacks, elementField } from './element-source.js';
import { allOf, evaluateRoute, mapSubjects, type Route, type RouteSubject, type RouteVerdict } from './route.js';

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
const ROUTED_WRAPPER_CALLS = memoSlot<RoutedWrapperCall[]>('routedWrapperCalls');

function sourceOf(arg: ts.Expression | undefined, fn: FunctionNode, file: FileModel): ArgumentSource {
  if (!arg) return { kind: 'absent' };
  const inner = stripWrappers(arg);
  if (ts.isIdentifier(inner)) {
    if (inner.text === 'undefined') return { kind: 'absent' };
    const target = file.resolveIdentifier(inner);
    if (target?.kind === 'parameter' && target.fn === fn) return { kind: 'parameter', index: target.index };
  }
  const element = elementField(arg, fn, file);
  if (element) return { kind: 'element', ...element };
  return { kind: 'fixed', expr: arg, file };
}

/**
 * The key and value of a storage call. A value read from another element
 * than the key (a second loop over the list) is no field of the key's
 * element: it is kept as the wrapper wrote it.
 */
function keyAndValue(key: ArgumentSource, value: ArgumentSource, valueExpr: ts.Expression | undefined, file: FileModel): [ArgumentSource, ArgumentSource] {
  if (value.kind !== 'element' || (key.kind === 'element' && key.loop === value.loop && key.index === value.index)) return [key, value];
  return [key, { kind: 'fixed', expr: valueExpr!, file }];
}

/** Maps a callee's argument source into the caller's terms, through the arguments of the call between them. */
function throughCall(source: ArgumentSource, call: ts.CallExpression, fn: FunctionNode, file: FileModel): ArgumentSource {
  if (source.kind === 'element') {
    // The elements of a list this caller passes on from its own parameter; any other list is resolved at this call (element-pairs.ts).
    const list = call.arguments.slice(0, source.index + 1).some(ts.isSpreadElement)
      ? { kind: 'absent' as const }
      : sourceOf(call.arguments[source.index], fn, file);
    return list.kind === 'parameter' ? { ...source, index: list.index } : { kind: 'absent' };
  }
  if (source.kind !== 'parameter') return source;
  return sourceOf(call.arguments[source.index], fn, file);
}

/** A callee's route in the caller's terms: its parameters become the caller's, or the values the caller fixes. */
function routeThroughCall(route: Route, call: ts.CallExpression, fn: FunctionNode, file: FileModel): Route {
  return mapSubjects(route, (index): RouteSubject => {
    const source = call.arguments.slice(0, index + 1).some(ts.isSpreadElement) ? { kind: 'absent' as const } : sourceOf(call.arguments[index], fn, file);
    if (source.kind === 'parameter') return source;
    return { kind: 'value', value: source.kind === 'fixed' ? resolveString(source.expr, source.file) : undefined };
  });
}

/** The parameter of `fn` a written value is `JSON.stringify()` of, if any. */
function serialisedParameter(value: ts.Expression | undefined, fn: FunctionNode, file: FileModel): number | undefined {
  const arg = value && jsonStringifyArgument(stripWrappers(value), file);
  const source = arg && sourceOf(arg, fn, file);
  return source?.kind === 'parameter' ? source.index : undefined;
}

/** The serialised parameter of a callee, in the caller's terms: the caller's own parameter it passes there, if any. */
function serialisedThroughCall(index: number | undefined, call: ts.CallExpression, fn: FunctionNode, file: FileModel): number | undefined {
  if (index === undefined) return undefined;
  const source = throughCall({ kind: 'parameter', index }, call, fn, file);
  return source.kind === 'parameter' ? source.index : undefined;
}

/** A function's storage calls: its own, and those of the app functions it calls, mapped through their arguments. */
const STORAGE_SUMMARY: CalleeSummaryKind<ForwardedStorageCall[]> = {
  slot: STORAGE_SUMMARIES,
  unknown: () => [],
  compute(fn, file, summaryOf) {
    const result: ForwardedStorageCall[] = [];
    const own = bodyCalls(file.sf, fn);
    // A callback run for each element of a parameter (`pairs.forEach(({ key, value }) => …)`) writes as a loop body would.
    const calls = [...own, ...elementCallbacks(fn, own, file).flatMap((callback) => bodyCalls(file.sf, callback))];
    for (const call of calls) {
      tick();
      // `this.set()` in a method added to MMKV's prototype: only a summary sees it, asked from a plaintext instance.
      const api = classifyCall(call, file) ?? mmkvCallOnThis(call, file);
      if (api) {
        if (api.api === 'local-auth') continue;
        const [key, value] = keyAndValue(
          api.hookCall ? { kind: 'fixed', expr: api.hookCall.arguments[0]!, file } : sourceOf(api.key, fn, file),
          sourceOf(api.value, fn, file),
          api.value,
          file,
        );
        result.push({
          call: api,
          via: [],
          viaFunctions: [],
          key,
          value,
          options: sourceOf(api.options, fn, file),
          route: routeTo(call, fn, file),
          serialises: serialisedParameter(api.value, fn, file),
        });
        continue;
      }
      const callee = resolveApiCallee(call, file);
      if (!callee || callee.fn === fn) continue;
      const reached = summaryOf(callee.fn, callee.file);
      const route = reached.length > 0 ? routeTo(call, fn, file) : undefined;
      for (const inner of reached) {
        result.push({
          call: inner.call,
          via: [callee.name, ...inner.via],
          viaFunctions: [callee.fn, ...inner.viaFunctions],
          key: throughCall(inner.key, call, fn, file),
          value: throughCall(inner.value, call, fn, file),
          options: throughCall(inner.options, call, fn, file),
          route: allOf([route, inner.route && routeThroughCall(inner.route, call, fn, file)]),
          serialises: serialisedThroughCall(inner.serialises, call, fn, file),
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
  // Asked of every call of a relevant file that is no API call: most reach no app function that does storage.
  const callee = resolveApiCallee(call, file);
  return callee ? storageCallsOf(callee) : [];
}

function storageCallsOf(callee: CalledFunction): ReachedStorageCall[] {
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

/** A call of an app function that reaches a storage call, and whether the caller's arguments take the route to it. */
export interface RoutedWrapperCall {
  call: ApiCall;
  verdict: RouteVerdict;
}

/**
 * Calls of app functions that reach a storage call, seen as API calls made at
 * the call site: `saveSecret(key, JSON.stringify(wallet))` is a
 * `SecureStore.setItemAsync` whose value is `JSON.stringify(wallet)`, reported
 * at this line. A wrapper that picks the store from the key reaches each
 * store on its own route, evaluated with this caller's arguments. Computed
 * once per file.
 */
export function routedWrapperCalls(file: FileModel): RoutedWrapperCall[] {
  return file.cached(ROUTED_WRAPPER_CALLS, () => {
    const result: RoutedWrapperCall[] = [];
    for (const node of callExpressions(file)) {
      tick();
      // `this.setAny()` in a method added to MMKV's prototype runs on an instance known only to that method's callers.
      if (!classifyCall(node, file) && !isCallOnAugmentedMmkvThis(node, file)) {
        const reachedCalls = storageCallsThrough(node, file);
        // Most calls reach no storage: nothing is made for them.
        if (reachedCalls.length === 0) continue;
        const argument = callerStrings(node, file);
        for (const reached of reachedCalls) {
          const { forwarded } = reached;
          const fromCaller = {
            key: forwarded.key.kind === 'parameter',
            value: forwarded.value.kind === 'parameter',
            options: forwarded.options.kind === 'parameter',
          };
          const call: ApiCall = {
            ...forwarded.call,
            node,
            file,
            apiName: reached.path,
            key: fromCaller.key ? callerArgument(forwarded.key, node) : undefined,
            value: fromCaller.value ? callerArgument(forwarded.value, node) : undefined,
            options: fromCaller.options ? callerArgument(forwarded.options, node) : undefined,
            list: undefined,
            hookCall: undefined,
            via: {
              path: reached.path,
              functions: reached.functions,
              fromCaller,
              forwarded,
              serialised: forwarded.serialises === undefined ? undefined : callerArgument({ kind: 'parameter', index: forwarded.serialises }, node),
              elements: listedElements(forwarded, node),
            },
          };
          result.push({ call, verdict: evaluateRoute(forwarded.route, argument) });
        }
      }
    }
    return result;
  });
}

/** The caller's list when the wrapper writes each of its elements, and the fields that are key and value. */
function listedElements(forwarded: ForwardedStorageCall, call: ts.CallExpression): NonNullable<ApiCall['via']>['elements'] {
  const { key, value } = forwarded;
  if (key.kind !== 'element') return undefined;
  const list = callerArgument({ kind: 'parameter', index: key.index }, call);
  return list && { list, key: key.field, value: value.kind === 'element' ? value.field : undefined };
}

/** The strings a call passes, by position, resolved once each when a route asks. */
function callerStrings(call: ts.CallExpression, file: FileModel): (index: number) => StringValue | undefined {
  const resolved = new Map<number, StringValue | undefined>();
  return (index) => {
    if (!resolved.has(index)) {
      const argument = callerArgument({ kind: 'parameter', index }, call);
      resolved.set(index, argument && resolveString(argument, file));
    }
    return resolved.get(index);
  };
}

/**
 * The wrapper calls whose route this caller's arguments take. A route the
 * arguments do not take, or that cannot be known, is no call: the path a
 * message prints must be one the code takes for that key.
 */
export function findWrapperCalls(file: FileModel): ApiCall[] {
  return file.cached(WRAPPER_CALLS, () => routedWrapperCalls(file).flatMap(({ call, verdict }) => (verdict === 'taken' ? [call] : [])));
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
