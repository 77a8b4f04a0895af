/**
 * The e2e run's realtime server, under remote control: starts the embedded server (`realtime/src/main.ts`)
 * or soketi, waits until it is ready, then serves a tiny control API on loopback so a spec can stop and
 * start it (the "realtime server restart" scenario) while the app keeps running in external mode.
 *
 *   E2E_REALTIME_SERVER   embedded (default) | soketi
 *   REALTIME_PORT         where the realtime server listens (127.0.0.1)
 *   E2E_REALTIME_CONTROL_PORT   the control API: POST /stop, POST /start, GET /health; the embedded server
 *                         takes `POST /start?max-presence-members=N` (that start only) for the full-room spec,
 *                         soketi `POST /start?user-authentication=false` (that start only: soketi as it ships,
 *                         ignoring signins) for the People panel's "unavailable" spec
 *   PUSHER_APP_ID / PUSHER_APP_KEY / PUSHER_APP_SECRET   credentials for the embedded server
 *   SOKETI_RUN            path of soketi's run.sh (default: ../shared/peers/soketi/run.sh beside the repo)
 *   REALTIME_WEBHOOK_URL  where presence webhooks go (the app's /api/pusher/webhook); the embedded server reads it
 *                         itself, soketi gets it as its default app's webhooks (SOKETI_DEFAULT_APP_WEBHOOKS)
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:http';
import { connect } from 'node:net';
import path from 'node:path';
import readline from 'node:readline';
import { EMBEDDED_MAX_PRESENCE_MEMBERS } from '../lib/config/schema';

const HOST = '127.0.0.1';
const READY_TIMEOUT_MS = 120_000;
const STOP_GRACE_MS = 8_000;
const PORT_POLL_MS = 200;
/** Open connections one address may hold in the e2e run: a full embedded room and then some. */
const E2E_CONNECTIONS_FROM_LOOPBACK = 2 * EMBEDDED_MAX_PRESENCE_MEMBERS;
const EMBEDDED_READY = /realtime listening on /;

type ServerKind = 'embedded' | 'soketi';

class HarnessError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'HarnessError';
  }
}

function requiredNumber(name: string): number {
  const value = Number(process.env[name]);
  if (!Number.isInteger(value) || value <= 0) throw new HarnessError(`${name} must be a port number`);
  return value;
}

const kind: ServerKind = process.env.E2E_REALTIME_SERVER === 'soketi' ? 'soketi' : 'embedded';
const realtimePort = requiredNumber('REALTIME_PORT');
const controlPort = requiredNumber('E2E_REALTIME_CONTROL_PORT');
const repoRoot = path.resolve(__dirname, '..');
const defaultSoketiRun = path.resolve(repoRoot, '..', 'shared', 'peers', 'soketi', 'run.sh');

/**
 * The webhook events the app needs (app/api/pusher/webhook): presence for the lobby's live occupancy and the
 * onlooker channel's member list, client events for statuses and activity on the onlooker channel (appear offline,
 * full rooms).
 * The embedded server sends all of them by default.
 */
const APP_WEBHOOK_EVENTS = ['channel_occupied', 'channel_vacated', 'member_added', 'member_removed', 'client_event'];

/**
 * run.sh writes a fixed config file without webhooks; soketi lets environment variables override it, and a
 * JSON value becomes the option as is (soketi's cli.js, overwriteOptionsFromEnv).
 */
function soketiWebhookEnv(): Record<string, string> {
  const url = process.env.REALTIME_WEBHOOK_URL;
  return url ? { SOKETI_DEFAULT_APP_WEBHOOKS: JSON.stringify([{ url, event_types: APP_WEBHOOK_EVENTS }]) } : {};
}

/**
 * What one start may change: the embedded server's presence member cap (e2e/full-room.spec.ts), and whether
 * soketi has user authentication on (e2e/people.spec.ts: off, as soketi ships, it never answers a signin).
 */
type StartOptions = { maxPresenceMembers?: string; userAuthentication?: boolean };

function command(options: StartOptions): { file: string; args: string[]; env: Record<string, string> } {
  if (kind === 'soketi') {
    return {
      file: 'sh',
      args: [process.env.SOKETI_RUN ?? defaultSoketiRun],
      env: { SOKETI_PORT: String(realtimePort), SOKETI_USER_AUTH: String(options.userAuthentication ?? true), ...soketiWebhookEnv() },
    };
  }
  return {
    file: process.execPath,
    args: ['--import', 'tsx', path.join(repoRoot, 'realtime/src/main.ts')],
    env: {
      REALTIME_HOST: HOST,
      REALTIME_PORT: String(realtimePort),
      // As the launcher runs the embedded server (scripts/launch.ts): every tab signs in.
      REALTIME_AUTHORIZED_CONNECTIONS: 'true',
      // The cap `npm run dev`/`start` give the embedded server (scripts/launch.ts), unless this start sets one.
      REALTIME_MAX_PRESENCE_MEMBERS: options.maxPresenceMembers ?? String(EMBEDDED_MAX_PRESENCE_MEMBERS),
      // Every e2e person and protocol client comes from 127.0.0.1, so one address must hold a whole big room
      // (e2e/big-room.spec.ts); the per-address share itself is tested in realtime/test/address-limits.test.ts.
      REALTIME_MAX_CONNECTIONS_PER_ADDRESS: String(E2E_CONNECTIONS_FROM_LOOPBACK),
    },
  };
}

function portAccepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: HOST, port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

let child: ChildProcess | null = null;

function log(line: string): void {
  console.log(`[e2e-realtime] ${line}`);
}

/** Starts the server and resolves once it accepts connections (embedded: once it prints its ready line). */
async function startServer(options: StartOptions = {}): Promise<void> {
  if (child) return;
  const { file, args, env } = command(options);
  const started = spawn(file, args, { cwd: repoRoot, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  child = started;
  let printedReady = false;
  const onLine = (line: string) => {
    console.log(`[${kind}] ${line}`);
    if (EMBEDDED_READY.test(line)) printedReady = true;
  };
  readline.createInterface({ input: started.stdout! }).on('line', onLine);
  readline.createInterface({ input: started.stderr! }).on('line', onLine);
  let exited = false;
  started.once('exit', (code, signal) => {
    exited = true;
    if (child === started) child = null;
    log(`${kind} exited ${signal ? `on ${signal}` : `with code ${code}`}`);
  });

  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (exited) throw new HarnessError(`${kind} exited before it was ready`);
    const ready = (kind === 'soketi' || printedReady) && (await portAccepts(realtimePort));
    if (ready) return log(`${kind} ready on ws://${HOST}:${realtimePort}`);
    await new Promise((resolve) => setTimeout(resolve, PORT_POLL_MS));
  }
  throw new HarnessError(`${kind} was not ready within ${READY_TIMEOUT_MS / 1000} s`);
}

/** Stops the server (SIGTERM, then SIGKILL after a grace period) and resolves when its port is closed. */
async function stopServer(): Promise<void> {
  const running = child;
  if (!running) return;
  await new Promise<void>((resolve) => {
    const kill = setTimeout(() => running.kill('SIGKILL'), STOP_GRACE_MS);
    running.once('exit', () => {
      clearTimeout(kill);
      resolve();
    });
    running.kill('SIGTERM');
  });
  while (await portAccepts(realtimePort)) await new Promise((resolve) => setTimeout(resolve, PORT_POLL_MS));
}

const actions: Record<string, (query: URLSearchParams) => Promise<void>> = {
  'POST /stop': stopServer,
  'POST /start': (query) =>
    startServer({
      maxPresenceMembers: query.get('max-presence-members') ?? undefined,
      userAuthentication: query.get('user-authentication') === 'false' ? false : undefined,
    }),
  'GET /health': async () => undefined,
};

async function main(): Promise<void> {
  await startServer();
  const control = createServer((request, response) => {
    const url = new URL(request.url ?? '/', `http://${HOST}`);
    const action = actions[`${request.method} ${url.pathname}`];
    if (!action) {
      response.writeHead(404, { 'content-type': 'application/json' }).end(JSON.stringify({ error: 'unknown action' }));
      return;
    }
    action(url.searchParams).then(
      () => response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ running: child !== null })),
      (error: unknown) => {
        log(`${request.url} failed: ${error instanceof Error ? error.message : String(error)}`);
        response.writeHead(500, { 'content-type': 'application/json' }).end(JSON.stringify({ error: String(error) }));
      },
    );
  });
  control.listen(controlPort, HOST, () => log(`control API on http://${HOST}:${controlPort}`));

  const shutdown = () => {
    control.close();
    stopServer().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGTERM', shutdown);
  process.on('SIGINT', shutdown);
}

main().catch((error: unknown) => {
  log(error instanceof Error ? error.message : String(error));
  void stopServer().finally(() => process.exit(1));
});
