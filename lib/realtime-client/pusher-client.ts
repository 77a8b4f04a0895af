import Pusher from 'pusher-js';
import type { BrowserPusherOptions } from '@/lib/config';

/** The app's Pusher endpoints (route handlers); pusher-js posts `socket_id` (and `channel_name`) to them. */
export const USER_AUTH_ENDPOINT = '/api/pusher/user-auth';
export const CHANNEL_AUTH_ENDPOINT = '/api/pusher/auth';

/**
 * A pusher-js client for the configured server (embedded, soketi, hosted Pusher), signed in as the
 * session's user so the server can send it user events (`status-updated`).
 */
export function createPusherClient(options: BrowserPusherOptions): Pusher {
  const pusher = new Pusher(options.key, {
    cluster: options.cluster,
    forceTLS: options.forceTLS,
    ...(options.wsHost ? { wsHost: options.wsHost, wsPort: options.wsPort, wssPort: options.wsPort } : {}),
    // WebSockets only: the HTTP fallbacks would reach for Pusher's hosted sockjs endpoints.
    enabledTransports: ['ws', 'wss'],
    userAuthentication: { endpoint: USER_AUTH_ENDPOINT, transport: 'ajax' },
    channelAuthorization: { endpoint: CHANNEL_AUTH_ENDPOINT, transport: 'ajax' },
  });
  pusher.signin();
  return pusher;
}
