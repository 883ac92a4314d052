import type { FunctionNode } from './ast.js';
import type { FileModel } from './model.js';
import type { MemoSlot } from './memo-slot.js';

// A summary of a function composed through the functions it calls: what
// calling `saveSecret` does is what its own body does plus what the app
// functions it calls do. The storage summaries (storage-summaries.ts) and the
// biometric gate flows (gate-flow.ts) are both built this way, and both follow
// calls by the one rule here.
//
// The rule: a function's summary is computed once and kept by its own file.
// A call back into a function still being summarised further up (recursion),
// or past MAX_CALL_DEPTH functions, contributes nothing: unknown, not guessed.
// A summary that depended on such a cut is provisional and not kept, since it
// may be incomplete for another caller; the function at the head of a cycle
// sees everything reachable and is kept. The functions being summarised are
// an argument passed down, not state of the module, so summaries of different
// files or projects never see each other's work in progress.

export interface CalleeSummaryKind<S> {
  /** Where a file keeps its functions' finished summaries. */
  slot: MemoSlot<Map<FunctionNode, S>>;
  /** The summary of a function not followed (recursion, depth): nothing known. */
  unknown(fn: FunctionNode, file: FileModel): S;
  /** A function's summary from its own body, asking `summaryOf` about each app function it calls. */
  compute(fn: FunctionNode, file: FileModel, summaryOf: (callee: FunctionNode, calleeFile: FileModel) => S): S;
}

/** How many functions deep a summary follows calls, the summarised function included. */
const MAX_CALL_DEPTH = 8;

/** The summary of `fn`, through the functions it calls. */
export function summarizeThroughCallees<S>(kind: CalleeSummaryKind<S>, fn: FunctionNode, file: FileModel): S {
  return summarize(kind, fn, file, []).summary;
}

/**
 * `dependsOn` is the lowest position on `stack` of a function whose
 * unfinished summary was used (Infinity: none; -1: the depth limit was hit).
 */
function summarize<S>(kind: CalleeSummaryKind<S>, fn: FunctionNode, file: FileModel, stack: FunctionNode[]): { summary: S; dependsOn: number } {
  const finished = file.cached(kind.slot, () => new Map<FunctionNode, S>());
  const known = finished.get(fn);
  if (known !== undefined) return { summary: known, dependsOn: Infinity };
  const onStack = stack.indexOf(fn);
  if (onStack >= 0) return { summary: kind.unknown(fn, file), dependsOn: onStack };
  if (stack.length >= MAX_CALL_DEPTH) return { summary: kind.unknown(fn, file), dependsOn: -1 };
  const position = stack.length;
  stack.push(fn);
  try {
    let dependsOn = Infinity;
    const summary = kind.compute(fn, file, (callee, calleeFile) => {
      const result = summarize(kind, callee, calleeFile, stack);
      dependsOn = Math.min(dependsOn, result.dependsOn);
      return result.summary;
    });
    if (dependsOn >= position) finished.set(fn, summary);
    return { summary, dependsOn };
  } finally {
    stack.pop();
  }
}
