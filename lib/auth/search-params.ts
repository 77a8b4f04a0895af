import { safeCallbackPath } from './callback-url';

type SearchParams = Record<string, string | string[] | undefined>;

/** The `callbackUrl` query parameter if it is a same-site path, else undefined. */
export function callbackUrlFrom(searchParams: SearchParams): string | undefined {
  const raw = searchParams.callbackUrl;
  const value = Array.isArray(raw) ? raw[0] : raw;
  const safe = safeCallbackPath(value, '');
  return safe || undefined;
}
