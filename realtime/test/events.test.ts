import { beforeAll, describe, expect, it } from 'vitest';
import type { RealtimeEventMap, RealtimeEventName } from '../src/events';
import { RealtimeEvents } from '../src/events';
import { RawClient } from './helpers/raw-client';
import { rawSubscribe } from './helpers/raw-auth';
import { APP } from './helpers/server';
import { until } from './helpers/wait';
import { setupTestServer } from './helpers/suite';

const suite = setupTestServer();
const log: { name: RealtimeEventName; payload: unknown }[] = [];

beforeAll(() => {
  const names: RealtimeEventName[] = [
    'connection_opened',
    'connection_closed',
    'connection_rejected',
    'channel_occupied',
    'channel_vacated',
    'member_added',
    'member_removed',
    'client_event',
    'subscribed',
    'unsubscribed',
    'subscription_refused',
    'signed_in',
    'api_event',
    'http_request',
  ];
  for (const name of names) suite.server.server.events.on(name, (payload) => log.push({ name, payload }));
});

function of<K extends RealtimeEventName>(name: K): RealtimeEventMap[K][] {
  return log.filter((entry) => entry.name === name).map((entry) => entry.payload as RealtimeEventMap[K]);
}

describe('internal event stream (for webhooks and metrics)', () => {
  it('reports connections, occupancy, members and client events exactly once each', async () => {
    const a = await RawClient.connect(suite.port);
    const b = await RawClient.connect(suite.port);
    expect(of('connection_opened').map((e) => e.socketId)).toEqual(expect.arrayContaining([a.socketId, b.socketId]));
    await rawSubscribe(suite.server, a, 'presence-stream', { user_id: 'u1' });
    await rawSubscribe(suite.server, b, 'presence-stream', { user_id: 'u1' });
    expect(of('channel_occupied')).toEqual([{ appId: APP.id, channel: 'presence-stream' }]);
    expect(of('member_added')).toEqual([{ appId: APP.id, channel: 'presence-stream', userId: 'u1' }]);
    a.send({ event: 'client-note', channel: 'presence-stream', data: { x: 1 } });
    await b.next('client-note');
    expect(of('client_event')).toEqual([
      { appId: APP.id, channel: 'presence-stream', event: 'client-note', data: '{"x":1}', socketId: a.socketId, userId: 'u1' },
    ]);
    a.close();
    b.socket.terminate();
    await until('both closed', () => of('connection_closed').length === 2);
    expect(of('member_removed')).toEqual([{ appId: APP.id, channel: 'presence-stream', userId: 'u1' }]);
    expect(of('channel_vacated')).toEqual([{ appId: APP.id, channel: 'presence-stream' }]);
  });

  it('reports REST events and requests with their status', async () => {
    await suite.server.rest.trigger(['one', 'two'], 'hello', { a: 1 });
    expect(of('api_event')).toContainEqual({ appId: APP.id, event: 'hello', channels: ['one', 'two'], bytes: 7 });
    await suite.server.restWith({ secret: 'wrong' }).get({ path: '/channels' }).catch(() => undefined);
    // Error answers carry their message too (for the structured log line).
    expect(of('http_request')).toContainEqual({ appId: APP.id, method: 'GET', route: '/apps/:appId/channels', status: 401, error: expect.any(String) });
  });

  it('isolates a throwing listener from the server and other listeners', () => {
    const errors: string[] = [];
    const events = new RealtimeEvents({ info: () => undefined, warn: () => undefined, error: (message) => errors.push(message) });
    const seen: string[] = [];
    events.on('channel_occupied', () => {
      throw new Error('listener bug');
    });
    const off = events.on('channel_occupied', (payload) => seen.push(payload.channel));
    events.emit('channel_occupied', { appId: 'a', channel: 'c' });
    off();
    events.emit('channel_occupied', { appId: 'a', channel: 'd' });
    expect(seen).toEqual(['c']);
    expect(errors).toHaveLength(2);
  });
});
