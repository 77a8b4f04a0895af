import type { AppConfig } from '../config/schema';
import { MAX_AUTH_TIMESTAMP_SKEW_SECONDS } from '../config/limits';
import { HttpError } from '../errors';
import { hmacSha256Hex, md5Hex, safeEqual } from './hmac';

export interface SignedRequest {
  method: string;
  /** The path as sent (still percent-encoded). */
  rawPath: string;
  query: URLSearchParams;
  body: Buffer;
}

/**
 * Verifies a REST request signed the Pusher way (rest-api.md, "Authentication"):
 * auth_key, auth_timestamp (±600 s), auth_version, body_md5 for non-empty bodies, and
 * auth_signature = HMAC-SHA256(secret, "METHOD\nPATH\nsorted lower-cased query without auth_signature").
 * Every value checked is read from the same lower-cased parameters that are signed, and a name given
 * twice (in any case) is refused: otherwise a fresh `auth_timestamp`/`body_md5` prepended to an old
 * signed query would be checked while the old ones were verified. Throws HttpError(401) on any failure.
 */
export function verifyRestRequest(app: AppConfig, request: SignedRequest, nowSeconds = Date.now() / 1000): void {
  const params = signedParams(request.query);
  const authKey = params.get('auth_key');
  const timestamp = params.get('auth_timestamp');
  const version = params.get('auth_version');
  const signature = params.get('auth_signature');
  if (authKey === undefined || timestamp === undefined || version === undefined || signature === undefined) {
    throw new HttpError(401, 'missing auth_key, auth_timestamp, auth_version or auth_signature');
  }
  if (!safeEqual(authKey, app.key)) throw new HttpError(401, 'auth_key does not match the app');
  if (version !== '1.0') throw new HttpError(401, 'unsupported auth_version (expected 1.0)');
  if (!/^\d+$/.test(timestamp) || Math.abs(nowSeconds - Number(timestamp)) > MAX_AUTH_TIMESTAMP_SKEW_SECONDS) {
    throw new HttpError(401, `auth_timestamp is not within ${MAX_AUTH_TIMESTAMP_SKEW_SECONDS} s of the server time`);
  }
  if (request.body.length > 0) {
    const bodyMd5 = params.get('body_md5');
    if (bodyMd5 === undefined) throw new HttpError(401, 'body_md5 is required for a request with a body');
    if (!safeEqual(bodyMd5.toLowerCase(), md5Hex(request.body))) throw new HttpError(401, 'body_md5 does not match the body');
  }

  const queryString = canonicalForm(params);
  const method = request.method.toUpperCase();
  const candidates = new Set([request.rawPath]);
  try {
    // The official SDKs sign the unescaped path; accept both forms so ids with reserved characters work.
    candidates.add(decodeURIComponent(request.rawPath));
  } catch {
    // A malformed escape simply leaves only the raw form to check.
  }
  let ok = false;
  for (const path of candidates) {
    const expected = hmacSha256Hex(app.secret, `${method}\n${path}\n${queryString}`);
    if (safeEqual(signature, expected)) ok = true;
  }
  if (!ok) throw new HttpError(401, 'invalid auth_signature');
}

/** The query as lower-cased names → values; a name given more than once (in any case) is refused with 401. */
function signedParams(query: URLSearchParams): Map<string, string> {
  const params = new Map<string, string>();
  for (const [key, value] of query) {
    const lower = key.toLowerCase();
    if (params.has(lower)) throw new HttpError(401, `query parameter "${lower.slice(0, 64)}" is given more than once`);
    params.set(lower, value);
  }
  return params;
}

/** Lower-cased keys, sorted, `auth_signature` removed, joined unescaped: `a=1&b=2`. Refuses repeated names. */
export function canonicalQuery(query: URLSearchParams): string {
  return canonicalForm(signedParams(query));
}

function canonicalForm(params: ReadonlyMap<string, string>): string {
  return [...params.keys()]
    .filter((key) => key !== 'auth_signature')
    .sort()
    .map((key) => `${key}=${params.get(key) ?? ''}`)
    .join('&');
}
