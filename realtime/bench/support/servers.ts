import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { BENCH_APP } from './credentials';
import { REALTIME_NODE_FLAGS } from '../../src/node-flags';

export type ServerName = 'ours' | 'soketi';

export interface ServerUnderTest {
  name: ServerName;
  port: number;
  /** The server's own process (node), for /proc readings. */
  pid: number;
  stop(): Promise<void>;
  /** The end of its stderr (for failure reports). */
  stderrTail(): string;
}

export const REPO_ROOT = path.resolve(__dirname, '../../..');
/**
 * Extra Node options for both servers (soketi is a Node program too), e.g.
 * `BENCH_SERVER_NODE_OPTIONS=--max-semi-space-size=2`; unset, both run with Node's defaults.
 */
const serverNodeOptions = (): Record<string, string> =>
  process.env.BENCH_SERVER_NODE_OPTIONS ? { NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} ${process.env.BENCH_SERVER_NODE_OPTIONS}`.trim() } : {};
const READY_TIMEOUT_MS = 120_000;
const STOP_TIMEOUT_MS = 10_000;
const STDERR_TAIL_CHARS = 4_000;
/** soketi also binds port+3600 (metrics) and port+5001 (cluster): pick ports with room for both. */
const SOKETI_EXTRA_PORT_OFFSETS = [3600, 5001];
const PORT_RANGE = { from: 20_000, to: 40_000 };

/**
 * soketi's peer script: `$BENCH_SOKETI_SCRIPT`, else `../shared/peers/soketi/run.sh` relative to the
 * repository root (where CI and fresh clones find it).
 */
export function soketiScript(env: Readonly<Record<string, string | undefined>> = process.env): string {
  return env.BENCH_SOKETI_SCRIPT ?? path.resolve(REPO_ROOT, '..', 'shared/peers/soketi/run.sh');
}

/** Presence member cap of both servers in the benchmark: room for the big-room workload's 1,000 members. */
export const BENCH_PRESENCE_CAP = 2_000;

export const OURS_BUNDLE = 'realtime/dist/main.mjs';
let oursBuilt = false;

/** Bundles the server once per benchmark run, as `npm run build` does for production. */
function buildOurs(): void {
  if (oursBuilt) return;
  const result = spawnSync('npm', ['run', '--silent', 'build:realtime'], { cwd: REPO_ROOT, stdio: 'inherit' });
  if (result.status !== 0) throw new Error(`npm run build:realtime failed (${result.status ?? result.signal})`);
  oursBuilt = true;
}

/** Our server as its own process, exactly as `npm start` runs it: `node <REALTIME_NODE_FLAGS> realtime/dist/main.mjs`. */
export async function startOurs(options: { cpuProfDir?: string } = {}): Promise<ServerUnderTest> {
  buildOurs();
  const port = await freePort([]);
  const profile = options.cpuProfDir ? ['--cpu-prof', `--cpu-prof-dir=${options.cpuProfDir}`] : [];
  const child = spawn(process.execPath, [...REALTIME_NODE_FLAGS, ...profile, '--enable-source-maps', OURS_BUNDLE], {
    cwd: REPO_ROOT,
    env: { ...process.env, ...oursEnv(port), ...serverNodeOptions() },
    stdio: ['ignore', 'ignore', 'pipe'],
    detached: true,
  });
  return ready('ours', child, port);
}

/** Per-address limits lifted for a server whose thousands of clients all come from loopback (REALTIME_* of config/env.ts). */
export const LOOPBACK_CROWD_ENV: Readonly<Record<string, string>> = {
  REALTIME_MAX_CONNECTIONS_PER_ADDRESS: '1000000',
  REALTIME_NEW_CONNECTIONS_PER_ADDRESS_PER_SECOND: '1000000',
  REALTIME_NEW_CONNECTION_BURST_PER_ADDRESS: '1000000',
};

/** The environment our server is started with in the benchmark (the bench app, loopback, JSON logs). */
export function oursEnv(port: number): Record<string, string> {
  return {
    PUSHER_APP_ID: BENCH_APP.id,
    PUSHER_APP_KEY: BENCH_APP.key,
    PUSHER_APP_SECRET: BENCH_APP.secret,
    REALTIME_HOST: '127.0.0.1',
    REALTIME_PORT: String(port),
    REALTIME_LOG_FORMAT: 'json',
    // The big-room workload fills one presence channel with 1,000 members (the default cap is Pusher's 100).
    REALTIME_MAX_PRESENCE_MEMBERS: String(BENCH_PRESENCE_CAP),
    // Every bench client connects from 127.0.0.1: one address standing for thousands of people.
    ...LOOPBACK_CROWD_ENV,
  };
}

/** soketi 1.6.1 through the peer script (which `exec`s node, so the child pid is soketi's). */
export async function startSoketi(): Promise<ServerUnderTest> {
  const script = soketiScript();
  if (!existsSync(script)) throw new Error(`soketi peer script not found at ${script} (set BENCH_SOKETI_SCRIPT)`);
  const port = await freePort(SOKETI_EXTRA_PORT_OFFSETS);
  const child = spawn('sh', [script], {
    cwd: REPO_ROOT,
    // soketi reads SOKETI_PRESENCE_MAX_MEMBERS (presence.maxMembersPerChannel) from its environment.
    env: { ...process.env, SOKETI_PORT: String(port), SOKETI_PRESENCE_MAX_MEMBERS: String(BENCH_PRESENCE_CAP), ...serverNodeOptions() },
    stdio: ['ignore', 'ignore', 'pipe'],
    detached: true,
  });
  return ready('soketi', child, port);
}

async function ready(name: ServerName, child: ChildProcess, port: number): Promise<ServerUnderTest> {
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString('utf8')).slice(-STDERR_TAIL_CHARS);
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let alive = true;
  void exited.then(() => (alive = false));
  const pid = child.pid;
  if (pid === undefined) throw new Error(`${name} did not start`);
  const server: ServerUnderTest = {
    name,
    port,
    pid,
    stderrTail: () => stderr,
    stop: async () => {
      if (!alive) return;
      process.kill(pid, 'SIGTERM');
      const timer = setTimeout(() => {
        if (alive) process.kill(-pid, 'SIGKILL');
      }, STOP_TIMEOUT_MS);
      await exited;
      clearTimeout(timer);
    },
  };
  const deadline = Date.now() + READY_TIMEOUT_MS;
  for (;;) {
    if (!alive) throw new Error(`${name} exited before it was ready: ${stderr}`);
    if (await answers(port)) return server;
    if (Date.now() > deadline) {
      await server.stop();
      throw new Error(`${name} not ready after ${READY_TIMEOUT_MS} ms: ${stderr}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Whether something answers `GET /` with 2xx on the port. */
export async function answers(port: number): Promise<boolean> {
  try {
    const response = await fetch(`http://127.0.0.1:${port}/`, { signal: AbortSignal.timeout(1_000) });
    await response.body?.cancel();
    return response.ok;
  } catch {
    return false; // not listening yet
  }
}

/** A loopback port that is free, with `offsets` from it free too. */
async function freePort(offsets: number[]): Promise<number> {
  for (let attempt = 0; attempt < 50; attempt += 1) {
    const port = PORT_RANGE.from + Math.floor(Math.random() * (PORT_RANGE.to - PORT_RANGE.from));
    const all = [port, ...offsets.map((offset) => port + offset)];
    if ((await Promise.all(all.map(isFree))).every(Boolean)) return port;
  }
  throw new Error('no free port found');
}

export function isFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.once('error', () => resolve(false));
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(true)));
  });
}
