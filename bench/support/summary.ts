/** p50/p90 of a set of timings (nearest rank), in whole milliseconds. */
export type Summary = { count: number; p50: number; p90: number; min: number; max: number };

export function summarize(values: readonly number[]): Summary {
  if (values.length === 0) return { count: 0, p50: 0, p90: 0, min: 0, max: 0 };
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q: number) => Math.round(sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] as number);
  return { count: sorted.length, p50: at(0.5), p90: at(0.9), min: Math.round(sorted[0] as number), max: Math.round(sorted[sorted.length - 1] as number) };
}
