export interface Percentiles {
  count: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

/** Nearest-rank percentiles of `values` (ms or any unit); all zero when empty. */
export function percentiles(values: readonly number[]): Percentiles {
  if (values.length === 0) return { count: 0, p50: 0, p95: 0, p99: 0, max: 0 };
  const sorted = Float64Array.from(values).sort();
  const at = (q: number): number => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] as number;
  return { count: sorted.length, p50: at(0.5), p95: at(0.95), p99: at(0.99), max: sorted[sorted.length - 1] as number };
}

export function round(value: number, digits = 2): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}

/** Figure by figure, the median over several runs (the lower middle value for an even count). */
export function medianFigures(runs: readonly Record<string, number>[]): Record<string, number> {
  const names = new Set(runs.flatMap((run) => Object.keys(run)));
  const median: Record<string, number> = {};
  for (const name of names) {
    const values = runs.map((run) => run[name]).filter((value): value is number => value !== undefined).sort((a, b) => a - b);
    if (values.length > 0) median[name] = values[Math.floor((values.length - 1) / 2)] as number;
  }
  return median;
}
