import { performance } from 'node:perf_hooks';

export type Time = <T>(phase: string, work: () => T) => T;

/** Accumulates wall time per phase, for --debug and the benchmark. */
export function timer(): { timings: Record<string, number>; time: Time } {
  const timings: Record<string, number> = {};
  const time = <T>(phase: string, work: () => T): T => {
    const start = performance.now();
    try {
      return work();
    } finally {
      timings[phase] = (timings[phase] ?? 0) + performance.now() - start;
    }
  };
  return { timings, time };
}
