import { backOff } from 'exponential-backoff';
import Pusher from 'pusher-js';
import type {
  ChannelAuthorizationData,
  ChannelAuthorizationHandler,
  UserAuthenticationData,
  UserAuthenticationHandler,
} from 'pusher-js/types/src/core/auth/options';

/**
 * pusher-js gives up on a channel after one failed authorization request: the channel stays unsubscribed until
 * the next reconnect. During a reconnect storm the app may answer 503 or drop a connection, so these handlers
 * send the same request as pusher-js's own `ajax` transport (same body, same error type, so `status` still
 * reaches `pusher:subscription_error`) and retry what can pass on a later try, with exponential backoff and
 * full jitter so that a crowd of tabs does not come back in step. Refusals (400, 401, 403, 404) are final.
 */
export const AUTH_RETRY_POLICY = {
  /** First retry within 0–250 ms, then 0–500 ms, … */
  startingDelayMs: 250,
  /** Never more than 8 s between tries. */
  maxDelayMs: 8_000,
} as const;

/** Statuses worth another try: network failure (pusher-js reports 0), timeouts, rate limits, server trouble. */
const RETRYABLE_STATUSES = new Set([0, 408, 425, 429, 500, 502, 503, 504]);

export type AuthKind = 'user-authentication' | 'channel-authorization';
type AjaxCallback<Data> = (error: Error | null, data: Data | null) => void;
type AjaxAuthorizer = <Data>(
  context: unknown,
  query: string,
  options: { transport: 'ajax'; endpoint: string },
  kind: AuthKind,
  callback: AjaxCallback<Data>,
) => void;

/** Sends one form-encoded authorization request; rejects with an error carrying the HTTP `status` (0: no answer). */
export type AuthSender = (endpoint: string, query: string, kind: AuthKind) => Promise<unknown>;

export type AuthRequestOptions = {
  endpoint: string;
  /** Default: pusher-js's own `ajax` transport (the browser sends the session cookie). Node clients pass theirs. */
  send?: AuthSender;
  /** The connection's current socket id: an answer for an older socket is dropped (pusher-js asks again). */
  currentSocketId: () => string | undefined;
};

export class StaleSocketError extends Error {
  constructor() {
    super('the connection changed while authorizing; pusher-js authorizes again on the new one');
    this.name = 'StaleSocketError';
  }
}

function statusOf(error: unknown): number | undefined {
  const status = (error as { status?: unknown } | null)?.status;
  return typeof status === 'number' ? status : undefined;
}

/** True for an authorization failure that a later try may not repeat. */
export function isRetryableAuthError(error: unknown): boolean {
  const status = statusOf(error);
  return status !== undefined && RETRYABLE_STATUSES.has(status);
}

function ajaxAuthorizer(): AjaxAuthorizer {
  return Pusher.Runtime.getAuthorizers().ajax as unknown as AjaxAuthorizer;
}

const sendWithPusherAjax: AuthSender = (endpoint, query, kind) =>
  new Promise((resolve, reject) => {
    ajaxAuthorizer()(Pusher.Runtime, query, { transport: 'ajax', endpoint }, kind, (error, data) => {
      if (error || !data) reject(error ?? new Error(`${endpoint} answered without data`));
      else resolve(data);
    });
  });

function requestOnce<Data>(kind: AuthKind, query: string, options: AuthRequestOptions): Promise<Data> {
  return (options.send ?? sendWithPusherAjax)(options.endpoint, query, kind) as Promise<Data>;
}

async function authorizeWithRetry<Data>(
  kind: AuthKind,
  socketId: string,
  query: string,
  options: AuthRequestOptions,
  callback: AjaxCallback<Data>,
): Promise<void> {
  const stale = () => options.currentSocketId() !== socketId;
  try {
    const data = await backOff(() => (stale() ? Promise.reject(new StaleSocketError()) : requestOnce<Data>(kind, query, options)), {
      jitter: 'full',
      startingDelay: AUTH_RETRY_POLICY.startingDelayMs,
      maxDelay: AUTH_RETRY_POLICY.maxDelayMs,
      // Bounded by the socket: a new connection starts its own authorization and ends this one.
      numOfAttempts: Number.POSITIVE_INFINITY,
      retry: (error: unknown) => !stale() && isRetryableAuthError(error),
    });
    if (stale()) return;
    callback(null, data);
  } catch (error) {
    // An answer for a socket that is gone would only confuse the channel pusher-js is subscribing again.
    if (error instanceof StaleSocketError || stale()) return;
    callback(error instanceof Error ? error : new Error(String(error)), null);
  }
}

export function channelAuthorizationWithRetry(options: AuthRequestOptions): ChannelAuthorizationHandler {
  return ({ socketId, channelName }, callback) => {
    const query = `socket_id=${encodeURIComponent(socketId)}&channel_name=${encodeURIComponent(channelName)}`;
    void authorizeWithRetry<ChannelAuthorizationData>('channel-authorization', socketId, query, options, callback);
  };
}

export function userAuthenticationWithRetry(options: AuthRequestOptions): UserAuthenticationHandler {
  return ({ socketId }, callback) => {
    const query = `socket_id=${encodeURIComponent(socketId)}`;
    void authorizeWithRetry<UserAuthenticationData>('user-authentication', socketId, query, options, callback);
  };
}
