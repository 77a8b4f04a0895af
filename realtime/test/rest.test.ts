import { describe, expect, it } from 'vitest';
import { APP } from './helpers/server';
import { signedFetch } from './helpers/signed-fetch';
import { expectServerHealthy } from './helpers/health';
import { rawMarker } from './helpers/marker';
import { setupTestServer } from './helpers/suite';

const suite = setupTestServer({ maxHttpBodyBytes: 64 * 1024, extraApps: [
    { id: 'app-2', key: 'key-2', secret: 'secret-2' },
    { id: 'app-off', key: 'key-off', secret: 'secret-off', enabled: false },
  ],
});
const { raw } = suite;
let seq = 0;

function fresh(prefix: string): string {
  seq += 1;
  return `${prefix}${seq}`;
}

/** The SDK rejects non-2xx with a RequestError carrying `status`. */
async function statusOf(promise: Promise<unknown>): Promise<number> {
  try {
    const response = (await promise) as { status: number };
    return response.status;
  } catch (error) {
    return (error as { status: number }).status;
  }
}

describe('health', () => {
  it.each(['/', '/up'])('GET %s answers 200', async (path) => {
    const response = await fetch(`http://127.0.0.1:${suite.port}${path}`);
    expect(response.status).toBe(200);
  });

  it('answers unknown paths with 404 and a JSON error', async () => {
    const response = await fetch(`http://127.0.0.1:${suite.port}/nope`);
    expect(response.status).toBe(404);
    expect(await response.json()).toHaveProperty('error');
  });
});

describe('POST /apps/{id}/events', () => {
  it('triggers on one channel', async () => {
    const channel = fresh('news-');
    const client = await raw(channel);
    const response = await suite.server.rest.trigger(channel, 'headline', { title: 'x' });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({});
    const frame = await client.next('headline');
    expect(frame).toMatchObject({ channel, data: { title: 'x' } });
    expect(typeof (JSON.parse(frame.raw) as { data: unknown }).data).toBe('string');
  });

  it('triggers on several channels at once', async () => {
    const a = fresh('multi-a-');
    const b = fresh('multi-b-');
    const clientA = await raw(a);
    const clientB = await raw(b);
    await suite.server.rest.trigger([a, b], 'both', { ok: true });
    expect((await clientA.next('both')).channel).toBe(a);
    expect((await clientB.next('both')).channel).toBe(b);
  });

  it('excludes the connection named by socket_id', async () => {
    const channel = fresh('exclude-');
    const excluded = await raw(channel);
    const included = await raw(channel);
    await suite.server.rest.trigger(channel, 'not-for-you', {}, { socket_id: excluded.socketId });
    await included.next('not-for-you');
    await rawMarker(suite.server, channel, excluded);
    expect(excluded.seen('not-for-you')).toHaveLength(0);
  });

  it('returns user_count and subscription_count with info', async () => {
    const presence = fresh('presence-info-');
    const plain = fresh('plain-info-');
    await raw(presence, { user_id: 'a' });
    await raw(presence, { user_id: 'a' });
    await raw(presence, { user_id: 'b' });
    await raw(plain);
    const response = await suite.server.rest.trigger([presence, plain], 'counted', {}, { info: 'user_count,subscription_count' });
    expect(await response.json()).toEqual({
      channels: { [presence]: { user_count: 2, subscription_count: 3 }, [plain]: { subscription_count: 1 } },
    });
  });

  it('answers 413 for data over 10 KB and 200 for exactly 10 KB', async () => {
    const channel = fresh('size-');
    expect(await statusOf(suite.server.rest.trigger(channel, 'big', 'x'.repeat(10 * 1024 + 1)))).toBe(413);
    expect(await statusOf(suite.server.rest.trigger(channel, 'fits', 'x'.repeat(10 * 1024)))).toBe(200);
  });

  it.each([
    ['more than 100 channels', { name: 'e', data: '{}', channels: Array.from({ length: 101 }, (_, i) => `c${i}`) }],
    ['an invalid channel name', { name: 'e', data: '{}', channels: ['bad name'] }],
    ['no channel', { name: 'e', data: '{}' }],
    ['no name', { data: '{}', channel: 'c' }],
    ['a name over 200 characters', { name: 'n'.repeat(201), data: '{}', channel: 'c' }],
    ['non-string data', { name: 'e', data: { a: 1 }, channel: 'c' }],
    ['a malformed socket_id', { name: 'e', data: '{}', channel: 'c', socket_id: 'abc' }],
    ['an unknown info attribute', { name: 'e', data: '{}', channel: 'c', info: 'everything' }],
  ])('answers 400 for %s', async (_label, body) => {
    const result = await signedFetch(suite.port, `/apps/${APP.id}/events`, { body: JSON.stringify(body) });
    expect(result.status).toBe(400);
    expect(result.body).toHaveProperty('error');
  });

  it('answers 400 for a body that is not JSON', async () => {
    const result = await signedFetch(suite.port, `/apps/${APP.id}/events`, { body: '{not json' });
    expect(result.status).toBe(400);
  });

  it('delivers 100 channels and publishes to sendToUser channels', async () => {
    const channels = Array.from({ length: 100 }, (_, i) => fresh(`hundred-${i}-`));
    const client = await raw(channels[99]);
    expect(await statusOf(suite.server.rest.trigger(channels, 'wide', {}))).toBe(200);
    await client.next('wide');
  });
});

describe('POST /apps/{id}/batch_events', () => {
  it('triggers every event of the batch and returns info per event', async () => {
    const a = fresh('batch-a-');
    const p = fresh('presence-batch-');
    const clientA = await raw(a);
    await raw(p, { user_id: 'u' });
    const response = await suite.server.rest.triggerBatch([
      { channel: a, name: 'one', data: { n: 1 } },
      { channel: p, name: 'two', data: { n: 2 }, info: 'user_count,subscription_count' },
    ]);
    expect(await response.json()).toEqual({ batch: [{}, { user_count: 1, subscription_count: 1 }] });
    expect((await clientA.next('one')).data).toEqual({ n: 1 });
  });

  it('answers 400 for more than 10 events and publishes none of them', async () => {
    const channel = fresh('batch-big-');
    const client = await raw(channel);
    const batch = Array.from({ length: 11 }, (_, i) => ({ channel, name: `e${i}`, data: '{}' }));
    expect(await statusOf(suite.server.rest.triggerBatch(batch))).toBe(400);
    await rawMarker(suite.server, channel, client);
    expect(client.frames.filter((f) => f.event.startsWith('e'))).toHaveLength(0);
  });

  it('answers 413 when one event is over 10 KB, publishing nothing', async () => {
    const channel = fresh('batch-size-');
    const client = await raw(channel);
    const status = await statusOf(
      suite.server.rest.triggerBatch([
        { channel, name: 'small', data: '{}' },
        { channel, name: 'large', data: 'x'.repeat(10 * 1024 + 1) },
      ]),
    );
    expect(status).toBe(413);
    await rawMarker(suite.server, channel, client);
    expect(client.seen('small')).toHaveLength(0);
  });

  it('answers 400 for a batch that is not an array', async () => {
    const result = await signedFetch(suite.port, `/apps/${APP.id}/batch_events`, { body: JSON.stringify({ batch: 'no' }) });
    expect(result.status).toBe(400);
  });
});

describe('GET /apps/{id}/channels', () => {
  it('lists occupied channels, filtered by prefix, with user_count for presence', async () => {
    const p1 = fresh('presence-list-');
    const p2 = fresh('presence-list-');
    const plain = fresh('list-plain-');
    await raw(p1, { user_id: 'a' });
    await raw(p1, { user_id: 'b' });
    await raw(p2, { user_id: 'a' });
    await raw(plain);
    const all = (await (await suite.server.rest.get({ path: '/channels' })).json()) as { channels: Record<string, object> };
    expect(all.channels[plain]).toEqual({});
    expect(all.channels[p1]).toEqual({});
    const presence = (await (await suite.server.rest.get({ path: '/channels', params: { filter_by_prefix: 'presence-list-', info: 'user_count' } })).json()) as {
      channels: Record<string, object>;
    };
    expect(presence.channels).toMatchObject({ [p1]: { user_count: 2 }, [p2]: { user_count: 1 } });
    expect(Object.keys(presence.channels).every((name) => name.startsWith('presence-list-'))).toBe(true);
  });

  it('answers 400 for user_count without a presence- prefix filter', async () => {
    expect(await statusOf(suite.server.rest.get({ path: '/channels', params: { info: 'user_count' } }))).toBe(400);
  });
});

describe('GET /apps/{id}/channels/{name}', () => {
  it('reports occupied, user_count and subscription_count', async () => {
    const p = fresh('presence-one-');
    await raw(p, { user_id: 'a' });
    await raw(p, { user_id: 'a' });
    const body = await (await suite.server.rest.get({ path: `/channels/${p}`, params: { info: 'user_count,subscription_count' } })).json();
    expect(body).toEqual({ occupied: true, user_count: 1, subscription_count: 2 });
    const empty = await (await suite.server.rest.get({ path: `/channels/${fresh('empty-')}`, params: { info: 'subscription_count' } })).json();
    expect(empty).toEqual({ occupied: false, subscription_count: 0 });
  });

  it('answers 400 for user_count on a non-presence channel and for an invalid name', async () => {
    expect(await statusOf(suite.server.rest.get({ path: '/channels/plain', params: { info: 'user_count' } }))).toBe(400);
    expect(await statusOf(suite.server.rest.get({ path: `/channels/${encodeURIComponent('bad name')}` }))).toBe(400);
  });
});

describe('GET /apps/{id}/channels/{name}/users', () => {
  it('lists each user once', async () => {
    const p = fresh('presence-users-');
    await raw(p, { user_id: 'a' });
    await raw(p, { user_id: 'a' });
    await raw(p, { user_id: 'b' });
    const body = (await (await suite.server.rest.get({ path: `/channels/${p}/users` })).json()) as { users: { id: string }[] };
    expect(body.users.map((u) => u.id).sort()).toEqual(['a', 'b']);
  });

  it('answers 400 for a non-presence channel', async () => {
    expect(await statusOf(suite.server.rest.get({ path: '/channels/private-x/users' }))).toBe(400);
  });
});

describe('request signatures', () => {
  const path = `/apps/${APP.id}/channels`;

  it('accepts a correctly signed request (control)', async () => {
    expect((await signedFetch(suite.port, path)).status).toBe(200);
  });

  it.each([
    ['a forged signature', { signature: 'f'.repeat(64) }],
    ['the wrong secret', { secret: 'not-the-secret' }],
    ['another app key', { key: 'key-2', secret: 'secret-2' }],
    ['an unknown key', { key: 'nobody' }],
    ['a timestamp 700 s old', { timestamp: Math.floor(Date.now() / 1000) - 700 }],
    ['a timestamp 700 s ahead', { timestamp: Math.floor(Date.now() / 1000) + 700 }],
    ['an empty auth_signature', { signature: '' }],
    ['auth_version 2.0', { params: { auth_version: '2.0' } }],
    ['no auth_key', { omit: ['auth_key'] }],
    ['no auth_timestamp', { omit: ['auth_timestamp'] }],
  ])('answers 401 for %s', async (_label, options) => {
    const result = await signedFetch(suite.port, path, options);
    expect(result.status).toBe(401);
    expect(result.body).toHaveProperty('error');
  });

  it('answers 401 when body_md5 does not match the body', async () => {
    const body = JSON.stringify({ name: 'e', data: '{}', channel: 'c' });
    const result = await signedFetch(suite.port, `/apps/${APP.id}/events`, { body, bodyMd5: '0'.repeat(32) });
    expect(result.status).toBe(401);
  });

  it('answers 401 when a body comes without body_md5', async () => {
    const body = JSON.stringify({ name: 'e', data: '{}', channel: 'c' });
    const result = await signedFetch(suite.port, `/apps/${APP.id}/events`, { body, omit: ['body_md5'] });
    expect(result.status).toBe(401);
  });

  it('answers 401 when the signature was made for another path or method', async () => {
    expect((await signedFetch(suite.port, path, { signAs: { path: `/apps/${APP.id}/channels/other` } })).status).toBe(401);
    expect((await signedFetch(suite.port, path, { signAs: { method: 'POST' } })).status).toBe(401);
    // Query parameters are signed too: adding one after signing breaks the signature.
    expect((await signedFetch(suite.port, path, { unsigned: { filter_by_prefix: 'a' } })).status).toBe(401);
    expect((await signedFetch(suite.port, path, { params: { filter_by_prefix: 'a' } })).status).toBe(200);
    const sdkWrongSecret = suite.server.restWith({ secret: 'wrong' });
    expect(await statusOf(sdkWrongSecret.get({ path: '/channels' }))).toBe(401);
  });

  it('answers 404 for an unknown app id', async () => {
    expect(await statusOf(suite.server.restWith({ appId: 'no-such-app' }).trigger('c', 'e', {}))).toBe(404);
  });

  it('answers 413 for a body over the cap', async () => {
    const body = JSON.stringify({ name: 'e', data: 'x'.repeat(70 * 1024), channel: 'c' });
    const result = await signedFetch(suite.port, `/apps/${APP.id}/events`, { body });
    expect(result.status).toBe(413);
    await expectServerHealthy(suite.server);
  });

  it('answers 403 for a correctly signed request to a disabled app', async () => {
    const disabled = suite.server.restWith({ appId: 'app-off', key: 'key-off', secret: 'secret-off' });
    expect(await statusOf(disabled.trigger('c', 'e', {}))).toBe(403);
    expect(await statusOf(suite.server.restWith({ appId: 'app-off', key: 'key-off', secret: 'forged' }).get({ path: '/channels' }))).toBe(401);
  });

  it('answers 405 for a wrong method on a known path', async () => {
    const result = await signedFetch(suite.port, `/apps/${APP.id}/events`, { method: 'GET' });
    expect(result.status).toBe(405);
  });

  it('keeps apps apart: app-2 credentials cannot read app-1', async () => {
    const other = suite.server.restWith({ appId: 'app-2', key: 'key-2', secret: 'secret-2' });
    expect(await statusOf(other.get({ path: '/channels' }))).toBe(200);
    const crossed = suite.server.restWith({ appId: APP.id, key: 'key-2', secret: 'secret-2' });
    expect(await statusOf(crossed.get({ path: '/channels' }))).toBe(401);
  });
});

describe('POST /apps/{id}/users/{user_id}/terminate_connections', () => {
  it('answers {} even for a user with no connections', async () => {
    const response = await suite.server.rest.terminateUserConnections('ghost');
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({});
  });
});
