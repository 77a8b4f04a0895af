import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import PusherServer from 'pusher';
import Pusher from 'pusher-js';
import type { Channel } from 'pusher-js';

/**
 * A real realtime node (`realtime/src/main.ts` as a process, talked to over the protocol only) and official
 * pusher-js clients signed by the official `pusher` SDK, for the browser layer's tests.
 */
export const TEST_APP = { id: 'owner-app', key: 'owner-key', secret: 'owner-secret' };
const REPO_ROOT = path.resolve(__dirname, '../../..');
const POLL_MS = 50;

export type Started = { child: ChildProcess; output: () => string };

export function startProcess(command: string, args: string[], env: Record<string, string> = {}): Started {
  const child = spawn(command, args, { cwd: REPO_ROOT, env: { ...process.env, ...env }, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return { child, output: () => output };
}

export async function stopProcess(child: ChildProcess | undefined): Promise<void> {
  if (!child?.pid || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  process.kill(-child.pid, 'SIGKILL');
  await exited;
}

export async function eventually<T>(what: string, read: () => T | null | Promise<T | null>, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (value !== null) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}

/** Starts a node on an ephemeral port; resolves with it and its port once it listens. */
export async function startRealtimeNode(env: Record<string, string> = {}): Promise<{ node: Started; port: number }> {
  const node = startProcess(process.execPath, ['--import', 'tsx', 'realtime/src/main.ts'], {
    PUSHER_APP_ID: TEST_APP.id,
    PUSHER_APP_KEY: TEST_APP.key,
    PUSHER_APP_SECRET: TEST_APP.secret,
    REALTIME_PORT: '0',
    REALTIME_LOG_FORMAT: 'json',
    ...env,
  });
  const port = await eventually(
    'realtime listening line',
    () => {
      const match = /^realtime listening on ws:\/\/127\.0\.0\.1:(\d+)$/m.exec(node.output());
      return match?.[1] ? Number(match[1]) : null;
    },
    30_000,
  );
  return { node, port };
}

/** A pusher-js client connected to the node as `userId` (its channel authorizations signed for that user). */
export async function connectAs(port: number, userId: string): Promise<Pusher> {
  const signer = new PusherServer({ appId: TEST_APP.id, key: TEST_APP.key, secret: TEST_APP.secret, host: '127.0.0.1' });
  const client = new Pusher(TEST_APP.key, {
    cluster: 'mt1',
    wsHost: '127.0.0.1',
    wsPort: port,
    forceTLS: false,
    enabledTransports: ['ws'],
    disableStats: true,
    channelAuthorization: {
      customHandler: ({ socketId, channelName }, callback) =>
        callback(null, signer.authorizeChannel(socketId, channelName, { user_id: userId, user_info: { name: userId } })),
    },
  });
  await new Promise<void>((resolve) => client.connection.bind('connected', () => resolve()));
  return client;
}

export function nextEvent(channel: Channel, event: string): Promise<unknown> {
  return new Promise((resolve) => {
    const once = (data: unknown) => {
      channel.unbind(event, once);
      resolve(data);
    };
    channel.bind(event, once);
  });
}
