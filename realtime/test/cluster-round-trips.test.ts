import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ClusterNode } from './helpers/cluster';
import { collect, connectClient, disconnectAll, subscribe, type TestClient } from './helpers/pusher-client';
import { RedisProxy } from './helpers/redis-proxy';
import { findRedis, TestRedis } from './helpers/redis';
import { until } from './helpers/wait';

const redisSource = findRedis();
/** Pusher's batch limit: the batch the issue measures. */
const BATCH_SIZE = 10;
/** Payload sizes around the WebSocket frame's length encodings (7-bit up to 125, then 16-bit). */
const PAYLOAD_SIZES = [1, 30, 31, 124, 125, 126, 127, 1_000, 5_000, 9_000];

describe.skipIf(redisSource.kind === 'none')('cluster: one round trip per REST call', () => {
  let redis: TestRedis;
  let proxy: RedisProxy;
  let node: ClusterNode;
  const clients: TestClient[] = [];

  beforeAll(async () => {
    redis = await TestRedis.start(redisSource);
    proxy = await RedisProxy.start(Number(new URL(redis.url).port));
    node = await ClusterNode.start(proxy.url, `rt-${process.pid}:`);
  }, 60_000);

  afterAll(async () => {
    disconnectAll(clients);
    await node?.kill();
    await proxy?.close();
    await redis?.close();
  });

  it('sends all ten PUBLISH of a batch_events before Redis answered the first, and delivers them in batch order, framed as sent', async () => {
    const subscriber = await connectClient(node);
    clients.push(subscriber);
    const received = collect<{ i: number; pad: string }>(await subscribe(subscriber, 'batched'), 'e');
    const batch = PAYLOAD_SIZES.slice(0, BATCH_SIZE).map((size, i) => ({ channel: 'batched', name: 'e', data: JSON.stringify({ i, pad: 'x'.repeat(size) }) }));
    proxy.resetCounts();
    proxy.hold();
    const answer = node.rest.triggerBatch(batch);
    try {
      // Awaiting each PUBLISH in turn would stop at one: its reply is being held back.
      await until('ten PUBLISH on the wire with no reply yet', () => proxy.commandsSent('publish') >= BATCH_SIZE);
    } finally {
      proxy.release();
    }
    expect((await answer).status).toBe(200);
    await until('the whole batch delivered', () => received.length === BATCH_SIZE);
    expect(received.map(({ i, pad }) => [i, pad.length])).toEqual(PAYLOAD_SIZES.map((size, i) => [i, size]));
  });
});
