import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_SUBSCRIPTIONS_PER_CONNECTION, SUBSCRIBES_PER_SECOND } from '../src/config/limits';
import { parseServerConfig } from '../src/config/schema';
import { loadConfigFromEnv } from '../src/config/env';
import { expectServerHealthy } from './helpers/health';
import { RawClient, type Frame } from './helpers/raw-client';
import { findRedis, TestRedis } from './helpers/redis';
import { startTestServer, type TestServer } from './helpers/server';
import { setupTestServer } from './helpers/suite';
import { until, withTimeout } from './helpers/wait';

const redisSource = findRedis();
const CAP = 5;
const RATE = 2;
const suite = setupTestServer({ limits: { maxSubscriptionsPerConnection: CAP, subscribesPerSecond: RATE }, webhooks: [] });

const ANSWERS: ReadonlySet<string> = new Set(['pusher_internal:subscription_succeeded', 'pusher:subscription_error']);

/** The answer to one subscribe: its subscription_succeeded or subscription_error frame (taken off the client's list). */
async function answerOf(client: RawClient, channel: string): Promise<Frame> {
  let answer: Frame | undefined;
  await until(`the answer for ${channel}`, () => {
    const index = client.frames.findIndex((frame) => frame.channel === channel && ANSWERS.has(frame.event));
    if (index >= 0) [answer] = client.frames.splice(index, 1);
    return answer !== undefined;
  });
  return answer as Frame;
}

/** Waits for one token of the subscribe bucket to come back. */
function refill(): Promise<void> {
  return withTimeout('a refilled token', (resolve) => void setTimeout(resolve, 1_000 / RATE + 50), 2_000);
}

async function subscribe(client: RawClient, channel: string): Promise<Frame> {
  client.send({ event: 'pusher:subscribe', data: { channel } });
  return answerOf(client, channel);
}

describe('subscriptions per connection', () => {
  it(`refuses the subscription over the cap with LimitReached (403), keeps the connection, and frees a place on unsubscribe`, async () => {
    const client = await suite.raw();
    for (let i = 0; i < CAP; i += 1) expect((await subscribe(client, `cap-${i}`)).event).toBe('pusher_internal:subscription_succeeded');
    const refused = await subscribe(client, 'cap-over');
    expect(refused).toMatchObject({ event: 'pusher:subscription_error', channel: 'cap-over', data: { type: 'LimitReached', status: 403 } });
    // A repeat of a channel it holds is not a new subscription: still answered (once a token is back).
    await refill();
    expect((await subscribe(client, 'cap-0')).event).toBe('pusher_internal:subscription_succeeded');

    // Nothing of the refused one exists on the server, and the connection still works.
    const app = suite.server.server.apps.findById('app-1');
    expect(app?.channels.get('cap-over')).toBeUndefined();
    expect(app?.connections.get(client.socketId)?.subscriptions.size).toBe(CAP);
    client.send({ event: 'pusher:unsubscribe', data: { channel: 'cap-1' } });
    await refill();
    expect((await subscribe(client, 'cap-over')).event).toBe('pusher_internal:subscription_succeeded');
  });

  it('holds subscribe churn to the rate: the excess gets RateLimited (429) and a later try succeeds', async () => {
    const client = await suite.raw();
    // The burst (CAP tokens) is spent by subscribe/unsubscribe churn on one channel.
    const answers: Frame[] = [];
    for (let i = 0; i < CAP + 3; i += 1) {
      answers.push(await subscribe(client, 'churn'));
      client.send({ event: 'pusher:unsubscribe', data: { channel: 'churn' } });
    }
    const refused = answers.filter((frame) => frame.event === 'pusher:subscription_error');
    expect(answers.filter((frame) => frame.event === 'pusher_internal:subscription_succeeded')).toHaveLength(CAP);
    expect(refused[0]).toMatchObject({ data: { type: 'RateLimited', status: 429 } });
    await refill();
    expect((await subscribe(client, 'churn')).event).toBe('pusher_internal:subscription_succeeded');
  });

  it('survives a flood of subscribes from one socket: one channel per accepted subscription, the server healthy', async () => {
    const client = await suite.raw();
    const FLOOD = 2_000;
    for (let i = 0; i < FLOOD; i += 1) client.send({ event: 'pusher:subscribe', data: { channel: `flood-${i}` } });
    const last = await answerOf(client, `flood-${FLOOD - 1}`);
    expect(last.event).toBe('pusher:subscription_error');
    const app = suite.server.server.apps.findById('app-1');
    const flooded = [...(app?.channels.all() ?? [])].filter((channel) => channel.name.startsWith('flood-'));
    expect(flooded).toHaveLength(CAP);
    await expectServerHealthy(suite.server);
  });
});

describe.skipIf(redisSource.kind === 'none' && process.env.CI !== 'true')('subscriptions per connection on a cluster node (state in Redis)', () => {
  let redis: TestRedis;
  let test: TestServer;
  beforeAll(async () => {
    redis = await TestRedis.start(redisSource);
    test = await startTestServer({
      // A rate so high that only the cap holds the burst back (the bucket refills while the burst is read).
      limits: { maxSubscriptionsPerConnection: CAP, subscribesPerSecond: 1_000_000 },
      cluster: { redisUrl: redis.url, keyPrefix: `sublimits-${randomBytes(3).toString('hex')}:` },
    });
  }, 30_000);
  afterAll(async () => {
    await test?.close();
    await redis?.close();
  });

  it('counts subscriptions still waiting for their Redis acknowledgement: a burst sent at once gets exactly the cap', async () => {
    const client = await RawClient.connect(test.port);
    const FLOOD = 500;
    // All sent before the first acknowledgement can come back.
    for (let i = 0; i < FLOOD; i += 1) client.send({ event: 'pusher:subscribe', data: { channel: `burst-${i}` } });
    const answers = await Promise.all(Array.from({ length: FLOOD }, (_, i) => answerOf(client, `burst-${i}`)));
    expect(answers.filter((frame) => frame.event === 'pusher_internal:subscription_succeeded')).toHaveLength(CAP);
    const occupied = (await (await test.rest.get({ path: '/channels' })).json()) as { channels: Record<string, unknown> };
    expect(Object.keys(occupied.channels).filter((name) => name.startsWith('burst-'))).toHaveLength(CAP);
    client.close();
  });
});

describe('configuration', () => {
  it('defaults to the named constants and takes the env variables for the env app', () => {
    const limits = parseServerConfig({ apps: [{ id: 'a', key: 'k', secret: 's' }] }).apps[0]?.limits;
    expect(limits).toMatchObject({ maxSubscriptionsPerConnection: MAX_SUBSCRIPTIONS_PER_CONNECTION, subscribesPerSecond: SUBSCRIBES_PER_SECOND });
    const env = { PUSHER_APP_ID: 'a', PUSHER_APP_KEY: 'k', PUSHER_APP_SECRET: 's', REALTIME_MAX_SUBSCRIPTIONS_PER_CONNECTION: '7', REALTIME_SUBSCRIBES_PER_SECOND: '3' };
    expect(loadConfigFromEnv(env).apps[0]?.limits).toMatchObject({ maxSubscriptionsPerConnection: 7, subscribesPerSecond: 3 });
    expect(() => loadConfigFromEnv({ ...env, REALTIME_SUBSCRIBES_PER_SECOND: 'lots' })).toThrow(/REALTIME_SUBSCRIBES_PER_SECOND/);
  });
});
