import { describe, expect, it } from 'vitest';
import { createHmac } from 'node:crypto';
import PusherServer from 'pusher';
import { connectClient, nextEvent, subscribe } from './helpers/pusher-client';
import { rawSubscribe, rawSubscribeExpectingError } from './helpers/raw-auth';
import { APP } from './helpers/server';
import { expectServerHealthy } from './helpers/health';
import { pingThrough } from './helpers/marker';
import { setupTestServer } from './helpers/suite';

const suite = setupTestServer();
const { clients, raw } = suite;

async function occupied(channel: string): Promise<boolean> {
  const response = await suite.server.rest.get({ path: `/channels/${channel}`, params: { info: 'subscription_count' } });
  return ((await response.json()) as { occupied: boolean }).occupied;
}

describe('public channels', () => {
  it('subscribes with pusher-js and receives REST events', async () => {
    const client = await connectClient(suite.server);
    clients.push(client);
    const channel = await subscribe(client, 'news');
    const event = nextEvent<{ hello: string }>(channel, 'greeting');
    await suite.server.rest.trigger('news', 'greeting', { hello: 'world' });
    expect((await event).data).toEqual({ hello: 'world' });
  });

  it('answers subscription_succeeded on the wire with the channel name', async () => {
    const client = await raw();
    const frame = await rawSubscribe(suite.server, client, 'plain-channel');
    expect(frame.channel).toBe('plain-channel');
  });

  it('stops delivering after pusher:unsubscribe', async () => {
    const client = await raw();
    await rawSubscribe(suite.server, client, 'leaving');
    await rawSubscribe(suite.server, client, 'staying');
    client.send({ event: 'pusher:unsubscribe', data: { channel: 'leaving' } });
    await pingThrough(client);
    expect(await occupied('leaving')).toBe(false);
    // One batch, one socket: 'after' on the channel left would come before 'marker' on the one kept.
    await suite.server.rest.triggerBatch([
      { channel: 'leaving', name: 'after', data: '{}' },
      { channel: 'staying', name: 'marker', data: '{}' },
    ]);
    await client.next('marker');
    expect(client.seen('after')).toHaveLength(0);
  });
});

describe('channel name validation', () => {
  it('accepts 164 characters of the allowed alphabet', async () => {
    const client = await raw();
    const name = `A-z_0=9@,.;${'x'.repeat(164 - 11)}`;
    expect(name).toHaveLength(164);
    await rawSubscribe(suite.server, client, name);
  });

  it.each([
    ['165 characters', 'y'.repeat(165)],
    ['a space', 'bad name'],
    ['a slash', 'bad/name'],
    ['a hash', 'bad#name'],
    ['unicode', 'caf\u00e9'],
  ])('refuses a name with %s, naming the problem', async (_label, name) => {
    const client = await raw();
    const error = await rawSubscribeExpectingError(client, name, {});
    expect(error.data).toMatchObject({ type: 'InvalidChannel' });
    expect(JSON.stringify(error.data)).toMatch(/164|may only contain/);
    const listing = (await (await suite.server.rest.get({ path: '/channels' })).json()) as { channels: Record<string, unknown> };
    expect(Object.keys(listing.channels)).not.toContain(name);
  });

  it('refuses a subscribe without a channel with pusher:error', async () => {
    const client = await raw();
    client.send({ event: 'pusher:subscribe', data: {} });
    const error = await client.next('pusher:error');
    expect(JSON.stringify(error.data)).toMatch(/channel/);
    await expectServerHealthy(suite.server);
  });
});

describe('private channel authorization', () => {
  it('subscribes pusher-js with a real signature and relays REST events', async () => {
    const client = await connectClient(suite.server);
    clients.push(client);
    const channel = await subscribe(client, 'private-room');
    const event = nextEvent<{ n: number }>(channel, 'update');
    await suite.server.rest.trigger('private-room', 'update', { n: 1 });
    expect((await event).data).toEqual({ n: 1 });
  });

  const sign = (secret: string, text: string): string => createHmac('sha256', secret).update(text).digest('hex');

  const forgeries: [string, (socketId: string, channel: string) => Record<string, unknown>, number][] = [
    ['no auth at all', () => ({}), 401],
    ['a forged signature', () => ({ auth: `${APP.key}:${'0'.repeat(64)}` }), 403],
    ['another app key', (s, c) => ({ auth: `other-key:${sign(APP.secret, `${s}:${c}`)}` }), 403],
    ['another socket id', (_s, c) => ({ auth: `${APP.key}:${sign(APP.secret, `1234.5678:${c}`)}` }), 403],
    ['another channel', (s) => ({ auth: `${APP.key}:${sign(APP.secret, `${s}:private-other`)}` }), 403],
    ['the wrong secret', (s, c) => ({ auth: `${APP.key}:${sign('not-the-secret', `${s}:${c}`)}` }), 403],
    ['a truncated signature', (s, c) => ({ auth: `${APP.key}:${sign(APP.secret, `${s}:${c}`).slice(0, 63)}` }), 403],
    ['no key separator', (s, c) => ({ auth: sign(APP.secret, `${s}:${c}`) }), 403],
  ];

  it.each(forgeries)('refuses %s with subscription_error and no subscription', async (_label, forge, status) => {
    const client = await raw();
    const channel = 'private-guarded';
    const error = await rawSubscribeExpectingError(client, channel, forge(client.socketId, channel));
    expect(error.data).toMatchObject({ type: 'AuthError', status });
    expect(await occupied(channel)).toBe(false);
    await rawSubscribe(suite.server, client, 'marker-channel');
    await suite.server.rest.triggerBatch([
      { channel, name: 'secret', data: '{}' },
      { channel: 'marker-channel', name: 'marker', data: '{}' },
    ]);
    await client.next('marker');
    expect(client.seen('secret')).toHaveLength(0);
  });

  it('refuses pusher-js signed by an SDK with the wrong secret, and stays healthy', async () => {
    const client = await connectClient(suite.server, {
      signer: new PusherServer({ appId: APP.id, key: APP.key, secret: 'wrong', host: '127.0.0.1', port: String(suite.port) }),
    });
    clients.push(client);
    await expect(subscribe(client, 'private-wrong-secret')).rejects.toMatchObject({ data: { type: 'AuthError', status: 403 } });
    await expectServerHealthy(suite.server);
  });
});

describe('private-encrypted channels', () => {
  it('authorizes like private channels and relays the encrypted payload untouched', async () => {
    const masterKey = Buffer.alloc(32, 7).toString('base64');
    const sdk = new PusherServer({
      appId: APP.id,
      key: APP.key,
      secret: APP.secret,
      host: '127.0.0.1',
      port: String(suite.port),
      encryptionMasterKeyBase64: masterKey,
    });
    const client = await raw();
    const channel = 'private-encrypted-vault';
    const signed = sdk.authorizeChannel(client.socketId, channel);
    expect(signed.shared_secret).toBeTruthy();
    client.send({ event: 'pusher:subscribe', data: { channel, auth: signed.auth } });
    await client.next('pusher_internal:subscription_succeeded', (f) => f.channel === channel);
    await sdk.trigger(channel, 'sealed', { secret: 'hidden' });
    const frame = await client.next('sealed');
    expect(frame.data).toEqual({ nonce: expect.any(String), ciphertext: expect.any(String) });
    expect(frame.raw).not.toContain('hidden');

    const forged = await rawSubscribeExpectingError(await raw(), channel, { auth: `${APP.key}:${'a'.repeat(64)}` });
    expect(forged.data).toMatchObject({ type: 'AuthError' });
  });
});
