import { performance } from 'node:perf_hooks';
import { BatchPublisher } from '../support/batch-publisher';
import { restClient } from '../support/credentials';
import { percentiles, round } from '../support/stats';
import { closeAll, connectMany, type BenchClient } from '../support/ws-client';

const CHANNEL = 'bench-cluster';
/** Events per REST batch_events call (Pusher's batch limit). */
const EVENTS_PER_BATCH = 10;
/** After the last publish, how long deliveries may still arrive. */
const DRAIN_MS = 3_000;
/** A rate "holds" while every event reaches every subscriber once and p99 stays under this (the bar). */
export const KNEE_P99_MS = 100;
const PRESENCE_CHANNEL = 'presence-bench-reap';
/** Give up waiting for member_removed after this long (soketi never sends it for a dead node). */
const REAP_GIVE_UP_MS = 30_000;

export interface RateResult {
  target_per_s: number;
  achieved_per_s: number;
  p50_ms: number;
  p95_ms: number;
  p99_ms: number;
  delivered_pct: number;
  duplicates: number;
  /** batch_events requests that did not answer 200. */
  failed_requests: number;
}

/**
 * Subscribers spread evenly over `ports` on one public channel; events published through REST
 * batch_events to `publishPort` only (the first port unless given), at `rate` per second for `durationMs`. Every delivery's
 * latency is measured from just before its batch was sent; each subscriber tracks which ids it saw.
 */
export async function publishAtRate(ports: readonly number[], subscribersPerNode: number, rate: number, durationMs: number, publishPort = ports[0] as number): Promise<RateResult> {
  const clients: BenchClient[] = [];
  try {
    for (const port of ports) clients.push(...(await connectMany(port, subscribersPerNode)));
    await Promise.all(clients.map((client) => subscribePublic(client)));
    const total = Math.ceil((rate * durationMs) / 1000);
    const seen = clients.map(() => new Uint8Array(total));
    const sentAt = new Float64Array(total);
    const latencies: number[] = [];
    let delivered = 0;
    let duplicates = 0;
    clients.forEach((client, index) => {
      const mine = seen[index] as Uint8Array;
      client.onRaw = (text) => {
        const at = text.indexOf('\\"i\\":');
        if (at < 0) return false;
        const id = Number.parseInt(text.slice(at + 6), 10);
        if (mine[id] === 1) duplicates += 1;
        else {
          mine[id] = 1;
          delivered += 1;
          latencies.push(performance.now() - (sentAt[id] as number));
        }
        return true;
      };
    });
    const publisher = new BatchPublisher(publishPort);
    let failedRequests = 0;
    const inflight = new Set<Promise<unknown>>();
    const started = performance.now();
    let sent = 0;
    while (sent < total) {
      const due = Math.min(total, Math.floor(((performance.now() - started) * rate) / 1000) + 1);
      while (sent < due) {
        const batch = [];
        for (let k = 0; k < EVENTS_PER_BATCH && sent < due; k += 1, sent += 1) {
          sentAt[sent] = performance.now();
          batch.push({ channel: CHANNEL, name: 'bench', data: `{"i":${sent}}` });
        }
        const request: Promise<void> = publisher.publish(batch).then((status) => {
          if (status !== 200) failedRequests += 1;
          inflight.delete(request);
        });
        inflight.add(request);
      }
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
    const publishMs = performance.now() - started;
    await Promise.all(inflight);
    publisher.close();
    const expected = total * clients.length;
    const drainEnd = performance.now() + DRAIN_MS;
    while (delivered < expected && performance.now() < drainEnd) await new Promise((resolve) => setTimeout(resolve, 20));
    const p = percentiles(latencies);
    return {
      target_per_s: rate,
      achieved_per_s: Math.round((total * 1000) / publishMs),
      p50_ms: round(p.p50),
      p95_ms: round(p.p95),
      p99_ms: round(p.p99),
      delivered_pct: round((100 * delivered) / expected, 3),
      duplicates,
      failed_requests: failedRequests,
    };
  } finally {
    closeAll(clients);
  }
}

export function holds(result: RateResult): boolean {
  return result.delivered_pct === 100 && result.duplicates === 0 && result.failed_requests === 0 && result.p99_ms <= KNEE_P99_MS && result.achieved_per_s >= result.target_per_s * 0.95;
}

/**
 * `members` presence users connected only to the victim, one watcher on each other node; SIGKILL the
 * victim and time until every watcher got member_removed for every one of them (null: not within 30 s).
 */
export async function reapAfterKill(victimPort: number, otherPorts: readonly number[], members: number, kill: () => Promise<void>): Promise<number | null> {
  const rest = restClient(victimPort);
  const memberClients = await connectMany(victimPort, members);
  const watchers: BenchClient[] = [];
  for (const port of otherPorts) watchers.push(...(await connectMany(port, 1)));
  try {
    await Promise.all(watchers.map((watcher, i) => subscribePresence(watcher, rest, `watcher-${i}`)));
    await Promise.all(memberClients.map((client, i) => subscribePresence(client, rest, `member-${i}`)));
    const removed = watchers.map(() => new Set<string>());
    watchers.forEach((watcher, i) => {
      watcher.onFrame = (frame) => {
        if (frame.event === 'pusher_internal:member_removed' && frame.channel === PRESENCE_CHANNEL) {
          removed[i]?.add(String((JSON.parse(frame.data as string) as { user_id: string }).user_id));
        }
      };
    });
    // Let member_added for everyone reach the watchers first.
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    const killedAt = performance.now();
    await kill();
    const deadline = killedAt + REAP_GIVE_UP_MS;
    while (performance.now() < deadline) {
      if (removed.every((set) => set.size >= members)) return Math.round(performance.now() - killedAt);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    return null;
  } finally {
    closeAll(memberClients);
    closeAll(watchers);
  }
}

async function subscribePublic(client: BenchClient): Promise<void> {
  const done = client.next((frame) => frame.event === 'pusher_internal:subscription_succeeded' && frame.channel === CHANNEL);
  client.send({ event: 'pusher:subscribe', data: { channel: CHANNEL } });
  await done;
}

async function subscribePresence(client: BenchClient, rest: ReturnType<typeof restClient>, userId: string): Promise<void> {
  const done = client.next((frame) => frame.event === 'pusher_internal:subscription_succeeded' && frame.channel === PRESENCE_CHANNEL);
  const auth = rest.authorizeChannel(client.socketId, PRESENCE_CHANNEL, { user_id: userId });
  client.send({ event: 'pusher:subscribe', data: { channel: PRESENCE_CHANNEL, ...auth } });
  await done;
}

/** Full batches sent for the batch-position figure, one at a time (nothing else loads the nodes). */
const POSITION_BATCHES = { full: 300, quick: 60 };
/** Gap between those batches, so each one's latency is its own and not a queue's. */
const POSITION_GAP_MS = 10;

export interface BatchPositions {
  /** Median latency of the first event of a 10-event batch_events, and of the tenth (ms). */
  first_p50_ms: number;
  tenth_p50_ms: number;
}

/**
 * 10-event batch_events to the first port, one after another, subscribers on every node: the
 * median latency of each position. Awaiting one PUBLISH per event makes the tenth wait nine Redis
 * round trips; one round trip per batch keeps it next to the first.
 */
export async function batchPositions(ports: readonly number[], subscribersPerNode: number, quick: boolean): Promise<BatchPositions> {
  const clients: BenchClient[] = [];
  try {
    for (const port of ports) clients.push(...(await connectMany(port, subscribersPerNode)));
    await Promise.all(clients.map((client) => subscribePublic(client)));
    const byPosition: number[][] = Array.from({ length: EVENTS_PER_BATCH }, () => []);
    let sentAt = 0;
    let arrived = 0;
    for (const client of clients) {
      client.onRaw = (text) => {
        const at = text.indexOf('\\"k\\":');
        if (at < 0) return false;
        byPosition[Number.parseInt(text.slice(at + 6), 10)]?.push(performance.now() - sentAt);
        arrived += 1;
        return true;
      };
    }
    const publisher = new BatchPublisher(ports[0] as number);
    const batches = POSITION_BATCHES[quick ? 'quick' : 'full'];
    for (let b = 0; b < batches; b += 1) {
      const batch = Array.from({ length: EVENTS_PER_BATCH }, (_, k) => ({ channel: CHANNEL, name: 'bench', data: `{"b":${b},"k":${k}}` }));
      const expected = arrived + EVENTS_PER_BATCH * clients.length;
      sentAt = performance.now();
      await publisher.publish(batch);
      const deadline = performance.now() + DRAIN_MS;
      while (arrived < expected && performance.now() < deadline) await new Promise((resolve) => setImmediate(resolve));
      await new Promise((resolve) => setTimeout(resolve, POSITION_GAP_MS));
    }
    publisher.close();
    return { first_p50_ms: round(percentiles(byPosition[0] as number[]).p50, 3), tenth_p50_ms: round(percentiles(byPosition[EVENTS_PER_BATCH - 1] as number[]).p50, 3) };
  } finally {
    closeAll(clients);
  }
}
