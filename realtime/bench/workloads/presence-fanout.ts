import { performance } from 'node:perf_hooks';
import { restClient } from '../support/credentials';
import { cpuMs } from '../support/proc';
import { percentiles, round } from '../support/stats';
import { closeAll, connectMany, type BenchClient } from '../support/ws-client';
import type { Workload } from './types';

/** Members per presence channel (the default; Pusher's cap is 100). */
export const FANOUT_MEMBERS = 100;
export const FANOUT_MEMBERS_QUICK = 30;
/** Channels filled one after the other, for more samples; the first one is a warm-up, not measured. */
export const FANOUT_ROUNDS = 4;

/**
 * N clients join one presence channel one at a time. For each join, the time from sending
 * `pusher:subscribe` until every member already in the channel has received its `member_added`.
 */
export const presenceFanout: Workload = async ({ port, pid, quick }) => {
  const members = quick ? FANOUT_MEMBERS_QUICK : FANOUT_MEMBERS;
  const rest = restClient(port);
  const samples: number[] = [];
  let cpuUsed = 0;
  for (let round_ = 0; round_ < FANOUT_ROUNDS; round_ += 1) {
    const channel = `presence-fanout-${round_}`;
    const clients = await connectMany(port, members);
    const cpuBefore = cpuMs(pid);
    const measured = round_ > 0;
    try {
      const joined: BenchClient[] = [];
      for (let i = 0; i < clients.length; i += 1) {
        const client = clients[i] as BenchClient;
        const userId = `user-${i}`;
        const waits = joined.map((member) =>
          member.next((frame) => frame.event === 'pusher_internal:member_added' && frame.channel === channel && (frame.data as string).includes(`"${userId}"`)),
        );
        const succeeded = client.next((frame) => frame.event === 'pusher_internal:subscription_succeeded' && frame.channel === channel);
        const auth = rest.authorizeChannel(client.socketId, channel, { user_id: userId, user_info: { name: userId } });
        const started = performance.now();
        client.send({ event: 'pusher:subscribe', data: { channel, ...auth } });
        await Promise.all(waits);
        if (joined.length > 0 && measured) samples.push(performance.now() - started);
        await succeeded;
        joined.push(client);
      }
      if (measured) cpuUsed += cpuMs(pid) - cpuBefore;
    } finally {
      closeAll(clients);
    }
  }
  const stats = percentiles(samples);
  return { members, joins: stats.count, cpu_us_per_join: Math.round((cpuUsed * 1000) / ((FANOUT_ROUNDS - 1) * members)), p50_ms: round(stats.p50), p95_ms: round(stats.p95), p99_ms: round(stats.p99) };
};
