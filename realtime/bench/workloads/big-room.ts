import { performance } from 'node:perf_hooks';
import { restClient } from '../support/credentials';
import { cpuMs } from '../support/proc';
import { percentiles, round } from '../support/stats';
import { closeAll, connectMany, type BenchClient } from '../support/ws-client';
import type { Workload } from './types';

/** The big room: 1,000 members in one presence channel (ten times Pusher's hosted cap). */
export const BIG_ROOM_MEMBERS = 1_000;
export const BIG_ROOM_MEMBERS_QUICK = 200;
/** Joins and leaves per second while the room is full (the issue: 10/s each). */
export const BIG_ROOM_CHURN_PER_S = 10;
export const BIG_ROOM_CHURN_MS = 20_000;
export const BIG_ROOM_CHURN_MS_QUICK = 5_000;
/** Members joining at once while the room fills (in waves, so the fill measures the server, not the handshakes). */
const FILL_WAVE = 50;
/** Leavers wait this many ticks before rejoining, so the room stays at about its size minus a few. */
const REJOIN_AFTER_TICKS = 5;
const CHANNEL = 'presence-big-room';
/** A member's info as the app sends it (name, colour, status, when it changed): about 120 bytes. */
const userInfo = (i: number) => ({ name: `Person number ${i}`, color: '#4f46e5', status: 'Reading chapter three, slowly', statusUpdatedAt: 1_764_547_200_000 + i });

/** Bytes the clients received during the measured phase, by what they were. */
interface Traffic {
  succeededBytes: number;
  addedBytes: number;
  removedBytes: number;
  added: number;
  removed: number;
}

function countTraffic(clients: readonly BenchClient[], traffic: Traffic): void {
  for (const client of clients) {
    client.onRaw = (text) => {
      const bytes = Buffer.byteLength(text);
      if (text.includes('"pusher_internal:member_added"')) {
        traffic.addedBytes += bytes;
        traffic.added += 1;
      } else if (text.includes('"pusher_internal:member_removed"')) {
        traffic.removedBytes += bytes;
        traffic.removed += 1;
      } else if (text.includes('"pusher_internal:subscription_succeeded"')) {
        traffic.succeededBytes += bytes;
      }
      // Parsed on only for frames someone waits for (subscription_succeeded): member events are counted, not decoded.
      return !text.includes('subscription_succeeded');
    };
  }
}

/**
 * A 1,000-member presence channel: it fills (in waves of 50), then for 20 s one member leaves and another joins
 * every 1/10 s. Reported for the churn phase: server CPU (share of one core and per join+leave), bytes the server
 * sent per join (the joiner's `subscription_succeeded` plus a `member_added` to everyone else) and per leave, and
 * the `subscription_succeeded` time a joiner waits; for the fill, its length and server CPU.
 */
export const bigRoom: Workload = async ({ port, pid, quick }) => {
  const size = quick ? BIG_ROOM_MEMBERS_QUICK : BIG_ROOM_MEMBERS;
  const churnMs = quick ? BIG_ROOM_CHURN_MS_QUICK : BIG_ROOM_CHURN_MS;
  const rest = restClient(port);
  const clients = await connectMany(port, size);
  const join = async (index: number): Promise<number> => {
    const client = clients[index] as BenchClient;
    const succeeded = client.next((frame) => frame.event === 'pusher_internal:subscription_succeeded' && frame.channel === CHANNEL);
    const auth = rest.authorizeChannel(client.socketId, CHANNEL, { user_id: `member-${index}`, user_info: userInfo(index) });
    const started = performance.now();
    client.send({ event: 'pusher:subscribe', data: { channel: CHANNEL, ...auth } });
    await succeeded;
    return performance.now() - started;
  };
  try {
    const fillCpuBefore = cpuMs(pid);
    const fillStarted = performance.now();
    const fillTimes: number[] = [];
    for (let first = 0; first < size; first += FILL_WAVE) {
      const wave = Array.from({ length: Math.min(FILL_WAVE, size - first) }, (_, i) => join(first + i));
      fillTimes.push(...(await Promise.all(wave)));
    }
    const fillS = (performance.now() - fillStarted) / 1000;
    const fillCpuMs = cpuMs(pid) - fillCpuBefore;

    const traffic: Traffic = { succeededBytes: 0, addedBytes: 0, removedBytes: 0, added: 0, removed: 0 };
    countTraffic(clients, traffic);
    const succeededTimes: number[] = [];
    const out: number[] = [];
    const pending: Promise<void>[] = [];
    const ticks = Math.floor((churnMs / 1000) * BIG_ROOM_CHURN_PER_S);
    const tickMs = 1000 / BIG_ROOM_CHURN_PER_S;
    let joins = 0;
    let leaves = 0;
    const cpuBefore = cpuMs(pid);
    const started = performance.now();
    for (let tick = 0; tick < ticks; tick += 1) {
      // Leave: someone still in, at random; join: whoever left REJOIN_AFTER_TICKS ticks ago.
      let leaver = Math.floor(Math.random() * size);
      while (out.includes(leaver)) leaver = (leaver + 1) % size;
      (clients[leaver] as BenchClient).send({ event: 'pusher:unsubscribe', data: { channel: CHANNEL } });
      out.push(leaver);
      leaves += 1;
      if (out.length > REJOIN_AFTER_TICKS) {
        const joiner = out.shift() as number;
        pending.push(join(joiner).then((ms) => void succeededTimes.push(ms)));
        joins += 1;
      }
      const next = started + (tick + 1) * tickMs;
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, next - performance.now())));
    }
    await Promise.all(pending);
    const elapsedS = (performance.now() - started) / 1000;
    const cpuUsedMs = cpuMs(pid) - cpuBefore;
    const succeeded = percentiles(succeededTimes);
    const fill = percentiles(fillTimes);
    return {
      members: size,
      fill_s: round(fillS, 1),
      fill_server_cpu_s: round(fillCpuMs / 1000, 2),
      fill_succeeded_p95_ms: round(fill.p95, 1),
      churn_joins: joins,
      churn_leaves: leaves,
      server_cpu_pct: round((cpuUsedMs / 1000 / elapsedS) * 100, 1),
      cpu_ms_per_join_leave: round(cpuUsedMs / Math.max(1, joins + leaves) , 2),
      bytes_per_join: Math.round((traffic.succeededBytes + traffic.addedBytes) / Math.max(1, joins)),
      succeeded_bytes_per_join: Math.round(traffic.succeededBytes / Math.max(1, joins)),
      bytes_per_leave: Math.round(traffic.removedBytes / Math.max(1, leaves)),
      member_events_delivered: traffic.added + traffic.removed,
      succeeded_p50_ms: round(succeeded.p50, 1),
      succeeded_p95_ms: round(succeeded.p95, 1),
      succeeded_max_ms: round(succeeded.max, 1),
    };
  } finally {
    closeAll(clients);
  }
};
