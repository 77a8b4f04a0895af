import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { AUTH_RETRY_POLICY, channelAuthorizationWithRetry, isRetryableAuthError, type AuthSender } from './authorize-with-retry';

class HttpStatusError extends Error {
  constructor(readonly status: number) {
    super(`HTTP ${status}`);
    this.name = 'HttpStatusError';
  }
}

/** A real HTTP endpoint answering with the given statuses in turn (the last one from then on). */
async function endpoint(statuses: number[]): Promise<{ url: string; requests: () => number; server: Server }> {
  let requests = 0;
  const server = createServer((request, response) => {
    const status = statuses[Math.min(requests, statuses.length - 1)] ?? 200;
    requests += 1;
    request.resume();
    response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(status === 200 ? { auth: 'key:signature' } : { error: 'no' }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/auth`, requests: () => requests, server };
}

const send: AuthSender = async (url, query) => {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: query });
  const body = (await response.json()) as unknown;
  if (!response.ok) throw new HttpStatusError(response.status);
  return body;
};

function authorize(url: string, socketId: () => string): Promise<{ error: Error | null; data: unknown }> {
  const handler = channelAuthorizationWithRetry({ endpoint: url, send, currentSocketId: socketId });
  return new Promise((resolve) => handler({ socketId: '1.1', channelName: 'presence-hobby-books' }, (error, data) => resolve({ error, data })));
}

describe('channel authorization with retry', () => {
  const servers: Server[] = [];
  afterEach(() => {
    for (const server of servers.splice(0)) server.close();
  });

  it('tries again after 503s and network trouble, and passes the answer on', async () => {
    const { url, requests, server } = await endpoint([503, 502, 200]);
    servers.push(server);
    const { error, data } = await authorize(url, () => '1.1');
    expect(error).toBeNull();
    expect(data).toEqual({ auth: 'key:signature' });
    expect(requests()).toBe(3);
  });

  it('gives a refusal back at once, status included', async () => {
    const { url, requests, server } = await endpoint([403]);
    servers.push(server);
    const { error } = await authorize(url, () => '1.1');
    expect((error as HttpStatusError).status).toBe(403);
    expect(requests()).toBe(1);
  });

  it('drops the answer when the connection changed meanwhile (pusher-js authorizes the new one)', async () => {
    const { url, requests, server } = await endpoint([503, 200]);
    servers.push(server);
    let socket = '1.1';
    const outcome = authorize(url, () => socket);
    await new Promise((resolve) => setTimeout(resolve, 5));
    socket = '2.2';
    const settled = await Promise.race([outcome.then(() => 'called back'), new Promise((resolve) => setTimeout(resolve, AUTH_RETRY_POLICY.startingDelayMs * 4, 'dropped'))]);
    expect(settled).toBe('dropped');
    expect(requests()).toBe(1);
  });

  it('knows which failures are worth another try', () => {
    for (const status of [0, 429, 500, 502, 503, 504]) expect(isRetryableAuthError({ status })).toBe(true);
    for (const status of [400, 401, 403, 404, 413, 415]) expect(isRetryableAuthError({ status })).toBe(false);
    expect(isRetryableAuthError(new Error('no status'))).toBe(false);
  });
});
