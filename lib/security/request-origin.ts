/**
 * Where a request was addressed, as the browser saw it: the scheme and host of the page's origin. Behind
 * TRUST_PROXY=n trusted proxies they come from the X-Forwarded-Proto / X-Forwarded-Host the edge proxy wrote;
 * with no trusted proxy the client's copies of those headers are never read (scripts/app-server.ts deletes
 * them), and the scheme is the socket's own.
 */
export type RequestOrigin = { scheme: 'http' | 'https'; host: string | null };

/**
 * The entry a proxy chain's edge wrote: each of the `trustedHops` proxies may append one, so the edge's is that
 * many from the right; a chain where inner proxies pass the edge's header on unchanged has only that one.
 */
function edgeEntry(header: string | string[] | undefined, trustedHops: number): string | undefined {
  const entries = (Array.isArray(header) ? header.join(',') : (header ?? ''))
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
  if (entries.length === 0) return undefined;
  return entries[Math.max(0, entries.length - trustedHops)];
}

export function resolveRequestOrigin(
  headers: { host?: string; 'x-forwarded-proto'?: string | string[]; 'x-forwarded-host'?: string | string[] },
  socketEncrypted: boolean,
  trustedHops: number,
): RequestOrigin {
  if (trustedHops === 0) return { scheme: socketEncrypted ? 'https' : 'http', host: headers.host?.toLowerCase() ?? null };
  const proto = edgeEntry(headers['x-forwarded-proto'], trustedHops)?.toLowerCase();
  const host = edgeEntry(headers['x-forwarded-host'], trustedHops) ?? headers.host;
  return { scheme: proto === 'https' || (proto === undefined && socketEncrypted) ? 'https' : 'http', host: host?.toLowerCase() ?? null };
}

/** Methods that change nothing; everything else must come from our own pages. */
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
/** Fetch Metadata values a page of our own origin (or the person themselves, typing a URL) produces. */
const OWN_FETCH_SITES = new Set(['same-origin', 'none']);

export type CrossSiteCheck = { method: string; secFetchSite: string | undefined; origin: string | undefined; requestOrigin: RequestOrigin };

/**
 * Why a state-changing request is refused as cross-site, or null when it may go on. Browsers send
 * `Sec-Fetch-Site` on every request (and `Origin` on every non-GET one); it is trusted first because the
 * browser computes it and no page can set it. `same-site` is refused too: SameSite=Lax cookies ride along
 * from a sibling subdomain, which is exactly the attack this stops. A request with neither header is not from
 * a browser (curl, a server's webhook), so it carries no victim's cookies and is left to the route's own
 * authentication.
 */
export function crossSiteWriteRefusal({ method, secFetchSite, origin, requestOrigin }: CrossSiteCheck): string | null {
  if (SAFE_METHODS.has(method.toUpperCase())) return null;
  if (secFetchSite !== undefined) {
    return OWN_FETCH_SITES.has(secFetchSite.toLowerCase()) ? null : `Sec-Fetch-Site is ${secFetchSite}`;
  }
  if (origin === undefined) return null;
  const own = requestOrigin.host ? `${requestOrigin.scheme}://${requestOrigin.host}` : null;
  return own !== null && origin.toLowerCase() === own ? null : `Origin ${origin} is not ${own ?? 'this host'}`;
}
