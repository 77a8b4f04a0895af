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
 * Throws HttpError(401) on any failure.
 */
export function verifyRestRequest(app: AppConfig, request: SignedRequest, nowSeconds = Date.now() / 1000): void {
  const { query } = request;
  const authKey = query.get('auth_key');
  const timestamp = query.get('auth_timestamp');
  const version = query.get('auth_version');
  const signature = query.get('auth_signature');
  if (authKey === null || timestamp === null || version === null || signature === null) {
    throw new HttpError(401, 'missing auth_key, auth_timestamp, auth_version or auth_signature');
  }
  if (!safeEqual(authKey, app.key)) throw new HttpError(401, 'auth_key does not match the app');
  if (version !== '1.0') throw new HttpError(401, 'unsupported auth_version (expected 1.0)');
  if (!/^\d+$/.test(timestamp) || Math.abs(nowSeconds - Number(timestamp)) > MAX_AUTH_TIMESTAMP_SKEW_SECONDS) {
    throw new HttpError(401, `auth_timestamp is not within ${MAX_AUTH_TIMESTAMP_SKEW_SECONDS} s of the server time`);
  }
  if (request.body.length > 0) {
    const bodyMd5 = query.get('body_md5');
    if (bodyMd5 === null) throw new HttpError(401, 'body_md5 is required for a request with a body');
    if (!safeEqual(bodyMd5.toLowerCase(), md5Hex(request.body))) throw new HttpError(401, 'body_md5 does not match the body');
  }

  const queryString = canonicalQuery(query);
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

/** Lower-cased keys, sorted, `auth_signature` removed, joined unescaped: `a=1&b=2`. */
export function canonicalQuery(query: URLSearchParams): string {
  const pairs = new Map<string, string>();
  for (const [key, value] of query) {
    const lower = key.toLowerCase();
    if (lower === 'auth_signature') continue;
    pairs.set(lower, value);
  }
  return [...pairs.keys()]
    .sort()
    .map((key) => `${key}=${pairs.get(key) ?? ''}`)
    .join('&');
}
