import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { format } from 'node:util';
import Pusher from 'pusher';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { apiRoute } from './handler';

/** A loopback stand-in for a realtime server that refuses every REST call (as one would a wrong secret). */
let refusing: Server;
let port = 0;
beforeAll(async () => {
  refusing = createServer((_request, response) => {
    response.writeHead(401, { 'content-type': 'application/json' });
    response.end('{"error":"invalid signature"}');
  });
  await new Promise<void>((resolve) => refusing.listen(0, '127.0.0.1', resolve));
  port = (refusing.address() as AddressInfo).port;
});
afterAll(() => new Promise<void>((resolve) => refusing.close(() => resolve())));

describe('a route whose REST call to the realtime server fails', () => {
  it('answers a generic 500 and logs the failure without the signed query (auth_key, auth_timestamp, auth_signature)', async () => {
    const lines: string[] = [];
    vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => lines.push(format(...args)));
    try {
      const client = new Pusher({ appId: '1', key: 'app-key', secret: 'app-secret', host: '127.0.0.1', port: String(port), useTLS: false });
      const route = apiRoute(async () => {
        await client.trigger('presence-hobby-books', 'message', { text: 'hi' });
        return Response.json({ ok: true });
      });
      const response = await route(new Request('http://localhost/api/rooms/books/messages', { method: 'POST' }), {});
      expect(response.status).toBe(500);
      expect(lines).toHaveLength(1);
      expect(lines[0]).not.toMatch(/auth_signature|auth_key|auth_timestamp|app-key/);
      expect(lines[0]).toContain('HTTP 401');
    } finally {
      vi.restoreAllMocks();
    }
  });
});
