import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { openDatabase } from '@/lib/db/client';
import { seedDemoData } from '@/lib/db/seed';
import { CREDENTIALS } from '../support/web-servers';
import { E2E_DIST_DIR, ensureE2eBuild } from '../../scripts/e2e-build';
import { INSTANCE_NAMES, LB_PORTS, LB_SIGN_UPS_PER_ADDRESS, LB_STATE_ENV, type LbState } from './support/ports';
import { assertPortFree, startGroup, stopGroup, waitForHttpOk, type Started } from './support/processes';
import { startHaproxy, startPostgres, startRedis } from './support/services';

/**
 * Starts the load-balanced deployment the specs drive: PostgreSQL (migrated and seeded with the demo people),
 * Redis when LB_LIMITER_STORE=redis, the realtime server, two production app instances from one build, and
 * HAProxy in front. Returns the teardown, which stops every process it started by process group.
 */
const APP_START_TIMEOUT_MS = 120_000;
const REALTIME_START_TIMEOUT_MS = 60_000;
/** Both instances must sign and read the same session cookies. */
const LB_AUTH_SECRET = 'presently-lb-e2e-secret-loopback-only-0123456789';

export default async function globalSetup(): Promise<() => Promise<void>> {
  const root = process.cwd();
  const limiterStore: LbState['limiterStore'] = process.env.LB_LIMITER_STORE === 'redis' ? 'redis' : 'postgres';
  for (const port of [LB_PORTS.haproxy, ...LB_PORTS.apps, LB_PORTS.realtime, LB_PORTS.realtimeControl, LB_PORTS.postgres, LB_PORTS.redis]) {
    await assertPortFree(port);
  }
  ensureE2eBuild(root);

  const dir = mkdtempSync(path.join(tmpdir(), 'presently-lb-'));
  // Every process's output, kept after the run (test-results/ is git-ignored) for reading a failure.
  const logDir = path.join(root, 'test-results', `lb-${limiterStore}-logs`);
  rmSync(logDir, { recursive: true, force: true });
  mkdirSync(logDir, { recursive: true });
  console.log(`[lb] limiter store: ${limiterStore}; logs in ${logDir}`);
  const started: Started[] = [];
  const teardown = async () => {
    for (const child of started.reverse()) await stopGroup(child.pid, child.name === 'postgres' ? 'SIGINT' : 'SIGTERM');
    rmSync(dir, { recursive: true, force: true });
  };

  try {
    const postgres = await startPostgres(dir, LB_PORTS.postgres, logDir);
    started.push(postgres.started);
    const database = await openDatabase({ kind: 'postgres', url: postgres.url });
    await seedDemoData(database.db);
    await database.close();

    const redis = limiterStore === 'redis' ? await startRedis(LB_PORTS.redis, logDir) : null;
    if (redis) started.push(redis.started);

    const credentials = CREDENTIALS.embedded;
    const pusherEnv = { PUSHER_APP_ID: credentials.id, PUSHER_APP_KEY: credentials.key, PUSHER_APP_SECRET: credentials.secret };
    const realtime = startGroup('realtime', 'npx', ['tsx', 'scripts/e2e-realtime.ts'], {
      cwd: root,
      logDir,
      env: {
        ...process.env,
        ...pusherEnv,
        E2E_REALTIME_SERVER: 'embedded',
        REALTIME_PORT: String(LB_PORTS.realtime),
        E2E_REALTIME_CONTROL_PORT: String(LB_PORTS.realtimeControl),
        // Webhooks go through the load balancer: any instance may handle them.
        REALTIME_WEBHOOK_URL: `http://127.0.0.1:${LB_PORTS.haproxy}/api/pusher/webhook`,
      },
    });
    started.push(realtime);
    await waitForHttpOk(realtime, `http://127.0.0.1:${LB_PORTS.realtimeControl}/health`, REALTIME_START_TIMEOUT_MS);

    const apps = LB_PORTS.apps.map((port, index) =>
      startGroup(INSTANCE_NAMES[index]!, 'npm', ['start'], {
        cwd: root,
        logDir,
        env: {
          ...process.env,
          ...pusherEnv,
          NODE_ENV: 'production',
          PORT: String(port),
          INSTANCE_NAME: INSTANCE_NAMES[index],
          AUTH_SECRET: LB_AUTH_SECRET,
          AUTH_TRUST_HOST: 'true',
          DATABASE_URL: postgres.url,
          REDIS_URL: redis?.url ?? '',
          // The app talks to the realtime server directly; the browser reaches it through HAProxy.
          PUSHER_HOST: '127.0.0.1',
          PUSHER_PORT: String(LB_PORTS.realtime),
          NEXT_PUBLIC_PUSHER_HOST: '127.0.0.1',
          NEXT_PUBLIC_PUSHER_PORT: String(LB_PORTS.haproxy),
          TRUST_PROXY: '1',
          SIGN_UP_LIMIT_PER_ADDRESS: String(LB_SIGN_UPS_PER_ADDRESS),
          NEXT_DIST_DIR: E2E_DIST_DIR,
          NEXT_TELEMETRY_DISABLED: '1',
        },
      }),
    );
    started.push(...apps);
    await Promise.all(apps.map((app, index) => waitForHttpOk(app, `http://127.0.0.1:${LB_PORTS.apps[index]}/api/health`, APP_START_TIMEOUT_MS)));

    started.push(await startHaproxy({ port: LB_PORTS.haproxy, appPorts: LB_PORTS.apps, realtimePort: LB_PORTS.realtime, dir, logDir }));

    const state: LbState = { databaseUrl: postgres.url, appPids: apps.map((app) => app.pid), postgresPid: postgres.started.pid, limiterStore, logDir };
    process.env[LB_STATE_ENV] = JSON.stringify(state);
  } catch (error) {
    console.error(`[lb] setup failed; see the logs in ${logDir}`);
    await teardown();
    throw error;
  }
  return teardown;
}
