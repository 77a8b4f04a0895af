import Pusher from 'pusher-js';
import type PusherServer from 'pusher';
import { APP } from './server';
import { loopbackClientOptions, waitForState, type TestClient } from './pusher-client';
import { until } from './wait';

export interface WatchlistEventSeen {
  name: string;
  user_ids: string[];
}

export interface WatchingClient {
  client: TestClient;
  /** Every `online` / `offline` watchlist event, in order (bound before signin, so the initial one too). */
  events: WatchlistEventSeen[];
  /** `pusher:error` codes the connection received. */
  errorCodes: number[];
  /** The status a watcher would show: the last event that named each id. */
  statusOf(userId: string): 'online' | 'offline' | undefined;
  /** Waits until `userId` was last reported as `status`. */
  waitFor(userId: string, status: 'online' | 'offline', timeoutMs?: number): Promise<void>;
}

export interface WatchingUser {
  id: string;
  watchlist?: unknown;
  invisible?: boolean;
}

/** A pusher-js client signed in (with the official `pusher` SDK's `authenticateUser`) that records its watchlist events. */
export async function connectWatching(test: { port: number; rest: PusherServer }, user: WatchingUser): Promise<WatchingClient> {
  const client = new Pusher(APP.key, {
    ...loopbackClientOptions(test.port),
    userAuthentication: {
      customHandler: ({ socketId }, callback) => callback(null, test.rest.authenticateUser(socketId, user)),
    },
  });
  const events: WatchlistEventSeen[] = [];
  const errorCodes: number[] = [];
  client.user.watchlist.bind('online', (event: WatchlistEventSeen) => events.push({ name: event.name, user_ids: event.user_ids }));
  client.user.watchlist.bind('offline', (event: WatchlistEventSeen) => events.push({ name: event.name, user_ids: event.user_ids }));
  client.connection.bind('error', (error: { data?: { code?: number } }) => {
    if (typeof error.data?.code === 'number') errorCodes.push(error.data.code);
  });
  await waitForState(client, 'connected');
  client.signin();
  await client.user.signinDonePromise;
  const statusOf = (userId: string): 'online' | 'offline' | undefined => {
    const last = events.findLast((event) => event.user_ids.includes(userId));
    return last?.name as 'online' | 'offline' | undefined;
  };
  return {
    client,
    events,
    errorCodes,
    statusOf,
    waitFor: (userId, status, timeoutMs) => until(`${userId} ${status}`, () => statusOf(userId) === status, timeoutMs),
  };
}

/** How many events named `userId` with this name. */
export function countOf(watching: WatchingClient, name: 'online' | 'offline', userId: string): number {
  return watching.events.filter((event) => event.name === name && event.user_ids.includes(userId)).length;
}
