/**
 * Every limit and timeout the server enforces, as a named default. Each one mirrors a documented
 * Pusher Channels limit (https://pusher.com/docs/channels/library_auth_reference/) unless noted.
 * All of them except the process-wide ones can be overridden per app (see `config/schema.ts`).
 */

/** The only Pusher protocol versions we speak (5+ require ping/pong; 7 is current, identical to 6/5 on the wire). */
export const MIN_PROTOCOL_VERSION = 5;
export const MAX_PROTOCOL_VERSION = 7;

/** Seconds of silence before the server pings a connection (Pusher: "Activity timeout before sending ping: 120s"). */
export const DEFAULT_ACTIVITY_TIMEOUT_MS = 120_000;
/** Time to wait for the pong before closing with 4201 (Pusher: "Time to wait for pong response before closing: 30s"). */
export const DEFAULT_PONG_TIMEOUT_MS = 30_000;

/** Channel names: Pusher allows at most 164 characters of [A-Za-z0-9_\-=@,.;]. */
export const MAX_CHANNEL_NAME_LENGTH = 164;
/** Event names: Pusher's limit is 200 characters (client events and REST triggers alike). */
export const MAX_EVENT_NAME_LENGTH = 200;
/** Event payload: Pusher's limit is 10 KB for `data` of REST-triggered and client events. */
export const MAX_EVENT_PAYLOAD_BYTES = 10 * 1024;
/** REST `channels` array: Pusher allows at most 100 channels per trigger. */
export const MAX_TRIGGER_CHANNELS = 100;
/** REST batch: Pusher's multi-tenant clusters allow at most 10 events per batch_events call. */
export const MAX_BATCH_EVENTS = 10;

/** Presence: Pusher caps a presence channel at 100 members (distinct user ids). */
export const MAX_PRESENCE_MEMBERS = 100;
/** Presence: Pusher caps `user_id` at 128 characters. */
export const MAX_PRESENCE_USER_ID_LENGTH = 128;
/** Presence: Pusher caps `user_info` at 1 KB; the issue asks for 2 KB (serialized JSON, UTF-8 bytes). */
export const MAX_PRESENCE_USER_INFO_BYTES = 2 * 1024;

/** Client events: Pusher allows 10 client events per second per connection; the excess gets error 4301. */
export const CLIENT_EVENTS_PER_SECOND = 10;

/**
 * Subscriptions per connection (ours; Pusher publishes no number): a Presently tab holds a dozen or so, one
 * socket holding thousands only costs the server memory and the app a webhook per channel. The excess is
 * refused with `pusher:subscription_error` type `LimitReached`, status 403, and the connection stays open.
 */
export const MAX_SUBSCRIPTIONS_PER_CONNECTION = 100;
/**
 * Subscribe requests per second per connection (ours): a token bucket refilled at this rate that holds up
 * to MAX_SUBSCRIPTIONS_PER_CONNECTION tokens, so a reconnect re-subscribing everything at once fits while
 * a subscribe/unsubscribe churn (each one a channel_occupied/vacated webhook) is held to this rate. The
 * excess is refused with type `RateLimited`, status 429 (retry later).
 */
export const SUBSCRIBES_PER_SECOND = 10;

/**
 * Connections per app. Pusher's quota depends on the plan; we default to a generous ceiling and
 * refuse beyond it with close code 4004 ("Application is over connection quota").
 */
export const DEFAULT_MAX_CONNECTIONS = 10_000;

/**
 * Per client address (ours): the app key is public, so without these one machine could open the whole
 * app quota (10,000 sockets took 4.3 s) and lock everyone else out. Beyond the open-connection cap, or
 * faster than the rate after the burst, a new connection is closed with 4100 (pusher-js reconnects after
 * backing off). 100 leaves room for an office or a household behind one NAT with several tabs each; the
 * burst lets all of them reconnect at once after a restart. All apps of the server count together.
 */
export const MAX_CONNECTIONS_PER_ADDRESS = 100;
export const NEW_CONNECTIONS_PER_ADDRESS_PER_SECOND = 20;
export const NEW_CONNECTION_BURST_PER_ADDRESS = 100;
/**
 * Client address behind proxies: how many proxies in front of the server append to X-Forwarded-For.
 * 0 (the default) reads no header at all: the TCP peer is the client.
 */
export const TRUSTED_PROXY_HOPS = 0;
/**
 * Authorized connections (Pusher's app setting, off by default): a connection that has neither signed in
 * nor subscribed to a private-/presence- channel this long after connecting is closed with 4009
 * ("Connection not authorized within timeout", as soketi and sockudo do; 30 s, as Pusher does).
 */
export const AUTHORIZATION_TIMEOUT_MS = 30_000;

/**
 * Largest WebSocket frame accepted (not a published Pusher number: a 10 KB payload plus its
 * envelope, channel name, auth and channel_data fits comfortably). Bigger frames close with 1009.
 */
export const MAX_WS_FRAME_BYTES = 32 * 1024;

/**
 * REST request body cap (ours): 10 batch events of 10 KB each plus JSON overhead fit inside it.
 * Bigger bodies answer 413 without being read to the end.
 */
export const MAX_HTTP_BODY_BYTES = 256 * 1024;

/** REST auth: Pusher accepts `auth_timestamp` within 600 s of the server's clock. */
export const MAX_AUTH_TIMESTAMP_SKEW_SECONDS = 600;

/**
 * Outbound buffer per connection (ours): a client that stops reading while this much is queued is
 * closed with 4100 ("Over capacity", reconnect after backing off) instead of growing memory without bound.
 */
export const MAX_SOCKET_BUFFERED_BYTES = 4 * 1024 * 1024;

/** Graceful shutdown (ours): how long `close()` waits for clients to go before destroying their sockets. */
export const SHUTDOWN_GRACE_MS = 2_000;

/** Cache channels: Pusher keeps the last event of a cache channel for 30 minutes. */
export const CACHE_TTL_MS = 30 * 60 * 1000;
/** Cache channels (ours): at most this many cached channels per app; the oldest entry is evicted. */
export const MAX_CACHED_CHANNELS = 10_000;

/**
 * Webhooks (https://pusher.com/docs/channels/server_api/webhooks/). Pusher holds `member_removed` and
 * `channel_vacated` "up to three seconds" and drops them when the client comes back; it retries a
 * failing receiver "with exponential backoff, for 5 minutes". The rest are ours.
 */
export const WEBHOOK_LEAVE_DELAY_MS = 3_000;
/** Events raised within this window go out in one POST (Pusher's batch webhooks). */
export const WEBHOOK_BATCH_WINDOW_MS = 50;
/** At most this many events in one POST; more start another batch. */
export const WEBHOOK_MAX_EVENTS_PER_BATCH = 100;
/** A receiver that has not answered within this time counts as a failed attempt. */
export const WEBHOOK_REQUEST_TIMEOUT_MS = 5_000;
/** First retry delay; each further retry doubles it, up to the maximum. */
export const WEBHOOK_INITIAL_BACKOFF_MS = 500;
export const WEBHOOK_MAX_BACKOFF_MS = 30_000;
/** A batch is retried for this long after its first attempt, then dropped (and logged). */
export const WEBHOOK_RETRY_FOR_MS = 5 * 60 * 1000;
/** Requests in flight at once per webhook URL. */
export const WEBHOOK_MAX_IN_FLIGHT = 4;
/** Batches waiting per webhook URL (queued or between retries); beyond it the oldest is dropped. */
export const WEBHOOK_MAX_PENDING_BATCHES = 1_000;
/** On shutdown, held and queued webhooks get this long to be delivered (best effort). */
export const WEBHOOK_SHUTDOWN_FLUSH_MS = 2_000;

/**
 * Cluster mode (ours; Pusher publishes no such numbers). A node is live while its lease, renewed every
 * heartbeat, has not expired; every node's reaper looks for expired leases this often. With these
 * defaults a SIGKILLed node's members are removed at most LEASE + REAPER_INTERVAL (3.5 s) later.
 */
export const CLUSTER_NODE_LEASE_MS = 3_000;
export const CLUSTER_HEARTBEAT_MS = 1_000;
export const CLUSTER_REAPER_INTERVAL_MS = 500;
/** After Redis comes back, nodes re-assert their connections, then each compares its clients' member lists with Redis this much later. */
export const CLUSTER_RECONCILE_DELAY_MS = 1_500;
/** How often a node looks for webhooks that are due (held leaves included) in the shared queue. */
export const CLUSTER_WEBHOOK_POLL_MS = 200;
/**
 * A claimed webhook is leased to its node for this long; the node renews the lease every poll while
 * it is still sending (retries included). When it dies or freezes, another node takes the event back
 * at most this much (plus one poll) later and sends it.
 */
export const CLUSTER_WEBHOOK_LEASE_MS = 10_000;
/** Webhook events claimed from the shared queue in one step. */
export const CLUSTER_WEBHOOK_CLAIM_BATCH = 100;
/** A subscription whose Redis acknowledgement has not arrived in this time is refused (503). */
export const CLUSTER_ACK_TIMEOUT_MS = 5_000;
/** Every Redis key and pub/sub channel of the cluster starts with this. */
export const CLUSTER_KEY_PREFIX = 'presently:rt:';
