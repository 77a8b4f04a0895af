/**
 * `npm run bench:app`: builds the app (into .next-bench) and measures, in production mode on the bench's own
 * ports: authorization throughput (PGlite and PostgreSQL, beside a bare Node endpoint as the ceiling), room
 * entry and room switch in Chromium, and a reconnect storm of pusher-js clients, with one app process and with
 * two behind HAProxy. Writes bench/results/app-<time>.json and prints a table.
 *
 *   --skip-build        reuse the last .next-bench build
 *   --only=auth,auth-next,entry,storm,replicas   run only these parts (auth-next: the same endpoints through
 *                      plain `next start`, for comparison; auth also measures PostgreSQL when it is installed)
 *   --clients=N         storm size (default 1000)
 *   --storm-client=app|plain   the app's client (default) or pusher-js's own behaviour, for a before/after
 *   --label=TEXT        stored with the results
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { BrowserPusherOptions } from '@/lib/config';
import { measureEndpoint, type ThroughputResult } from './auth-throughput';
import { measureRoomEntry, type RoomEntryResult } from './room-entry';
import { runStorm, STORM, type StormResult } from './storm';
import { startProcess, type Started } from './support/processes';
import { printTables } from './support/report';
import { BENCH_PASSWORD, benchRoom, benchUsername, BUSINESS_ROOM, seedBench } from './support/seed';
import { signIn } from './support/session';
import { build, CREDENTIALS, DATA_DIR, HOST, LOG_DIR, PORTS, ROOT, startApp, startBalancer, startPostgres, startRealtime, type AppServer } from './support/stack';

const PARTS = ['auth', 'auth-next', 'entry', 'storm', 'replicas'] as const;
type Part = (typeof PARTS)[number];
const ROOMS = 50;
/** People beyond the storm's: the browser bench's two observers and its newcomer. */
const EXTRA_PEOPLE = 3;
const BARE_START_TIMEOUT_MS = 30_000;

export type BenchResults = {
  label: string;
  startedAt: string;
  machine: { cpus: number; node: string; loadAverage: { atStart: number[]; atEnd?: number[] } };
  auth: Record<string, ThroughputResult[]>;
  roomEntry?: RoomEntryResult;
  storms: StormResult[];
};

const { values } = parseArgs({
  options: {
    'skip-build': { type: 'boolean', default: false },
    only: { type: 'string', default: PARTS.join(',') },
    clients: { type: 'string', default: String(STORM.clients) },
    'storm-client': { type: 'string', default: 'app' },
    label: { type: 'string', default: '' },
  },
});
const parts = new Set(values.only.split(',').filter((part): part is Part => (PARTS as readonly string[]).includes(part)));
const clients = Number(values.clients);
const stormClient = values['storm-client'] === 'plain' ? 'plain' : 'app';

const browserPusher: BrowserPusherOptions = { key: CREDENTIALS.key, cluster: 'mt1', wsHost: HOST, wsPort: PORTS.realtime, forceTLS: false };
const url = (port: number) => `http://${HOST}:${port}`;

async function authBench(baseUrl: string, cookie: string): Promise<ThroughputResult[]> {
  const socket = 'socket_id=1234.5678';
  return [
    await measureEndpoint('POST /api/pusher/auth (hobby room)', `${baseUrl}/api/pusher/auth`, `${socket}&channel_name=presence-hobby-${benchRoom(0)}`, cookie),
    await measureEndpoint('POST /api/pusher/auth (business room)', `${baseUrl}/api/pusher/auth`, `${socket}&channel_name=presence-business-${BUSINESS_ROOM}`, cookie),
    await measureEndpoint('POST /api/pusher/user-auth', `${baseUrl}/api/pusher/user-auth`, socket, cookie),
  ];
}

async function main(): Promise<void> {
  const started: Started[] = [];
  const stopAll = async () => {
    for (const process of started.reverse()) await process.stop();
    started.length = 0;
  };
  const keep = (process: Started) => {
    started.push(process);
    return process;
  };
  const results: BenchResults = {
    label: values.label,
    startedAt: new Date().toISOString(),
    machine: { cpus: os.cpus().length, node: process.version, loadAverage: { atStart: os.loadavg() } },
    auth: {},
    storms: [],
  };
  // What was measured is kept even when a later part fails or the run is interrupted.
  const save = () => {
    results.machine.loadAverage.atEnd = os.loadavg();
    const dir = path.join(ROOT, 'bench', 'results');
    mkdirSync(dir, { recursive: true });
    const file = path.join(dir, `app-${results.startedAt.replace(/[:.]/g, '-')}.json`);
    writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
    printTables(results);
    console.log(`[bench] results: ${path.relative(ROOT, file)}`);
  };
  process.on('SIGINT', () => void stopAll().finally(() => {
    save();
    process.exit(130);
  }));
  const people = clients + EXTRA_PEOPLE;
  const usernames = Array.from({ length: clients }, (_, index) => benchUsername(index));
  try {
    rmSync(DATA_DIR, { recursive: true, force: true });
    if (!values['skip-build']) {
      console.log('[bench] building (npm run build into .next-bench)…');
      await build();
    }
    console.log(`[bench] seeding ${people} people and ${ROOMS} rooms into PGlite…`);
    await seedBench({ kind: 'pglite', dataDir: path.join(DATA_DIR, 'pglite') }, people, ROOMS);

    let realtime = keep(await startRealtime(PORTS.apps[0]));
    const restartRealtime = (webhookPort: number) => async () => {
      // Killed, not stopped: the clients see an abnormal close, as in a crash or a redeploy.
      process.kill(-realtime.pid, 'SIGKILL');
      await realtime.exited;
      started.splice(started.indexOf(realtime), 1);
      realtime = keep(await startRealtime(webhookPort));
    };

    const bareCeiling = () =>
      measureEndpoint('bare Node http + authorizeChannel (ceiling)', `${url(PORTS.bare)}/`, `socket_id=1234.5678&channel_name=presence-hobby-${benchRoom(0)}`);
    if (parts.has('auth') || parts.has('auth-next')) {
      keep(
        await startProcess({
          name: 'bare',
          command: process.execPath,
          args: ['--import', 'tsx', path.join(ROOT, 'bench', 'bare-auth-server.ts')],
          port: PORTS.bare,
          logDir: LOG_DIR,
          timeoutMs: BARE_START_TIMEOUT_MS,
        }),
      );
    }
    // One process at a time on the PGlite data directory: an embedded database is never opened twice.
    const measureAuth = async (key: string, server: AppServer, databaseUrl: string) => {
      const measured = keep(await startApp(PORTS.apps[0], databaseUrl, server));
      const sessionCookie = await signIn(url(PORTS.apps[0]), benchUsername(0), BENCH_PASSWORD);
      console.log(`[bench] authorization throughput: ${key} (load average ${os.loadavg().map((load) => load.toFixed(1)).join(' ')})…`);
      results.auth[key] = [...(await authBench(url(PORTS.apps[0]), sessionCookie)), await bareCeiling()];
      await measured.stop();
      started.splice(started.indexOf(measured), 1);
    };
    if (parts.has('auth-next')) await measureAuth('pglite, through next start', 'next', '');
    if (parts.has('auth')) await measureAuth('pglite, Node front', 'front', '');

    const app = parts.has('entry') || parts.has('storm') ? keep(await startApp(PORTS.apps[0], '')) : undefined;
    if (parts.has('entry')) {
      console.log('[bench] room entry and room switch in Chromium…');
      results.roomEntry = await measureRoomEntry({
        baseUrl: url(PORTS.apps[0]),
        rooms: [benchRoom(0), benchRoom(1)],
        observers: [{ username: benchUsername(clients) }, { username: benchUsername(clients + 1) }],
        newcomer: { username: benchUsername(clients + 2) },
        password: BENCH_PASSWORD,
      });
    }
    if (parts.has('storm')) {
      console.log(`[bench] reconnect storm: ${clients} clients, one app process (PGlite)…`);
      results.storms.push(
        await runStorm({
          label: `1 app (PGlite), ${stormClient} client`,
          baseUrl: url(PORTS.apps[0]),
          pusher: browserPusher,
          usernames,
          roomSlug: benchRoom,
          roomCount: ROOMS,
          password: BENCH_PASSWORD,
          restartRealtime: restartRealtime(PORTS.apps[0]),
          client: stormClient,
        }),
      );
    }
    if (app) {
      await app.stop();
      started.splice(started.indexOf(app), 1);
    }

    if (parts.has('replicas') || parts.has('auth')) {
      const postgres = await startPostgres();
      if (!postgres) {
        console.log('[bench] PostgreSQL is not installed: skipping the PostgreSQL and two-replica runs');
      } else {
        keep(postgres.server);
        console.log('[bench] seeding PostgreSQL…');
        await seedBench({ kind: 'postgres', url: postgres.url }, people, ROOMS);
        if (parts.has('auth')) await measureAuth('postgres, Node front', 'front', postgres.url);
      }
      if (postgres && parts.has('replicas')) {
        const apps = [keep(await startApp(PORTS.apps[0], postgres.url)), keep(await startApp(PORTS.apps[1], postgres.url))];
        void apps;
        keep(await startBalancer(PORTS.apps));
        for (const [label, port] of [
          ['1 app (PostgreSQL)', PORTS.apps[0]],
          ['2 apps behind HAProxy (PostgreSQL)', PORTS.balancer],
        ] as const) {
          console.log(`[bench] reconnect storm: ${label}…`);
          results.storms.push(
            await runStorm({
              label: `${label}, ${stormClient} client`,
              baseUrl: url(port),
              pusher: browserPusher,
              usernames,
              roomSlug: benchRoom,
              roomCount: ROOMS,
              password: BENCH_PASSWORD,
              restartRealtime: restartRealtime(port),
              client: stormClient,
            }),
          );
        }
      }
    }
  } finally {
    await stopAll();
    save();
  }
}

main().catch((error: unknown) => {
  console.error('[bench] failed:', error);
  process.exit(1);
});
