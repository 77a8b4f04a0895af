import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { loadConfigFromEnv } from '../src/config/env';
import { parseServerConfig } from '../src/config/schema';
import { MAX_CONNECTIONS_PER_ADDRESS, NEW_CONNECTION_BURST_PER_ADDRESS, NEW_CONNECTIONS_PER_ADDRESS_PER_SECOND, TRUSTED_PROXY_HOPS } from '../src/config/limits';
import { CloseCode } from '../src/errors';
import { rawSubscribe } from './helpers/raw-auth';
import { RawClient, type RawClientOptions } from './helpers/raw-client';
import { startTestServer, type TestServer, type TestServerOptions } from './helpers/server';

const SHARE = 3;
const opened: RawClient[] = [];
afterEach(() => {
  for (const client of opened.splice(0)) client.close();
});

async function connect(test: TestServer, options: RawClientOptions = {}): Promise<RawClient> {
  const client = await RawClient.connect(test.port, options);
  opened.push(client);
  return client;
}

/** A connection the server refuses: its pusher:error and close code. */
async function refused(test: TestServer, options: RawClientOptions = {}): Promise<{ error: unknown; code: number }> {
  const client = RawClient.open(test.port, undefined, options);
  opened.push(client);
  const error = await client.next('pusher:error');
  return { error: error.data, code: (await client.waitClose()).code };
}

function withServer(options: TestServerOptions, body: (server: () => TestServer) => void): void {
  let test: TestServer;
  beforeAll(async () => {
    test = await startTestServer(options);
  });
  afterAll(() => test?.close());
  body(() => test);
}

describe('connections per client address', () => {
  withServer({ server: { maxConnectionsPerAddress: SHARE, newConnectionBurstPerAddress: 50 } }, (server) => {
    it(`one address holds at most ${SHARE}; the next gets 4100 while another address still connects`, async () => {
      const test = server();
      for (let i = 0; i < SHARE; i += 1) await connect(test);
      const refusal = await refused(test);
      expect(refusal).toMatchObject({ code: CloseCode.OverCapacity, error: { code: CloseCode.OverCapacity } });
      expect(String((refusal.error as { message: string }).message)).toMatch(/Too many connections from this address/);
      expect(await test.server.metrics.render()).toMatch(/realtime_connections_rejected_total\{[^}]*code="4100"[^}]*reason="address_over_capacity"[^}]*\} 1/);
      // Another client address on loopback is not locked out.
      const other = await connect(test, { localAddress: '127.0.0.2' });
      expect(other.socketId).not.toBe('');
      // A client header changes nothing without trusted proxies: the TCP peer is the client.
      expect((await refused(test, { headers: { 'x-forwarded-for': '203.0.113.7' } })).code).toBe(CloseCode.OverCapacity);
      // A closed connection gives its place back.
      const [first] = opened;
      first?.close();
      await first?.closed;
      expect((await connect(test)).socketId).not.toBe('');
    });
  });

  withServer({ server: { maxConnectionsPerAddress: 50, newConnectionsPerAddressPerSecond: 1, newConnectionBurstPerAddress: 2 } }, (server) => {
    it('an address opening connections faster than the rate, after its burst, gets 4100', async () => {
      const test = server();
      for (let i = 0; i < 2; i += 1) {
        const client = await connect(test);
        client.close();
        await client.closed;
      }
      const refusal = await refused(test);
      expect(refusal.code).toBe(CloseCode.OverCapacity);
      expect(String((refusal.error as { message: string }).message)).toMatch(/Connecting too fast/);
      expect((await connect(test, { localAddress: '127.0.0.2' })).socketId).not.toBe('');
    });
  });

  withServer({ server: { trustedProxyHops: 1, maxConnectionsPerAddress: SHARE, newConnectionBurstPerAddress: 50 } }, (server) => {
    it('behind one trusted proxy, the address it appended is the client; what the client wrote left of it is not', async () => {
      const test = server();
      const viaProxy = (chain: string): RawClientOptions => ({ headers: { 'x-forwarded-for': chain } });
      for (let i = 0; i < SHARE; i += 1) await connect(test, viaProxy(`198.51.100.${i}, 203.0.113.1`));
      expect((await refused(test, viaProxy('203.0.113.1'))).code).toBe(CloseCode.OverCapacity);
      expect((await connect(test, viaProxy('203.0.113.2'))).socketId).not.toBe('');
      // No header at all (a client reaching the server directly): counted as the TCP peer.
      expect((await connect(test)).socketId).not.toBe('');
    });
  });
});

describe('authorized connections (per app)', () => {
  const TIMEOUT_MS = 400;
  withServer({ authorizedConnections: true, limits: { authorizationTimeoutMs: TIMEOUT_MS } }, (server) => {
    it('closes with 4009 a connection that neither signs in nor joins a private or presence channel in time, and keeps the others', async () => {
      const test = server();
      const idle = await connect(test);
      const publicOnly = await connect(test);
      await rawSubscribe(test, publicOnly, 'lobby');
      const signedIn = await connect(test);
      signedIn.send({ event: 'pusher:signin', data: test.rest.authenticateUser(signedIn.socketId, { id: 'ann' }) });
      await signedIn.next('pusher:signin_success');
      const privateMember = await connect(test);
      await rawSubscribe(test, privateMember, 'private-notes');

      expect(await idle.next('pusher:error', () => true, TIMEOUT_MS * 10)).toMatchObject({ data: { code: CloseCode.Unauthorized, message: 'Connection not authorized within timeout' } });
      expect((await idle.waitClose()).code).toBe(CloseCode.Unauthorized);
      expect((await publicOnly.waitClose()).code).toBe(CloseCode.Unauthorized);
      // Both were closed at the same deadline: the authorized ones, older than it, still answer.
      for (const client of [signedIn, privateMember]) {
        client.send({ event: 'pusher:ping', data: {} });
        await client.next('pusher:pong');
      }
    });
  });

  withServer({}, (server) => {
    it('is off by default', async () => {
      const test = server();
      expect(test.server.config.apps[0]?.authorizedConnections).toBe(false);
      const idle = await connect(test);
      idle.send({ event: 'pusher:ping', data: {} });
      await idle.next('pusher:pong');
    });
  });
});

describe('configuration', () => {
  it('defaults to the named constants and reads the env variables', () => {
    const config = parseServerConfig({ apps: [{ id: 'a', key: 'k', secret: 's' }] });
    expect(config).toMatchObject({
      trustedProxyHops: TRUSTED_PROXY_HOPS,
      maxConnectionsPerAddress: MAX_CONNECTIONS_PER_ADDRESS,
      newConnectionsPerAddressPerSecond: NEW_CONNECTIONS_PER_ADDRESS_PER_SECOND,
      newConnectionBurstPerAddress: NEW_CONNECTION_BURST_PER_ADDRESS,
    });
    expect(config.apps[0]?.authorizedConnections).toBe(false);
    const env = {
      PUSHER_APP_ID: 'a',
      PUSHER_APP_KEY: 'k',
      PUSHER_APP_SECRET: 's',
      REALTIME_TRUSTED_PROXY_HOPS: '2',
      REALTIME_MAX_CONNECTIONS_PER_ADDRESS: '7',
      REALTIME_NEW_CONNECTIONS_PER_ADDRESS_PER_SECOND: '3',
      REALTIME_NEW_CONNECTION_BURST_PER_ADDRESS: '9',
      REALTIME_AUTHORIZED_CONNECTIONS: 'true',
      REALTIME_AUTHORIZATION_TIMEOUT_MS: '5000',
      REALTIME_MAX_CONNECTIONS: '500',
    };
    const loaded = loadConfigFromEnv(env);
    expect(loaded).toMatchObject({ trustedProxyHops: 2, maxConnectionsPerAddress: 7, newConnectionsPerAddressPerSecond: 3, newConnectionBurstPerAddress: 9 });
    expect(loaded.apps[0]).toMatchObject({ authorizedConnections: true, limits: { authorizationTimeoutMs: 5000, maxConnections: 500 } });
    expect(() => loadConfigFromEnv({ ...env, REALTIME_AUTHORIZED_CONNECTIONS: 'yes please' })).toThrow(/REALTIME_AUTHORIZED_CONNECTIONS/);
  });
});
