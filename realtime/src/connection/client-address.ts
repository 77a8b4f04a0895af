import type { IncomingMessage } from 'node:http';
import { isIP } from 'node:net';

/** What the per-address limits count a connection under when its socket has no readable address. */
export const UNKNOWN_CLIENT_ADDRESS = 'unknown';

const IPV4_MAPPED_PREFIX = '::ffff:';

function normalized(address: string | undefined): string | undefined {
  const trimmed = address?.trim();
  if (!trimmed || isIP(trimmed) === 0) return undefined;
  const lower = trimmed.toLowerCase();
  // A dual-stack socket reports an IPv4 peer as ::ffff:a.b.c.d: count it as the IPv4 address.
  return lower.startsWith(IPV4_MAPPED_PREFIX) && isIP(lower.slice(IPV4_MAPPED_PREFIX.length)) === 4 ? lower.slice(IPV4_MAPPED_PREFIX.length) : lower;
}

/**
 * The address a WebSocket upgrade came from. With `trustedProxyHops` = 0 (the default) that is the TCP
 * peer and `X-Forwarded-For` is never read: a client can write any header. Behind n proxies that each
 * append the address they saw, the client is the entry n steps left of the peer; entries further left
 * were written by the client and are ignored. An entry a trusted proxy should have written that is not
 * an address stops the walk at the last good one.
 */
export function clientAddressOf(request: IncomingMessage, trustedProxyHops: number): string {
  let address = normalized(request.socket.remoteAddress);
  if (!address) return UNKNOWN_CLIENT_ADDRESS;
  if (trustedProxyHops === 0) return address;
  const header = request.headers['x-forwarded-for'];
  const forwarded = (Array.isArray(header) ? header.join(',') : (header ?? '')).split(',');
  for (let hop = 1; hop <= trustedProxyHops; hop += 1) {
    const entry = normalized(forwarded[forwarded.length - hop]);
    if (!entry) break;
    address = entry;
  }
  return address;
}
