import { describe, expect, it } from 'vitest';
import { RawClient } from './helpers/raw-client';
import { rawSubscribe } from './helpers/raw-auth';
import { connectClient } from './helpers/pusher-client';
import { expectServerHealthy } from './helpers/health';
import { until } from './helpers/wait';
import { setupTestServer } from './helpers/suite';

const ACTIVITY_MS = 300;
const PONG_MS = 300;
/** Server pings a pusher-js client must answer before it counts as kept alive. */
const PINGS_ANSWERED = 3;
const suite = setupTestServer({ limits: { activityTimeoutMs: ACTIVITY_MS, pongTimeoutMs: PONG_MS } });

describe('server-side activity checks', () => {
  it('advertises the configured activity_timeout (whole seconds, at least 1)', async () => {
    const client = RawClient.open(suite.port);
    const established = await client.next('pusher:connection_established');
    expect(established.data).toMatchObject({ activity_timeout: 1 });
    client.close();
  });

  it('pings a silent connection with pusher:ping after activity_timeout', async () => {
    // Taken before connecting, so it cannot be later than the server's own start of the clock.
    const started = Date.now();
    const client = RawClient.open(suite.port, undefined, { autoPong: false });
    await client.next('pusher:connection_established');
    await client.next('pusher:ping', () => true, ACTIVITY_MS * 5);
    expect(Date.now() - started).toBeGreaterThanOrEqual(ACTIVITY_MS - 5); // timers may fire a millisecond early
    client.close();
  });

  it('keeps a connection that answers pusher:ping with pusher:pong', async () => {
    const client = await RawClient.connect(suite.port, { autoPong: false });
    for (let i = 0; i < 3; i += 1) {
      await client.next('pusher:ping', () => true, ACTIVITY_MS * 5);
      client.send({ event: 'pusher:pong', data: {} });
    }
    expect(client.socket.readyState).toBe(client.socket.OPEN);
    client.close();
  });

  it('closes a frozen connection with 4201 and removes its presence membership', async () => {
    const observer = await RawClient.connect(suite.port);
    await rawSubscribe(suite.server, observer, 'presence-frozen', { user_id: 'observer' });
    const frozen = await RawClient.connect(suite.port, { autoPong: false });
    await rawSubscribe(suite.server, frozen, 'presence-frozen', { user_id: 'frozen' });
    await observer.next('pusher_internal:member_added');
    const started = Date.now();
    // `frozen` never answers: neither pusher:ping nor protocol pings.
    const removed = await observer.next('pusher_internal:member_removed', () => true, (ACTIVITY_MS + PONG_MS) * 4);
    expect(removed.data).toEqual({ user_id: 'frozen' });
    expect((await frozen.waitClose()).code).toBe(4201);
    expect(Date.now() - started).toBeLessThan((ACTIVITY_MS + PONG_MS) * 4);
    // The observer answered protocol pings automatically, so it is still here.
    expect(observer.socket.readyState).toBe(observer.socket.OPEN);
    observer.close();
    await expectServerHealthy(suite.server);
  });

  it('does not close a pusher-js client, which answers pings', async () => {
    const client = await connectClient(suite.server);
    // The server's pings are the markers: it sends the third only after the second was answered in time.
    let pings = 0;
    client.connection.bind('message', (message: { event: string }) => {
      if (message.event === 'pusher:ping') pings += 1;
    });
    await until('three server pings', () => pings >= PINGS_ANSWERED, (ACTIVITY_MS + PONG_MS) * (PINGS_ANSWERED + 2));
    expect(client.connection.state).toBe('connected');
    client.disconnect();
  });
});
