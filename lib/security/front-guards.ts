import type { IncomingMessage, ServerResponse } from 'node:http';
import type { TLSSocket } from 'node:tls';
import { sendJson } from '@/lib/http/node-json';
import { crossSiteWriteRefusal, resolveRequestOrigin } from './request-origin';

const HTTP_FORBIDDEN = 403;
/** One year, the usual minimum for HSTS; no includeSubDomains, as sibling hosts are not ours to promise for. */
export const HSTS_MAX_AGE_SECONDS = 365 * 24 * 60 * 60;
export const HSTS_HEADER_VALUE = `max-age=${HSTS_MAX_AGE_SECONDS}`;

function single(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/**
 * What the app server (scripts/app-server.ts) does to every request before Next or its own endpoints see it:
 * HSTS on answers to requests that came over TLS (to us, or to the trusted edge proxy), and a 403 for a
 * state-changing request from another site. Returns true when it answered (refused) the request itself.
 */
export function guardRequest(request: IncomingMessage, response: ServerResponse, trustedHops: number): boolean {
  const requestOrigin = resolveRequestOrigin(request.headers, Boolean((request.socket as Partial<TLSSocket>).encrypted), trustedHops);
  if (requestOrigin.scheme === 'https') response.setHeader('Strict-Transport-Security', HSTS_HEADER_VALUE);
  const refusal = crossSiteWriteRefusal({
    method: request.method ?? 'GET',
    secFetchSite: single(request.headers['sec-fetch-site']),
    origin: single(request.headers.origin),
    requestOrigin,
  });
  if (refusal === null) return false;
  console.warn(`[security] refused a cross-site ${request.method} ${(request.url ?? '').split('?')[0]}: ${refusal}`);
  sendJson(response, HTTP_FORBIDDEN, { error: { code: 'forbidden', message: 'Requests from other sites may not change anything here.' } }, { connection: 'close' });
  return true;
}
