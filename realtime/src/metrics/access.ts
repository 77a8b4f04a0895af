/** Bind addresses that only this machine can reach. */
const LOOPBACK_NAMES: ReadonlySet<string> = new Set(['localhost', '::1', '[::1]']);
const IPV4_LOOPBACK_PREFIX = '127.';

export function isLoopbackHost(host: string): boolean {
  const lower = host.trim().toLowerCase();
  return LOOPBACK_NAMES.has(lower) || lower.startsWith(IPV4_LOOPBACK_PREFIX);
}

/**
 * Who may read `GET /metrics`: with a token, its bearers; without one, anyone on a loopback-only server, and
 * nobody on a server that listens beyond loopback (the exposition names apps, channels' counts and rates).
 */
export type MetricsAccess = { kind: 'token'; token: string } | { kind: 'open' } | { kind: 'closed' };

export function metricsAccessFor(host: string, token: string | undefined): MetricsAccess {
  if (token !== undefined) return { kind: 'token', token };
  return isLoopbackHost(host) ? { kind: 'open' } : { kind: 'closed' };
}
