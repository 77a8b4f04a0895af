import Pusher from 'pusher-js';
import type { Channel, PresenceChannel } from 'pusher-js';
import type PusherServer from 'pusher';
import { APP, type TestServer } from './server';
import { withTimeout } from './wait';

export interface ClientOptions {
  /** Presence channel_data to sign (omit for none). */
  presence?: { user_id: string; user_info?: Record<string, unknown> };
  /** User to sign in as (via pusher.signin()). */
  user?: { id: string; user_info?: Record<string, unknown> };
  /** SDK used to sign channel auth (e.g. one with a wrong secret). */
  signer?: PusherServer;
  /** Rewrites the channel auth before it is sent (forgeries). */
  tamper?: (auth: { auth: string; channel_data?: string }, channelName: string) => { auth: string; channel_data?: string };
  key?: string;
}

export type TestClient = Pusher;

/** How every test's pusher-js client reaches the test server: plain WebSocket on loopback, no stats. */
export function loopbackClientOptions(port: number) {
  return { cluster: 'mt1', wsHost: '127.0.0.1', wsPort: port, forceTLS: false, enabledTransports: ['ws' as const], disableStats: true };
}

/** Creates a pusher-js (Node build) client against the test server and waits until connected. */
export async function connectClient(test: Pick<TestServer, 'port' | 'rest'>, options: ClientOptions = {}): Promise<TestClient> {
  const signer = options.signer ?? test.rest;
  const client = new Pusher(options.key ?? APP.key, {
    ...loopbackClientOptions(test.port),
    channelAuthorization: {
      customHandler: ({ socketId, channelName }, callback) => {
        try {
          const signed = channelName.startsWith('presence-') && options.presence
            ? signer.authorizeChannel(socketId, channelName, options.presence)
            : signer.authorizeChannel(socketId, channelName);
          const result = options.tamper ? options.tamper(signed, channelName) : signed;
          callback(null, result);
        } catch (error) {
          callback(error as Error, null);
        }
      },
    },
    userAuthentication: {
      customHandler: ({ socketId }, callback) => {
        if (!options.user) {
          callback(new Error('no user'), null);
          return;
        }
        callback(null, signer.authenticateUser(socketId, options.user));
      },
    },
  });
  await waitForState(client, 'connected');
  if (options.user) {
    client.signin();
    await client.user.signinDonePromise;
  }
  return client;
}

export function waitForState(client: TestClient, state: string, timeoutMs?: number): Promise<void> {
  if (client.connection.state === state) return Promise.resolve();
  return withTimeout<void>(`client state ${state}`, (resolve) => {
    const listener = ({ current }: { current: string }): void => {
      if (current === state) resolve();
    };
    client.connection.bind('state_change', listener);
    return () => client.connection.unbind('state_change', listener);
  }, timeoutMs);
}

/** Subscribes and waits for success; rejects with the subscription_error data on refusal. */
export function subscribe<C extends Channel = Channel>(client: TestClient, name: string, timeoutMs?: number): Promise<C> {
  const channel = client.subscribe(name) as C;
  if (channel.subscribed) return Promise.resolve(channel);
  return withTimeout<C>(`subscription to ${name}`, (resolve, reject) => {
    const ok = (): void => resolve(channel);
    const fail = (data: unknown): void => reject(Object.assign(new Error(`subscription to ${name} refused: ${JSON.stringify(data)}`), { data }));
    channel.bind('pusher:subscription_succeeded', ok);
    channel.bind('pusher:subscription_error', fail);
    return () => {
      channel.unbind('pusher:subscription_succeeded', ok);
      channel.unbind('pusher:subscription_error', fail);
    };
  }, timeoutMs);
}

export function subscribePresence(client: TestClient, name: string): Promise<PresenceChannel> {
  return subscribe<PresenceChannel>(client, name);
}

/** Waits for `event` on `channel`; resolves with its data and metadata. */
export function nextEvent<T = unknown>(channel: Channel, event: string, timeoutMs?: number): Promise<{ data: T; metadata: unknown }> {
  return withTimeout(`${event} on ${channel.name}`, (resolve) => {
    const listener = (data: T, metadata: unknown): void => resolve({ data, metadata });
    channel.bind(event, listener);
    return () => channel.unbind(event, listener);
  }, timeoutMs);
}

/** Collects every `event` on `channel` into an array (for counting). */
export function collect<T = unknown>(channel: Channel, event: string): T[] {
  const seen: T[] = [];
  channel.bind(event, (data: T) => seen.push(data));
  return seen;
}

export function disconnectAll(clients: TestClient[]): void {
  for (const client of clients.splice(0)) client.disconnect();
}
