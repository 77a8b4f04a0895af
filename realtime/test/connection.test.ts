import { describe, expect, it } from 'vitest';
import { connectClient } from './helpers/pusher-client';
import { RawClient } from './helpers/raw-client';
import { APP, startTestServer } from './helpers/server';
import { expectServerHealthy } from './helpers/health';
import { until } from './helpers/wait';
import { setupTestServer } from './helpers/suite';

const suite = setupTestServer({ limits: { maxConnections: 50 } });
const { clients, track } = suite;

describe('connection_established', () => {
  it('sends a socket_id of the form \\d+.\\d+ and the activity_timeout in seconds', async () => {
    const raw = track(RawClient.open(suite.port));
    const frame = await raw.next('pusher:connection_established');
    // data is double-encoded: a JSON string on the wire
    const wire = JSON.parse(frame.raw) as { data: unknown };
    expect(typeof wire.data).toBe('string');
    const data = frame.data as { socket_id: string; activity_timeout: number };
    expect(data.socket_id).toMatch(/^\d+\.\d+$/);
    expect(data.activity_timeout).toBe(120);
  });

  it('gives every connection a different socket id', async () => {
    const ids = await Promise.all(Array.from({ length: 30 }, async () => (await RawClient.connect(suite.port)).socketId));
    expect(new Set(ids).size).toBe(30);
    for (const id of ids) expect(id).toMatch(/^\d+\.\d+$/);
  });

  it('is accepted by the official pusher-js client', async () => {
    const client = await connectClient(suite.server);
    clients.push(client);
    expect(client.connection.socket_id).toMatch(/^\d+\.\d+$/);
  });
});

describe('refused connections', () => {
  it('closes an unknown app key with 4001', async () => {
    const raw = track(RawClient.open(suite.port, '/app/no-such-key?protocol=7'));
    expect((await raw.waitClose()).code).toBe(4001);
  });

  it('closes an unsupported protocol version with 4007', async () => {
    for (const protocol of ['4', '8', 'abc']) {
      const raw = track(RawClient.open(suite.port, `/app/${APP.key}?protocol=${protocol}`));
      expect((await raw.waitClose()).code).toBe(4007);
    }
  });

  it('closes a connection without a protocol version with 4008', async () => {
    const raw = track(RawClient.open(suite.port, `/app/${APP.key}`));
    expect((await raw.waitClose()).code).toBe(4008);
  });

  it('closes a path other than /app/{key} with 4005', async () => {
    const raw = track(RawClient.open(suite.port, '/elsewhere?protocol=7'));
    expect((await raw.waitClose()).code).toBe(4005);
  });

  it('closes connections over the app quota with 4004, and admits again once there is room', async () => {
    const small = await startTestServer({ limits: { maxConnections: 2 } });
    try {
      const a = await RawClient.connect(small.port);
      const b = await RawClient.connect(small.port);
      const c = RawClient.open(small.port);
      expect((await c.waitClose()).code).toBe(4004);
      a.close();
      await a.waitClose();
      const d = await RawClient.connect(small.port);
      expect(d.socketId).toMatch(/^\d+\.\d+$/);
      b.close();
      d.close();
    } finally {
      await small.close();
    }
  });

  it('closes a disabled app with 4003', async () => {
    const other = await startTestServer({ extraApps: [{ id: 'off', key: 'off-key', secret: 's', enabled: false }] });
    try {
      const raw = RawClient.open(other.port, '/app/off-key?protocol=7');
      expect((await raw.waitClose()).code).toBe(4003);
    } finally {
      await other.close();
    }
  });

  it('keeps serving fresh clients afterwards', async () => {
    await expectServerHealthy(suite.server);
  });
});

describe('server shutdown', () => {
  it('closes clients with 4200, which pusher-js treats as "reconnect now"', async () => {
    const doomed = await startTestServer();
    const raw = await RawClient.connect(doomed.port);
    const client = await connectClient(doomed);
    const states: string[] = [];
    client.connection.bind('state_change', ({ current }: { current: string }) => states.push(current));
    await doomed.close();
    expect((await raw.waitClose()).code).toBe(4200);
    await until('pusher-js to start reconnecting', () => states.includes('connecting'));
    expect(states).not.toContain('failed');
    client.disconnect();
  });

  it('refuses HTTP health checks once closed', async () => {
    const doomed = await startTestServer();
    const url = `http://127.0.0.1:${doomed.port}/up`;
    expect((await fetch(url)).status).toBe(200);
    await doomed.close();
    await expect(fetch(url)).rejects.toThrow();
  });
});

describe('ping / pong', () => {
  it('answers pusher:ping with pusher:pong', async () => {
    const raw = track(await RawClient.connect(suite.port));
    raw.send({ event: 'pusher:ping', data: {} });
    const pong = await raw.next('pusher:pong');
    expect(pong.event).toBe('pusher:pong');
  });
});
