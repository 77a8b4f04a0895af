import { afterEach, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { RawClient } from './helpers/raw-client';
import { killGroup, REPO_ROOT, spawnInRepo, waitForListening, type Spawned } from './helpers/process';
import { withTimeout } from './helpers/wait';
import { loadConfigFromEnv } from '../src/config/env';
import { ConfigError } from '../src/config/schema';

const ENV = { PUSHER_APP_ID: 'app-1', PUSHER_APP_KEY: 'key-1', PUSHER_APP_SECRET: 'secret-1', REALTIME_HOST: '127.0.0.1', REALTIME_PORT: '0' };
const spawned: Spawned[] = [];

afterEach(() => {
  for (const process of spawned.splice(0)) killGroup(process);
});

async function expectShutdownWith4200(server: Spawned, signal: () => void, expectExitZero = true): Promise<void> {
  const port = await waitForListening(server);
  const clients = await Promise.all([RawClient.connect(port), RawClient.connect(port)]);
  // Client connections must be closed with 4200, and the process must exit 0 within a few seconds.
  const closes = Promise.all(clients.map((client) => client.waitClose(5_000)));
  signal();
  for (const close of await closes) expect(close.code).toBe(4200);
  const exit = await withTimeout<{ code: number | null }>('process exit', (resolve) => {
    void server.exited.then(resolve);
  }, 5_000);
  if (expectExitZero) expect(exit.code).toBe(0);
}

function groupAlive(pid: number): boolean {
  try {
    process.kill(-pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** The npm script only forwards SIGTERM to the server when the shell `exec`s it. */
const npmScript = (JSON.parse(readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts
  .realtime;
const npmScriptExecs = npmScript?.trimStart().startsWith('exec ') ?? false;

// Spawning tsx (and npm) is slow on a loaded 2-core machine: give these tests room.
describe('process lifecycle', { timeout: 45_000 }, () => {
  it('`npm run realtime` logs the ready line; SIGTERM to its process group closes clients with 4200 and ends every process', async () => {
    const server = spawnInRepo('npm', ['run', '--silent', 'realtime'], ENV);
    spawned.push(server);
    // Signal the whole process group, as a terminal (Ctrl-C) or a group-aware supervisor does.
    // npm itself then dies of the signal (its `sh -c` child is killed before the server finishes),
    // so what is checked is the 4200 close and that every process of the group is gone.
    const pid = server.child.pid as number;
    await expectShutdownWith4200(server, () => process.kill(-pid, 'SIGTERM'), false);
    const deadline = Date.now() + 5_000;
    while (groupAlive(pid) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
    expect(groupAlive(pid)).toBe(false);
  });

  it.runIf(npmScriptExecs)('`npm run realtime` exits 0 when only npm itself gets SIGTERM', async () => {
    const server = spawnInRepo('npm', ['run', '--silent', 'realtime'], ENV);
    spawned.push(server);
    await expectShutdownWith4200(server, () => server.child.kill('SIGTERM'));
  });

  it('`node --import tsx realtime/src/main.ts` (how the launcher runs it) exits 0 on SIGTERM to its pid', async () => {
    const server = spawnInRepo(process.execPath, ['--import', 'tsx', 'realtime/src/main.ts'], ENV);
    spawned.push(server);
    await expectShutdownWith4200(server, () => server.child.kill('SIGTERM'));
  });

  it('SIGINT shuts down the same way', async () => {
    const server = spawnInRepo(process.execPath, ['--import', 'tsx', 'realtime/src/main.ts'], ENV);
    spawned.push(server);
    await expectShutdownWith4200(server, () => server.child.kill('SIGINT'));
  });

  it('exits 1 with one clear error line when the config is incomplete', async () => {
    const server = spawnInRepo(process.execPath, ['--import', 'tsx', 'realtime/src/main.ts'], {
      PUSHER_APP_ID: '',
      PUSHER_APP_KEY: 'key',
      PUSHER_APP_SECRET: '',
      REALTIME_APPS_FILE: '',
    });
    spawned.push(server);
    const exit = await withTimeout<{ code: number | null }>('process exit', (resolve) => {
      void server.exited.then(resolve);
    }, 15_000);
    expect(exit.code).toBe(1);
    const lines = server.stderr().trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/PUSHER_APP_ID.*PUSHER_APP_SECRET/);
  });
});

describe('configuration from the environment', () => {
  it('uses the defaults 127.0.0.1:6001 and one app', () => {
    const config = loadConfigFromEnv({ PUSHER_APP_ID: 'a', PUSHER_APP_KEY: 'k', PUSHER_APP_SECRET: 's' });
    expect(config).toMatchObject({ host: '127.0.0.1', port: 6001, apps: [{ id: 'a', key: 'k', secret: 's', enableClientEvents: true }] });
    expect(config.apps[0]?.limits).toMatchObject({ activityTimeoutMs: 120_000, pongTimeoutMs: 30_000, maxPresenceMembers: 100 });
  });

  it('reads several apps with per-app limits from REALTIME_APPS_FILE', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'realtime-apps-'));
    const file = path.join(dir, 'apps.json');
    writeFileSync(
      file,
      JSON.stringify({
        apps: [
          { id: 'one', key: 'k1', secret: 's1', limits: { maxPresenceMembers: 5 } },
          { id: 'two', key: 'k2', secret: 's2', enableClientEvents: false },
        ],
      }),
    );
    const config = loadConfigFromEnv({ REALTIME_APPS_FILE: file, REALTIME_PORT: '7001' });
    expect(config.port).toBe(7001);
    expect(config.apps.map((app) => [app.id, app.limits.maxPresenceMembers, app.enableClientEvents])).toEqual([
      ['one', 5, true],
      ['two', 100, false],
    ]);
  });

  it.each([
    ['a bad port', { PUSHER_APP_ID: 'a', PUSHER_APP_KEY: 'k', PUSHER_APP_SECRET: 's', REALTIME_PORT: 'http' }, /REALTIME_PORT/],
    ['missing credentials', {}, /PUSHER_APP_ID/],
    ['a missing apps file', { REALTIME_APPS_FILE: '/nonexistent/apps.json' }, /cannot read/],
  ])('refuses %s with a ConfigError', (_label, env, message) => {
    expect(() => loadConfigFromEnv(env)).toThrow(ConfigError);
    expect(() => loadConfigFromEnv(env)).toThrow(message);
  });

  it('refuses duplicate app keys and unknown limit names', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'realtime-apps-'));
    const dup = path.join(dir, 'dup.json');
    writeFileSync(dup, JSON.stringify([{ id: 'a', key: 'same', secret: 's' }, { id: 'b', key: 'same', secret: 's' }]));
    expect(() => loadConfigFromEnv({ REALTIME_APPS_FILE: dup })).toThrow(/duplicate app key/);
    const typo = path.join(dir, 'typo.json');
    writeFileSync(typo, JSON.stringify([{ id: 'a', key: 'k', secret: 's', limits: { maxMembers: 3 } }]));
    expect(() => loadConfigFromEnv({ REALTIME_APPS_FILE: typo })).toThrow(ConfigError);
  });
});
