/**
 * The client's address as Next passes it on: Next fills `x-forwarded-for` from the socket unless the request
 * already carries one, so behind no proxy a client can choose it. That only weakens the per-IP limit; the
 * per-username limit does not depend on it. Behind a proxy, the proxy's value is first.
 */
export function clientIpFrom(headers: Headers): string {
  const forwarded = headers.get('x-forwarded-for')?.split(',')[0]?.trim();
  return forwarded || headers.get('x-real-ip')?.trim() || 'unknown';
}
