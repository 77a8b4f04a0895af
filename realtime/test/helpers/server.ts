import PusherServer from 'pusher';
import type { AppLimits, WebhookEventName, WebhookOptions } from '../../src/config/schema';
import { quietLogger, type Logger } from '../../src/logger';
import { startRealtimeServer, type RealtimeServer } from '../../src/server';
import { redisForServer, sharedStateKind, type RedisForServer, type SharedStateKind } from './shared-state';

export const APP = { id: 'app-1', key: 'key-1', secret: 'secret-1' } as const;

export interface TestServer {
  server: RealtimeServer;
  /** The shared-state implementation this server runs on (REALTIME_TEST_STATE, memory by default). */
  state: SharedStateKind;
  port: number;
  /** The official server SDK, pointed at this server with the right credentials. */
  rest: PusherServer;
  /** An SDK with other credentials (wrong secret / key / app id) for negative tests. */
  restWith(overrides: Partial<{ appId: string; key: string; secret: string }>): PusherServer;
  close(): Promise<void>;
}

export interface TestServerOptions {
  limits?: Partial<AppLimits>;
  enableClientEvents?: boolean;
  maxFrameBytes?: number;
  maxHttpBodyBytes?: number;
  maxSocketBufferedBytes?: number;
  extraApps?: { id: string; key: string; secret: string; enabled?: boolean; limits?: Partial<AppLimits> }[];
  webhooks?: { url: string; events?: WebhookEventName[] }[];
  webhookOptions?: Partial<WebhookOptions>;
  metricsToken?: string;
  /** The bind address (default loopback); tests still connect over 127.0.0.1. */
  host?: string;
  logger?: Logger;
}

/**
 * Starts the server in-process on an ephemeral port with one app (plus extras), on the shared state
 * REALTIME_TEST_STATE names: memory, or (`redis`) a one-node cluster over a redis-server of its own.
 */
export async function startTestServer(options: TestServerOptions = {}): Promise<TestServer> {
  const state = sharedStateKind();
  const redis: RedisForServer | null = state === 'redis' ? await redisForServer() : null;
  let server: RealtimeServer;
  try {
    server = await startServer(options, redis);
  } catch (error) {
    await redis?.close();
    throw error;
  }
  const restWith = (overrides: Partial<{ appId: string; key: string; secret: string }>): PusherServer =>
    new PusherServer({
      appId: overrides.appId ?? APP.id,
      key: overrides.key ?? APP.key,
      secret: overrides.secret ?? APP.secret,
      host: '127.0.0.1',
      port: String(server.port),
      useTLS: false,
    });
  const close = async (): Promise<void> => {
    try {
      await server.close();
    } finally {
      await redis?.close();
    }
  };
  return { server, state, port: server.port, rest: restWith({}), restWith, close };
}

function startServer(options: TestServerOptions, redis: RedisForServer | null): Promise<RealtimeServer> {
  return startRealtimeServer(
    {
      host: options.host ?? '127.0.0.1',
      port: 0,
      apps: [
        { ...APP, limits: options.limits ?? {}, enableClientEvents: options.enableClientEvents ?? true, webhooks: options.webhooks ?? [] },
        ...(options.extraApps ?? []),
      ],
      ...(options.maxFrameBytes === undefined ? {} : { maxFrameBytes: options.maxFrameBytes }),
      ...(options.maxHttpBodyBytes === undefined ? {} : { maxHttpBodyBytes: options.maxHttpBodyBytes }),
      ...(options.maxSocketBufferedBytes === undefined ? {} : { maxSocketBufferedBytes: options.maxSocketBufferedBytes }),
      ...(options.webhookOptions === undefined ? {} : { webhookOptions: options.webhookOptions }),
      ...(options.metricsToken === undefined ? {} : { metricsToken: options.metricsToken }),
      ...(redis === null ? {} : { cluster: redis.cluster }),
    },
    { logger: options.logger ?? quietLogger },
  );
}
