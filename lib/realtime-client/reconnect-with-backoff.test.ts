import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import path from 'node:path';
import Pusher from 'pusher-js';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { reconnectWithBackoff } from './reconnect-with-backoff';

const ROOT = path.resolve(__dirname, '..', '..');
const CREDENTIALS = { PUSHER_APP_ID: 'reconnect-test', PUSHER_APP_KEY: 'reconnect-test-key', PUSHER_APP_SECRET: 'reconnect-test-secret' };
const READY = /realtime listening on /;
/** Long enough for pusher-js's own 1 s retry to find nobody listening, which makes it wait 15 s. */
const DOWNTIME_MS = 2_000;
/** Well short of pusher-js's 15 s, well beyond this policy's worst case (about 1 s of backoff + a 2 s try). */
const RECONNECTED_WITHIN_MS = 8_000;
const POLICY = { startingDelayMs: 200, maxDelayMs: 1_000, attemptTimeoutMs: 1_000, maxAttemptTimeoutMs: 2_000 };

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

function startRealtime(port: number, extraEnv: Record<string, string> = {}): Promise<ChildProcess> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'realtime/src/main.ts')], {
      cwd: ROOT,
      env: { ...process.env, ...CREDENTIALS, REALTIME_HOST: '127.0.0.1', REALTIME_PORT: String(port), REALTIME_LOG_FORMAT: 'json', ...extraEnv },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout?.on('data', (chunk: Buffer) => {
      if (READY.test(chunk.toString())) resolve(child);
    });
    child.once('exit', (code) => reject(new Error(`realtime server exited with ${code}`)));
  });
}

function stop(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGKILL');
  });
}

function whenConnected(pusher: Pusher, timeoutMs: number): Promise<number> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`not connected within ${timeoutMs} ms (state ${pusher.connection.state})`)), timeoutMs);
    const check = () => {
      if (pusher.connection.state !== 'connected') return;
      clearTimeout(timer);
      pusher.connection.unbind('connected', check);
      resolve(Date.now() - started);
    };
    pusher.connection.bind('connected', check);
    check();
  });
}

describe('reconnecting after the realtime server went away', () => {
  const cleanups: Array<() => Promise<void> | void> = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  it('comes back soon after the server does, instead of waiting out pusher-js fixed 15 s', async () => {
    const port = await freePort();
    let server = await startRealtime(port);
    cleanups.push(() => stop(server));
    const pusher = new Pusher(CREDENTIALS.PUSHER_APP_KEY, { cluster: 'mt1', wsHost: '127.0.0.1', wsPort: port, forceTLS: false, enabledTransports: ['ws'] });
    const stopReconnecting = reconnectWithBackoff(pusher, POLICY);
    cleanups.push(() => {
      stopReconnecting();
      pusher.disconnect();
    });
    await whenConnected(pusher, RECONNECTED_WITHIN_MS);

    await stop(server);
    await new Promise((resolve) => setTimeout(resolve, DOWNTIME_MS));
    server = await startRealtime(port);
    await whenConnected(pusher, RECONNECTED_WITHIN_MS);
    expect(pusher.connection.state).toBe('connected');
  }, 90_000);

  /** A connection holding the only place there is: resolves once the server has it. */
  function occupy(port: number): Promise<WebSocket> {
    return new Promise((resolve, reject) => {
      const socket = new WebSocket(`ws://127.0.0.1:${port}/app/${CREDENTIALS.PUSHER_APP_KEY}?protocol=7&client=test&version=1`);
      socket.once('message', () => resolve(socket));
      socket.once('error', reject);
    });
  }

  /** The next refusal with `code` (bounded, so a tab that gave up fails the test instead of hanging it). */
  function refusedWith(pusher: Pusher, code: number): Promise<void> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no refusal with ${code} within ${RECONNECTED_WITHIN_MS} ms (state ${pusher.connection.state})`)), RECONNECTED_WITHIN_MS);
      const onError = (event: { data?: { code?: unknown }; error?: { data?: { code?: unknown } } }) => {
        if ((event.data?.code ?? event.error?.data?.code) !== code) return;
        pusher.connection.unbind('error', onError);
        clearTimeout(timer);
        resolve();
      };
      pusher.connection.bind('error', onError);
    });
  }

  it.each([
    ['4004: the app is over its connection quota (pusher-js gives up)', { REALTIME_MAX_CONNECTIONS: '1' }, 4004],
    ['4100: this address holds its share of connections', { REALTIME_MAX_CONNECTIONS_PER_ADDRESS: '1' }, 4100],
  ])('a tab refused with %s connects once a place frees up', async (_label, env, code) => {
    const port = await freePort();
    const server = await startRealtime(port, env);
    cleanups.push(() => stop(server));
    const occupant = await occupy(port);
    cleanups.push(() => occupant.close());
    const pusher = new Pusher(CREDENTIALS.PUSHER_APP_KEY, { cluster: 'mt1', wsHost: '127.0.0.1', wsPort: port, forceTLS: false, enabledTransports: ['ws'] });
    const refused = refusedWith(pusher, code);
    const stopReconnecting = reconnectWithBackoff(pusher, POLICY);
    cleanups.push(() => {
      stopReconnecting();
      pusher.disconnect();
    });
    await refused;
    // Refused again while the place is taken: a later refusal is the marker that it is still trying.
    await refusedWith(pusher, code);
    expect(pusher.connection.state).not.toBe('connected');
    occupant.close();
    await whenConnected(pusher, RECONNECTED_WITHIN_MS);
  }, 60_000);
});
