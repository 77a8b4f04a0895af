import { z } from 'zod';
import * as L from './limits';

const positiveInt = z.number().int().positive();

/** Per-app limits; every field defaults to the named constant in `limits.ts`. */
export const appLimitsSchema = z
  .object({
    maxConnections: positiveInt.default(L.DEFAULT_MAX_CONNECTIONS),
    activityTimeoutMs: positiveInt.default(L.DEFAULT_ACTIVITY_TIMEOUT_MS),
    pongTimeoutMs: positiveInt.default(L.DEFAULT_PONG_TIMEOUT_MS),
    maxChannelNameLength: positiveInt.default(L.MAX_CHANNEL_NAME_LENGTH),
    maxEventNameLength: positiveInt.default(L.MAX_EVENT_NAME_LENGTH),
    maxEventPayloadBytes: positiveInt.default(L.MAX_EVENT_PAYLOAD_BYTES),
    maxTriggerChannels: positiveInt.default(L.MAX_TRIGGER_CHANNELS),
    maxBatchEvents: positiveInt.default(L.MAX_BATCH_EVENTS),
    maxPresenceMembers: positiveInt.default(L.MAX_PRESENCE_MEMBERS),
    maxPresenceUserIdLength: positiveInt.default(L.MAX_PRESENCE_USER_ID_LENGTH),
    maxPresenceUserInfoBytes: positiveInt.default(L.MAX_PRESENCE_USER_INFO_BYTES),
    clientEventsPerSecond: positiveInt.default(L.CLIENT_EVENTS_PER_SECOND),
  })
  .strict();

/** The webhook events Pusher defines (server_api/webhooks.md). */
export const WEBHOOK_EVENT_NAMES = ['channel_occupied', 'channel_vacated', 'member_added', 'member_removed', 'client_event'] as const;
export type WebhookEventName = (typeof WEBHOOK_EVENT_NAMES)[number];

const httpUrl = z.url({ protocol: /^https?$/, error: 'must be an http:// or https:// URL' });

/** One receiver: every event named in `events` (default: all of them) is POSTed to `url`. */
export const webhookSchema = z
  .object({
    url: httpUrl,
    events: z.array(z.enum(WEBHOOK_EVENT_NAMES)).min(1).default(() => [...WEBHOOK_EVENT_NAMES]),
  })
  .strict();

/** Server-wide webhook timing and bounds; every field defaults to the named constant in `limits.ts`. */
export const webhookOptionsSchema = z
  .object({
    leaveDelayMs: z.number().int().min(0).default(L.WEBHOOK_LEAVE_DELAY_MS),
    batchWindowMs: z.number().int().min(0).default(L.WEBHOOK_BATCH_WINDOW_MS),
    maxEventsPerBatch: positiveInt.default(L.WEBHOOK_MAX_EVENTS_PER_BATCH),
    requestTimeoutMs: positiveInt.default(L.WEBHOOK_REQUEST_TIMEOUT_MS),
    initialBackoffMs: positiveInt.default(L.WEBHOOK_INITIAL_BACKOFF_MS),
    maxBackoffMs: positiveInt.default(L.WEBHOOK_MAX_BACKOFF_MS),
    retryForMs: z.number().int().min(0).default(L.WEBHOOK_RETRY_FOR_MS),
    maxInFlight: positiveInt.default(L.WEBHOOK_MAX_IN_FLIGHT),
    maxPendingBatches: positiveInt.default(L.WEBHOOK_MAX_PENDING_BATCHES),
    shutdownFlushMs: z.number().int().min(0).default(L.WEBHOOK_SHUTDOWN_FLUSH_MS),
  })
  .strict();

const sentinelAddressSchema = z.object({ host: z.string().min(1), port: z.number().int().min(1).max(65_535) }).strict();

/** Cluster mode: present only when REALTIME_REDIS_URL (one Redis) or REALTIME_REDIS_SENTINELS is set. */
export const clusterSchema = z
  .object({
    redisUrl: z.string().regex(/^rediss?:\/\//, 'must be a redis:// or rediss:// URL').optional(),
    /** Redis Sentinel: the sentinels to ask, and the name of the master they watch. */
    sentinels: z.array(sentinelAddressSchema).min(1).optional(),
    sentinelMaster: z.string().min(1).optional(),
    keyPrefix: z.string().min(1).default(L.CLUSTER_KEY_PREFIX),
    leaseMs: positiveInt.default(L.CLUSTER_NODE_LEASE_MS),
    heartbeatMs: positiveInt.default(L.CLUSTER_HEARTBEAT_MS),
    reaperIntervalMs: positiveInt.default(L.CLUSTER_REAPER_INTERVAL_MS),
    reconcileDelayMs: positiveInt.default(L.CLUSTER_RECONCILE_DELAY_MS),
    webhookPollMs: positiveInt.default(L.CLUSTER_WEBHOOK_POLL_MS),
    webhookLeaseMs: positiveInt.default(L.CLUSTER_WEBHOOK_LEASE_MS),
    ackTimeoutMs: positiveInt.default(L.CLUSTER_ACK_TIMEOUT_MS),
  })
  .strict()
  .refine((cluster) => (cluster.redisUrl === undefined) !== (cluster.sentinels === undefined), { message: 'set either redisUrl or sentinels (with sentinelMaster)' })
  .refine((cluster) => (cluster.sentinels === undefined) === (cluster.sentinelMaster === undefined), { message: 'sentinels and sentinelMaster go together' })
  .refine((cluster) => cluster.heartbeatMs < cluster.leaseMs, { message: 'heartbeatMs must be shorter than leaseMs' })
  .refine((cluster) => cluster.webhookPollMs < cluster.webhookLeaseMs, { message: 'webhookPollMs must be shorter than webhookLeaseMs' });

export const appSchema = z
  .object({
    id: z.string().min(1),
    key: z.string().min(1),
    secret: z.string().min(1),
    /** A disabled app refuses WebSockets with 4003 and REST calls with 403. */
    enabled: z.boolean().default(true),
    /** Client events are on by default (the issue's contract). */
    enableClientEvents: z.boolean().default(true),
    limits: appLimitsSchema.default(() => appLimitsSchema.parse({})),
    /** Webhook receivers (none by default). */
    webhooks: z.array(webhookSchema).default([]),
  })
  .strict();

export const serverConfigSchema = z
  .object({
    host: z.string().min(1).default('127.0.0.1'),
    /** 0 picks an ephemeral port (tests). */
    port: z.number().int().min(0).max(65535).default(6001),
    apps: z.array(appSchema).min(1, 'at least one app is required'),
    maxFrameBytes: positiveInt.default(L.MAX_WS_FRAME_BYTES),
    maxHttpBodyBytes: positiveInt.default(L.MAX_HTTP_BODY_BYTES),
    maxSocketBufferedBytes: positiveInt.default(L.MAX_SOCKET_BUFFERED_BYTES),
    shutdownGraceMs: positiveInt.default(L.SHUTDOWN_GRACE_MS),
    webhookOptions: webhookOptionsSchema.default(() => webhookOptionsSchema.parse({})),
    /** When set, `GET /metrics` requires `Authorization: Bearer <token>`; otherwise it is open. */
    metricsToken: z.string().min(1).optional(),
    /** Several nodes over one Redis; absent = one process with in-memory state. */
    cluster: clusterSchema.optional(),
  })
  .strict()
  .superRefine((config, ctx) => {
    const ids = new Set<string>();
    const keys = new Set<string>();
    config.apps.forEach((app, index) => {
      if (ids.has(app.id)) ctx.addIssue({ code: 'custom', path: ['apps', index, 'id'], message: `duplicate app id "${app.id}"` });
      if (keys.has(app.key)) ctx.addIssue({ code: 'custom', path: ['apps', index, 'key'], message: `duplicate app key "${app.key}"` });
      ids.add(app.id);
      keys.add(app.key);
    });
  });

export type AppLimits = z.output<typeof appLimitsSchema>;
export type AppConfig = z.output<typeof appSchema>;
export type WebhookConfig = z.output<typeof webhookSchema>;
export type WebhookOptions = z.output<typeof webhookOptionsSchema>;
export type ClusterConfig = z.output<typeof clusterSchema>;
export type ServerConfig = z.output<typeof serverConfigSchema>;
/** What callers pass: every default may be omitted. */
export type ServerConfigInput = z.input<typeof serverConfigSchema>;
export type AppConfigInput = z.input<typeof appSchema>;

/** Validates and fills defaults; throws `ConfigError` with one readable line. */
export function parseServerConfig(input: unknown): ServerConfig {
  const result = serverConfigSchema.safeParse(input);
  if (!result.success) {
    const detail = result.error.issues
      .map((issue) => `${issue.path.length > 0 ? issue.path.join('.') : '(root)'}: ${issue.message}`)
      .join('; ');
    throw new ConfigError(`invalid realtime config: ${detail}`);
  }
  return result.data;
}

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}
