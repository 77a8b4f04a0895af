import PusherClient from 'pusher-js';
import type Pusher from 'pusher-js';
import type { PresenceChannel } from 'pusher-js';
import type { BrowserPusherOptions } from '@/lib/config';
import type { AuthSender } from '@/lib/realtime-client/authorize-with-retry';
import { CHANNEL_AUTH_ENDPOINT, createPusherClient, USER_AUTH_ENDPOINT } from '@/lib/realtime-client/pusher-client';
import { reconnectWithBackoff } from '@/lib/realtime-client/reconnect-with-backoff';
import { sleep } from './support/processes';
import { summarize, type Summary } from './support/summary';
import { signIn } from './support/session';

export const STORM = { clients: 1_000, rooms: 50, signInConcurrency: 6, timeoutMs: 120_000, pollMs: 50 } as const;

export type StormResult = {
  label: string;
  clients: number;
  rooms: number;
  signInSeconds: number;
  /** From creating the clients until every one had its full, correct member list. */
  firstJoinSeconds: number | null;
  /** From killing the realtime server until every client had its full, correct member list again (null: not within the timeout). */
  recoverySeconds: number | null;
  /** From killing the realtime server until the new one listened (the bench's kill and start, itself). */
  realtimeBackSeconds: number;
  /** From killing the realtime server until each client was connected again (ms), over the clients that were. */
  reconnected: Summary;
  /** Connection tries the clients began (pusher-js `connecting` states) from the kill until the end. */
  connectTries: number;
  clientsCorrectAtEnd: number;
  authRequests: number;
  authPerSecondMean: number;
  authPerSecondPeak: number;
  /** Seconds between the first and the last answer of the storm in which the app answered nothing (bursts). */
  silentSeconds: number;
  failures: Record<string, number>;
};

type Client = { pusher: Pusher; channel: PresenceChannel; expected: Set<string> };

/** Counts every authorization request the clients send: when it was answered and how. */
class AuthLog {
  answers: Array<{ at: number; outcome: string }> = [];
  record(outcome: string) {
    this.answers.push({ at: Date.now(), outcome });
  }
  since(start: number) {
    return this.answers.filter((answer) => answer.at >= start);
  }
}

class AuthHttpError extends Error {
  constructor(readonly status: number) {
    super(`HTTP ${status}`);
    this.name = 'AuthHttpError';
  }
}

function sender(baseUrl: string, cookie: string, log: AuthLog): AuthSender {
  return async (endpoint, query) => {
    let response: Response;
    try {
      response = await fetch(`${baseUrl}${endpoint}`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', cookie },
        body: query,
      });
    } catch (error) {
      const code = (error as { cause?: { code?: string } }).cause?.code ?? 'network';
      log.record(code);
      // pusher-js reports a request that got no answer as status 0.
      throw Object.assign(new AuthHttpError(0), { cause: error });
    }
    const text = await response.text();
    log.record(String(response.status));
    if (!response.ok) throw new AuthHttpError(response.status);
    return JSON.parse(text) as unknown;
  };
}

/** The seed's client: pusher-js's own single authorization try and its own reconnect schedule. */
function createPlainClient(options: BrowserPusherOptions, send: AuthSender): Pusher {
  const once = <Data>(endpoint: string, query: string, callback: (error: Error | null, data: Data | null) => void) =>
    send(endpoint, query, 'channel-authorization').then(
      (data) => callback(null, data as Data),
      (error: unknown) => callback(error instanceof Error ? error : new Error(String(error)), null),
    );
  const pusher = new PusherClient(options.key, {
    cluster: options.cluster,
    forceTLS: options.forceTLS,
    ...(options.wsHost ? { wsHost: options.wsHost, wsPort: options.wsPort, wssPort: options.wsPort } : {}),
    enabledTransports: ['ws', 'wss'],
    userAuthentication: { customHandler: ({ socketId }, callback) => void once(USER_AUTH_ENDPOINT, `socket_id=${encodeURIComponent(socketId)}`, callback) },
    channelAuthorization: {
      customHandler: ({ socketId, channelName }, callback) =>
        void once(CHANNEL_AUTH_ENDPOINT, `socket_id=${encodeURIComponent(socketId)}&channel_name=${encodeURIComponent(channelName)}`, callback),
    },
  });
  pusher.signin();
  return pusher;
}

function isCorrect(client: Client): boolean {
  const { channel, expected } = client;
  if (!channel.subscribed || channel.members.count !== expected.size) return false;
  let all = true;
  channel.members.each((member: { id: string }) => {
    if (!expected.has(member.id)) all = false;
  });
  return all;
}

async function waitUntilAllCorrect(clients: readonly Client[], timeoutMs: number): Promise<number | null> {
  const started = Date.now();
  while (Date.now() - started < timeoutMs) {
    if (clients.every(isCorrect)) return (Date.now() - started) / 1000;
    await sleep(STORM.pollMs);
  }
  return null;
}

async function mapLimit<T, R>(items: readonly T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const workers = Array.from({ length: limit }, async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index] as T);
    }
  });
  await Promise.all(workers);
  return results;
}

/** Per-second counts of authorization answers from `start` to `end`. */
function perSecond(answers: ReadonlyArray<{ at: number }>, start: number, end: number): number[] {
  const seconds = Math.max(1, Math.ceil((end - start) / 1000));
  const buckets = new Array<number>(seconds).fill(0);
  for (const { at } of answers) {
    const bucket = Math.floor((at - start) / 1000);
    if (bucket >= 0 && bucket < seconds) buckets[bucket] = (buckets[bucket] ?? 0) + 1;
  }
  return buckets;
}

/**
 * The reconnect storm: `clients` people signed in through the real endpoint, spread over `rooms` rooms, each on
 * its own pusher-js connection configured as the app configures it; then the realtime server is killed and
 * started again, and every client must get its full, correct member list back.
 */
export async function runStorm(options: {
  label: string;
  baseUrl: string;
  pusher: BrowserPusherOptions;
  usernames: readonly string[];
  roomSlug: (index: number) => string;
  roomCount: number;
  password: string;
  restartRealtime: () => Promise<void>;
  /** 'app': the app's client (retrying authorization, jittered reconnects); 'plain': pusher-js's own behaviour. */
  client?: 'app' | 'plain';
}): Promise<StormResult> {
  const log = new AuthLog();
  const signInStarted = Date.now();
  const sessions = await mapLimit(options.usernames, STORM.signInConcurrency, async (username) => {
    const cookie = await signIn(options.baseUrl, username, options.password);
    const session = (await (await fetch(`${options.baseUrl}/api/auth/session`, { headers: { cookie } })).json()) as { user: { id: string } };
    return { cookie, id: session.user.id };
  });
  const signInSeconds = (Date.now() - signInStarted) / 1000;

  const expectedByRoom = new Map<number, Set<string>>();
  sessions.forEach((session, index) => {
    const room = index % options.roomCount;
    if (!expectedByRoom.has(room)) expectedByRoom.set(room, new Set());
    expectedByRoom.get(room)?.add(session.id);
  });

  const joinStarted = Date.now();
  const stops: Array<() => void> = [];
  const clients: Client[] = sessions.map((session, index) => {
    const room = index % options.roomCount;
    const send = sender(options.baseUrl, session.cookie, log);
    const pusher = options.client === 'plain' ? createPlainClient(options.pusher, send) : createPusherClient(options.pusher, { sendAuth: send });
    if (options.client !== 'plain') stops.push(reconnectWithBackoff(pusher));
    const channel = pusher.subscribe(`presence-hobby-${options.roomSlug(room)}`) as PresenceChannel;
    return { pusher, channel, expected: expectedByRoom.get(room) ?? new Set() };
  });
  try {
    const firstJoin = await waitUntilAllCorrect(clients, STORM.timeoutMs);
    const firstJoinSeconds = firstJoin === null ? null : (Date.now() - joinStarted) / 1000;

    const stormStarted = Date.now();
    const reconnectedAt: number[] = [];
    let connectTries = 0;
    const unwatch = clients.map(({ pusher }) => {
      let back = false;
      const onStateChange = ({ current }: { current: string }) => {
        if (current === 'connecting') connectTries += 1;
        if (current === 'connected' && !back) {
          back = true;
          reconnectedAt.push(Date.now() - stormStarted);
        }
      };
      pusher.connection.bind('state_change', onStateChange);
      return () => pusher.connection.unbind('state_change', onStateChange);
    });
    await options.restartRealtime();
    const realtimeBackSeconds = (Date.now() - stormStarted) / 1000;
    const recovered = await waitUntilAllCorrect(clients, STORM.timeoutMs - (Date.now() - stormStarted));
    const stormEnded = Date.now();
    for (const stop of unwatch) stop();
    const recoverySeconds = recovered === null ? null : (stormEnded - stormStarted) / 1000;
    const answers = log.since(stormStarted);
    const buckets = perSecond(answers, stormStarted, stormEnded);
    const firstAnswer = buckets.findIndex((count) => count > 0);
    const lastAnswer = buckets.length - 1 - [...buckets].reverse().findIndex((count) => count > 0);
    const failures: Record<string, number> = {};
    for (const { outcome } of answers) if (outcome !== '200') failures[outcome] = (failures[outcome] ?? 0) + 1;
    const active = firstAnswer < 0 ? [] : buckets.slice(firstAnswer, lastAnswer + 1);
    return {
      label: options.label,
      clients: clients.length,
      rooms: options.roomCount,
      signInSeconds,
      firstJoinSeconds,
      recoverySeconds,
      realtimeBackSeconds,
      reconnected: summarize(reconnectedAt),
      connectTries,
      clientsCorrectAtEnd: clients.filter(isCorrect).length,
      authRequests: answers.length,
      authPerSecondMean: Math.round(answers.length / Math.max(1, active.length)),
      authPerSecondPeak: Math.max(0, ...buckets),
      silentSeconds: active.filter((count) => count === 0).length,
      failures,
    };
  } finally {
    for (const stop of stops) stop();
    for (const client of clients) client.pusher.disconnect();
  }
}
