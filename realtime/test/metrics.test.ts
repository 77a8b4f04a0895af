import { afterEach, describe, expect, it } from 'vitest';
import { rawSubscribe } from './helpers/raw-auth';
import { RawClient } from './helpers/raw-client';
import { startTestServer, type TestServer } from './helpers/server';
import { until } from './helpers/wait';
import { WebhookReceiver } from './helpers/webhook-receiver';

let test: TestServer | null = null;
const clients: RawClient[] = [];
let receiver: WebhookReceiver | null = null;

afterEach(async () => {
  for (const client of clients.splice(0)) client.close();
  await test?.close();
  test = null;
  await receiver?.close();
  receiver = null;
});

async function scrape(port: number, token?: string): Promise<{ status: number; type: string | null; text: string }> {
  const response = await fetch(`http://127.0.0.1:${port}/metrics`, token ? { headers: { authorization: `Bearer ${token}` } } : {});
  return { status: response.status, type: response.headers.get('content-type'), text: await response.text() };
}

/** The value of one sample line (`name{labels} value`), 0 when absent. */
function sample(text: string, name: string, labels: Record<string, string> = {}): number {
  for (const line of text.split('\n')) {
    if (!line.startsWith(name)) continue;
    const match = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!match || match[1] !== name) continue;
    const found = Object.fromEntries([...(match[2] ?? '').matchAll(/(\w+)="([^"]*)"/g)].map((m) => [m[1], m[2]]));
    if (Object.entries(labels).every(([key, value]) => found[key] === value)) return Number(match[3]);
  }
  return 0;
}

describe('GET /metrics', { timeout: 20_000 }, () => {
  it('exposes Prometheus counters and gauges that move with real traffic', async () => {
    receiver = await WebhookReceiver.start();
    test = await startTestServer({ webhooks: [{ url: receiver.url, events: ['member_added'] }], webhookOptions: { batchWindowMs: 0 } });
    const app = { app: 'app-1' };
    const before = await scrape(test.port);
    expect(before.status).toBe(200);
    expect(before.type).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(before.text).toContain('# TYPE realtime_connections gauge');
    expect(sample(before.text, 'realtime_connections', app)).toBe(0);

    const alice = await RawClient.connect(test.port);
    const bob = await RawClient.connect(test.port);
    clients.push(alice, bob);
    await rawSubscribe(test, alice, 'presence-room', { user_id: 'alice' });
    await rawSubscribe(test, bob, 'presence-room', { user_id: 'bob' });
    await rawSubscribe(test, bob, 'news');
    alice.send({ event: 'client-hi', channel: 'presence-room', data: { x: 1 } });
    await bob.next('client-hi');
    await test.rest.trigger('news', 'headline', { text: 'hello' });
    await bob.next('headline');
    await test.restWith({ secret: 'wrong' }).trigger('news', 'forged', {}).catch(() => undefined);
    const refused = RawClient.open(test.port, '/app/no-such-key?protocol=7');
    clients.push(refused);
    await refused.waitClose();
    await receiver.waitFor('member_added x2', (events) => events.length === 2);
    await until('deliveries counted', () => test?.server.apps.findById('app-1') !== undefined);

    const after = (await scrape(test.port)).text;
    expect(sample(after, 'realtime_connections', app)).toBe(2);
    expect(sample(after, 'realtime_channels', app)).toBe(2);
    expect(sample(after, 'realtime_subscriptions', app)).toBe(3);
    expect(sample(after, 'realtime_presence_members', app)).toBe(2);
    expect(sample(after, 'realtime_connections_opened_total', app)).toBe(2);
    expect(sample(after, 'realtime_subscriptions_total', app)).toBe(3);
    expect(sample(after, 'realtime_presence_member_events_total', { ...app, event: 'added' })).toBe(2);
    expect(sample(after, 'realtime_client_events_total', app)).toBe(1);
    expect(sample(after, 'realtime_api_events_total', app)).toBe(1);
    expect(sample(after, 'realtime_ws_messages_received_total', app)).toBeGreaterThanOrEqual(4);
    expect(sample(after, 'realtime_ws_received_bytes_total', app)).toBeGreaterThan(100);
    // connection_established x2, subscription_succeeded x3, member_added x1, client event, REST event
    expect(sample(after, 'realtime_ws_messages_sent_total', app)).toBeGreaterThanOrEqual(8);
    expect(sample(after, 'realtime_ws_sent_bytes_total', app)).toBeGreaterThan(200);
    expect(sample(after, 'realtime_connections_rejected_total', { code: '4001', reason: 'app_not_found' })).toBe(1);
    expect(sample(after, 'realtime_http_requests_total', { method: 'POST', route: '/apps/:appId/events', status: '200' })).toBe(1);
    expect(sample(after, 'realtime_http_requests_total', { method: 'POST', route: '/apps/:appId/events', status: '401' })).toBe(1);
    expect(sample(after, 'realtime_http_requests_rejected_total', { reason: 'unauthorized' })).toBe(1);
    expect(sample(after, 'realtime_http_requests_total', { method: 'GET', route: '/metrics', status: '200' })).toBe(1);
    expect(sample(after, 'realtime_webhook_deliveries_total', { ...app, url: receiver.url })).toBeGreaterThanOrEqual(1);
    // Node's default process metrics are in the same registry.
    expect(sample(after, 'process_resident_memory_bytes')).toBeGreaterThan(0);

    alice.close();
    await until('alice gone', () => test?.server.apps.findById('app-1')?.connections.size === 1);
    const later = (await scrape(test.port)).text;
    expect(sample(later, 'realtime_connections', app)).toBe(1);
    expect(sample(later, 'realtime_presence_members', app)).toBe(1);
    expect(sample(later, 'realtime_presence_member_events_total', { ...app, event: 'removed' })).toBe(1);
    expect(sample(later, 'realtime_connections_closed_total', { ...app, code: '1005' })).toBe(1);
  });

  it('requires the bearer token when one is configured', async () => {
    test = await startTestServer({ metricsToken: 's3cret-token' });
    const anonymous = await scrape(test.port);
    expect(anonymous.status).toBe(401);
    expect(JSON.parse(anonymous.text)).toEqual({ error: expect.stringContaining('Bearer') });
    expect((await scrape(test.port, 'wrong-token')).status).toBe(401);
    const allowed = await scrape(test.port, 's3cret-token');
    expect(allowed.status).toBe(200);
    expect(allowed.text).toContain('realtime_connections');
  });

  it('answers nobody without a token when the server listens beyond loopback', async () => {
    test = await startTestServer({ host: '0.0.0.0' });
    const closed = await scrape(test.port);
    expect(closed.status).toBe(403);
    expect(closed.text).not.toContain('realtime_connections');
    await test.close();
    test = await startTestServer({ host: '0.0.0.0', metricsToken: 'wide-token' });
    expect((await scrape(test.port)).status).toBe(401);
    expect((await scrape(test.port, 'wide-token')).status).toBe(200);
  });

  it('keeps a registry per server', async () => {
    test = await startTestServer();
    const other = await startTestServer();
    try {
      const client = await RawClient.connect(other.port);
      clients.push(client);
      const mine = (await scrape(test.port)).text;
      const theirs = (await scrape(other.port)).text;
      expect(sample(mine, 'realtime_connections_opened_total', { app: 'app-1' })).toBe(0);
      expect(sample(theirs, 'realtime_connections_opened_total', { app: 'app-1' })).toBe(1);
    } finally {
      await other.close();
    }
  });
});
