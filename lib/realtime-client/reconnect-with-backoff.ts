import { backOff } from 'exponential-backoff';
import type Pusher from 'pusher-js';

/**
 * pusher-js, as configured for WebSockets only, retries exactly 1 s after an abnormal close (every tab at the
 * same moment when the realtime server restarts) and, when that try finds nobody listening, waits out a fixed
 * 15 s (then 30 s, 60 s) before the next. This takes over from that schedule: tries spread by exponential
 * backoff with full jitter, and a try that has not reached `connected` in time is abandoned for the next.
 */
export const RECONNECT_POLICY = {
  /** The first try lands within 0–1 s of the drop (pusher-js: exactly 1 s for everyone). */
  startingDelayMs: 1_000,
  /** Never more than 10 s between tries. */
  maxDelayMs: 10_000,
  /**
   * How long the first try may take to reach `connected` before it is abandoned; each further try gets twice as
   * long, so that a server slowed down by the storm itself is not abandoned forever (pusher-js: 15 s, 30 s, 60 s).
   */
  attemptTimeoutMs: 3_000,
  /** The longest a try may take: pusher-js's own first timeout. */
  maxAttemptTimeoutMs: 15_000,
} as const;

/** Pusher protocol close codes 4200-4299: "the connection should be re-established immediately". */
const RECONNECT_NOW_CODES = { from: 4200, to: 4299 } as const;
/** 4100-4199: "reconnect after backing off" (over capacity: a server or one address full). pusher-js waits a fixed 1 s. */
const BACK_OFF_CODES = { from: 4100, to: 4199 } as const;
/**
 * In 4000-4099 ("do not reconnect", which pusher-js obeys by giving up) only 4004, the app over its connection
 * quota, is temporary: a place frees up as soon as someone leaves. The others (unknown key, unauthorized…) stay.
 */
const OVER_QUOTA_CODE = 4004;

/** A refusal this policy recovers from with backoff instead of leaving the tab offline. */
function isTemporaryRefusal(code: number): boolean {
  return code === OVER_QUOTA_CODE || (code >= BACK_OFF_CODES.from && code <= BACK_OFF_CODES.to);
}

type PusherErrorEvent = { data?: { code?: unknown }; error?: { data?: { code?: unknown } } } | undefined;

/** pusher-js reports a `pusher:error` on a live connection as `{data}`, and one refusing the handshake as `{error: {data}}`. */
function errorCodeOf(event: PusherErrorEvent): number | null {
  const code = event?.data?.code ?? event?.error?.data?.code;
  return typeof code === 'number' ? code : null;
}

export type ReconnectPolicy = { startingDelayMs: number; maxDelayMs: number; attemptTimeoutMs: number; maxAttemptTimeoutMs: number };

class ConnectAttemptTimeoutError extends Error {
  constructor(timeoutMs: number) {
    super(`not connected within ${timeoutMs} ms`);
    this.name = 'ConnectAttemptTimeoutError';
  }
}

class ConnectRefusedError extends Error {
  constructor(code: number) {
    super(`the server refused the connection for now (${code})`);
    this.name = 'ConnectRefusedError';
  }
}

class ReconnectStoppedError extends Error {
  constructor() {
    super('reconnecting was stopped');
    this.name = 'ReconnectStoppedError';
  }
}

/** Clients whose reconnect is scheduled here: their `disconnected` state means "reconnecting", not "off". */
const reconnecting = new WeakSet<Pusher>();

export function isReconnectScheduled(pusher: Pusher): boolean {
  return reconnecting.has(pusher);
}

/** Watches `pusher` and reconnects it on the schedule above. Returns the function that stops watching. */
export function reconnectWithBackoff(pusher: Pusher, policy: ReconnectPolicy = RECONNECT_POLICY): () => void {
  let stopped = false;
  /** True while one of our tries runs; any other connect during our backoff is pusher-js's own timer. */
  let inAttempt = false;
  let watchdog: ReturnType<typeof setTimeout> | undefined;
  const connection = pusher.connection;

  const clearWatchdog = () => {
    if (watchdog !== undefined) clearTimeout(watchdog);
    watchdog = undefined;
  };

  let tries = 0;
  const attempt = () =>
    new Promise<void>((resolve, reject) => {
      if (stopped) return reject(new ReconnectStoppedError());
      inAttempt = true;
      const timeoutMs = Math.min(policy.maxAttemptTimeoutMs, policy.attemptTimeoutMs * 2 ** tries);
      tries += 1;
      const finish = () => {
        clearTimeout(timer);
        connection.unbind('connected', onConnected);
        connection.unbind('error', onRefused);
        inAttempt = false;
      };
      const onConnected = () => {
        finish();
        resolve();
      };
      // Refused for now (quota or capacity): this try is over at once, the next one comes after the backoff.
      const onRefused = (event: PusherErrorEvent) => {
        const code = errorCodeOf(event);
        if (code === null || !isTemporaryRefusal(code)) return;
        finish();
        // After pusher-js has acted on the refusal (given up, or armed its fixed 1 s retry, which this cancels).
        queueMicrotask(() => {
          if (!stopped) pusher.disconnect();
        });
        reject(new ConnectRefusedError(code));
      };
      const timer = setTimeout(() => {
        finish();
        // Abandons the hanging try, which pusher-js would otherwise keep for 15 s.
        if (!stopped) pusher.disconnect();
        reject(new ConnectAttemptTimeoutError(timeoutMs));
      }, timeoutMs);
      connection.bind('connected', onConnected);
      connection.bind('error', onRefused);
      pusher.connect();
    });

  const takeOver = () => {
    // After an abnormal close pusher-js stays `connected` (with no connection) until its retry timer fires.
    const live = connection.state === 'connected' && connection.connection !== null;
    if (stopped || reconnecting.has(pusher) || live) return;
    clearWatchdog();
    reconnecting.add(pusher);
    tries = 0;
    // Cancels pusher-js's own retry timer and any hanging try; consumers see `disconnected` while we wait.
    pusher.disconnect();
    backOff(attempt, {
      delayFirstAttempt: true,
      jitter: 'full',
      startingDelay: policy.startingDelayMs,
      maxDelay: policy.maxDelayMs,
      // Ends when connected or when the tab stops watching.
      numOfAttempts: Number.POSITIVE_INFINITY,
      retry: () => !stopped,
    })
      .catch((error: unknown) => {
        if (!(error instanceof ReconnectStoppedError) && !stopped) console.error('[realtime] reconnecting failed', error);
      })
      .finally(() => reconnecting.delete(pusher));
  };

  // pusher-js announces its fixed-delay retry with `connecting_in` before it arms the timer: take over after it.
  const onConnectingIn = () => queueMicrotask(takeOver);
  // A server going away closes with 4200-4299 ("reconnect now"), which pusher-js obeys at once, everyone in
  // the same instant; a full app (4004) or a full server or address (4100-4199) refuses the connection, and
  // pusher-js gives up on 4004 and retries 4100 every second: take over in each case.
  const onError = (event: PusherErrorEvent) => {
    const code = errorCodeOf(event);
    if (code === null) return;
    if ((code >= RECONNECT_NOW_CODES.from && code <= RECONNECT_NOW_CODES.to) || isTemporaryRefusal(code)) queueMicrotask(takeOver);
  };
  const onStateChange = ({ current }: { current: string }) => {
    if (current === 'connected') clearWatchdog();
    // After a 4200 close pusher-js arms two retry timers and only the later one can be cancelled: the other
    // connects during our backoff. Undo that once its connect() has returned.
    if (current === 'connecting' && reconnecting.has(pusher) && !inAttempt) {
      queueMicrotask(() => {
        if (reconnecting.has(pusher) && !inAttempt && connection.state === 'connecting') pusher.disconnect();
      });
    }
    // A first connect (or pusher-js's own immediate retry) that finds nobody listening would wait 15 s.
    if (current === 'connecting' && !reconnecting.has(pusher) && watchdog === undefined) {
      watchdog = setTimeout(() => {
        watchdog = undefined;
        takeOver();
      }, policy.attemptTimeoutMs);
    }
  };
  connection.bind('connecting_in', onConnectingIn);
  connection.bind('error', onError);
  connection.bind('state_change', onStateChange);
  return () => {
    stopped = true;
    clearWatchdog();
    reconnecting.delete(pusher);
    connection.unbind('connecting_in', onConnectingIn);
    connection.unbind('error', onError);
    connection.unbind('state_change', onStateChange);
  };
}
