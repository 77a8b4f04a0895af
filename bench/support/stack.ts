import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { BenchProcessError, startProcess, type Started } from './processes';

/**
 * Added to every bench port, so that two checkouts on one machine can run the bench at once (e.g.
 * BENCH_PORT_OFFSET=110 puts the apps on 3410 and 3412); 0 by default.
 */
const PORT_OFFSET = Number(process.env.BENCH_PORT_OFFSET ?? 0);
if (!Number.isInteger(PORT_OFFSET) || PORT_OFFSET < 0) throw new Error(`BENCH_PORT_OFFSET must be a whole number >= 0, not ${process.env.BENCH_PORT_OFFSET}`);
/** The bench's own ports (the issue reserves 3300–3309, 6301 and 3390), so it never meets a dev or e2e run. */
export const PORTS = {
  apps: [3300 + PORT_OFFSET, 3302 + PORT_OFFSET],
  bare: 3309 + PORT_OFFSET,
  postgres: 3308 + PORT_OFFSET,
  realtime: 6301 + PORT_OFFSET,
  balancer: 3390 + PORT_OFFSET,
} as const;
export const HOST = '127.0.0.1';
export const ROOT = path.resolve(__dirname, '..', '..');
export const DATA_DIR = path.join(ROOT, '.data', 'bench');
export const LOG_DIR = path.join(DATA_DIR, 'logs');
export const NEXT_DIST_DIR = '.next-bench';

/** Loopback-only credentials, the same for the realtime server and every app process. */
export const CREDENTIALS = { appId: 'presently-bench', key: 'presently-bench-key', secret: 'presently-bench-secret-loopback-only' };
export const AUTH_SECRET = 'presently-bench-auth-secret-loopback-only-0123456789';

const APP_START_TIMEOUT_MS = 120_000;
const BUILD_TIMEOUT_MS = 900_000;
const REALTIME_START_TIMEOUT_MS = 30_000;
const POSTGRES_START_TIMEOUT_MS = 60_000;
const REALTIME_BUNDLE = 'realtime/dist/main.mjs';
const NEXT_BIN = 'node_modules/next/dist/bin/next';

export function appEnv(port: number, databaseUrl: string): Record<string, string> {
  return {
    NODE_ENV: 'production',
    NEXT_TELEMETRY_DISABLED: '1',
    AUTH_SECRET,
    AUTH_TRUST_HOST: 'true',
    PUSHER_APP_ID: CREDENTIALS.appId,
    PUSHER_APP_KEY: CREDENTIALS.key,
    PUSHER_APP_SECRET: CREDENTIALS.secret,
    // External mode: the bench owns the realtime server so that it can restart it.
    PUSHER_HOST: HOST,
    PUSHER_PORT: String(PORTS.realtime),
    PORT: String(port),
    NEXT_DIST_DIR,
    DATA_DIR,
    DATABASE_URL: databaseUrl,
  };
}

/** `npm run build` into the bench's own folder (the app and the realtime bundle). */
export function build(): Promise<void> {
  return runToCompletion('build', 'npm', ['run', 'build'], appEnv(PORTS.apps[0], ''));
}

/** Runs a command to completion, with its output in the log folder. */
export async function runToCompletion(name: string, command: string, args: string[], env: Record<string, string>, timeoutMs = BUILD_TIMEOUT_MS): Promise<void> {
  const { spawn } = await import('node:child_process');
  const { createWriteStream } = await import('node:fs');
  mkdirSync(LOG_DIR, { recursive: true });
  const log = createWriteStream(path.join(LOG_DIR, `${name}.log`), { flags: 'a' });
  await new Promise<void>((resolve, reject) => {
    const child = spawn(command, args, { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.pipe(log, { end: false });
    child.stderr.pipe(log, { end: false });
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.once('exit', (code) => {
      clearTimeout(timer);
      if (code === 0) resolve();
      else reject(new BenchProcessError(`${name} failed with code ${code} (see ${LOG_DIR}/${name}.log)`));
    });
  });
}

export function startRealtime(webhookPort: number): Promise<Started> {
  return startProcess({
    name: 'realtime',
    command: process.execPath,
    args: ['--max-semi-space-size=2', '--enable-source-maps', path.join(ROOT, REALTIME_BUNDLE)],
    env: {
      REALTIME_HOST: HOST,
      REALTIME_PORT: String(PORTS.realtime),
      PUSHER_APP_ID: CREDENTIALS.appId,
      PUSHER_APP_KEY: CREDENTIALS.key,
      PUSHER_APP_SECRET: CREDENTIALS.secret,
      REALTIME_WEBHOOK_URL: `http://${HOST}:${webhookPort}/api/pusher/webhook`,
      REALTIME_LOG_FORMAT: 'json',
      // Every simulated person connects from 127.0.0.1: lift the per-address limits for that one address.
      REALTIME_MAX_CONNECTIONS_PER_ADDRESS: '1000000',
      REALTIME_NEW_CONNECTIONS_PER_ADDRESS_PER_SECOND: '1000000',
      REALTIME_NEW_CONNECTION_BURST_PER_ADDRESS: '1000000',
    },
    port: PORTS.realtime,
    logDir: LOG_DIR,
    timeoutMs: REALTIME_START_TIMEOUT_MS,
  });
}

const APP_SERVER_BUNDLE = 'scripts/dist/app-server.mjs';

/**
 * How the app is served: `front` is what `npm start` runs (scripts/app-server.ts, the Node front that answers
 * the Pusher authorization endpoints itself, Next behind it); `next` is plain `next start`, every request through
 * Next, for comparison in the same run.
 */
export type AppServer = 'front' | 'next';

/** The app in production mode on `port`, without the launcher: the bench runs the realtime server itself. */
export function startApp(port: number, databaseUrl: string, server: AppServer = 'front'): Promise<Started> {
  const entry =
    server === 'front'
      ? ['--enable-source-maps', path.join(ROOT, APP_SERVER_BUNDLE), 'start']
      : [path.join(ROOT, NEXT_BIN), 'start', '--port', String(port), '--hostname', HOST];
  return startProcess({
    name: `app-${port}-${server}`,
    command: process.execPath,
    // BENCH_APP_NODE_FLAGS, e.g. `--cpu-prof --cpu-prof-dir=/tmp/profiles`, to see where an app process spends its time.
    args: [...(process.env.BENCH_APP_NODE_FLAGS ?? '').split(' ').filter(Boolean), ...entry],
    env: appEnv(port, databaseUrl),
    port,
    readyUrl: `http://${HOST}:${port}/api/auth/csrf`,
    logDir: LOG_DIR,
    timeoutMs: APP_START_TIMEOUT_MS,
  });
}

const BALANCER_MAX_CONNECTIONS = 4_000;
const POSTGRES_BIN_DIRS = ['/usr/lib/postgresql/15/bin', '/usr/lib/postgresql/16/bin'];

/** PostgreSQL refuses to run as root: as root (CI, containers) its commands run as the `postgres` user, as .ci/run does. */
function asPgOwner(command: string, args: string[]): [string, string[]] {
  return process.getuid?.() === 0 ? ['runuser', ['-u', PG_OWNER, '--', command, ...args]] : [command, args];
}
const PG_OWNER = 'postgres';

/** A throwaway PostgreSQL cluster on loopback (trust auth), or null when PostgreSQL is not installed. */
export async function startPostgres(): Promise<{ url: string; server: Started } | null> {
  const { chownSync, existsSync } = await import('node:fs');
  const { execFileSync } = await import('node:child_process');
  const bin = POSTGRES_BIN_DIRS.find((dir) => existsSync(path.join(dir, 'initdb')));
  if (!bin) return null;
  const dir = path.join(DATA_DIR, 'postgres');
  const socketDir = path.join(DATA_DIR, 'pg-socket');
  rmSync(dir, { recursive: true, force: true });
  for (const folder of [dir, socketDir]) {
    mkdirSync(folder, { recursive: true });
    if (process.getuid?.() === 0) {
      const [uid, gid] = ['-u', '-g'].map((flag) => Number(execFileSync('id', [flag, PG_OWNER]).toString().trim()));
      chownSync(folder, uid ?? 0, gid ?? 0);
    }
  }
  await runToCompletion('initdb', ...asPgOwner(path.join(bin, 'initdb'), ['-D', dir, '-U', 'bench', '--auth=trust', '--no-sync']), {});
  const [command, args] = asPgOwner(path.join(bin, 'postgres'), [
    ...['-D', dir, '-p', String(PORTS.postgres), '-h', HOST, '-k', socketDir, '-c', 'fsync=off', '-c', 'max_connections=100'],
  ]);
  const server = await startProcess({
    name: 'postgres',
    command,
    args,
    port: PORTS.postgres,
    logDir: LOG_DIR,
    timeoutMs: POSTGRES_START_TIMEOUT_MS,
  });
  await runToCompletion('createdb', ...asPgOwner(path.join(bin, 'createdb'), ['-h', HOST, '-p', String(PORTS.postgres), '-U', 'bench', 'presently']), {});
  return { url: `postgres://bench@${HOST}:${PORTS.postgres}/presently`, server };
}

/** HAProxy round-robin over the app processes on :3390, with one connection per request (like a browser fleet). */
export function startBalancer(appPorts: readonly number[]): Promise<Started> {
  const config = [
    'global',
    // HAProxy needs about two descriptors per connection; 4,000 holds the storm's 1,000 clients within a 20,000 limit.
    `  maxconn ${BALANCER_MAX_CONNECTIONS}`,
    'defaults',
    '  mode http',
    '  timeout connect 5s',
    '  timeout client 60s',
    '  timeout server 60s',
    '  option http-keep-alive',
    `frontend app`,
    `  bind ${HOST}:${PORTS.balancer}`,
    '  default_backend apps',
    'backend apps',
    '  balance roundrobin',
    ...appPorts.map((port) => `  server app${port} ${HOST}:${port} maxconn 200`),
    '',
  ].join('\n');
  const file = path.join(DATA_DIR, 'haproxy.cfg');
  writeFileSync(file, config);
  return startProcess({ name: 'haproxy', command: 'haproxy', args: ['-f', file], port: PORTS.balancer, logDir: LOG_DIR, timeoutMs: 10_000 });
}
