import type { ServerResponse } from 'node:http';
import { API_CONTENT_SECURITY_POLICY, SECURITY_HEADERS } from '@/lib/security/static-headers.cjs';

/** What Next adds to an API route's answer through next.config.js `headers()`. */
const API_STATIC_HEADERS: Record<string, string> = Object.fromEntries(
  [...SECURITY_HEADERS, API_CONTENT_SECURITY_POLICY].map(({ key, value }) => [key.toLowerCase(), value]),
);

/** `jsonResponse` (lib/http/handler.ts) on a Node response, with the static headers Next would add to an API route. */
export function sendJson(response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const payload = JSON.stringify(body);
  response.writeHead(status, {
    ...API_STATIC_HEADERS,
    'content-type': 'application/json',
    'cache-control': 'no-store',
    'content-length': Buffer.byteLength(payload),
    ...headers,
  });
  response.end(payload);
}
