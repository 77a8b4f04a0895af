import { afterEach, describe, expect, it, vi } from 'vitest';
import { NotFoundError, TooManyRequestsError } from './errors';
import { apiRoute } from './handler';

const request = new Request('http://localhost/api/example', { method: 'POST' });

afterEach(() => vi.restoreAllMocks());

describe('apiRoute', () => {
  it('passes a successful response through', async () => {
    const route = apiRoute(async () => Response.json({ ok: true }));
    const response = await route(request, {});
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ ok: true });
  });

  it('turns a typed refusal into its status and JSON error', async () => {
    const route = apiRoute(async () => {
      throw new NotFoundError('No such room.');
    });
    const response = await route(request, {});
    expect(response.status).toBe(404);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(await response.json()).toEqual({ error: { code: 'not_found', message: 'No such room.' } });
  });

  it('tells a rate-limited client when to retry, in whole seconds rounded up', async () => {
    const route = apiRoute(async () => {
      throw new TooManyRequestsError(1_500);
    });
    const response = await route(request, {});
    expect(response.status).toBe(429);
    expect(response.headers.get('retry-after')).toBe('2');
    expect((await response.json()).error.code).toBe('too_many_requests');
  });

  it('logs an unexpected failure and answers a generic 500 without its details', async () => {
    const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const route = apiRoute(async () => {
      throw new Error('database password is hunter2');
    });
    const response = await route(request, {});
    expect(response.status).toBe(500);
    const text = await response.text();
    expect(text).not.toContain('hunter2');
    expect(JSON.parse(text).error.code).toBe('internal');
    expect(logged).toHaveBeenCalledOnce();
  });
});
