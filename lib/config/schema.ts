import { z } from 'zod';

/** Every environment variable the app reads. `.env.example` documents each one. */
const optionalString = z
  .string()
  .trim()
  .optional()
  .transform((value) => (value === '' ? undefined : value));

const port = z.coerce.number().int().min(1).max(65_535);

const booleanFlag = z
  .enum(['true', 'false', '1', '0', ''])
  .optional()
  .transform((value) => (value === undefined || value === '' ? undefined : value === 'true' || value === '1'));

/** next-auth signs session cookies with this; 32 bytes of entropy is what `npx auth secret` generates. */
export const MIN_AUTH_SECRET_LENGTH = 32;
/** Load balancer, CDN, ingress: more hops than this is a misconfiguration, not a deployment. */
const MAX_TRUSTED_PROXY_HOPS = 10;
const MAX_INSTANCE_NAME_LENGTH = 64;
/** A household or office behind one address signs up a few people; a script signs up hundreds. */
const DEFAULT_SIGN_UPS_PER_ADDRESS_PER_HOUR = 20;
/** Well above organic growth for a self-hosted app, low enough that a botnet cannot mass-create accounts. */
const DEFAULT_SIGN_UPS_PER_MINUTE = 60;
/**
 * The embedded realtime server's presence member cap, i.e. people per room (the README's "Big rooms"). The
 * server run on its own keeps Pusher's documented 100 as its default (realtime/src/config/limits.ts);
 * `npm run dev`/`start` hand it this instead (scripts/launch.ts), as the e2e harness does.
 */
export const EMBEDDED_MAX_PRESENCE_MEMBERS = 1_000;

export const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: port.default(3000),

  AUTH_SECRET: z.string().min(MIN_AUTH_SECRET_LENGTH, `must be at least ${MIN_AUTH_SECRET_LENGTH} characters`),
  AUTH_GITHUB_ID: optionalString,
  AUTH_GITHUB_SECRET: optionalString,

  DATABASE_URL: optionalString.pipe(z.url({ protocol: /^postgres(ql)?$/ }).optional()),
  DATA_DIR: z.string().default('.data'),
  /** Shared store for rate limits across replicas; wins over DATABASE_URL for that purpose. */
  REDIS_URL: optionalString.pipe(z.url({ protocol: /^rediss?$/ }).optional()),

  /** How many proxies in front of the app append to X-Forwarded-For; 0 trusts only the socket. */
  TRUST_PROXY: z.coerce.number().int().min(0).max(MAX_TRUSTED_PROXY_HOPS).default(0),
  /** Names this replica in the X-Presently-Instance response header (default: host name and port). */
  INSTANCE_NAME: optionalString.pipe(z.string().max(MAX_INSTANCE_NAME_LENGTH).regex(/^[\w.:-]+$/).optional()),
  /** Sign-ups allowed per client address per hour, and in total per minute across all addresses. */
  SIGN_UP_LIMIT_PER_ADDRESS: z.coerce.number().int().min(1).default(DEFAULT_SIGN_UPS_PER_ADDRESS_PER_HOUR),
  SIGN_UP_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).default(DEFAULT_SIGN_UPS_PER_MINUTE),

  PUSHER_APP_ID: z.string().min(1),
  PUSHER_APP_KEY: z.string().min(1),
  PUSHER_APP_SECRET: z.string().min(1),
  PUSHER_CLUSTER: optionalString,
  PUSHER_HOST: optionalString,
  PUSHER_PORT: port.optional(),
  PUSHER_TLS: booleanFlag,

  /**
   * Whether the realtime server sends watchlist events (online/offline of your contacts): our server and hosted
   * Pusher with "Watchlist events" enabled in its dashboard do; soketi does not, so set it to false there.
   */
  PUSHER_WATCHLIST: booleanFlag,
  /**
   * Whether the realtime server leaves a connection signed in with `invisible: true` out of every watchlist
   * (our server does; hosted Pusher does not). Default: true, except with PUSHER_CLUSTER (hosted Pusher).
   */
  PUSHER_WATCHLIST_INVISIBLE: booleanFlag,

  REALTIME_HOST: z.string().default('127.0.0.1'),
  REALTIME_PORT: port.default(6001),
  /** People per room on the embedded realtime server (ignored with an external one, whose own cap applies). */
  REALTIME_MAX_PRESENCE_MEMBERS: optionalString
    .pipe(z.coerce.number<string>().int().min(1).optional())
    .transform((value) => value ?? EMBEDDED_MAX_PRESENCE_MEMBERS),

  NEXT_PUBLIC_PUSHER_KEY: optionalString,
  NEXT_PUBLIC_PUSHER_CLUSTER: optionalString,
  NEXT_PUBLIC_PUSHER_HOST: optionalString,
  NEXT_PUBLIC_PUSHER_PORT: port.optional(),
  NEXT_PUBLIC_PUSHER_TLS: booleanFlag,
});

export type Env = z.infer<typeof envSchema>;
