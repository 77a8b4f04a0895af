import { describe, expect, it } from 'vitest';
import { loadConfigFromEnv } from '../src/config/env';
import { MAX_PRESENCE_MEMBERS } from '../src/config/limits';
import { ConfigError } from '../src/config/schema';
import { rawSubscribe, rawSubscribeExpectingError } from './helpers/raw-auth';
import { RawClient } from './helpers/raw-client';
import { setupTestServer } from './helpers/suite';

/** Above Pusher's hosted cap of 100, so the test shows the setting raises it, not only lowers it. */
const BIG_CAP = 120;
const SMALL_APP = { id: 'app-small', key: 'key-small', secret: 'secret-small', limits: { maxPresenceMembers: 2 } };
/** Handshakes per batch: 120 at once are slow on two shared cores. */
const JOIN_BATCH = 30;

const suite = setupTestServer({ limits: { maxPresenceMembers: BIG_CAP }, extraApps: [SMALL_APP] });

async function joinMain(channel: string, userId: string): Promise<RawClient> {
  const client = suite.track(await RawClient.connect(suite.port));
  await rawSubscribe(suite.server, client, channel, { user_id: userId });
  return client;
}

async function connectSmall(): Promise<RawClient> {
  const client = suite.track(RawClient.open(suite.port, `/app/${SMALL_APP.key}?protocol=7`));
  const established = await client.next('pusher:connection_established');
  client.socketId = (established.data as { socket_id: string }).socket_id;
  return client;
}

describe('the presence member cap is a per-app setting', () => {
  it('defaults to Pusher’s 100 and is read from REALTIME_MAX_PRESENCE_MEMBERS for the env app', () => {
    const credentials = { PUSHER_APP_ID: 'a', PUSHER_APP_KEY: 'k', PUSHER_APP_SECRET: 's' };
    expect(loadConfigFromEnv(credentials).apps[0]?.limits.maxPresenceMembers).toBe(MAX_PRESENCE_MEMBERS);
    expect(MAX_PRESENCE_MEMBERS).toBe(100);
    expect(loadConfigFromEnv({ ...credentials, REALTIME_MAX_PRESENCE_MEMBERS: '1000' }).apps[0]?.limits.maxPresenceMembers).toBe(1000);
    for (const bad of ['0', 'many', '-3']) {
      expect(() => loadConfigFromEnv({ ...credentials, REALTIME_MAX_PRESENCE_MEMBERS: bad })).toThrow(ConfigError);
    }
  });

  it('lets an app go past 100 members up to its own cap, and refuses the next one with LimitReached 403', async () => {
    const channel = 'presence-big-room';
    for (let first = 0; first < BIG_CAP; first += JOIN_BATCH) {
      await Promise.all(Array.from({ length: JOIN_BATCH }, (_, i) => joinMain(channel, `member-${first + i}`)));
    }
    const extra = suite.track(await RawClient.connect(suite.port));
    const refused = await rawSubscribeExpectingError(extra, channel, suite.server.rest.authorizeChannel(extra.socketId, channel, { user_id: 'one-too-many' }));
    expect(refused.data).toMatchObject({ type: 'LimitReached', status: 403 });
    const response = await suite.server.rest.get({ path: `/channels/${channel}`, params: { info: 'user_count' } });
    expect(await response.json()).toMatchObject({ user_count: BIG_CAP });
  });

  it('applies another app’s lower cap to that app only', async () => {
    const small = suite.server.restWith(SMALL_APP);
    const channel = 'presence-small-room';
    for (const user of ['ann', 'bob']) {
      const client = await connectSmall();
      client.send({ event: 'pusher:subscribe', data: { channel, ...small.authorizeChannel(client.socketId, channel, { user_id: user }) } });
      await client.next('pusher_internal:subscription_succeeded');
    }
    const third = await connectSmall();
    const refused = await rawSubscribeExpectingError(third, channel, small.authorizeChannel(third.socketId, channel, { user_id: 'cat' }));
    expect(refused.data).toMatchObject({ type: 'LimitReached', status: 403 });
    // The same room name in the main app is not full.
    await joinMain(channel, 'cat');
  });
});
