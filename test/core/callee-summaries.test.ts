import { describe, expect, it } from 'vitest';
import { functionName } from '../../src/core/ast.js';
import { memoSlot } from '../../src/core/memo-slot.js';
import { bodyCalls } from '../../src/core/syntax-index.js';
import { resolveCalledFunction } from '../../src/core/callees.js';
import { summarizeThroughCallees, type CalleeSummaryKind, type FinishedSummaries } from '../../src/core/callee-summaries.js';
import { findStorageCalls } from '../../src/core/storage-summaries.js';
import { memoryWorkspace } from '../helpers/memory-workspace.js';
import { fnNamed } from '../helpers/function-named.js';

/** A summary that lists the paths to every function reached, and counts how often each function's body was summarised. */
function pathsKind(): { kind: CalleeSummaryKind<string[]>; computed: Map<string, number> } {
  const computed = new Map<string, number>();
  const kind: CalleeSummaryKind<string[]> = {
    slot: memoSlot<FinishedSummaries<string[]>>('test paths'),
    unknown: () => [],
    compute(fn, file, summaryOf) {
      const name = functionName(fn)!;
      computed.set(name, (computed.get(name) ?? 0) + 1);
      const paths = [name];
      for (const call of bodyCalls(file.sf, fn)) {
        const callee = resolveCalledFunction(call, file);
        if (callee) for (const path of summaryOf(callee.fn, callee.file)) paths.push(`${name} > ${path}`);
      }
      return paths;
    },
  };
  return { kind, computed };
}

describe('summaries through callees', () => {
  it('summarise each function once, whichever callers ask', () => {
    const { file } = memoryWorkspace({
      '/d.ts': `export function top() { left(); right(); }
export function left() { leaf(); }
export function right() { leaf(); }
export function leaf() {}`,
    });
    const d = file('/d.ts');
    const { kind, computed } = pathsKind();
    expect(summarizeThroughCallees(kind, fnNamed(d, 'top'), d)).toEqual(['top', 'top > left', 'top > left > leaf', 'top > right', 'top > right > leaf']);
    expect(summarizeThroughCallees(kind, fnNamed(d, 'right'), d)).toEqual(['right', 'right > leaf']);
    expect(Object.fromEntries(computed)).toEqual({ top: 1, left: 1, right: 1, leaf: 1 });
  });

  it('follow a cycle once round, and give every function of it the same summary whoever asked first', () => {
    const source = `export function ping() { pong(); }
export function pong() { ping(); }`;
    const results = (first: string, second: string) => {
      const { file } = memoryWorkspace({ '/c.ts': source });
      const c = file('/c.ts');
      const { kind } = pathsKind();
      const answers = { [first]: summarizeThroughCallees(kind, fnNamed(c, first), c), [second]: summarizeThroughCallees(kind, fnNamed(c, second), c) };
      // The head of the cycle is kept: asking again gives the same object.
      expect(summarizeThroughCallees(kind, fnNamed(c, first), c)).toBe(answers[first]);
      return answers;
    };
    const expected = { ping: ['ping', 'ping > pong'], pong: ['pong', 'pong > ping'] };
    expect(results('ping', 'pong')).toEqual(expected);
    expect(results('pong', 'ping')).toEqual(expected);
  });

  it('follow at most eight functions deep', () => {
    const chain = Array.from({ length: 10 }, (_, i) => `export function f${i}() { f${i + 1}(); }`).join('\n');
    const { file } = memoryWorkspace({ '/deep.ts': `${chain}\nexport function f10() {}` });
    const deep = file('/deep.ts');
    const { kind } = pathsKind();
    const deepest = summarizeThroughCallees(kind, fnNamed(deep, 'f0'), deep).at(-1);
    expect(deepest).toBe('f0 > f1 > f2 > f3 > f4 > f5 > f6 > f7');
  });

  it('reach each storage call of recursive wrappers once, whichever caller is checked first', () => {
    const files = {
      '/w.ts': `import * as SecureStore from 'expo-secure-store';
export async function ping(n: number, k: string): Promise<unknown> { await SecureStore.setItemAsync(k, 'p'); return n > 0 ? pong(n - 1, k) : null; }
export async function pong(n: number, k: string): Promise<unknown> { await SecureStore.deleteItemAsync(k); return ping(n, k); }`,
      '/a.ts': `import { pong } from './w';\nexport function a() { return pong(1, 'auth.a'); }`,
      '/b.ts': `import { ping } from './w';\nexport function b() { return ping(1, 'auth.b'); }`,
    };
    const reached = (order: string[]) => {
      const { file } = memoryWorkspace(files);
      return Object.fromEntries(order.map((name) => [name, findStorageCalls(file(name)).map((call) => `${call.apiName} ${call.key?.getText()}`)]));
    };
    const expected = {
      '/a.ts': ["pong() → SecureStore.deleteItemAsync 'auth.a'", "pong() → ping() → SecureStore.setItemAsync 'auth.a'"],
      '/b.ts': ["ping() → SecureStore.setItemAsync 'auth.b'", "ping() → pong() → SecureStore.deleteItemAsync 'auth.b'"],
    };
    expect(reached(['/a.ts', '/b.ts'])).toEqual(expected);
    expect(reached(['/b.ts', '/a.ts'])).toEqual(expected);
  });
});
