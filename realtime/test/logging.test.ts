import PusherServer from 'pusher';
import { afterEach, describe, expect, it } from 'vitest';
import { ConfigError } from '../src/config/schema';
import { chooseLogFormat, chooseLogLevel, createLogger, withNodeId, type LogFields, type Logger } from '../src/logger';
import { rawSubscribe } from './helpers/raw-auth';
import { RawClient } from './helpers/raw-client';
import { killGroup, spawnInRepo, waitForListening, type Spawned } from './helpers/process';
import { startTestServer } from './helpers/server';
import { until, withTimeout } from './helpers/wait';
import { WebhookReceiver } from './helpers/webhook-receiver';

const FIXED = new Date('2026-01-02T03:04:05.678Z');

describe('structured logs', () => {
  it('json: one parseable pino line per call with time, level, msg and the fields; errors keep their stack', () => {
    const out: string[] = [];
    const err: string[] = [];
    const logger = createLogger({ format: 'json', out: (line) => out.push(line), err: (line) => err.push(line), now: () => FIXED });
    logger.info('started', { event: 'started', port: 6001 });
    logger.warn('connection refused', { code: 4001, msg: 'cannot override', level: 'nor this', time: 0 });
    logger.error('boom', new TypeError('bad thing'), { event: 'x' });
    logger.error('odd throw', 'a string');
    expect(out.map((line) => JSON.parse(line) as unknown)).toEqual([
      { time: FIXED.toISOString(), level: 'info', msg: 'started', event: 'started', port: 6001 },
    ]);
    const [warn, error, odd] = err.map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(warn).toEqual({ time: FIXED.toISOString(), level: 'warn', msg: 'connection refused', code: 4001 });
    expect(error).toMatchObject({ level: 'error', msg: 'boom', event: 'x', err: { type: 'TypeError', message: 'bad thing' } });
    expect((error?.err as { stack: string }).stack).toMatch(/^TypeError: bad thing\n\s+at /);
    expect(odd).toMatchObject({ level: 'error', msg: 'odd throw', err: { message: 'a string' } });
    // One line per call: a reserved key given as a field is dropped, not written twice.
    expect([...out, ...err].every((line) => !line.includes('\n') && (line.match(/"msg":/g) ?? []).length === 1)).toBe(true);
  });

  it('pretty: pino-pretty, the node id leading the message, the context on the same line, the stack below', () => {
    const out: string[] = [];
    const logger = withNodeId(
      createLogger({ format: 'pretty', out: (line) => out.push(line), err: (line) => out.push(line), now: () => FIXED }),
      () => 'n0de',
    );
    logger.info('started', { port: 6001, url: 'ws://127.0.0.1:6001' });
    logger.warn('connection refused', { reason: 'Application does not exist' });
    logger.error('boom', new TypeError('bad thing'));
    const localTime = `${String(FIXED.getHours()).padStart(2, '0')}:04:05.678`;
    expect(out.slice(0, 2)).toEqual([
      `[${localTime}] INFO: [n0de] started {"port":6001,"url":"ws://127.0.0.1:6001"}`,
      `[${localTime}] WARN: [n0de] connection refused {"reason":"Application does not exist"}`,
    ]);
    expect(out[2]).toMatch(/^\[[\d:.]+\] ERROR: \[n0de\] boom[\s\S]*TypeError: bad thing\n\s+at /);
  });

  it('the level drops what is below it', () => {
    const lines: string[] = [];
    const logger = createLogger({ format: 'json', level: 'warn', out: (line) => lines.push(line), err: (line) => lines.push(line) });
    logger.info('chatter');
    logger.warn('attention');
    logger.error('failure');
    expect(lines.map((line) => (JSON.parse(line) as { msg: string }).msg)).toEqual(['attention', 'failure']);
  });

  it('withNodeId: the id current at each line, added only once it is known; a field of the caller wins', () => {
    const lines: string[] = [];
    let id: string | undefined;
    const logger = withNodeId(createLogger({ format: 'json', out: (line) => lines.push(line) }), () => id);
    logger.info('before');
    id = 'first';
    logger.info('during');
    id = 'rejoined';
    logger.info('after');
    logger.info('explicit', { node: 'other' });
    expect(lines.map((line) => (JSON.parse(line) as { node?: string }).node)).toEqual([undefined, 'first', 'rejoined', 'other']);
  });

  it('REALTIME_LOG_FORMAT wins; otherwise pretty on a terminal and json in a pipe', () => {
    expect(chooseLogFormat('pretty', false)).toBe('pretty');
    expect(chooseLogFormat(' JSON ', true)).toBe('json');
    expect(chooseLogFormat(undefined, true)).toBe('pretty');
    expect(chooseLogFormat(undefined, false)).toBe('json');
    expect(chooseLogFormat('bogus', false)).toBe('json');
  });

  it('REALTIME_LOG_LEVEL: info by default, a known level, or a ConfigError naming the choices', () => {
    expect(chooseLogLevel(undefined)).toBe('info');
    expect(chooseLogLevel('')).toBe('info');
    expect(chooseLogLevel(' WARN ')).toBe('warn');
    expect(chooseLogLevel('error')).toBe('error');
    expect(() => chooseLogLevel('debug')).toThrow(ConfigError);
    expect(() => chooseLogLevel('debug')).toThrow('REALTIME_LOG_LEVEL must be one of info, warn, error');
  });
});

const spawned: Spawned[] = [];
let receiver: WebhookReceiver | null = null;
afterEach(async () => {
  for (const process of spawned.splice(0)) killGroup(process);
  await receiver?.close();
  receiver = null;
});

describe('an embedded server', () => {
  it("names its node on every line it gives the embedder's logger", async () => {
    const lines: { message: string; fields?: LogFields }[] = [];
    const logger: Logger = {
      info: (message, fields) => lines.push({ message, fields }),
      warn: (message, fields) => lines.push({ message, fields }),
      error: (message, _error, fields) => lines.push({ message, fields }),
    };
    const test = await startTestServer({ logger });
    try {
      RawClient.open(test.port, '/app/unknown-key?protocol=7');
      await until('the refusal is logged', () => lines.some((line) => line.message === 'connection refused'));
      expect(lines.length).toBeGreaterThan(0);
      expect(lines.every((line) => line.fields?.node === test.server.state.nodeId)).toBe(true);
    } finally {
      await test.close();
    }
  });
});

type LogLine = { level: string; time: string; msg: string; node?: string; event?: string; [key: string]: unknown };

const CREDENTIALS = { PUSHER_APP_ID: 'app-1', PUSHER_APP_KEY: 'key-1', PUSHER_APP_SECRET: 'secret-1', REALTIME_HOST: '127.0.0.1', REALTIME_PORT: '0' };
const CRASH_PRELOAD = './realtime/test/helpers/crash-on-sigusr2.ts';
/** Lines the crash preload logs just before it throws (enough to outrun one asynchronous write). */
const CRASH_BURST_LINES = 2_000;

function startServer(env: Record<string, string>, preload: string[] = []): Spawned {
  // REALTIME_LOG_FORMAT empty: the server chooses by itself, and its output is a pipe here.
  const server = spawnInRepo(process.execPath, ['--import', 'tsx', ...preload.flatMap((file) => ['--import', file]), 'realtime/src/main.ts'], {
    ...CREDENTIALS,
    REALTIME_LOG_FORMAT: '',
    REALTIME_LOG_LEVEL: '',
    ...env,
  });
  spawned.push(server);
  return server;
}

function waitExit(server: Spawned): Promise<{ code: number | null }> {
  return withTimeout<{ code: number | null }>('exit', (resolve) => void server.exited.then(resolve), 10_000);
}

/** Every line but the plain ready line, parsed (a line that is not JSON fails the test here). */
function logLines(server: Spawned): LogLine[] {
  return [...server.stdout().split('\n'), ...server.stderr().split('\n')]
    .filter((line) => line !== '' && !line.startsWith('realtime listening on '))
    .map((line) => JSON.parse(line) as LogLine);
}

describe('the server process', { timeout: 45_000 }, () => {
  it('in a pipe: pino JSON lines with the node id on every one (and the plain ready line), sends env-configured webhooks, flushes held ones on SIGTERM', async () => {
    receiver = await WebhookReceiver.start();
    const server = startServer({
      REALTIME_WEBHOOK_URL: receiver.url,
      REALTIME_WEBHOOK_EVENTS: 'member_added,member_removed',
      REALTIME_WEBHOOK_LEAVE_DELAY_MS: '60000',
    });
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
    expect((await waitExit(server)).code).toBe(0);
    // The member_removed held for 60 s went out before the process ended.
    expect(receiver.events()).toEqual([
      { name: 'member_added', channel: 'presence-room', user_id: 'alice' },
      { name: 'member_removed', channel: 'presence-room', user_id: 'alice' },
    ]);
    expect(receiver.deliveries.every((delivery) => delivery.valid)).toBe(true);

    expect(server.stdout().split('\n')).toContain(`realtime listening on ws://127.0.0.1:${port}`);
    const json = logLines(server);
    const started = json.find((line) => line.event === 'started');
    expect(started).toMatchObject({ level: 'info', msg: `realtime listening on ws://127.0.0.1:${port}`, url: `ws://127.0.0.1:${port}`, apps: ['app-1'] });
    expect(started?.node).toMatch(/^[0-9a-f]{12}$/);
    for (const line of json) {
      expect(line).toMatchObject({ node: started?.node, level: expect.stringMatching(/^(info|warn|error)$/), msg: expect.any(String) });
      expect(new Date(line.time).toISOString()).toBe(line.time);
    }
    expect(json).toContainEqual(expect.objectContaining({ level: 'warn', event: 'connection_refused', code: 4001, appKey: 'unknown-key' }));
    expect(json).toContainEqual(expect.objectContaining({ event: 'stopping', signal: 'SIGTERM' }));
    // The last line of stdout, written just before process.exit: pino's asynchronous destination was flushed.
    const lastOut = server.stdout().trimEnd().split('\n').at(-1) ?? '';
    expect(JSON.parse(lastOut)).toMatchObject({ level: 'info', node: started?.node, event: 'stopped', msg: 'stopped' });
  });

  it('an uncaught exception is logged with its stack and the node id, and no line still buffered is lost when it exits 1', async () => {
    const server = startServer({ LOGGING_TEST_BURST_LINES: String(CRASH_BURST_LINES) }, [CRASH_PRELOAD]);
    await waitForListening(server);
    process.kill(server.child.pid as number, 'SIGUSR2');
    expect((await waitExit(server)).code).toBe(1);
    const json = logLines(server);
    // Logged in the same turn as the crash: every one still in pino's buffer when the process exited.
    expect(json.filter((line) => line.event === 'burst').map((line) => line.index)).toEqual([...Array(CRASH_BURST_LINES).keys()]);
    expect(json.at(-1)?.event).toBe('uncaught_exception');
    const node = json.find((line) => line.event === 'started')?.node;
    const crash = json.find((line) => line.event === 'uncaught_exception');
    expect(crash).toMatchObject({ level: 'error', node, origin: 'uncaughtException', err: { type: 'DeliberateCrash', message: 'deliberate crash for the logging test' } });
    expect((crash?.err as { stack: string }).stack).toMatch(/^DeliberateCrash: deliberate crash for the logging test\n\s+at /);
  });

  it('REALTIME_LOG_LEVEL=warn keeps warnings and drops info; an unknown level stops the start with a clear line', async () => {
    const server = startServer({ REALTIME_LOG_LEVEL: 'warn' });
    const port = await waitForListening(server);
    RawClient.open(port, '/app/unknown-key?protocol=7');
    await until('the refusal is logged', () => server.stderr().includes('connection refused'));
    process.kill(server.child.pid as number, 'SIGTERM');
    expect((await waitExit(server)).code).toBe(0);
    // After the exit every line is in: only warn and above, and the ready line still printed.
    const json = logLines(server);
    expect(json.map((line) => line.event)).toEqual(['connection_refused']);
    expect(server.stdout()).toBe(`realtime listening on ws://127.0.0.1:${port}\n`);

    const refused = startServer({ REALTIME_LOG_LEVEL: 'verbose' });
    expect((await waitExit(refused)).code).toBe(1);
    expect(refused.stderr().trim()).toBe('invalid realtime config: REALTIME_LOG_LEVEL must be one of info, warn, error (got "verbose")');
    expect(refused.stdout()).toBe('');
  });
});
