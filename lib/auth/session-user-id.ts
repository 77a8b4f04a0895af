import { LRUCache } from 'lru-cache';
import { cookies } from 'next/headers';
import { decode } from 'next-auth/jwt';
import { getConfig } from '@/lib/config';
import { auth } from './auth';

/**
 * next-auth's session cookie, `__Secure-` first: browsers only accept that prefix over HTTPS, so it cannot be
 * planted from plain HTTP. (@auth/core's defaultCookies names.)
 */
const SESSION_COOKIE_NAMES = ['__Secure-authjs.session-token', 'authjs.session-token'] as const;
/** next-auth splits a cookie above ~4 KB into `name.0`, `name.1`, …; ours never is, but then `auth()` reads it. */
const CHUNK_SUFFIX = '.0';
/** Distinct session tokens remembered per process (a few hundred bytes each). */
const DECODED_TOKENS_MAX = 10_000;
const MS_PER_SECOND = 1_000;

type DecodedSession = { userId: string };

/**
 * Decoding a session token is a pure function of the token (and the process's secret): the same cookie
 * always gives the same user until it expires. Remembering the answer per exact token saves the key
 * derivation and decryption on every authorization request; expiry still applies (each entry lives until the
 * token's `exp`). Nothing about the user (roles, membership) is kept here.
 */
const decodedTokens = new LRUCache<string, DecodedSession>({ max: DECODED_TOKENS_MAX });

async function decodeToken(token: string, cookieName: string): Promise<string | null> {
  const key = `${cookieName}=${token}`;
  const known = decodedTokens.get(key);
  if (known) return known.userId;
  const payload = await decode({ token, secret: getConfig().auth.secret, salt: cookieName }).catch(() => null);
  const userId = payload?.sub;
  if (!userId) return null;
  const ttl = typeof payload.exp === 'number' ? payload.exp * MS_PER_SECOND - Date.now() : 0;
  if (ttl > 0) decodedTokens.set(key, { userId }, { ttl });
  return userId;
}

/**
 * The signed-in user's id from the session cookie alone: what `auth()` gives as `session.user.id`, without
 * the CSRF token, the callbacks and the re-encoded cookie that `auth()` makes on every call. For API routes
 * answered many times a second (pusher-js authorization); pages keep using `auth()`, which also slides the
 * session's expiry.
 */
export async function sessionUserId(): Promise<string | null> {
  const jar = await cookies();
  for (const name of SESSION_COOKIE_NAMES) {
    const token = jar.get(name)?.value;
    if (token) return decodeToken(token, name);
    if (jar.has(`${name}${CHUNK_SUFFIX}`)) return (await auth())?.user?.id ?? null;
  }
  return null;
}
