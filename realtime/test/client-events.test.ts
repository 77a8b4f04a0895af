import { describe, expect, it } from 'vitest';
import { RawClient } from './helpers/raw-client';
import { rawSubscribe } from './helpers/raw-auth';
import { connectClient, nextEvent, subscribe, subscribePresence } from './helpers/pusher-client';
import { expectServerHealthy } from './helpers/health';
import { rawMarker } from './helpers/marker';
import { elapse, until } from './helpers/wait';
import { startTestServer } from './helpers/server';
import { setupTestServer } from './helpers/suite';

const suite = setupTestServer();
const { clients, raw } = suite;
let seq = 0;
/** Long enough for the 10-per-second bucket to give back a couple of tokens. */
const RATE_REFILL_PAUSE_MS = 250;
/** Rounds of "client event, then unsubscribe" whose order is checked. */
const ORDER_ROUNDS = 5;

/** Two raw clients subscribed to a fresh channel of the given prefix. */
async function pair(prefix: string): Promise<{ channel: string; sender: RawClient; receiver: RawClient }> {
  seq += 1;
  const channel = `${prefix}${seq}`;
  const sender = await raw();
  const receiver = await raw();
  const presence = (id: string) => (prefix.startsWith('presence-') ? { user_id: id } : undefined);
  await rawSubscribe(suite.server, sender, channel, presence('sender'));
  await rawSubscribe(suite.server, receiver, channel, presence('receiver'));
  return { channel, sender, receiver };
}

describe('client events', () => {
  it('relays a client event on a private channel to the others, never back to the sender', async () => {
    const { channel, sender, receiver } = await pair('private-chat-');
    sender.send({ event: 'client-typing', channel, data: { typing: true } });
    const frame = await receiver.next('client-typing');
    expect(frame).toMatchObject({ channel, data: { typing: true } });
    expect(frame.user_id).toBeUndefined();
    await rawMarker(suite.server, channel, sender);
    expect(sender.seen('client-typing')).toHaveLength(0);
  });

  it('carries the sender user_id on presence channels (pusher-js metadata)', async () => {
    seq += 1;
    const channel = `presence-chat-${seq}`;
    const alice = await connectClient(suite.server, { presence: { user_id: 'alice' } });
    const bob = await connectClient(suite.server, { presence: { user_id: 'bob' } });
    clients.push(alice, bob);
    const aliceChannel = await subscribePresence(alice, channel);
    const bobChannel = await subscribePresence(bob, channel);
    const received = nextEvent(bobChannel, 'client-wave');
    expect(aliceChannel.trigger('client-wave', { hi: 1 })).toBe(true);
    const { data, metadata } = await received;
    expect(data).toEqual({ hi: 1 });
    expect(metadata).toEqual({ user_id: 'alice' });
  });

  it('delivers a client event and the unsubscribe sent right after it on one socket in that order (the app\'s "leaving the room" relies on it)', async () => {
    seq += 1;
    const channel = `presence-leaving-${seq}`;
    const bob = await connectClient(suite.server, { presence: { user_id: 'bob' } });
    clients.push(bob);
    const bobChannel = await subscribePresence(bob, channel);
    const order: string[] = [];
    bobChannel.bind('client-leaving', () => order.push('client-leaving'));
    bobChannel.bind('pusher:member_removed', () => order.push('member_removed'));
    for (let round = 1; round <= ORDER_ROUNDS; round += 1) {
      const alice = await connectClient(suite.server, { presence: { user_id: 'alice' } });
      clients.push(alice);
      const aliceChannel = await subscribePresence(alice, channel);
      await until('bob sees alice', () => bobChannel.members.count === 2);
      aliceChannel.trigger('client-leaving', {});
      alice.unsubscribe(channel);
      await until(`round ${round} delivered`, () => order.length === 2 * round);
    }
    expect(order).toEqual(Array.from({ length: ORDER_ROUNDS }, () => ['client-leaving', 'member_removed']).flat());
  });

  it('refuses client events on public channels and relays them to no one', async () => {
    const { channel, sender, receiver } = await pair('public-chat-');
    sender.send({ event: 'client-hack', channel, data: {} });
    const error = await sender.next('pusher:error');
    expect(JSON.stringify(error.data)).toMatch(/private and presence/);
    await rawMarker(suite.server, channel, receiver);
    expect(receiver.seen('client-hack')).toHaveLength(0);
  });

  it('refuses client events on a channel the sender is not subscribed to', async () => {
    const { channel, receiver } = await pair('private-closed-');
    const outsider = await raw();
    outsider.send({ event: 'client-intrude', channel, data: {} });
    const error = await outsider.next('pusher:error');
    expect(JSON.stringify(error.data)).toMatch(/not subscribed/);
    await rawMarker(suite.server, channel, receiver);
    expect(receiver.seen('client-intrude')).toHaveLength(0);
  });

  it('refuses names over 200 characters and payloads over 10 KB', async () => {
    const { channel, sender, receiver } = await pair('private-limits-');
    const longName = `client-${'n'.repeat(194)}`;
    expect(longName.length).toBe(201);
    sender.send({ event: longName, channel, data: {} });
    await sender.next('pusher:error', (f) => JSON.stringify(f.data).includes('200'));
    sender.send({ event: 'client-big', channel, data: 'x'.repeat(10 * 1024 + 1) });
    await sender.next('pusher:error', (f) => JSON.stringify(f.data).includes('10240'));
    sender.send({ event: `client-${'n'.repeat(193)}`, channel, data: 'x'.repeat(10 * 1024) });
    await receiver.next(`client-${'n'.repeat(193)}`);
    expect(receiver.seen('client-big')).toHaveLength(0);
    expect(receiver.seen(longName)).toHaveLength(0);
  });

  it('rate-limits to 10 per second per connection with error 4301 and keeps the connection', async () => {
    const { channel, sender, receiver } = await pair('private-flood-');
    for (let i = 0; i < 15; i += 1) sender.send({ event: 'client-flood', channel, data: { i } });
    const relayed = () => receiver.seen('client-flood').length;
    const refused = () => sender.seen('pusher:error').length;
    await until('all 15 accounted for', () => relayed() + refused() === 15);
    await rawMarker(suite.server, channel, receiver);
    // The bucket refills at 10/s, so a very slow run may let one more through; never all 15.
    expect(relayed()).toBeGreaterThanOrEqual(10);
    expect(relayed()).toBeLessThanOrEqual(11);
    expect(relayed() + refused()).toBe(15);
    for (const error of sender.seen('pusher:error')) expect(error.data).toMatchObject({ code: 4301 });
    // The limit is a rate, not a ban: once the bucket has refilled, events flow again.
    await elapse(RATE_REFILL_PAUSE_MS);
    sender.send({ event: 'client-after-pause', channel, data: {} });
    await receiver.next('client-after-pause');
    sender.send({ event: 'pusher:ping', data: {} });
    await sender.next('pusher:pong');
    await expectServerHealthy(suite.server);
  });

  it('works through pusher-js on private channels', async () => {
    seq += 1;
    const channel = `private-js-${seq}`;
    const a = await connectClient(suite.server);
    const b = await connectClient(suite.server);
    clients.push(a, b);
    const aChannel = await subscribe(a, channel);
    const bChannel = await subscribe(b, channel);
    const received = nextEvent(bChannel, 'client-hello');
    aChannel.trigger('client-hello', { from: 'a' });
    expect((await received).data).toEqual({ from: 'a' });
  });

  it('refuses client events when the app disables them', async () => {
    const off = await startTestServer({ enableClientEvents: false });
    try {
      const sender = await RawClient.connect(off.port);
      const receiver = await RawClient.connect(off.port);
      await rawSubscribe(off, sender, 'private-off');
      await rawSubscribe(off, receiver, 'private-off');
      sender.send({ event: 'client-nope', channel: 'private-off', data: {} });
      await sender.next('pusher:error');
      await rawMarker(off, 'private-off', receiver);
      expect(receiver.seen('client-nope')).toHaveLength(0);
      sender.close();
      receiver.close();
    } finally {
      await off.close();
    }
  });
});
