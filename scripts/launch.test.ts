import { spawn, type ChildProcess } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import WebSocket from 'ws';
import { afterEach, describe, expect, it } from 'vitest';

/**
 * `npm run dev` as a newcomer runs it: the real launcher starts the embedded realtime server and Next.js,
 * both serve, and they live and die together.
 */
const APP_PORT = 3150;
const REALTIME_PORT = 6150;
const STARTUP_TIMEOUT_MS = 180_000;
const STOP_TIMEOUT_MS = 15_000;
const APP_KEY = 'launch-test-key';
const APP_SECRET = 'launch-test-app-secret';
/** One past Pusher's cap of 100: the embedded launch promises rooms of 1,000 (README, "Big rooms"). */
const BIG_ROOM_MEMBERS = 101;
const JOIN_TIMEOUT_MS = 30_000;

const credentials = {
  AUTH_SECRET: 'launch-test-secret-that-is-long-enough-0123456789',
  AUTH_TRUST_HOST: 'true',
  PUSHER_APP_ID: 'launch-test',
  PUSHER_APP_KEY: APP_KEY,
  PUSHER_APP_SECRET: APP_SECRET,
};

type Launched = { child: ChildProcess; output: () => string; exited: Promise<number | null> };

function launchDev(): Launched {
  const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/launch.ts', 'dev'], {
    cwd: path.resolve(__dirname, '..'),
    detached: true, // its own process group, so the test can signal it as a terminal's Ctrl-C would
    env: {
      ...process.env,
      ...credentials,
      PORT: String(APP_PORT),
      REALTIME_PORT: String(REALTIME_PORT),
      PUSHER_HOST: '',
      PUSHER_CLUSTER: '',
      DATABASE_URL: '',
      DATA_DIR: mkdtempSync(path.join(tmpdir(), 'presently-launch-')),
      NEXT_DIST_DIR: '.next-e2e',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, output: () => output, exited };
}

async function waitFor<T>(what: string, check: () => T | undefined, timeoutMs: number, launched: Launched): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const value = check();
    if (value !== undefined) return value;
    if (launched.child.exitCode !== null) throw new Error(`launcher exited while waiting for ${what}:\n${launched.output()}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`timed out waiting for ${what}:\n${launched.output()}`);
}

async function refused(url: string): Promise<boolean> {
  try {
    await fetch(url);
    return false;
  } catch {
    return true;
  }
}

function connectionEstablished(): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(`ws://127.0.0.1:${REALTIME_PORT}/app/${APP_KEY}?protocol=7&client=launch-test&version=1`);
    socket.once('message', (data) => {
      socket.close();
      resolve(String(data));
    });
    socket.once('error', reject);
  });
}

type Joined = { socket: WebSocket; answer: string };

/** A raw Pusher-protocol client joins `channel` as `userId`, signed as the app's auth endpoint would sign it. */
function joinPresence(channel: string, userId: string): Promise<Joined> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(`ws://127.0.0.1:${REALTIME_PORT}/app/${APP_KEY}?protocol=7&client=launch-test&version=1`);
    const timer = setTimeout(() => {
      socket.terminate();
      reject(new Error(`${userId} got no answer to joining ${channel} within ${JOIN_TIMEOUT_MS} ms`));
    }, JOIN_TIMEOUT_MS);
    socket.on('message', (raw) => {
      const message = JSON.parse(String(raw)) as { event: string; data: string };
      if (message.event === 'pusher:connection_established') {
        const socketId = (JSON.parse(message.data) as { socket_id: string }).socket_id;
        const channelData = JSON.stringify({ user_id: userId, user_info: { name: userId } });
        const signature = createHmac('sha256', APP_SECRET).update(`${socketId}:${channel}:${channelData}`).digest('hex');
        socket.send(JSON.stringify({ event: 'pusher:subscribe', data: { channel, auth: `${APP_KEY}:${signature}`, channel_data: channelData } }));
      } else if (message.event === 'pusher_internal:subscription_succeeded' || message.event === 'pusher:subscription_error') {
        clearTimeout(timer);
        resolve({ socket, answer: message.event });
      }
    });
    socket.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
  });
}

let running: Launched | undefined;
afterEach(() => {
  if (running?.child.exitCode === null && running.child.pid) process.kill(-running.child.pid, 'SIGKILL');
  running = undefined;
});

describe('npm run dev (scripts/launch.ts)', () => {
  it('serves the app and the embedded realtime server (rooms past Pusher\'s 100), and Ctrl-C stops both', { timeout: STARTUP_TIMEOUT_MS + STOP_TIMEOUT_MS * 2 }, async () => {
    running = launchDev();
    await waitFor('the app URL', () => (running!.output().includes(`app: http://localhost:${APP_PORT}`) ? true : undefined), STARTUP_TIMEOUT_MS, running);

    expect(running.output()).toContain(`realtime listening on ws://127.0.0.1:${REALTIME_PORT}`);
    expect((await fetch(`http://127.0.0.1:${REALTIME_PORT}/up`)).status).toBe(200);
    expect(JSON.parse(await connectionEstablished())).toMatchObject({ event: 'pusher:connection_established' });
    const home = await fetch(`http://localhost:${APP_PORT}/`);
    expect(home.status).toBe(200);
    expect(await home.text()).toContain('Presently');

    // A room past Pusher's 100: the launcher gives the embedded server the app's cap of 1,000.
    const joined: Joined[] = [];
    try {
      for (let index = 0; index < BIG_ROOM_MEMBERS; index += 1) joined.push(await joinPresence('presence-hobby-launch-big', `member-${index}`));
      expect(joined.map((member) => member.answer)).toEqual(Array(BIG_ROOM_MEMBERS).fill('pusher_internal:subscription_succeeded'));
    } finally {
      for (const member of joined) member.socket.terminate();
    }

    process.kill(-running.child.pid!, 'SIGINT');
    const code = await running.exited;
    expect(code).toBe(0);
    expect(await refused(`http://127.0.0.1:${REALTIME_PORT}/up`)).toBe(true);
    expect(await refused(`http://localhost:${APP_PORT}/`)).toBe(true);
  });

  it('stops the app and fails when the realtime server dies', { timeout: STARTUP_TIMEOUT_MS + STOP_TIMEOUT_MS * 2 }, async () => {
    running = launchDev();
    const realtimePid = await waitFor(
      'the realtime pid',
      () => /embedded realtime server: \S+ \(pid (\d+)\)/.exec(running!.output())?.[1],
      STARTUP_TIMEOUT_MS,
      running,
    );
    await waitFor('the app URL', () => (running!.output().includes('app: http://') ? true : undefined), STARTUP_TIMEOUT_MS, running);

    process.kill(Number(realtimePid), 'SIGKILL');
    const code = await running.exited;
    expect(code).not.toBe(0);
    expect(running.output()).toContain('realtime exited on SIGKILL; stopping the rest');
    expect(await refused(`http://localhost:${APP_PORT}/`)).toBe(true);
  });
});
