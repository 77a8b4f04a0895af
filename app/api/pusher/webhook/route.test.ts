import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '@/lib/db/client';
import { openTestDatabase } from '@/lib/db/test-databases';
import { WEBHOOK_MAX_AGE_MS } from '@/lib/pusher/webhook/replay-guard';
import { openLimiterStore, type LimiterStore } from '@/lib/rate-limit/store';
import { POST } from './route';

/** Loopback-only values for this test's own config; the batches below make the app send nothing. */
const ENV = {
  AUTH_SECRET: 'webhook-route-test-secret-0123456789abcdef',
  PUSHER_APP_ID: 'webhook-test',
  PUSHER_APP_KEY: 'webhook-test-key',
  PUSHER_APP_SECRET: 'webhook-test-secret',
  PUSHER_HOST: '127.0.0.1',
  PUSHER_PORT: '6999',
};
/** 2020-06-01, the "validly signed 2020 batch". */
const TIME_2020_MS = Date.UTC(2020, 5, 1);

const globalForApp = globalThis as typeof globalThis & {
  __presentlyDatabase?: Promise<DatabaseHandle>;
  __presentlyLimiterStore?: LimiterStore;
  __presentlyLimiters?: Map<string, unknown>;
};

/** A batch about a room that does not exist: verified and admitted, and then nothing to do. */
function batch(timeMs: number, nonce: string): string {
  return JSON.stringify({ time_ms: timeMs, events: [{ name: 'channel_vacated', channel: `presence-hobby-no-such-room-${nonce}` }] });
}

function post(body: string, signature = createHmac('sha256', ENV.PUSHER_APP_SECRET).update(body).digest('hex')): Promise<Response> {
  return POST(
    new Request('http://localhost/api/pusher/webhook', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-pusher-key': ENV.PUSHER_APP_KEY, 'x-pusher-signature': signature },
      body,
    }),
    {},
  );
}

async function errorCode(response: Response): Promise<string> {
  return ((await response.json()) as { error: { code: string } }).error.code;
}

describe('POST /api/pusher/webhook', () => {
  let handle: DatabaseHandle;
  beforeAll(async () => {
    Object.assign(process.env, ENV);
    handle = await openTestDatabase('pglite');
    globalForApp.__presentlyDatabase = Promise.resolve(handle);
    globalForApp.__presentlyLimiterStore = openLimiterStore({});
    globalForApp.__presentlyLimiters = new Map();
  });
  afterAll(async () => {
    globalForApp.__presentlyDatabase = undefined;
    globalForApp.__presentlyLimiterStore = undefined;
    globalForApp.__presentlyLimiters = undefined;
    await handle.close();
  });

  it('accepts a fresh, correctly signed batch once, and refuses the same batch again', async () => {
    const body = batch(Date.now(), 'twice');
    expect((await post(body)).status).toBe(200);
    const again = await post(body);
    expect(again.status).toBe(409);
    expect(await errorCode(again)).toBe('conflict');
  });

  it('refuses a correctly signed batch from 2020, and one just older than the window', async () => {
    const old = await post(batch(TIME_2020_MS, 'old'));
    expect(old.status).toBe(401);
    expect(await errorCode(old)).toBe('unauthorized');
    expect((await post(batch(Date.now() - WEBHOOK_MAX_AGE_MS - 1_000, 'edge'))).status).toBe(401);
    expect((await post(batch(Date.now() - WEBHOOK_MAX_AGE_MS + 60_000, 'inside'))).status).toBe(200);
  });

  it('refuses a wrong signature, including one of the right length and prefix', async () => {
    const body = batch(Date.now(), 'forged');
    const good = createHmac('sha256', ENV.PUSHER_APP_SECRET).update(body).digest('hex');
    const lastFlipped = `${good.slice(0, -1)}${good.endsWith('0') ? '1' : '0'}`;
    expect((await post(body, lastFlipped)).status).toBe(401);
    expect((await post(body, good.toUpperCase())).status).toBe(401);
    expect((await post(body, '')).status).toBe(401);
    // Refusals do not mark the batch received: the genuine one is still accepted.
    expect((await post(body)).status).toBe(200);
  });
});
