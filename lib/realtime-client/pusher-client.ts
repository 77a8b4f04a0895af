import Pusher from 'pusher-js';
import type { BrowserPusherOptions } from '@/lib/config';
import { channelAuthorizationWithRetry, userAuthenticationWithRetry, type AuthSender } from './authorize-with-retry';

/** The app's Pusher endpoints (route handlers); pusher-js posts `socket_id` (and `channel_name`) to them. */
export const USER_AUTH_ENDPOINT = '/api/pusher/user-auth';
export const CHANNEL_AUTH_ENDPOINT = '/api/pusher/auth';

export type PusherClientOptions = {
  /** How authorization requests are sent; the browser default is pusher-js's `ajax` (Node clients pass their own). */
  sendAuth?: AuthSender;
};

/**
 * A pusher-js client for the configured server (embedded, soketi, hosted Pusher), signed in as the
 * session's user so the server can send it user events (`status-updated`). Sign-in and channel authorization
 * are retried when the app could not answer (see authorize-with-retry.ts).
 */
export function createPusherClient(options: BrowserPusherOptions, clientOptions: PusherClientOptions = {}): Pusher {
  // The handlers need the live socket id to drop answers meant for an earlier connection.
  const holder: { pusher?: Pusher } = {};
  const auth = { send: clientOptions.sendAuth, currentSocketId: () => holder.pusher?.connection.socket_id };
  const pusher = new Pusher(options.key, {
    cluster: options.cluster,
    forceTLS: options.forceTLS,
    ...(options.wsHost ? { wsHost: options.wsHost, wsPort: options.wsPort, wssPort: options.wsPort } : {}),
    // WebSockets only: the HTTP fallbacks would reach for Pusher's hosted sockjs endpoints.
    enabledTransports: ['ws', 'wss'],
    userAuthentication: { customHandler: userAuthenticationWithRetry({ ...auth, endpoint: USER_AUTH_ENDPOINT }) },
    channelAuthorization: { customHandler: channelAuthorizationWithRetry({ ...auth, endpoint: CHANNEL_AUTH_ENDPOINT }) },
  });
  holder.pusher = pusher;
  pusher.signin();
  return pusher;
}
