import { execFileSync } from 'node:child_process';
import { chownSync, existsSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Client } from 'pg';
import { AIM_HEADER } from './instances';
import { INSTANCE_NAMES } from './ports';
import { HarnessError, sleep, startGroup, waitForPort, type Started } from './processes';

/**
 * The throwaway services of the load-balanced e2e, each on loopback: PostgreSQL (initdb into a temp folder),
 * redis-server (no persistence) and HAProxy (round-robin, no stickiness, health-checked). Binaries come from
 * Debian packages (.ci/run installs them); nothing here assumes a running service.
 */
const SERVICE_START_TIMEOUT_MS = 30_000;

function postgresBinDir(): string {
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root) ? readdirSync(root).sort((a, b) => Number(a) - Number(b)) : [];
  const newest = versions.at(-1);
  if (!newest) throw new HarnessError('PostgreSQL is not installed (Debian: apt-get install postgresql)');
  return path.join(root, newest, 'bin');
}

export function requireBinary(name: string, debianPackage: string): string {
  for (const dir of ['/usr/sbin', '/usr/bin', '/usr/local/sbin', '/usr/local/bin']) {
    const candidate = path.join(dir, name);
    if (existsSync(candidate)) return candidate;
  }
  throw new HarnessError(`${name} is not installed (Debian: apt-get install ${debianPackage})`);
}

const isRoot = process.getuid?.() === 0;

/** PostgreSQL refuses to run as root; as root, run it as the Debian package's `postgres` user. */
function asPostgresOwner(command: string, args: string[]): [string, string[]] {
  return isRoot ? ['runuser', ['-u', 'postgres', '--', command, ...args]] : [command, args];
}

export async function startPostgres(dir: string, port: number, logDir: string): Promise<{ started: Started; url: string }> {
  const bin = postgresBinDir();
  const dataDir = path.join(dir, 'pgdata');
  if (isRoot) chownSync(dir, Number(execFileSync('id', ['-u', 'postgres']).toString().trim()), Number(execFileSync('id', ['-g', 'postgres']).toString().trim()));
  const [initdb, initdbArgs] = asPostgresOwner(path.join(bin, 'initdb'), ['-D', dataDir, '-U', 'postgres', '-A', 'trust', '--no-sync']);
  execFileSync(initdb, initdbArgs, { stdio: 'ignore' });
  const [postgres, args] = asPostgresOwner(path.join(bin, 'postgres'), [
    '-D', dataDir, '-p', String(port), '-k', dir,
    '-c', 'listen_addresses=127.0.0.1', '-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off',
  ]);
  const started = startGroup('postgres', postgres, args, { logDir });
  const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
  await waitForPort(started, port, SERVICE_START_TIMEOUT_MS);
  await waitForQueries(url);
  return { started, url };
}

/** PostgreSQL accepts connections a moment before it answers them ("the database system is starting up"). */
const STARTING_UP = '57P03';
const READY_POLL_MS = 200;

async function waitForQueries(url: string): Promise<void> {
  const deadline = Date.now() + SERVICE_START_TIMEOUT_MS;
  for (;;) {
    const client = new Client({ connectionString: url });
    try {
      await client.connect();
      await client.query('SELECT 1');
      return;
    } catch (error) {
      if ((error as { code?: string }).code !== STARTING_UP || Date.now() > deadline) throw error;
      await sleep(READY_POLL_MS);
    } finally {
      await client.end();
    }
  }
}

export async function startRedis(port: number, logDir: string): Promise<{ started: Started; url: string }> {
  const redis = requireBinary('redis-server', 'redis-server');
  const started = startGroup('redis', redis, ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { logDir });
  await waitForPort(started, port, SERVICE_START_TIMEOUT_MS);
  return { started, url: `redis://127.0.0.1:${port}` };
}

export type HaproxyOptions = { port: number; appPorts: readonly number[]; realtimePort: number; dir: string; logDir: string };

function serverName(index: number): string {
  return `app${index}`;
}

/**
 * One address for everything the browser uses: pages and API round-robin over the app instances (each request on
 * its own, no stickiness, `option forwardfor` appending the client's address), and pusher-js's WebSocket
 * (`/app/<key>`) to the realtime server. A failed connection is retried on the other instance (redispatch),
 * and /api/health takes an instance out of rotation within two seconds.
 */
export function haproxyConfig({ port, appPorts, realtimePort }: Omit<HaproxyOptions, 'dir' | 'logDir'>): string {
  return [
    'global',
    '  maxconn 512',
    'defaults',
    '  mode http',
    '  option http-server-close',
    '  retries 3',
    '  option redispatch 1',
    '  timeout connect 2s',
    '  timeout client 60s',
    '  timeout server 60s',
    '  timeout tunnel 1h',
    'frontend presently',
    `  bind 127.0.0.1:${port}`,
    '  option forwardfor',
    '  use_backend realtime if { path_beg /app/ }',
    '  default_backend app',
    'backend app',
    '  balance roundrobin',
    '  option httpchk GET /api/health',
    '  http-check expect status 200',
    '  default-server inter 1s fall 2 rise 2',
    // Test only: a request carrying the aim header goes to that instance (while it is up), so a spec can put
    // each attempt on the instance it means to; without the header, strict round-robin as in production.
    ...appPorts.map((_, index) => `  use-server ${serverName(index)} if { req.hdr(${AIM_HEADER}) -m str ${INSTANCE_NAMES[index]} }`),
    ...appPorts.map((appPort, index) => `  server ${serverName(index)} 127.0.0.1:${appPort} check`),
    'backend realtime',
    `  server realtime 127.0.0.1:${realtimePort}`,
    '',
  ].join('\n');
}

export async function startHaproxy(options: HaproxyOptions): Promise<Started> {
  const haproxy = requireBinary('haproxy', 'haproxy');
  const configFile = path.join(options.dir, 'haproxy.cfg');
  writeFileSync(configFile, haproxyConfig(options));
  execFileSync(haproxy, ['-c', '-q', '-f', configFile]);
  const started = startGroup('haproxy', haproxy, ['-db', '-f', configFile], { logDir: options.logDir });
  await waitForPort(started, options.port, SERVICE_START_TIMEOUT_MS);
  return started;
}
