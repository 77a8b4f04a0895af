import { openLimiter, type Limiter, type LimitSpec } from './limiter';
import { getLimiterStore } from './store';

export type { LimitDecision, LimitSpec } from './limiter';
export { Limiter } from './limiter';

// One limiter per limit name and process, on globalThis so Next's dev hot reloads keep in-memory counts.
const globalForLimiters = globalThis as typeof globalThis & { __presentlyLimiters?: Map<string, Promise<Limiter>> };

/** The limiter for this limit on the process's store (see ./store.ts), created on first use. */
export function limiterFor(spec: LimitSpec): Promise<Limiter> {
  const limiters = (globalForLimiters.__presentlyLimiters ??= new Map());
  let limiter = limiters.get(spec.name);
  if (!limiter) {
    limiter = openLimiter(getLimiterStore(), spec);
    // A store that was down at first use is tried again on the next request, not remembered as broken.
    limiter.catch(() => limiters.delete(spec.name));
    limiters.set(spec.name, limiter);
  }
  return limiter;
}
