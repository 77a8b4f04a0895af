import { isIP } from 'node:net';

/**
 * The client's address, computed once per request by the app server (scripts/app-server.ts) from the socket
 * and TRUST_PROXY, and written into this request header, replacing anything the client sent under that name.
 * Route handlers and server actions read it; Next.js itself gives them no socket address.
 */
export const CLIENT_ADDRESS_HEADER = 'x-presently-client-address';
/** Names the replica that answered, so a load-balanced deployment (and its tests) can tell them apart. */
export const INSTANCE_HEADER = 'x-presently-instance';
/** What the per-address limits count when there is no address (a request that did not pass the app server). */
export const UNKNOWN_CLIENT_ADDRESS = 'unknown';

const IPV4_MAPPED_PREFIX = '::ffff:';

function normalized(address: string | undefined): string | undefined {
  const trimmed = address?.trim();
  if (!trimmed || isIP(trimmed) === 0) return undefined;
  const lower = trimmed.toLowerCase();
  // Node reports IPv4 peers on a dual-stack socket as ::ffff:a.b.c.d; count them as the IPv4 address.
  return lower.startsWith(IPV4_MAPPED_PREFIX) && isIP(lower.slice(IPV4_MAPPED_PREFIX.length)) === 4
    ? lower.slice(IPV4_MAPPED_PREFIX.length)
    : lower;
}

/**
 * Express's "trust proxy = n": the chain is every X-Forwarded-For entry then the socket's peer; each of the
 * `trustedHops` proxies nearest to us appended the address it saw, so the client is the entry that many steps
 * left of the socket. Entries further left were written by the client and are never used. With 0 hops the
 * header is ignored entirely. An entry a trusted proxy should have written but that is not an address stops
 * the walk at the last good one.
 */
export function resolveClientAddress(
  socketAddress: string | undefined,
  forwardedFor: string | string[] | undefined,
  trustedHops: number,
): string {
  let address = normalized(socketAddress);
  if (!address) return UNKNOWN_CLIENT_ADDRESS;
  const forwarded = (Array.isArray(forwardedFor) ? forwardedFor.join(',') : (forwardedFor ?? '')).split(',');
  for (let hop = 1; hop <= trustedHops; hop += 1) {
    const entry = normalized(forwarded[forwarded.length - hop]);
    if (!entry) break;
    address = entry;
  }
  return address;
}
