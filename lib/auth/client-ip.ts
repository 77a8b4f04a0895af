import { CLIENT_ADDRESS_HEADER, UNKNOWN_CLIENT_ADDRESS } from '@/lib/http/client-address';

/**
 * The client's address as the app server resolved it (socket, or what TRUST_PROXY trusted proxies saw). The
 * header is overwritten on every request before Next.js sees it, so a client cannot choose it.
 */
export function clientIpFrom(headers: Headers): string {
  return headers.get(CLIENT_ADDRESS_HEADER) || UNKNOWN_CLIENT_ADDRESS;
}
