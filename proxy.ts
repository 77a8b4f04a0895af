import { NextResponse, type NextRequest } from 'next/server';
import { CURRENT_PATH_HEADER } from '@/lib/auth/current-path-header';
import { getConfig } from '@/lib/config';
import { contentSecurityPolicy, NONCE_HEADER } from '@/lib/security/content-security-policy';

const NONCE_BYTES = 16;

function freshNonce(): string {
  return Buffer.from(crypto.getRandomValues(new Uint8Array(NONCE_BYTES))).toString('base64');
}

/**
 * Every page gets a Content-Security-Policy with a fresh nonce (Next.js puts it on its own scripts when the
 * request carries the policy), and server components learn which path they render, so `requireUser()` can
 * send people back after sign-in. The other security headers are static (next.config.js).
 */
export function proxy(request: NextRequest) {
  const config = getConfig();
  const nonce = freshNonce();
  const policy = contentSecurityPolicy({
    nonce,
    realtime: config.browserPusher,
    dev: process.env.NODE_ENV === 'development',
    githubSignIn: Boolean(config.auth.github),
  });
  const headers = new Headers(request.headers);
  headers.set(CURRENT_PATH_HEADER, `${request.nextUrl.pathname}${request.nextUrl.search}`);
  headers.set(NONCE_HEADER, nonce);
  headers.set('content-security-policy', policy);
  const response = NextResponse.next({ request: { headers } });
  response.headers.set('content-security-policy', policy);
  return response;
}

export const config = {
  matcher: ['/((?!api/|_next/|favicon\\.svg|screenshots/).*)'],
};
