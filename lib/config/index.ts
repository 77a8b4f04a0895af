import { envSchema, type Env } from './schema';

/** Where the Pusher-protocol server is, as the server SDK (`pusher`) needs it. */
export type ServerPusherOptions = {
  appId: string;
  key: string;
  secret: string;
  useTLS: boolean;
} & ({ host: string; port: string } | { cluster: string });

/** What the browser's `pusher-js` needs; contains no secret. */
export type BrowserPusherOptions = {
  key: string;
  cluster: string;
  wsHost?: string;
  wsPort?: number;
  forceTLS: boolean;
};

export type RealtimeMode = 'embedded' | 'external';

export type AppConfig = {
  env: Env;
  port: number;
  auth: { secret: string; github?: { id: string; secret: string } };
  database: { url?: string; dataDir: string };
  redisUrl?: string;
  trustProxyHops: number;
  instanceName?: string;
  signUpLimits: { perAddressPerHour: number; perMinute: number };
  /** The embedded realtime server, when mode is embedded: where it listens and its people-per-room cap. */
  realtime: { mode: RealtimeMode; host: string; port: number; maxPresenceMembers: number };
  pusher: ServerPusherOptions;
  browserPusher: BrowserPusherOptions;
  /** The realtime server sends watchlist events (the People panel's live online status). */
  watchlist: boolean;
  /**
   * The realtime server never reports someone signed in `invisible` online, so the app need not (and must
   * not) tell contacts who appears offline; when false, their panels are told to show them offline.
   */
  watchlistHonoursInvisible: boolean;
};

export class ConfigError extends Error {
  constructor(readonly issues: string[]) {
    super(`Invalid configuration:\n${issues.map((issue) => `  - ${issue}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

const TLS_PORT = 443;
const PLAIN_PORT = 80;
/** pusher-js requires a cluster even when wsHost points elsewhere; this is its documented default. */
const DEFAULT_PUSHER_CLUSTER = 'mt1';

export function parseConfig(source: Record<string, string | undefined>): AppConfig {
  const parsed = envSchema.safeParse(source);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`));
  }
  const env = parsed.data;
  if (env.PUSHER_CLUSTER && env.PUSHER_HOST) {
    throw new ConfigError(['set either PUSHER_CLUSTER (hosted Pusher) or PUSHER_HOST (soketi, sockudo, …), not both']);
  }
  if (Boolean(env.AUTH_GITHUB_ID) !== Boolean(env.AUTH_GITHUB_SECRET)) {
    throw new ConfigError(['AUTH_GITHUB_ID and AUTH_GITHUB_SECRET go together']);
  }

  const mode: RealtimeMode = env.PUSHER_CLUSTER || env.PUSHER_HOST ? 'external' : 'embedded';
  const credentials = { appId: env.PUSHER_APP_ID, key: env.PUSHER_APP_KEY, secret: env.PUSHER_APP_SECRET };
  let pusher: ServerPusherOptions;
  if (env.PUSHER_CLUSTER) {
    pusher = { ...credentials, cluster: env.PUSHER_CLUSTER, useTLS: env.PUSHER_TLS ?? true };
  } else if (env.PUSHER_HOST) {
    const useTLS = env.PUSHER_TLS ?? false;
    const port = env.PUSHER_PORT ?? (useTLS ? TLS_PORT : PLAIN_PORT);
    pusher = { ...credentials, host: env.PUSHER_HOST, port: String(port), useTLS };
  } else {
    pusher = { ...credentials, host: env.REALTIME_HOST, port: String(env.REALTIME_PORT), useTLS: false };
  }

  const serverHost = 'host' in pusher ? pusher.host : undefined;
  const serverPort = 'port' in pusher ? Number(pusher.port) : undefined;
  const browserHost = env.NEXT_PUBLIC_PUSHER_HOST ?? serverHost;
  const browserPusher: BrowserPusherOptions = {
    key: env.NEXT_PUBLIC_PUSHER_KEY ?? env.PUSHER_APP_KEY,
    cluster: env.NEXT_PUBLIC_PUSHER_CLUSTER ?? env.PUSHER_CLUSTER ?? DEFAULT_PUSHER_CLUSTER,
    forceTLS: env.NEXT_PUBLIC_PUSHER_TLS ?? pusher.useTLS,
    ...(browserHost ? { wsHost: browserHost, wsPort: env.NEXT_PUBLIC_PUSHER_PORT ?? serverPort } : {}),
  };

  return {
    env,
    port: env.PORT,
    auth: {
      secret: env.AUTH_SECRET,
      ...(env.AUTH_GITHUB_ID && env.AUTH_GITHUB_SECRET
        ? { github: { id: env.AUTH_GITHUB_ID, secret: env.AUTH_GITHUB_SECRET } }
        : {}),
    },
    database: { url: env.DATABASE_URL, dataDir: env.DATA_DIR },
    redisUrl: env.REDIS_URL,
    trustProxyHops: env.TRUST_PROXY,
    instanceName: env.INSTANCE_NAME,
    signUpLimits: { perAddressPerHour: env.SIGN_UP_LIMIT_PER_ADDRESS, perMinute: env.SIGN_UP_LIMIT_PER_MINUTE },
    realtime: { mode, host: env.REALTIME_HOST, port: env.REALTIME_PORT, maxPresenceMembers: env.REALTIME_MAX_PRESENCE_MEMBERS },
    pusher,
    browserPusher,
    watchlist: env.PUSHER_WATCHLIST ?? true,
    watchlistHonoursInvisible: env.PUSHER_WATCHLIST_INVISIBLE ?? !env.PUSHER_CLUSTER,
  };
}

let cached: AppConfig | undefined;

/** The process's configuration, parsed once on first use (not at import, so `next build` can load modules). */
export function getConfig(): AppConfig {
  cached ??= parseConfig(process.env);
  return cached;
}

export { envSchema };
