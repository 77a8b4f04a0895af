import { afterEach, describe, expect, it } from 'vitest';
import type { RealtimeEventMap } from '../src/events';
import type { WebhookEventName, WebhookOptions } from '../src/config/schema';
import type { LogFields, Logger } from '../src/logger';
import { rawSubscribe } from './helpers/raw-auth';
import { RawClient } from './helpers/raw-client';
import { startTestServer, type TestServer } from './helpers/server';
import { sharedStateKind } from './helpers/shared-state';
import { elapse, until } from './helpers/wait';
import { WebhookReceiver, type Responder } from './helpers/webhook-receiver';

/** Short enough for a quick suite, long enough to rejoin within it on a loaded machine. */
const LEAVE_DELAY_MS = 600;

let test: TestServer | null = null;
const receivers: WebhookReceiver[] = [];
const clients: RawClient[] = [];

afterEach(async () => {
  for (const client of clients.splice(0)) client.close();
  await test?.close();
  test = null;
  await Promise.all(receivers.splice(0).map((receiver) => receiver.close()));
});

async function receiver(respond?: Responder): Promise<WebhookReceiver> {
  const created = await WebhookReceiver.start({ respond });
  receivers.push(created);
  return created;
}

async function serverWith(
  targets: { url: string; events?: WebhookEventName[] }[],
  options: Partial<WebhookOptions> = {},
  extra: { logger?: Logger; clientEventsPerSecond?: number } = {},
): Promise<TestServer> {
  test = await startTestServer({
    webhooks: targets,
    webhookOptions: { leaveDelayMs: LEAVE_DELAY_MS, initialBackoffMs: 50, ...options },
    ...(extra.logger ? { logger: extra.logger } : {}),
    ...(extra.clientEventsPerSecond ? { limits: { clientEventsPerSecond: extra.clientEventsPerSecond } } : {}),
  });
  return test;
}

async function join(server: TestServer, channel: string, userId: string): Promise<RawClient> {
  const client = await RawClient.connect(server.port);
  clients.push(client);
  await rawSubscribe(server, client, channel, { user_id: userId });
  return client;
}

/** A channel of the marker's own, so its webhooks are told apart from the test's. */
const MARKER_CHANNEL = 'presence-marker';

/**
 * Lets the hold window run out (time is what is tested), then joins a marker member whose webhook is queued after
 * anything the window released: once it is in, a leave that was still held would have arrived before it.
 */
async function markerAfterHoldWindow(server: TestServer, hook: WebhookReceiver): Promise<void> {
  await elapse(LEAVE_DELAY_MS);
  await join(server, MARKER_CHANNEL, 'marker');
  await hook.waitFor('the marker join', (events) => events.some((event) => event.channel === MARKER_CHANNEL && event.name === 'member_added'));
}

function namesBesideMarker(hook: WebhookReceiver): string[] {
  return hook.events().filter((event) => event.channel !== MARKER_CHANNEL).map((event) => event.name);
}

function sorted<T extends { name: string }>(events: T[]): T[] {
  return [...events].sort((a, b) => a.name.localeCompare(b.name));
}

function recordOf<K extends keyof RealtimeEventMap>(server: TestServer, name: K): RealtimeEventMap[K][] {
  const seen: RealtimeEventMap[K][] = [];
  server.server.events.on(name, (payload) => seen.push(payload));
  return seen;
}

describe('webhooks', { timeout: 20_000 }, () => {
  it('sends channel_occupied and member_added in Pusher format, signed so the official SDK accepts them', async () => {
    const hook = await receiver();
    const server = await serverWith([{ url: hook.url }]);
    const before = Date.now();
    await join(server, 'presence-room', 'alice');
    await hook.waitFor('member_added', (events) => events.some((event) => event.name === 'member_added'));

    const [delivery] = hook.deliveries;
    expect(delivery?.valid).toBe(true);
    expect(delivery?.headers['content-type']).toBe('application/json');
    expect(delivery?.headers['x-pusher-key']).toBe('key-1');
    expect(delivery?.headers['x-pusher-signature']).toMatch(/^[0-9a-f]{64}$/);
    expect(delivery?.body.time_ms).toBeGreaterThanOrEqual(before);
    expect(delivery?.body.time_ms).toBeLessThanOrEqual(Date.now());
    // The first member's member_added is raised just before its channel_occupied (Pusher does not order webhooks).
    expect(sorted(hook.events())).toEqual([
      { name: 'channel_occupied', channel: 'presence-room' },
      { name: 'member_added', channel: 'presence-room', user_id: 'alice' },
    ]);
  });

  it('holds member_removed and channel_vacated, then delivers them when nobody comes back', async () => {
    const hook = await receiver();
    const server = await serverWith([{ url: hook.url }]);
    const alice = await join(server, 'presence-room', 'alice');
    await hook.waitFor('joins', (events) => events.length === 2);

    const left = Date.now();
    alice.close();
    // Held: the leaves arrive no sooner than the window after the close (checked below), and after the joins.
    await hook.waitFor('leaves', (events) => events.length === 4);
    const leaveDelivery = hook.deliveries.at(-1);
    expect(leaveDelivery?.valid).toBe(true);
    expect((leaveDelivery?.receivedAt ?? 0) - left).toBeGreaterThanOrEqual(LEAVE_DELAY_MS - 50);
    expect(hook.events().slice(2)).toEqual([
      { name: 'member_removed', channel: 'presence-room', user_id: 'alice' },
      { name: 'channel_vacated', channel: 'presence-room' },
    ]);
  });

  it('drops a held member_removed (and the rejoin) when the user comes back within the window, as after a page reload', async () => {
    const hook = await receiver();
    const server = await serverWith([{ url: hook.url }]);
    const alice = await join(server, 'presence-room', 'alice');
    await join(server, 'presence-room', 'bob');
    await hook.waitFor('joins', (events) => events.filter((event) => event.name === 'member_added').length === 2);

    // The reload: alice's socket goes, a new one joins as alice; bob keeps the channel occupied.
    alice.close();
    await until('alice gone', () => server.server.apps.findById('app-1')?.channels.get('presence-room')?.userCount === 1);
    await join(server, 'presence-room', 'alice');
    await markerAfterHoldWindow(server, hook);
    expect(namesBesideMarker(hook).sort()).toEqual(['channel_occupied', 'member_added', 'member_added']);
  });

  it('drops a held channel_vacated too when the only member reloads', async () => {
    const hook = await receiver();
    const server = await serverWith([{ url: hook.url }]);
    const alice = await join(server, 'presence-solo', 'alice');
    await hook.waitFor('joins', (events) => events.length === 2);
    alice.close();
    await until('channel vacated', () => server.server.apps.findById('app-1')?.channels.get('presence-solo') === undefined);
    await join(server, 'presence-solo', 'alice');
    await markerAfterHoldWindow(server, hook);
    expect(namesBesideMarker(hook).sort()).toEqual(['channel_occupied', 'member_added']);
  });

  it('sends client_event with socket_id, event and data, plus user_id on presence channels', async () => {
    const hook = await receiver();
    const server = await serverWith([{ url: hook.url, events: ['client_event'] }]);
    const alice = await join(server, 'presence-room', 'alice');
    const sender = await RawClient.connect(server.port);
    clients.push(sender);
    await rawSubscribe(server, sender, 'private-notes');
    alice.send({ event: 'client-typing', channel: 'presence-room', data: { on: true } });
    sender.send({ event: 'client-note', channel: 'private-notes', data: 'plain text' });
    await hook.waitFor('two client events', (events) => events.length === 2);

    expect(hook.deliveries.every((delivery) => delivery.valid)).toBe(true);
    expect(hook.events()).toContainEqual({
      name: 'client_event',
      channel: 'presence-room',
      event: 'client-typing',
      data: JSON.stringify({ on: true }),
      socket_id: alice.socketId,
      user_id: 'alice',
    });
    expect(hook.events()).toContainEqual({
      name: 'client_event',
      channel: 'private-notes',
      event: 'client-note',
      data: 'plain text',
      socket_id: sender.socketId,
    });
    // Only what was asked for: no channel or member events.
    expect(new Set(hook.names())).toEqual(new Set(['client_event']));
  });

  it('batches events raised within the window into one POST', async () => {
    const hook = await receiver();
    const server = await serverWith([{ url: hook.url, events: ['client_event'] }], { batchWindowMs: 300 });
    const alice = await join(server, 'presence-room', 'alice');
    for (let i = 0; i < 5; i += 1) alice.send({ event: 'client-n', channel: 'presence-room', data: { i } });
    await hook.waitFor('five client events', (events) => events.length === 5);
    expect(hook.deliveries).toHaveLength(1);
    expect(hook.deliveries[0]?.valid).toBe(true);
    expect(hook.events().map((event) => JSON.parse(event.data as string) as { i: number })).toEqual([0, 1, 2, 3, 4].map((i) => ({ i })));
  });

  it('retries a receiver that answered 500, with the same signed body', async () => {
    const hook = await receiver((index) => (index === 0 ? 500 : 200));
    const server = await serverWith([{ url: hook.url, events: ['member_added'] }]);
    const failures = recordOf(server, 'webhook_failed');
    await join(server, 'presence-room', 'alice');
    await hook.waitFor('the retried delivery', (events) => events.length === 1);
    expect(hook.requests).toBe(2);
    expect(failures).toEqual([expect.objectContaining({ attempt: 1, status: 500, willRetry: true })]);
    expect(hook.events()).toEqual([{ name: 'member_added', channel: 'presence-room', user_id: 'alice' }]);
  });

  it('gives up after the retry period and logs what it dropped', async () => {
    const hook = await receiver(() => 503);
    const lines: { level: string; message: string; fields?: LogFields }[] = [];
    const logger: Logger = {
      info: (message, fields) => lines.push({ level: 'info', message, fields }),
      warn: (message, fields) => lines.push({ level: 'warn', message, fields }),
      error: (message, _error, fields) => lines.push({ level: 'error', message, fields }),
    };
    const server = await serverWith([{ url: hook.url, events: ['member_added'] }], { retryForMs: 1_000, initialBackoffMs: 40 }, { logger });
    const dropped = recordOf(server, 'webhook_dropped');
    await join(server, 'presence-room', 'alice');
    await until('the batch is dropped', () => dropped.length === 1, 5_000);
    expect(dropped[0]).toEqual({ appId: 'app-1', url: hook.url, events: 1, reason: 'retries_exhausted' });
    expect(hook.requests).toBeGreaterThanOrEqual(3);
    expect(lines).toContainEqual({
      level: 'error',
      message: 'webhook dropped',
      fields: expect.objectContaining({ event: 'webhook_dropped', url: hook.url, reason: 'retries_exhausted', events: 1 }),
    });
    expect(lines.filter((line) => line.message === 'webhook delivery failed').length).toBe(hook.requests);
  });

  it('a dead receiver neither blocks nor slows client events, and its queue stays bounded', async () => {
    const dead = await receiver(() => 'hang');
    const server = await serverWith(
      [{ url: dead.url }, { url: 'http://127.0.0.1:9/unreachable' }],
      { maxEventsPerBatch: 1, maxPendingBatches: 5, maxInFlight: 2, requestTimeoutMs: 10_000, shutdownFlushMs: 200 },
      { clientEventsPerSecond: 1_000 },
    );
    const dropped = recordOf(server, 'webhook_dropped');
    const sender = await join(server, 'presence-room', 'alice');
    const listener = await join(server, 'presence-room', 'bob');
    const count = 200;
    const started = Date.now();
    for (let i = 0; i < count; i += 1) sender.send({ event: 'client-tick', channel: 'presence-room', data: { i, at: Date.now() } });
    await until('every relayed event', () => listener.seen('client-tick').length === count, 5_000);
    const elapsed = Date.now() - started;
    // 200 relays on loopback take a few ms; a blocked path would wait for the 10 s request timeout.
    expect(elapsed).toBeLessThan(1_000);
    const targets = [dead.url, 'http://127.0.0.1:9/unreachable'];
    expect(dropped.some((drop) => drop.reason === 'queue_full' && targets.includes(drop.url))).toBe(true);
    // And the server still answers promptly.
    const pingStarted = Date.now();
    listener.send({ event: 'pusher:ping', data: {} });
    await listener.next('pusher:pong');
    expect(Date.now() - pingStarted).toBeLessThan(500);
  });

  // One process: its held leaves are its own, so it sends them as it stops. In a cluster they wait in Redis for
  // a surviving node instead (cluster-failures.test.ts: "the victim's own pending webhook is not lost").
  it.skipIf(sharedStateKind() === 'redis')('delivers held leaves on shutdown instead of losing them', async () => {
    const hook = await receiver();
    const server = await serverWith([{ url: hook.url, events: ['member_removed'] }], { leaveDelayMs: 60_000 });
    await join(server, 'presence-room', 'alice');
    await server.close();
    test = null;
    expect(hook.events()).toEqual([{ name: 'member_removed', channel: 'presence-room', user_id: 'alice' }]);
    expect(hook.deliveries[0]?.valid).toBe(true);
  });

  it('a forged delivery would be rejected by the official validator', async () => {
    const hook = await receiver();
    const server = await serverWith([{ url: hook.url }]);
    await join(server, 'presence-room', 'alice');
    await hook.waitFor('joins', (events) => events.length === 2);
    const real = hook.deliveries[0];
    if (!real) throw new Error('no delivery');
    expect(hook.validate(real.headers, real.rawBody)).toBe(true);
    const tampered = real.rawBody.replace('alice', 'mallory');
    expect(hook.validate(real.headers, tampered)).toBe(false);
    expect(hook.validate({ ...real.headers, 'x-pusher-signature': '0'.repeat(64) }, real.rawBody)).toBe(false);
    expect(hook.validate({ ...real.headers, 'x-pusher-key': 'other-key' }, real.rawBody)).toBe(false);
    const wrongSecret = await WebhookReceiver.start({ secret: 'not-the-secret' });
    receivers.push(wrongSecret);
    expect(wrongSecret.validate(real.headers, real.rawBody)).toBe(false);
  });
});
