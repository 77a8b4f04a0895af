import { describe, expect, it } from 'vitest';
import { connectClient, nextEvent, subscribePresence } from './helpers/pusher-client';
import { RawClient, type Frame } from './helpers/raw-client';
import { rawSubscribe, rawSubscribeExpectingError } from './helpers/raw-auth';
import { expectServerHealthy } from './helpers/health';
import { pingThrough, rawMarker } from './helpers/marker';
import { until } from './helpers/wait';
import { setupTestServer } from './helpers/suite';

const suite = setupTestServer();
const { clients, raws, raw } = suite;
let seq = 0;

function freshChannel(): string {
  seq += 1;
  return `presence-room-${seq}`;
}

async function join(channel: string, userId: string, info: Record<string, unknown> = { name: userId }): Promise<RawClient> {
  const client = await raw();
  await rawSubscribe(suite.server, client, channel, { user_id: userId, user_info: info });
  return client;
}

function userIds(frames: Frame[]): string[] {
  return frames.map((frame) => (frame.data as { user_id: string }).user_id);
}

async function restUsers(channel: string): Promise<string[]> {
  const response = await suite.server.rest.get({ path: `/channels/${channel}/users` });
  return ((await response.json()) as { users: { id: string }[] }).users.map((user) => user.id).sort();
}

describe('presence subscription', () => {
  it('answers with {presence: {ids, hash, count}} including existing members and the joiner', async () => {
    const channel = freshChannel();
    await join(channel, 'alice', { name: 'Alice' });
    const bob = await raw();
    const frame = await rawSubscribe(suite.server, bob, channel, { user_id: 'bob', user_info: { name: 'Bob' } });
    const wire = JSON.parse(frame.raw) as { data: unknown };
    expect(typeof wire.data).toBe('string');
    const presence = (frame.data as { presence: { ids: string[]; hash: Record<string, unknown>; count: number } }).presence;
    expect(presence.ids.sort()).toEqual(['alice', 'bob']);
    expect(presence.hash).toEqual({ alice: { name: 'Alice' }, bob: { name: 'Bob' } });
    expect(presence.count).toBe(2);
  });

  it('works with pusher-js: members, member_added and member_removed', async () => {
    const channel = freshChannel();
    const alice = await connectClient(suite.server, { presence: { user_id: 'alice', user_info: { name: 'Alice' } } });
    const bob = await connectClient(suite.server, { presence: { user_id: 'bob', user_info: { name: 'Bob' } } });
    clients.push(alice, bob);
    const aliceChannel = await subscribePresence(alice, channel);
    expect(aliceChannel.members.count).toBe(1);
    expect(aliceChannel.members.me).toEqual({ id: 'alice', info: { name: 'Alice' } });
    const added = nextEvent<{ id: string; info: unknown }>(aliceChannel, 'pusher:member_added');
    const bobChannel = await subscribePresence(bob, channel);
    expect(bobChannel.members.count).toBe(2);
    expect((await added).data).toEqual({ id: 'bob', info: { name: 'Bob' } });
    const removed = nextEvent<{ id: string }>(aliceChannel, 'pusher:member_removed');
    bob.unsubscribe(channel);
    expect((await removed).data.id).toBe('bob');
    expect(aliceChannel.members.count).toBe(1);
  });

  it('does not tell the joiner about itself with member_added', async () => {
    const channel = freshChannel();
    const alice = await join(channel, 'alice');
    await rawMarker(suite.server, channel, alice);
    expect(alice.seen('pusher_internal:member_added')).toHaveLength(0);
  });

  it('turns a numeric user_id into a string', async () => {
    const channel = freshChannel();
    const observer = await join(channel, 'observer');
    const client = await raw();
    const signed = suite.server.rest.authorizeChannel(client.socketId, channel, { user_id: 42 as unknown as string });
    client.send({ event: 'pusher:subscribe', data: { channel, ...signed } });
    await client.next('pusher_internal:subscription_succeeded');
    const added = await observer.next('pusher_internal:member_added');
    expect(added.data).toEqual({ user_id: '42', user_info: {} });
  });
});

describe('one member per user', () => {
  it('adds a user once however many connections it opens, and removes it when the last leaves', async () => {
    const channel = freshChannel();
    const observer = await join(channel, 'observer');
    const first = await join(channel, 'multi');
    const second = await join(channel, 'multi');
    const third = await join(channel, 'multi');
    await rawMarker(suite.server, channel, observer);
    expect(userIds(observer.seen('pusher_internal:member_added'))).toEqual(['multi']);
    expect(await restUsers(channel)).toEqual(['multi', 'observer']);

    first.send({ event: 'pusher:unsubscribe', data: { channel } });
    second.close();
    await second.waitClose();
    await pingThrough(first);
    await rawMarker(suite.server, channel, observer);
    expect(observer.seen('pusher_internal:member_removed')).toHaveLength(0);
    expect(await restUsers(channel)).toEqual(['multi', 'observer']);

    third.close();
    const removed = await observer.next('pusher_internal:member_removed');
    expect(removed.data).toEqual({ user_id: 'multi' });
    await rawMarker(suite.server, channel, observer);
    expect(observer.seen('pusher_internal:member_removed')).toHaveLength(0);
    expect(await restUsers(channel)).toEqual(['observer']);
  });

  it('stays exact when 20 connections of 10 users join and leave at once', async () => {
    const channel = freshChannel();
    const observer = await join(channel, 'observer');
    const users = Array.from({ length: 10 }, (_, i) => `user-${i}`);
    const sockets = await Promise.all(Array.from({ length: 20 }, () => RawClient.connect(suite.port)));
    raws.push(...sockets);
    // Fire every subscribe without waiting, then await all answers.
    sockets.forEach((socket, i) => {
      const userId = users[i % 10] as string;
      socket.send({ event: 'pusher:subscribe', data: { channel, ...suite.server.rest.authorizeChannel(socket.socketId, channel, { user_id: userId }) } });
    });
    await Promise.all(sockets.map((socket) => socket.next('pusher_internal:subscription_succeeded')));
    await until('10 member_added', () => observer.seen('pusher_internal:member_added').length >= 10);
    await rawMarker(suite.server, channel, observer);
    expect(userIds(observer.seen('pusher_internal:member_added')).sort()).toEqual([...users].sort());
    expect(await restUsers(channel)).toEqual([...users, 'observer'].sort());

    // Leave every way at once: unsubscribe, clean close and abrupt drop.
    sockets.forEach((socket, i) => {
      if (i % 3 === 0) socket.send({ event: 'pusher:unsubscribe', data: { channel } });
      else if (i % 3 === 1) socket.close();
      else socket.socket.terminate();
    });
    await until('10 member_removed', () => observer.seen('pusher_internal:member_removed').length >= 10);
    await rawMarker(suite.server, channel, observer);
    expect(userIds(observer.seen('pusher_internal:member_removed')).sort()).toEqual([...users].sort());
    expect(await restUsers(channel)).toEqual(['observer']);
  });

  it('removes a member promptly when its TCP connection drops without a close frame', async () => {
    const channel = freshChannel();
    const observer = await join(channel, 'observer');
    const dropper = await join(channel, 'dropper');
    await observer.next('pusher_internal:member_added');
    const started = Date.now();
    dropper.socket.terminate();
    // Promptly: on the TCP close itself, not after the (120 s) activity timeout.
    const removed = await observer.next('pusher_internal:member_removed', () => true, 2_000);
    expect(removed.data).toEqual({ user_id: 'dropper' });
    expect(Date.now() - started).toBeLessThan(2_000);
  });
});

describe('presence through the signed-in user', () => {
  it('uses the signed-in id and user_info when the auth carries no channel_data', async () => {
    const channel = freshChannel();
    const observer = await join(channel, 'observer');
    const client = await connectClient(suite.server, { user: { id: 'signed-user', user_info: { name: 'Signed' } } });
    clients.push(client);
    const presence = await subscribePresence(client, channel);
    expect(presence.members.me).toEqual({ id: 'signed-user', info: { name: 'Signed' } });
    const added = await observer.next('pusher_internal:member_added');
    expect(added.data).toEqual({ user_id: 'signed-user', user_info: { name: 'Signed' } });
  });

  it('refuses a presence subscription with neither channel_data nor signin', async () => {
    const channel = freshChannel();
    const client = await raw();
    const error = await rawSubscribeExpectingError(client, channel, suite.server.rest.authorizeChannel(client.socketId, channel));
    expect(error.data).toMatchObject({ type: 'InvalidPresenceData' });
    await expectServerHealthy(suite.server);
  });

  it('refuses channel_data that does not match the signature', async () => {
    const channel = freshChannel();
    const client = await raw();
    const signed = suite.server.rest.authorizeChannel(client.socketId, channel, { user_id: 'honest' });
    const error = await rawSubscribeExpectingError(client, channel, { auth: signed.auth, channel_data: JSON.stringify({ user_id: 'admin' }) });
    expect(error.data).toMatchObject({ type: 'AuthError' });
    expect(await restUsers(channel)).toEqual([]);
  });
});

describe('presence limits', () => {
  it('refuses the 101st member with LimitReached but lets a member open another connection', async () => {
    const channel = freshChannel();
    // In batches: 100 handshakes at once miss the 3 s step timeout when the cluster tests share the two cores.
    const members: RawClient[] = [];
    for (let first = 0; first < 100; first += 25) {
      members.push(...(await Promise.all(Array.from({ length: 25 }, (_, i) => join(channel, `member-${first + i}`)))));
    }
    expect(members).toHaveLength(100);
    const extra = await raw();
    const error = await rawSubscribeExpectingError(extra, channel, suite.server.rest.authorizeChannel(extra.socketId, channel, { user_id: 'one-too-many' }));
    expect(error.data).toMatchObject({ type: 'LimitReached' });
    const again = await raw();
    const frame = await rawSubscribe(suite.server, again, channel, { user_id: 'member-7' });
    expect((frame.data as { presence: { count: number } }).presence.count).toBe(100);
    expect((await restUsers(channel)).length).toBe(100);
    await expectServerHealthy(suite.server);
  });

  it('refuses a user_id longer than 128 characters', async () => {
    const channel = freshChannel();
    const ok = await raw();
    await rawSubscribe(suite.server, ok, channel, { user_id: 'u'.repeat(128) });
    const client = await raw();
    const error = await rawSubscribeExpectingError(client, channel, suite.server.rest.authorizeChannel(client.socketId, channel, { user_id: 'u'.repeat(129) }));
    expect(error.data).toMatchObject({ type: 'LimitReached' });
    expect(JSON.stringify(error.data)).toMatch(/128/);
  });

  it('refuses user_info larger than 2 KB', async () => {
    const channel = freshChannel();
    const ok = await raw();
    await rawSubscribe(suite.server, ok, channel, { user_id: 'fits', user_info: { bio: 'x'.repeat(2000) } });
    const client = await raw();
    const error = await rawSubscribeExpectingError(
      client,
      channel,
      suite.server.rest.authorizeChannel(client.socketId, channel, { user_id: 'big', user_info: { bio: 'x'.repeat(2100) } }),
    );
    expect(error.data).toMatchObject({ type: 'LimitReached' });
    expect(await restUsers(channel)).toEqual(['fits']);
    await expectServerHealthy(suite.server);
  });
});
