/**
 * `npm run bench:big-room-page`: the room page in Chromium with 1,000 people in the room. Starts the realtime
 * server (cap raised to BIG_ROOM_CAP) and the app from the e2e production build (`tsx scripts/e2e-build.ts`
 * first; this script does not build), signs in the demo user Alice in Chromium, fills the Books room with 999
 * bare WebSocket members signed with the app's key and secret (exactly what the realtime server sees from
 * pusher-js), and measures:
 *   - entry: page load → the page shows "1000 here" (also with an empty room, the baseline of the same run);
 *   - rows in the page (the list renders only what is on screen);
 *   - update: a member joins → the page shows the new count (N trials);
 *   - churn: 10 joins and 10 leaves a second for 10 s → main-thread long tasks and the worst frame gap;
 *   - search: typing a name → only the matching row is listed.
 * Ports: BIG_ROOM_APP_PORT (3500) and BIG_ROOM_REALTIME_PORT (6501), loopback only. Prints one JSON document.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { rmSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Page } from '@playwright/test';
import PusherServer from 'pusher';
import { WebSocket } from 'ws';
import { CHROMIUM_ARGS, resolveChromium } from '../e2e/browser';
import { summarize } from './support/summary';

const ROOT = path.resolve(__dirname, '..');
const HOST = '127.0.0.1';
const APP_PORT = Number(process.env.BIG_ROOM_APP_PORT ?? 3500);
const REALTIME_PORT = Number(process.env.BIG_ROOM_REALTIME_PORT ?? 6501);
const CREDENTIALS = { appId: 'big-room-bench', key: 'big-room-bench-key', secret: 'big-room-bench-secret-loopback-only' };
const DATA_DIR = '.data/big-room-bench';
/** The room: 1,000 people, Alice and 999 others. */
const ROOM_SIZE = 1_000;
/** Room for the room and the update trials' extra members. */
const BIG_ROOM_CAP = 2_000;
const ROOM = 'books';
const CHANNEL = `presence-hobby-${ROOM}`;
const ALICE = { username: 'alice', password: 'presently-demo' };
const ENTRY_TRIALS = 3;
const UPDATE_TRIALS = 20;
const CHURN_PER_S = 10;
const CHURN_S = 10;
const JOIN_WAVE = 50;
const READY_TIMEOUT_MS = 180_000;
const STEP_TIMEOUT_MS = 60_000;

const rest = new PusherServer({ ...CREDENTIALS, host: HOST, port: String(REALTIME_PORT), useTLS: false });

class BenchSetupError extends Error {
  override readonly name = 'BenchSetupError';
}

const started: ChildProcess[] = [];

function start(command: string, args: string[], env: Record<string, string>): ChildProcess {
  const child = spawn(command, args, { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'inherit'], detached: true });
  started.push(child);
  return child;
}

function stopAll(): void {
  for (const child of started) {
    if (child.pid !== undefined && child.exitCode === null) {
      try {
        process.kill(-child.pid, 'SIGTERM');
      } catch (error) {
        console.error(`could not stop process group ${child.pid}: ${(error as Error).message}`);
      }
    }
  }
}

async function waitForHttp(url: string): Promise<void> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (Date.now() < deadline) {
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(2_000) });
      await response.body?.cancel();
      if (response.status < 500) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new BenchSetupError(`${url} did not answer within ${READY_TIMEOUT_MS / 1000} s`);
}

/** One member of the room: a bare Pusher protocol client on a presence subscription signed with the app secret. */
class Member {
  private constructor(
    private readonly socket: WebSocket,
    private readonly socketId: string,
    readonly index: number,
  ) {}

  static connect(index: number): Promise<Member> {
    const socket = new WebSocket(`ws://${HOST}:${REALTIME_PORT}/app/${CREDENTIALS.key}?protocol=7&client=bench&version=1.0`);
    return new Promise((resolve, reject) => {
      socket.once('error', reject);
      socket.once('message', (raw: Buffer) => {
        const frame = JSON.parse(raw.toString()) as { data: string };
        resolve(new Member(socket, (JSON.parse(frame.data) as { socket_id: string }).socket_id, index));
      });
    });
  }

  join(): Promise<void> {
    const info = { name: `Guest ${String(this.index).padStart(4, '0')}`, color: '#0e7490', status: 'Reading, slowly', statusUpdatedAt: null };
    const auth = rest.authorizeChannel(this.socketId, CHANNEL, { user_id: `guest-${this.index}`, user_info: info });
    return new Promise((resolve, reject) => {
      const onMessage = (raw: Buffer) => {
        const text = raw.toString();
        if (!text.includes(CHANNEL)) return;
        if (text.includes('subscription_succeeded') || text.includes('subscription_error')) {
          this.socket.off('message', onMessage);
          if (text.includes('subscription_error')) reject(new BenchSetupError(`guest-${this.index} refused: ${text}`));
          else resolve();
        }
      };
      this.socket.on('message', onMessage);
      this.socket.send(JSON.stringify({ event: 'pusher:subscribe', data: { channel: CHANNEL, ...auth } }));
    });
  }

  leave(): void {
    this.socket.send(JSON.stringify({ event: 'pusher:unsubscribe', data: { channel: CHANNEL } }));
  }

  close(): void {
    this.socket.terminate();
  }
}

async function joinAll(members: readonly Member[]): Promise<void> {
  for (let first = 0; first < members.length; first += JOIN_WAVE) await Promise.all(members.slice(first, first + JOIN_WAVE).map((member) => member.join()));
}

/** Page load of the room → its count shows `expected` here (ms). */
async function entry(page: Page, expected: number): Promise<number> {
  const begin = Date.now();
  await page.goto(`/rooms/${ROOM}`);
  await page.locator('aside [data-testid="presence-count"]', { hasText: `${expected} here` }).waitFor({ timeout: STEP_TIMEOUT_MS });
  return Date.now() - begin;
}

/** In the page: when the count last changed to each text (Date.now(), the same clock as this script's). */
const WATCH_COUNT = `(() => {
  const seen = {};
  const count = () => document.querySelector('aside [data-testid="presence-count"]');
  new MutationObserver(() => { const text = count()?.textContent; if (text && !(text in seen)) seen[text] = Date.now(); })
    .observe(document.body, { subtree: true, childList: true, characterData: true });
  const longTasks = [];
  new PerformanceObserver((list) => { for (const entry of list.getEntries()) longTasks.push(entry.duration); }).observe({ type: 'longtask', buffered: false });
  let last = performance.now(); let worstGap = 0;
  const frame = (now) => { worstGap = Math.max(worstGap, now - last); last = now; requestAnimationFrame(frame); };
  requestAnimationFrame(frame);
  window.__bench = { seen, longTasks, resetFrames: () => { worstGap = 0; longTasks.length = 0; last = performance.now(); }, worstGap: () => worstGap };
})()`;

async function seenAt(page: Page, text: string): Promise<number> {
  const handle = await page.waitForFunction((wanted) => (window as unknown as { __bench: { seen: Record<string, number> } }).__bench.seen[wanted] ?? null, text, {
    timeout: STEP_TIMEOUT_MS,
    polling: 'raf',
  });
  return (await handle.jsonValue()) as number;
}

async function main(): Promise<void> {
  rmSync(path.join(ROOT, DATA_DIR), { recursive: true, force: true });
  const pusherEnv = { PUSHER_APP_ID: CREDENTIALS.appId, PUSHER_APP_KEY: CREDENTIALS.key, PUSHER_APP_SECRET: CREDENTIALS.secret };
  start(process.execPath, ['--import', 'tsx', 'realtime/src/main.ts'], {
    ...pusherEnv,
    REALTIME_HOST: HOST,
    REALTIME_PORT: String(REALTIME_PORT),
    REALTIME_MAX_PRESENCE_MEMBERS: String(BIG_ROOM_CAP),
    REALTIME_LOG_FORMAT: 'json',
    // All 1,000 members connect from 127.0.0.1: lift the per-address share for that one address.
    REALTIME_MAX_CONNECTIONS_PER_ADDRESS: String(BIG_ROOM_CAP * 2),
    REALTIME_NEW_CONNECTION_BURST_PER_ADDRESS: String(BIG_ROOM_CAP * 2),
  });
  start('npm', ['start'], {
    ...pusherEnv,
    PUSHER_HOST: HOST,
    PUSHER_PORT: String(REALTIME_PORT),
    PORT: String(APP_PORT),
    NEXT_DIST_DIR: process.env.E2E_NEXT_DIST_DIR ?? '.next-e2e',
    DATA_DIR,
    DATABASE_URL: '',
    NEXT_TELEMETRY_DISABLED: '1',
  });
  await waitForHttp(`http://${HOST}:${REALTIME_PORT}/`);
  await waitForHttp(`http://localhost:${APP_PORT}/api/auth/csrf`);

  const browser = await chromium.launch({ executablePath: resolveChromium(), args: CHROMIUM_ARGS });
  const members: Member[] = [];
  try {
    const context = await browser.newContext({ baseURL: `http://localhost:${APP_PORT}`, viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await page.goto('/sign-in?callbackUrl=%2Frooms');
    const form = page.getByRole('form', { name: 'Sign in' });
    await form.getByLabel('Username').fill(ALICE.username);
    await form.getByLabel('Password').fill(ALICE.password);
    await form.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL((url) => url.pathname === '/rooms');

    const emptyEntries: number[] = [];
    for (let trial = 0; trial < ENTRY_TRIALS; trial += 1) emptyEntries.push(await entry(page, 1));

    for (let i = 0; i < ROOM_SIZE - 1 + UPDATE_TRIALS + CHURN_PER_S * CHURN_S; i += 1) members.push(await Member.connect(i));
    const inRoom = members.slice(0, ROOM_SIZE - 1);
    const spare = members.slice(ROOM_SIZE - 1);
    const fillBegin = Date.now();
    await joinAll(inRoom);
    const fillMs = Date.now() - fillBegin;

    const fullEntries: number[] = [];
    for (let trial = 0; trial < ENTRY_TRIALS; trial += 1) fullEntries.push(await entry(page, ROOM_SIZE));
    const rowsInPage = await page.locator('aside li[data-member-id]').count();
    const stackFaces = await page.getByRole('list', { name: "Who's here" }).getByRole('button').count();
    const overflowLabel = await page.getByRole('list', { name: "Who's here" }).getByRole('button', { name: /more$/ }).getAttribute('aria-label');

    await page.evaluate(WATCH_COUNT);
    const updates: number[] = [];
    for (let trial = 0; trial < UPDATE_TRIALS; trial += 1) {
      const joiner = spare[trial] as Member;
      const begin = Date.now();
      await joiner.join();
      updates.push((await seenAt(page, `${ROOM_SIZE + trial + 1} here`)) - begin);
    }

    // Churn: the update trials' members leave, one a tick, while others join.
    await page.evaluate(() => (window as unknown as { __bench: { resetFrames(): void } }).__bench.resetFrames());
    const churners = spare.slice(UPDATE_TRIALS);
    const churnBegin = Date.now();
    for (let tick = 0; tick < CHURN_PER_S * CHURN_S; tick += 1) {
      (spare[tick % UPDATE_TRIALS] as Member).leave();
      void (churners[tick] as Member).join();
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, churnBegin + ((tick + 1) * 1000) / CHURN_PER_S - Date.now())));
    }
    const churn = await page.evaluate(() => {
      const bench = (window as unknown as { __bench: { longTasks: number[]; worstGap(): number } }).__bench;
      return { longTasks: bench.longTasks.length, longTaskMs: Math.round(bench.longTasks.reduce((sum, ms) => sum + ms, 0)), worstFrameGapMs: Math.round(bench.worstGap()) };
    });

    const search = page.locator('aside').getByRole('searchbox', { name: 'Search people here' });
    const searchBegin = Date.now();
    await search.fill('Guest 0421');
    await page.locator('aside li[data-member-id]').first().waitFor();
    await page.waitForFunction(() => document.querySelectorAll('aside li[data-member-id]').length === 1, undefined, { timeout: STEP_TIMEOUT_MS, polling: 'raf' });
    const searchMs = Date.now() - searchBegin;

    console.log(
      JSON.stringify(
        {
          roomSize: ROOM_SIZE,
          fillMs,
          entryEmptyRoomMs: summarize(emptyEntries),
          entry1000Ms: summarize(fullEntries),
          rowsInPage,
          stackFaces,
          overflowLabel,
          updateMs: summarize(updates),
          churn: { perSecond: CHURN_PER_S, seconds: CHURN_S, ...churn },
          searchMs,
        },
        null,
        2,
      ),
    );
  } finally {
    for (const member of members) member.close();
    await browser.close();
    stopAll();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
  stopAll();
  process.exitCode = 1;
});
