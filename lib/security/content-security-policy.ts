import type { BrowserPusherOptions } from '@/lib/config';

/** Request header carrying this response's nonce; Next.js also reads it off the CSP header it is given. */
export const NONCE_HEADER = 'x-nonce';

export type CspOptions = {
  nonce: string;
  realtime: BrowserPusherOptions;
  /** `next dev` evaluates code for React's debugging and hot reload. */
  dev: boolean;
  /** GitHub sign-in ends a form submission with a redirect to github.com. */
  githubSignIn: boolean;
};

/**
 * Where pusher-js opens its WebSocket, exactly as pusher-js decides it (src/core/config.ts): `wsHost` with
 * wsPort/wssPort when set, else `ws-<cluster>.pusher.com`. TLS is used when forced or when the page itself is
 * https, and a non-TLS client falls back to wss on the same host, so both schemes are allowed then. Nothing else
 * is needed: lib/realtime-client/pusher-client.ts enables only the ws/wss transports (no sockjs-<cluster> HTTP
 * fallbacks) and pusher-js 8 sends stats to stats.pusher.com only with `enableStats`, which is off by default.
 */
export function realtimeConnectSources(realtime: BrowserPusherOptions): string[] {
  const host = realtime.wsHost ?? `ws-${realtime.cluster}.pusher.com`;
  const authority = realtime.wsHost && realtime.wsPort ? `${host}:${realtime.wsPort}` : host;
  return realtime.forceTLS ? [`wss://${authority}`] : [`ws://${authority}`, `wss://${authority}`];
}

/** The Content-Security-Policy of every page: own origin, the realtime server's WebSocket, nonce'd scripts. */
export function contentSecurityPolicy({ nonce, realtime, dev, githubSignIn }: CspOptions): string {
  const directives: Record<string, string[]> = {
    'default-src': ["'self'"],
    // 'strict-dynamic' lets Next's nonce'd bootstrap load its chunks; nothing inline runs without the nonce.
    'script-src': ["'self'", `'nonce-${nonce}'`, "'strict-dynamic'", ...(dev ? ["'unsafe-eval'"] : [])],
    // Stylesheets from our origin; a <style> element only with the nonce. No inline style attributes: React sets
    // the styles it renders in the browser through the CSSOM (which CSP does not govern), and what the server
    // renders carries none (avatars use classes). `next dev` injects unnonce'd <style> tags for hot reload.
    'style-src': ["'self'", ...(dev ? ["'unsafe-inline'"] : [`'nonce-${nonce}'`])],
    'img-src': ["'self'", 'data:', 'blob:'],
    'font-src': ["'self'", 'data:'],
    'connect-src': ["'self'", ...realtimeConnectSources(realtime)],
    'frame-ancestors': ["'none'"],
    'form-action': ["'self'", ...(githubSignIn ? ['https://github.com'] : [])],
    'base-uri': ["'self'"],
    'object-src': ["'none'"],
  };
  return Object.entries(directives)
    .map(([name, values]) => `${name} ${values.join(' ')}`)
    .join('; ');
}
