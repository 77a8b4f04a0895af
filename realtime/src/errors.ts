/** Pusher close / error codes used by this server (pusher-websockets-protocol.md, "Error Codes"). */
export const CloseCode = {
  /** Application does not exist. */
  AppNotFound: 4001,
  /** Application disabled. */
  AppDisabled: 4003,
  /** Application is over connection quota. */
  OverQuota: 4004,
  /** Path not found. */
  PathNotFound: 4005,
  /** Unsupported protocol version. */
  UnsupportedProtocol: 4007,
  /** No protocol version supplied. */
  NoProtocol: 4008,
  /** Connection is unauthorized (bad signin, or the user's connections were terminated). */
  Unauthorized: 4009,
  /** Over capacity: reconnect after backing off (used for clients that stop reading). */
  OverCapacity: 4100,
  /** Generic reconnect immediately (server shutting down). */
  Reconnect: 4200,
  /** Pong reply not received. */
  PongNotReceived: 4201,
  /** Client event rejected due to rate limit (sent as pusher:error, the connection stays open). */
  ClientEventRateLimit: 4301,
} as const;

/**
 * Something a client did wrong on the WebSocket. `code` is the Pusher error code sent in
 * `pusher:error` (null: none fits); `close` says whether the connection must be closed with it.
 */
export class ProtocolError extends Error {
  override readonly name = 'ProtocolError';
  constructor(
    message: string,
    readonly code: number | null = null,
    readonly close = false,
  ) {
    super(message);
  }
}

/** Why a subscription was refused; sent as `pusher:subscription_error` on the channel. */
export class SubscriptionError extends Error {
  override readonly name = 'SubscriptionError';
  constructor(
    /** e.g. AuthError, LimitReached, InvalidChannel, InvalidPresenceData */
    readonly type: string,
    message: string,
    /** HTTP-like status mirroring what pusher-js reports for auth failures. */
    readonly status: number,
  ) {
    super(message);
  }
}

/** A REST request that must fail with `status` and `{"error": message}`. */
export class HttpError extends Error {
  override readonly name = 'HttpError';
  constructor(
    readonly status: 400 | 401 | 403 | 404 | 405 | 413 | 415 | 500 | 503,
    message: string,
  ) {
    super(message);
  }
}

/** A webhook POST that did not succeed: `status` is the HTTP status, null for network errors and timeouts. */
export class WebhookDeliveryError extends Error {
  override readonly name = 'WebhookDeliveryError';
  constructor(
    message: string,
    readonly status: number | null,
  ) {
    super(message);
  }
}

/** Cluster mode: shared state (Redis) is unreachable, or its scripts are missing. */
export class ClusterStateError extends Error {
  override readonly name = 'ClusterStateError';
}
