import { NextResponse, type NextRequest } from 'next/server';
import { CURRENT_PATH_HEADER } from '@/lib/auth/current-path-header';

/** Tells server components which path they render, so `requireUser()` can send people back after sign-in. */
export function proxy(request: NextRequest) {
  const headers = new Headers(request.headers);
  headers.set(CURRENT_PATH_HEADER, `${request.nextUrl.pathname}${request.nextUrl.search}`);
  return NextResponse.next({ request: { headers } });
}

export const config = {
  matcher: ['/((?!api/|_next/|favicon\\.svg|screenshots/).*)'],
};
