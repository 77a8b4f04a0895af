import { LRUCache } from 'lru-cache';
import { decode } from 'next-auth/jwt';
import { getConfig } from '@/lib/config';

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

/** Which session cookie a request carries: one token, a chunked one (only `auth()` reads those), or none. */
export type SessionCookie = { kind: 'token'; name: string; token: string } | { kind: 'chunked' } | { kind: 'none' };

/** `read(name)` gives a cookie's value as Next's `cookies()` parses it (the last of repeated names wins). */
export function findSessionCookie(read: (name: string) => string | undefined): SessionCookie {
  for (const name of SESSION_COOKIE_NAMES) {
    const token = read(name);
    if (token) return { kind: 'token', name, token };
    if (read(`${name}${CHUNK_SUFFIX}`) !== undefined) return { kind: 'chunked' };
  }
  return { kind: 'none' };
}

type DecodedSession = { userId: string };

/**
 * Decoding a session token is a pure function of the token (and the process's secret): the same cookie
 * always gives the same user until it expires. Remembering the answer per exact token saves the key
 * derivation and decryption on every authorization request; expiry still applies (each entry lives until the
 * token's `exp`). Nothing about the user (roles, membership) is kept here. One per process, on globalThis,
 * because the Node front (scripts/app-server.ts) and Next's server bundle each have their own copy of this module.
 */
const globalForTokens = globalThis as typeof globalThis & { __presentlyDecodedTokens?: LRUCache<string, DecodedSession> };

function decodedTokens(): LRUCache<string, DecodedSession> {
  globalForTokens.__presentlyDecodedTokens ??= new LRUCache<string, DecodedSession>({ max: DECODED_TOKENS_MAX });
  return globalForTokens.__presentlyDecodedTokens;
}

/** The user id a session token was issued for, or null when it is forged, expired or not ours. */
export async function userIdFromSessionToken(cookie: { name: string; token: string }): Promise<string | null> {
  const key = `${cookie.name}=${cookie.token}`;
  const cache = decodedTokens();
  const known = cache.get(key);
  if (known) return known.userId;
  const payload = await decode({ token: cookie.token, secret: getConfig().auth.secret, salt: cookie.name }).catch(() => null);
  const userId = payload?.sub;
  if (!userId) return null;
  const ttl = typeof payload.exp === 'number' ? payload.exp * MS_PER_SECOND - Date.now() : 0;
  if (ttl > 0) cache.set(key, { userId }, { ttl });
  return userId;
}
