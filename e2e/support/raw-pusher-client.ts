import type { BrowserContext } from '@playwright/test';
import Pusher from 'pusher-js';

type ChannelAuthorizationData = { auth: string; channel_data?: string };
type UserAuthenticationData = { auth: string; user_data: string };

/**
 * A bare pusher-js client in Node, signed in as the person behind a browser context (their session cookie goes
 * to the app's auth endpoints), that keeps every protocol message it receives: for checks at the protocol
 * level, below anything the page does with them.
 */
export type RawClient = { pusher: Pusher; received: string[]; subscribe: (channel: string) => Promise<void>; close: () => void };

/** How long a subscription may take on a busy machine. */
const SUBSCRIBE_TIMEOUT_MS = 15_000;

export class RawSubscriptionError extends Error {
  constructor(channel: string, detail: string) {
    super(`raw client could not subscribe to ${channel}: ${detail}`);
    this.name = 'RawSubscriptionError';
  }
}

export async function rawClientFor(
  context: BrowserContext,
  options: { baseURL: string; key: string; host: string; port: number },
): Promise<RawClient> {
  const cookies = await context.cookies(options.baseURL);
  const cookie = cookies.map(({ name, value }) => `${name}=${value}`).join('; ');
  // pusher-js's own ajax transport in Node refuses to set a Cookie header, so the app's endpoints are called here.
  const post = async <T>(path: string, form: Record<string, string>): Promise<T> => {
    const response = await fetch(`${options.baseURL}${path}`, {
      method: 'POST',
      headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(form).toString(),
    });
    if (!response.ok) throw new RawSubscriptionError(path, `HTTP ${response.status} ${await response.text()}`);
    return (await response.json()) as T;
  };
  const pusher = new Pusher(options.key, {
    cluster: 'local',
    wsHost: options.host,
    wsPort: options.port,
    forceTLS: false,
    enabledTransports: ['ws'],
    channelAuthorization: {
      customHandler: ({ socketId, channelName }, callback) => {
        post<ChannelAuthorizationData>('/api/pusher/auth', { socket_id: socketId, channel_name: channelName }).then(
          (data) => callback(null, data),
          (error: Error) => callback(error, null),
        );
      },
    },
    userAuthentication: {
      customHandler: ({ socketId }, callback) => {
        post<UserAuthenticationData>('/api/pusher/user-auth', { socket_id: socketId }).then(
          (data) => callback(null, data),
          (error: Error) => callback(error, null),
        );
      },
    },
  });
  const received: string[] = [];
  pusher.connection.bind('message', (message: unknown) => received.push(JSON.stringify(message)));
  pusher.signin();
  const subscribe = (channel: string) =>
    new Promise<void>((resolve, reject) => {
      const subscription = pusher.subscribe(channel);
      const timer = setTimeout(() => reject(new RawSubscriptionError(channel, 'timed out')), SUBSCRIBE_TIMEOUT_MS);
      subscription.bind('pusher:subscription_succeeded', () => {
        clearTimeout(timer);
        resolve();
      });
      subscription.bind('pusher:subscription_error', (error: unknown) => {
        clearTimeout(timer);
        reject(new RawSubscriptionError(channel, JSON.stringify(error)));
      });
    });
  return { pusher, received, subscribe, close: () => pusher.disconnect() };
}
