import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { guardRequest, HSTS_HEADER_VALUE } from './front-guards';

type Answer = { status: number; headers: Record<string, string | string[] | undefined>; body: string };

/** The guard in front of a stand-in for Next, on a real loopback server, with the given trusted hop count. */
function guardedServer(trustedHops: number): Server {
  return createServer((request, response) => {
    if (guardRequest(request, response, trustedHops)) return;
    request.resume();
    request.on('end', () => response.end('passed'));
  });
}

function send(port: number, method: string, path: string, headers: Record<string, string>, body = ''): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const outgoing = httpRequest({ host: '127.0.0.1', port, method, path, headers: { host: `localhost:${port}`, ...headers } }, (response) => {
      let text = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (text += chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body: text }));
    });
    outgoing.on('error', reject);
    outgoing.end(body);
  });
}

const FORM = { 'content-type': 'application/x-www-form-urlencoded' };
const PUSHER_AUTH_BODY = 'socket_id=1234.5678&channel_name=presence-hobby-gaming';

describe('the app server refuses cross-site writes', () => {
  let server: Server;
  let port = 0;
  beforeAll(async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    server = guardedServer(0);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
    vi.restoreAllMocks();
  });

  it('refuses a form-encoded pusher-js auth request from another site, or from a sibling subdomain', async () => {
    for (const site of ['cross-site', 'same-site']) {
      const answer = await send(port, 'POST', '/api/pusher/auth', { ...FORM, 'sec-fetch-site': site }, PUSHER_AUTH_BODY);
      expect(answer.status, site).toBe(403);
      expect(JSON.parse(answer.body)).toMatchObject({ error: { code: 'forbidden' } });
    }
  });

  it('without Fetch Metadata, compares Origin with the host the request was sent to', async () => {
    const sibling = await send(port, 'POST', '/api/rooms/gaming/presence/goodbye', { ...FORM, origin: `http://evil.localhost:${port}` }, 'tab=t');
    expect(sibling.status).toBe(403);
    expect((await send(port, 'PUT', '/api/me/status', { origin: 'null' })).status).toBe(403);
    expect((await send(port, 'PUT', '/api/me/status', { origin: `https://localhost:${port}` })).status).toBe(403);
    expect((await send(port, 'PUT', '/api/me/status', { origin: `http://localhost:${port}` })).body).toBe('passed');
  });

  it("lets our own pages' writes, reads from anywhere, and non-browser clients through", async () => {
    expect((await send(port, 'POST', '/api/pusher/user-auth', { ...FORM, 'sec-fetch-site': 'same-origin', origin: `http://localhost:${port}` }, 'socket_id=1.2')).body).toBe('passed');
    expect((await send(port, 'POST', '/api/rooms', { 'sec-fetch-site': 'none' })).body).toBe('passed');
    expect((await send(port, 'GET', '/api/people', { 'sec-fetch-site': 'cross-site' })).body).toBe('passed');
    // A realtime server's webhook sends neither header; its signature is the route's business.
    expect((await send(port, 'POST', '/api/pusher/webhook', { 'content-type': 'application/json' }, '{}')).body).toBe('passed');
  });

  it('sends no HSTS over plain HTTP, whatever X-Forwarded-Proto a client claims', async () => {
    const answer = await send(port, 'GET', '/', { 'x-forwarded-proto': 'https' });
    expect(answer.headers['strict-transport-security']).toBeUndefined();
  });
});

describe('behind one trusted proxy', () => {
  let server: Server;
  let port = 0;
  beforeAll(async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    server = guardedServer(1);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
    vi.restoreAllMocks();
  });

  it('sends HSTS when the proxy says the request came over TLS, and only then', async () => {
    expect((await send(port, 'GET', '/', { 'x-forwarded-proto': 'https' })).headers['strict-transport-security']).toBe(HSTS_HEADER_VALUE);
    expect((await send(port, 'GET', '/', { 'x-forwarded-proto': 'http' })).headers['strict-transport-security']).toBeUndefined();
  });

  it("takes the page's origin from the proxy's forwarded scheme and host", async () => {
    const proxied = { 'x-forwarded-proto': 'https', 'x-forwarded-host': 'chat.example.com' };
    expect((await send(port, 'PUT', '/api/me/status', { ...proxied, origin: 'https://chat.example.com' })).body).toBe('passed');
    expect((await send(port, 'PUT', '/api/me/status', { ...proxied, origin: 'https://evil.example.com' })).status).toBe(403);
    expect((await send(port, 'PUT', '/api/me/status', { ...proxied, origin: 'http://chat.example.com' })).status).toBe(403);
  });
});
