import type { FunctionNode } from './ast.js';
import type { FileModel } from './model.js';
import type { MemoSlot } from './memo-slot.js';

// A summary of a function composed through the functions it calls: what
// calling `saveSecret` does is what its own body does plus what the app
// functions it calls do. The storage summaries (storage-summaries.ts) and the
// biometric gate flows (gate-flow.ts) are both built this way, and both follow
// calls by the one rule here.
//
// The rule: a call back into a function still being summarised further up
// (recursion), or past MAX_CALL_DEPTH functions, contributes nothing: unknown,
// not guessed. So a function's summary is what it reaches along paths that
// visit no function twice, whoever asks first.
//
// A summary is computed once and kept by the function's own file, except a
// provisional one: one cut by the depth limit, or by a call back into a
// function further up than itself, may be incomplete for another caller. The
// function at the head of a cycle sees everything reachable and is kept, with
// the functions of its cycle: a caller inside that cycle must not use it (it
// would follow the cycle round through the caller again), and summarises it
// afresh instead. The functions being summarised are an argument passed down,
// not state of the module, so no two summaries see each other's work in
// progress.

export interface CalleeSummaryKind<S> {
  /** Where a file keeps its functions' finished summaries. */
  slot: MemoSlot<FinishedSummaries<S>>;
  /** The summary of a function not followed (recursion, depth): nothing known. */
  unknown(fn: FunctionNode, file: FileModel): S;
  /** A function's summary from its own body, asking `summaryOf` about each app function it calls. */
  compute(fn: FunctionNode, file: FileModel, summaryOf: (callee: FunctionNode, calleeFile: FileModel) => S): S;
}

interface Finished<S> {
  summary: S;
  /** Set for the head of a cycle: the functions summarised while it was, its cycle among them. */
  cycle?: ReadonlySet<FunctionNode>;
}

export type FinishedSummaries<S> = Map<FunctionNode, Finished<S>>;

/** How many functions deep a summary follows calls, the summarised function included. */
const MAX_CALL_DEPTH = 8;

/** One request's work in progress: the chain of functions being summarised, and every function summarised so far. */
interface Walk {
  stack: FunctionNode[];
  summarised: FunctionNode[];
}

/** The summary of `fn`, through the functions it calls. */
export function summarizeThroughCallees<S>(kind: CalleeSummaryKind<S>, fn: FunctionNode, file: FileModel): S {
  return summarize(kind, fn, file, { stack: [], summarised: [] }).summary;
}

/**
 * `dependsOn` is the lowest position on the stack of a function whose
 * unfinished summary was used (Infinity: none; -1: the depth limit was hit).
 */
function summarize<S>(kind: CalleeSummaryKind<S>, fn: FunctionNode, file: FileModel, walk: Walk): { summary: S; dependsOn: number } {
  const { stack } = walk;
  const finished = file.cached(kind.slot, () => new Map<FunctionNode, Finished<S>>());
  const known = finished.get(fn);
  if (known && (!known.cycle || !stack.some((caller) => known.cycle!.has(caller)))) return { summary: known.summary, dependsOn: Infinity };
  const onStack = stack.indexOf(fn);
  if (onStack >= 0) return { summary: kind.unknown(fn, file), dependsOn: onStack };
  if (stack.length >= MAX_CALL_DEPTH) return { summary: kind.unknown(fn, file), dependsOn: -1 };
  const position = stack.length;
  const firstSummarised = walk.summarised.length;
  stack.push(fn);
  walk.summarised.push(fn);
  try {
    let dependsOn = Infinity;
    const summary = kind.compute(fn, file, (callee, calleeFile) => {
      const result = summarize(kind, callee, calleeFile, walk);
      dependsOn = Math.min(dependsOn, result.dependsOn);
      return result.summary;
    });
    if (dependsOn === Infinity) finished.set(fn, { summary });
    else if (dependsOn >= position) finished.set(fn, { summary, cycle: new Set(walk.summarised.slice(firstSummarised)) });
    return { summary, dependsOn };
  } finally {
    stack.pop();
  }
}
