import PusherServer from 'pusher';
import { afterEach, describe, expect, it } from 'vitest';
import { chooseLogFormat, createLogger } from '../src/logger';
import { rawSubscribe } from './helpers/raw-auth';
import { RawClient } from './helpers/raw-client';
import { killGroup, spawnInRepo, waitForListening, type Spawned } from './helpers/process';
import { until, withTimeout } from './helpers/wait';
import { WebhookReceiver } from './helpers/webhook-receiver';

const FIXED = new Date('2026-01-02T03:04:05.678Z');

describe('structured logs', () => {
  it('json: one parseable object per line with time, level, msg and the fields', () => {
    const out: string[] = [];
    const err: string[] = [];
    const logger = createLogger({ format: 'json', out: (line) => out.push(line), err: (line) => err.push(line), now: () => FIXED });
    logger.info('started', { event: 'started', port: 6001 });
    logger.warn('connection refused', { code: 4001, msg: 'cannot override' });
    logger.error('boom', new TypeError('bad thing'), { event: 'x' });
    expect(out.map((line) => JSON.parse(line) as unknown)).toEqual([
      { time: FIXED.toISOString(), level: 'info', msg: 'started', event: 'started', port: 6001 },
    ]);
    const [warn, error] = err.map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(warn).toEqual({ time: FIXED.toISOString(), level: 'warn', msg: 'connection refused', code: 4001 });
    expect(error).toMatchObject({ level: 'error', msg: 'boom', event: 'x', err: { name: 'TypeError', message: 'bad thing' } });
    expect(err.every((line) => !line.includes('\n'))).toBe(true);
  });

  it('pretty: a readable line with key=value context', () => {
    const out: string[] = [];
    const logger = createLogger({ format: 'pretty', out: (line) => out.push(line), err: (line) => out.push(line), now: () => FIXED });
    logger.info('started', { port: 6001, url: 'ws://127.0.0.1:6001' });
    logger.warn('connection refused', { reason: 'Application does not exist' });
    expect(out).toEqual([
      '03:04:05.678 started port=6001 url=ws://127.0.0.1:6001',
      '03:04:05.678 warn: connection refused reason="Application does not exist"',
    ]);
  });

  it('REALTIME_LOG_FORMAT wins; otherwise pretty on a terminal and json in a pipe', () => {
    expect(chooseLogFormat('pretty', false)).toBe('pretty');
    expect(chooseLogFormat(' JSON ', true)).toBe('json');
    expect(chooseLogFormat(undefined, true)).toBe('pretty');
    expect(chooseLogFormat(undefined, false)).toBe('json');
    expect(chooseLogFormat('bogus', false)).toBe('json');
  });
});

const spawned: Spawned[] = [];
let receiver: WebhookReceiver | null = null;
afterEach(async () => {
  for (const process of spawned.splice(0)) killGroup(process);
  await receiver?.close();
  receiver = null;
});

describe('the server process', { timeout: 45_000 }, () => {
  it('logs JSON lines (and the plain ready line), sends env-configured webhooks, and flushes held ones on SIGTERM', async () => {
    receiver = await WebhookReceiver.start();
    const server = spawnInRepo(process.execPath, ['--import', 'tsx', 'realtime/src/main.ts'], {
      PUSHER_APP_ID: 'app-1',
      PUSHER_APP_KEY: 'key-1',
      PUSHER_APP_SECRET: 'secret-1',
      REALTIME_HOST: '127.0.0.1',
      REALTIME_PORT: '0',
      REALTIME_LOG_FORMAT: 'json',
      REALTIME_WEBHOOK_URL: receiver.url,
      REALTIME_WEBHOOK_EVENTS: 'member_added,member_removed',
      REALTIME_WEBHOOK_LEAVE_DELAY_MS: '60000',
    });
    spawned.push(server);
    const port = await waitForListening(server);
    const client = await RawClient.connect(port);
    const signer = { rest: new PusherServer({ appId: 'app-1', key: 'key-1', secret: 'secret-1', host: '127.0.0.1' }) };
    await rawSubscribe(signer, client, 'presence-room', { user_id: 'alice' });
    await receiver.waitFor('member_added', (events) => events.length === 1);
    RawClient.open(port, '/app/unknown-key?protocol=7');
    await until('the refusal is logged', () => server.stderr().includes('connection refused'));

    const closed = client.waitClose(5_000);
    process.kill(server.child.pid as number, 'SIGTERM');
    expect((await closed).code).toBe(4200);
    const exit = await withTimeout<{ code: number | null }>('exit', (resolve) => void server.exited.then(resolve), 10_000);
    expect(exit.code).toBe(0);
    // The member_removed held for 60 s went out before the process ended.
    expect(receiver.events()).toEqual([
      { name: 'member_added', channel: 'presence-room', user_id: 'alice' },
      { name: 'member_removed', channel: 'presence-room', user_id: 'alice' },
    ]);
    expect(receiver.deliveries.every((delivery) => delivery.valid)).toBe(true);

    const stdout = server.stdout().trim().split('\n');
    expect(stdout).toContain(`realtime listening on ws://127.0.0.1:${port}`);
    const json = [...stdout.filter((line) => line.startsWith('{')), ...server.stderr().trim().split('\n')].map(
      (line) => JSON.parse(line) as { level: string; msg: string; event?: string; [key: string]: unknown },
    );
    expect(json).toContainEqual(expect.objectContaining({ level: 'info', event: 'started', msg: `realtime listening on ws://127.0.0.1:${port}` }));
    expect(json).toContainEqual(expect.objectContaining({ level: 'warn', event: 'connection_refused', code: 4001, appKey: 'unknown-key' }));
    expect(json).toContainEqual(expect.objectContaining({ event: 'stopping', signal: 'SIGTERM' }));
    expect(json).toContainEqual(expect.objectContaining({ event: 'stopped' }));
  });
});
