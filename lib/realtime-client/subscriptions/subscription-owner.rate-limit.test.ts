import type Pusher from 'pusher-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectAs, nextEvent, startRealtimeNode, stopProcess, type Started } from './realtime-node.test-support';
import { SubscriptionOwner } from './subscription-owner';

const FAST_RETRIES_MS = [200, 400, 800];

/**
 * The realtime server refuses a subscribe sent faster than its per-connection rate with status 429
 * (RateLimited). The owner asks again later, as after a 503, so a person switching rooms quickly still gets in.
 */
describe('a room subscription refused for subscribing too fast (429)', () => {
  let node: Started | undefined;
  let nodePort = 0;
  const clients: Pusher[] = [];

  beforeAll(async () => {
    ({ node, port: nodePort } = await startRealtimeNode({
      // One subscribe request per second, with a burst of one: the second within the second is refused.
      REALTIME_MAX_SUBSCRIPTIONS_PER_CONNECTION: '1',
      REALTIME_SUBSCRIBES_PER_SECOND: '1',
    }));
  }, 60_000);

  afterAll(async () => {
    for (const client of clients) client.disconnect();
    await stopProcess(node?.child);
  });

  it('is tried again later and joins', async () => {
    const client = await connectAs(nodePort, 'cy');
    clients.push(client);
    const owner = new SubscriptionOwner(client, { retryDelaysMs: FAST_RETRIES_MS });

    const first = owner.hold('presence-first');
    await nextEvent(first.channel, 'pusher:subscription_succeeded');
    first.release();
    await Promise.resolve();
    const room = owner.hold('presence-second');
    const refused = (await nextEvent(room.channel, 'pusher:subscription_error')) as { status?: number; type?: string };
    expect(refused).toMatchObject({ status: 429, type: 'RateLimited' });
    const members = (await nextEvent(room.channel, 'pusher:subscription_succeeded')) as { me: { id: string } };
    expect(members.me.id).toBe('cy');
    room.release();
    owner.dispose();
  }, 40_000);
});
