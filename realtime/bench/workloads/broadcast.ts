import { performance } from 'node:perf_hooks';
import { restClient } from '../support/credentials';
import { cpuMs } from '../support/proc';
import { percentiles, round } from '../support/stats';
import { closeAll, connectMany, type BenchClient } from '../support/ws-client';
import type { Workload } from './types';

export const BROADCAST_SUBSCRIBERS = 1_000;
export const BROADCAST_SUBSCRIBERS_QUICK = 200;
/** Latency phase: one trigger per interval (well below saturation). */
export const LATENCY_INTERVAL_MS = 50;
export const LATENCY_PHASE_MS = 5_000;
/** Unmeasured triggers first, so neither server is measured cold (JIT, buffers, caches). */
export const WARMUP_TRIGGERS = 20;
/** Saturation phase: this many triggers in flight at once, for this long. */
export const SATURATION_CONCURRENCY = 8;
export const SATURATION_PHASE_MS = 5_000;
export const QUICK_PHASE_MS = 1_500;
/** After the last trigger, how long deliveries may still trickle in. */
export const DRAIN_TIMEOUT_MS = 10_000;
const CHANNEL = 'bench-broadcast';
/** The payload carries its send time; it is found by text search, without parsing every frame. */
const STAMP = '\\"t\\":';

/**
 * 1,000 subscribers on one public channel. Latency: one REST trigger every 50 ms, time from the
 * trigger call to each subscriber's receipt. Saturation: triggers back to back (8 in flight),
 * deliveries per second counted over the phase until the last delivery arrived.
 */
export const broadcast: Workload = async ({ port, pid, quick }) => {
  const subscriberCount = quick ? BROADCAST_SUBSCRIBERS_QUICK : BROADCAST_SUBSCRIBERS;
  const phaseMs = quick ? QUICK_PHASE_MS : LATENCY_PHASE_MS;
  const saturationMs = quick ? QUICK_PHASE_MS : SATURATION_PHASE_MS;
  const rest = restClient(port);
  const clients = await connectMany(port, subscriberCount);
  try {
    await Promise.all(clients.map((client) => subscribe(client)));
    let received = 0;
    let lastAt = 0;
    let latencies: number[] | null = null;
    for (const client of clients) {
      client.onRaw = (text) => {
        if (!text.includes('"bench"')) return false;
        received += 1;
        lastAt = performance.now();
        if (latencies !== null) {
          const at = text.indexOf(STAMP);
          latencies.push(lastAt - Number.parseFloat(text.slice(at + STAMP.length)));
        }
        return true;
      };
    }

    // Warm-up, then the latency phase.
    let sent = 0;
    for (let i = 0; i < WARMUP_TRIGGERS; i += 1) {
      await rest.trigger(CHANNEL, 'bench', { t: performance.now() });
      sent += 1;
      await sleep(LATENCY_INTERVAL_MS);
    }
    await drain(() => received >= sent * subscriberCount);
    received = 0;
    sent = 0;
    latencies = [];
    const latencyEnd = performance.now() + phaseMs;
    while (performance.now() < latencyEnd) {
      const tick = performance.now();
      await rest.trigger(CHANNEL, 'bench', { t: performance.now() });
      sent += 1;
      const wait = LATENCY_INTERVAL_MS - (performance.now() - tick);
      if (wait > 0) await sleep(wait);
    }
    await drain(() => received >= sent * subscriberCount);
    const latency = percentiles(latencies);
    const latencyLost = sent * subscriberCount - received;
    latencies = null;

    // Saturation phase.
    received = 0;
    let triggered = 0;
    const cpuBefore = cpuMs(pid);
    const started = performance.now();
    const saturationEnd = started + saturationMs;
    const pump = async (): Promise<void> => {
      while (performance.now() < saturationEnd) {
        await rest.trigger(CHANNEL, 'bench', { t: 0, pad: 'x'.repeat(64) });
        triggered += 1;
      }
    };
    await Promise.all(Array.from({ length: SATURATION_CONCURRENCY }, pump));
    await drain(() => received >= triggered * subscriberCount);
    const cpuUsed = cpuMs(pid) - cpuBefore;
    const elapsedS = (lastAt - started) / 1000;
    return {
      subscribers: subscriberCount,
      latency_p50_ms: round(latency.p50),
      latency_p95_ms: round(latency.p95),
      latency_p99_ms: round(latency.p99),
      latency_lost: latencyLost,
      deliveries_per_s: Math.round(received / elapsedS),
      cpu_us_per_delivery: round((cpuUsed * 1000) / received, 2),
      triggers_per_s: Math.round(triggered / elapsedS),
      saturation_lost: triggered * subscriberCount - received,
    };
  } finally {
    closeAll(clients);
  }
};

async function subscribe(client: BenchClient): Promise<void> {
  const done = client.next((frame) => frame.event === 'pusher_internal:subscription_succeeded' && frame.channel === CHANNEL);
  client.send({ event: 'pusher:subscribe', data: { channel: CHANNEL } });
  await done;
}

async function drain(done: () => boolean): Promise<void> {
  const deadline = performance.now() + DRAIN_TIMEOUT_MS;
  while (!done() && performance.now() < deadline) await sleep(20);
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
