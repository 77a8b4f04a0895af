import { describe, expect, it } from 'vitest';
import { EventCache } from '../src/channels/cache';
import { connectClient, nextEvent } from './helpers/pusher-client';
import { RawClient } from './helpers/raw-client';
import { rawSubscribe } from './helpers/raw-auth';
import { rawMarker } from './helpers/marker';
import { setupTestServer } from './helpers/suite';

const suite = setupTestServer();
const { clients, raws } = suite;

describe('cache channels', () => {
  it('sends pusher:cache_miss to the subscriber of an empty cache channel (pusher-js sees it)', async () => {
    const client = await connectClient(suite.server);
    clients.push(client);
    const channel = client.subscribe('cache-empty');
    await nextEvent(channel, 'pusher:cache_miss');
  });

  it('replays the last REST event to a new subscriber, and only the last', async () => {
    await suite.server.rest.trigger('cache-scores', 'score', { n: 1 });
    await suite.server.rest.trigger('cache-scores', 'score', { n: 2 });
    const client = await RawClient.connect(suite.port);
    raws.push(client);
    await rawSubscribe(suite.server, client, 'cache-scores');
    const replay = await client.next('score');
    expect(replay.data).toEqual({ n: 2 });
    expect(client.seen('pusher:cache_miss')).toHaveLength(0);
  });

  it('caches client events on private cache channels', async () => {
    const sender = await RawClient.connect(suite.port);
    raws.push(sender);
    await rawSubscribe(suite.server, sender, 'private-cache-room');
    sender.send({ event: 'client-state', channel: 'private-cache-room', data: { on: true } });
    const late = await RawClient.connect(suite.port);
    raws.push(late);
    await rawSubscribe(suite.server, late, 'private-cache-room');
    expect((await late.next('client-state')).data).toEqual({ on: true });
  });

  it('does not replay on ordinary channels', async () => {
    await suite.server.rest.trigger('not-cached', 'score', { n: 1 });
    const client = await RawClient.connect(suite.port);
    raws.push(client);
    await rawSubscribe(suite.server, client, 'not-cached');
    await rawMarker(suite.server, 'not-cached', client);
    expect(client.seen('score')).toHaveLength(0);
    expect(client.seen('pusher:cache_miss')).toHaveLength(0);
  });

  it('expires entries after the TTL and evicts the oldest beyond the cap', () => {
    let now = 0;
    const cache = new EventCache(1_000, 2, () => now);
    cache.remember('cache-a', 'A');
    cache.remember('cache-b', 'B');
    cache.remember('cache-c', 'C');
    expect(cache.lookup('cache-a')).toBeNull();
    expect(cache.lookup('cache-b')).toBe('B');
    now = 1_000;
    expect(cache.lookup('cache-c')).toBeNull();
  });
});
