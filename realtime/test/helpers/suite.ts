import { afterAll, afterEach, beforeAll } from 'vitest';
import { disconnectAll, type TestClient } from './pusher-client';
import { rawSubscribe } from './raw-auth';
import { RawClient } from './raw-client';
import { startTestServer, type TestServer, type TestServerOptions } from './server';

export interface TestSuite {
  /** The server shared by the file's tests (available once `beforeAll` has run). */
  readonly server: TestServer;
  readonly port: number;
  /** pusher-js clients disconnected after each test. */
  readonly clients: TestClient[];
  /** Raw clients closed after each test. */
  readonly raws: RawClient[];
  /** Registers a client (pusher-js or raw) for cleanup after the current test; returns it. */
  track<C extends TestClient | RawClient>(client: C): C;
  /** Connects a tracked raw client, subscribed to `channel` (with `presence` data) when given. */
  raw(channel?: string, presence?: { user_id: string; user_info?: Record<string, unknown> }): Promise<RawClient>;
}

/**
 * Starts one in-process server for the whole test file (options go to `startTestServer`),
 * cleans up tracked clients after each test, and closes the server after the last one.
 */
export function setupTestServer(options: TestServerOptions = {}): TestSuite {
  let current: TestServer | undefined;
  const clients: TestClient[] = [];
  const raws: RawClient[] = [];

  beforeAll(async () => {
    current = await startTestServer(options);
  });
  afterEach(() => {
    disconnectAll(clients);
    for (const raw of raws.splice(0)) raw.close();
  });
  afterAll(async () => {
    await current?.close();
  });

  const suite: TestSuite = {
    get server(): TestServer {
      if (!current) throw new Error('test server not started yet (use it inside tests or hooks)');
      return current;
    },
    get port(): number {
      return suite.server.port;
    },
    clients,
    raws,
    track(client) {
      if (client instanceof RawClient) raws.push(client);
      else clients.push(client);
      return client;
    },
    async raw(channel, presence) {
      const client = suite.track(await RawClient.connect(suite.port));
      if (channel) await rawSubscribe(suite.server, client, channel, presence);
      return client;
    },
  };
  return suite;
}
