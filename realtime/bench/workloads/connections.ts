import { rssBytes } from '../support/proc';
import { round } from '../support/stats';
import { closeAll, connectMany, type BenchClient } from '../support/ws-client';
import type { Workload } from './types';

/** Idle connection counts at which the server's resident memory is read. */
export const CONNECTION_STEPS = [1_000, 5_000] as const;
export const CONNECTION_STEPS_QUICK = [200, 1_000] as const;
/** Time for the server to settle (GC, buffers) before its memory is read. */
export const SETTLE_MS = 2_000;
const MIB = 1024 * 1024;

/**
 * Opens idle connections in steps and reads the server's VmRSS at each (after a short settle),
 * against its RSS before any connection: total MiB and KiB per connection.
 */
export const connections: Workload = async ({ port, pid, quick }) => {
  const steps = quick ? CONNECTION_STEPS_QUICK : CONNECTION_STEPS;
  await sleep(SETTLE_MS);
  const baseline = rssBytes(pid);
  const result: Record<string, number> = { baseline_rss_mib: round(baseline / MIB, 1) };
  const clients: BenchClient[] = [];
  try {
    for (const step of steps) {
      clients.push(...(await connectMany(port, step - clients.length)));
      await sleep(SETTLE_MS);
      const rss = rssBytes(pid);
      result[`rss_at_${step}_mib`] = round(rss / MIB, 1);
      result[`kib_per_conn_at_${step}`] = round((rss - baseline) / 1024 / step, 1);
    }
  } finally {
    closeAll(clients);
  }
  return result;
};

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
