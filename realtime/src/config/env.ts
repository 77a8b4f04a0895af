import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { ConfigError, parseServerConfig, type ServerConfig } from './schema';

/**
 * Builds the server config from the environment:
 * - REALTIME_HOST (default 127.0.0.1), REALTIME_PORT (default 6001)
 * - REALTIME_APPS_FILE: JSON file `{ "apps": [ { id, key, secret, enabled?, enableClientEvents?, limits? } ] }`
 *   (a bare array of apps is accepted too); when set it wins over the single-app variables
 * - otherwise PUSHER_APP_ID / PUSHER_APP_KEY / PUSHER_APP_SECRET describe one app with default limits,
 *   and REALTIME_WEBHOOK_URL (+ REALTIME_WEBHOOK_EVENTS, comma-separated, default all) its one webhook;
 *   REALTIME_MAX_PRESENCE_MEMBERS sets that app's presence member cap (default 100, Pusher's; see limits.ts)
 * - REALTIME_WEBHOOK_LEAVE_DELAY_MS: how long member_removed / channel_vacated are held (default 3000)
 * - REALTIME_METRICS_TOKEN: bearer token required by GET /metrics (default: none: open on loopback, closed otherwise)
 * - REALTIME_REDIS_URL, or REALTIME_REDIS_SENTINELS=host:port,… with REALTIME_REDIS_SENTINEL_MASTER=name:
 *   turns cluster mode on (several nodes over one Redis, or over the master Sentinel names); with it
 *   REALTIME_NODE_LEASE_MS, REALTIME_NODE_HEARTBEAT_MS, REALTIME_REAPER_INTERVAL_MS,
 *   REALTIME_RECONCILE_DELAY_MS, REALTIME_WEBHOOK_POLL_MS, REALTIME_WEBHOOK_LEASE_MS and REALTIME_REDIS_KEY_PREFIX (see limits.ts)
 * Throws ConfigError with a one-line explanation.
 */
export function loadConfigFromEnv(env: Readonly<Record<string, string | undefined>> = process.env): ServerConfig {
  const host = env.REALTIME_HOST?.trim() || '127.0.0.1';
  const port = parsePort(env.REALTIME_PORT);
  if (env.REALTIME_APPS_FILE && env.REALTIME_WEBHOOK_URL) {
    throw new ConfigError('invalid realtime config: REALTIME_WEBHOOK_URL configures the single env app; with REALTIME_APPS_FILE put "webhooks" in the file');
  }
  const apps = env.REALTIME_APPS_FILE ? readAppsFile(env.REALTIME_APPS_FILE) : singleAppFromEnv(env);
  const leaveDelay = parseOptionalInt('REALTIME_WEBHOOK_LEAVE_DELAY_MS', env.REALTIME_WEBHOOK_LEAVE_DELAY_MS);
  const metricsToken = env.REALTIME_METRICS_TOKEN?.trim();
  const cluster = clusterFromEnv(env);
  return parseServerConfig({
    host,
    port,
    apps,
    ...(leaveDelay === undefined ? {} : { webhookOptions: { leaveDelayMs: leaveDelay } }),
    ...(metricsToken ? { metricsToken } : {}),
    ...(cluster ? { cluster } : {}),
  });
}

const CLUSTER_TIMING_VARIABLES = {
  leaseMs: 'REALTIME_NODE_LEASE_MS',
  heartbeatMs: 'REALTIME_NODE_HEARTBEAT_MS',
  reaperIntervalMs: 'REALTIME_REAPER_INTERVAL_MS',
  reconcileDelayMs: 'REALTIME_RECONCILE_DELAY_MS',
  webhookPollMs: 'REALTIME_WEBHOOK_POLL_MS',
  webhookLeaseMs: 'REALTIME_WEBHOOK_LEASE_MS',
} as const;

/** `host:port,host:port` (IPv6 hosts in brackets: `[::1]:26379`). */
function parseSentinels(raw: string): { host: string; port: number }[] {
  return raw.split(',').map((item) => {
    const match = /^\[?([^\]]+?)\]?:(\d{1,5})$/.exec(item.trim());
    const port = match ? Number(match[2]) : 0;
    if (!match || port < 1 || port > 65_535) {
      throw new ConfigError(`invalid realtime config: REALTIME_REDIS_SENTINELS takes host:port,host:port,…; "${item.trim()}" is not host:port`);
    }
    return { host: match[1] as string, port };
  });
}

/** Where Redis is: one URL, or the sentinels and the master's name. */
function redisTargetFromEnv(env: Readonly<Record<string, string | undefined>>): Record<string, unknown> | undefined {
  const redisUrl = env.REALTIME_REDIS_URL?.trim();
  const sentinels = env.REALTIME_REDIS_SENTINELS?.trim();
  const master = env.REALTIME_REDIS_SENTINEL_MASTER?.trim();
  if (redisUrl && sentinels) throw new ConfigError('invalid realtime config: set REALTIME_REDIS_URL or REALTIME_REDIS_SENTINELS, not both');
  if (redisUrl) return { redisUrl };
  if (!sentinels) {
    if (master) throw new ConfigError('invalid realtime config: REALTIME_REDIS_SENTINEL_MASTER needs REALTIME_REDIS_SENTINELS');
    return undefined;
  }
  if (!master) throw new ConfigError('invalid realtime config: REALTIME_REDIS_SENTINELS needs REALTIME_REDIS_SENTINEL_MASTER (the name the sentinels monitor)');
  return { sentinels: parseSentinels(sentinels), sentinelMaster: master };
}

function clusterFromEnv(env: Readonly<Record<string, string | undefined>>): Record<string, unknown> | undefined {
  const target = redisTargetFromEnv(env);
  if (!target) return undefined;
  const cluster: Record<string, unknown> = { ...target };
  for (const [field, name] of Object.entries(CLUSTER_TIMING_VARIABLES)) {
    const value = parseOptionalInt(name, env[name]);
    if (value !== undefined) cluster[field] = value;
  }
  const prefix = env.REALTIME_REDIS_KEY_PREFIX?.trim();
  if (prefix) cluster.keyPrefix = prefix;
  return cluster;
}

function parseOptionalInt(name: string, raw: string | undefined): number | undefined {
  if (raw === undefined || raw.trim() === '') return undefined;
  if (!/^\d+$/.test(raw.trim())) throw new ConfigError(`invalid realtime config: ${name} must be a whole number, got "${raw}"`);
  return Number(raw.trim());
}

function parsePort(raw: string | undefined): number {
  if (raw === undefined || raw.trim() === '') return 6001;
  const parsed = z.coerce.number().int().min(0).max(65535).safeParse(raw.trim());
  if (!parsed.success || !/^\d+$/.test(raw.trim())) {
    throw new ConfigError(`invalid realtime config: REALTIME_PORT must be an integer 0-65535, got "${raw}"`);
  }
  return parsed.data;
}

function singleAppFromEnv(env: Readonly<Record<string, string | undefined>>): unknown[] {
  const missing = ['PUSHER_APP_ID', 'PUSHER_APP_KEY', 'PUSHER_APP_SECRET'].filter((name) => !env[name]);
  if (missing.length > 0) {
    throw new ConfigError(`invalid realtime config: set ${missing.join(', ')} (or REALTIME_APPS_FILE)`);
  }
  const webhookUrl = env.REALTIME_WEBHOOK_URL?.trim();
  const events = env.REALTIME_WEBHOOK_EVENTS?.split(',').map((name) => name.trim()).filter((name) => name !== '');
  const webhooks = webhookUrl ? [{ url: webhookUrl, ...(events && events.length > 0 ? { events } : {}) }] : [];
  const maxPresenceMembers = parseOptionalInt('REALTIME_MAX_PRESENCE_MEMBERS', env.REALTIME_MAX_PRESENCE_MEMBERS);
  const limits = maxPresenceMembers === undefined ? {} : { maxPresenceMembers };
  return [{ id: env.PUSHER_APP_ID, key: env.PUSHER_APP_KEY, secret: env.PUSHER_APP_SECRET, webhooks, limits }];
}

function readAppsFile(file: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new ConfigError(`invalid realtime config: cannot read REALTIME_APPS_FILE "${file}": ${(error as Error).message}`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new ConfigError(`invalid realtime config: REALTIME_APPS_FILE "${file}" is not JSON: ${(error as Error).message}`);
  }
  if (Array.isArray(parsed)) return parsed;
  if (parsed !== null && typeof parsed === 'object' && 'apps' in parsed) return (parsed as { apps: unknown }).apps;
  throw new ConfigError(`invalid realtime config: REALTIME_APPS_FILE "${file}" must hold {"apps": [...]} or an array of apps`);
}
