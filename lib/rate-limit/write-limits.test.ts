import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiRoute, jsonResponse } from '@/lib/http/handler';
import { openLimiterStore, type LimiterStore } from './store';
import { enforceWriteLimit } from './write-limits';

const globalForLimits = globalThis as typeof globalThis & { __presentlyLimiterStore?: LimiterStore; __presentlyLimiters?: Map<string, unknown> };
const ALLOWANCE = 3;
const WINDOW_SECONDS = 60;

describe('enforceWriteLimit', () => {
  beforeAll(() => {
    globalForLimits.__presentlyLimiterStore = openLimiterStore({});
    globalForLimits.__presentlyLimiters = new Map();
  });
  afterAll(() => {
    globalForLimits.__presentlyLimiterStore = undefined;
    globalForLimits.__presentlyLimiters = undefined;
  });

  it('lets the allowance through per key, then answers 429 with Retry-After in seconds', async () => {
    const spec = { name: `test-write-${randomBytes(4).toString('hex')}`, points: ALLOWANCE, durationSeconds: WINDOW_SECONDS };
    const route = apiRoute(async (request: Request) => {
      await enforceWriteLimit(spec, request.headers.get('x-user') ?? '');
      return jsonResponse({ ok: true });
    });
    const call = (user: string) => route(new Request('http://localhost/api/example', { method: 'PUT', headers: { 'x-user': user } }), {});
    for (let round = 0; round < ALLOWANCE; round += 1) expect((await call('alice')).status).toBe(200);
    const refused = await call('alice');
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(Number(refused.headers.get('retry-after'))).toBeLessThanOrEqual(WINDOW_SECONDS);
    expect((await refused.json()).error.code).toBe('too_many_requests');
    expect((await call('bob')).status).toBe(200);
  });
});
