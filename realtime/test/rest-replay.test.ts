import { createHash, createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../src/logger';
import { RawClient } from './helpers/raw-client';
import { APP, startTestServer, type TestServer } from './helpers/server';

const WEEK_SECONDS = 7 * 24 * 3600;
const md5 = (text: string): string => createHash('md5').update(text).digest('hex');
const nowSeconds = (): number => Math.floor(Date.now() / 1000);

/** A query string signed as an SDK does (`names` as sent: their case is the signer's choice). */
function signedQuery(method: string, path: string, params: Record<string, string>): string {
  const canonical = Object.keys(params)
    .map((key) => [key.toLowerCase(), params[key] ?? ''] as const)
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([key, value]) => `${key}=${value}`)
    .join('&');
  const signature = createHmac('sha256', APP.secret).update(`${method}\n${path}\n${canonical}`).digest('hex');
  return new URLSearchParams({ ...params, auth_signature: signature }).toString();
}

const eventsPath = `/apps/${APP.id}/events`;
const captured = JSON.stringify({ name: 'note', channel: 'news', data: '{"text":"the real one"}' });
const forged = JSON.stringify({ name: 'message', channel: 'news', data: '{"from":"alice","text":"forged"}' });

async function post(port: number, query: string, body: string): Promise<number> {
  const response = await fetch(`http://127.0.0.1:${port}${eventsPath}?${query}`, { method: 'POST', body, headers: { 'content-type': 'application/json' } });
  await response.text();
  return response.status;
}

describe('a captured REST request cannot be replayed with another body', () => {
  let test: TestServer;
  beforeAll(async () => {
    test = await startTestServer();
  });
  afterAll(() => test.close());

  it('answers 401 to a week-old signed query with a fresh auth_timestamp and body_md5 prepended, and delivers nothing', async () => {
    const listener = await RawClient.connect(test.port);
    listener.send({ event: 'pusher:subscribe', data: { channel: 'news' } });
    await listener.next('pusher_internal:subscription_succeeded');
    const old = signedQuery('POST', eventsPath, { auth_key: APP.key, auth_timestamp: String(nowSeconds() - WEEK_SECONDS), auth_version: '1.0', body_md5: md5(captured) });
    const replay = `auth_timestamp=${nowSeconds()}&body_md5=${md5(forged)}&${old}`;
    expect(await post(test.port, replay, forged)).toBe(401);
    // The same trick with one fresh copy of either parameter alone is refused as well.
    expect(await post(test.port, `auth_timestamp=${nowSeconds()}&${old}`, captured)).toBe(401);

    // A later, genuinely signed event is the next thing the listener gets: the forged one never came.
    const fresh = signedQuery('POST', eventsPath, { auth_key: APP.key, auth_timestamp: String(nowSeconds()), auth_version: '1.0', body_md5: md5(captured) });
    expect(await post(test.port, fresh, captured)).toBe(200);
    const next = await listener.next('note');
    expect(next.data).toEqual({ text: 'the real one' });
    expect(listener.frames.some((frame) => frame.event === 'message')).toBe(false);
    listener.close();
  });

  it('answers 401 when names differ only in case (an old upper-case signed query plus fresh lower-case copies)', async () => {
    const old = signedQuery('POST', eventsPath, { AUTH_KEY: APP.key, AUTH_TIMESTAMP: String(nowSeconds() - WEEK_SECONDS), AUTH_VERSION: '1.0', BODY_MD5: md5(captured) });
    expect(await post(test.port, `auth_key=${APP.key}&auth_timestamp=${nowSeconds()}&auth_version=1.0&body_md5=${md5(forged)}&${old}`, forged)).toBe(401);
    // A correctly signed request that also repeats one of its own names in another case.
    const fresh = signedQuery('POST', eventsPath, { auth_key: APP.key, auth_timestamp: String(nowSeconds()), auth_version: '1.0', body_md5: md5(captured) });
    expect(await post(test.port, `${fresh}&Auth_Version=1.0`, captured)).toBe(401);
    // Upper-case names signed as such, each given once, still verify (the canonical form lower-cases them).
    const upper = signedQuery('POST', eventsPath, { AUTH_KEY: APP.key, AUTH_TIMESTAMP: String(nowSeconds()), AUTH_VERSION: '1.0', BODY_MD5: md5(captured) });
    expect(await post(test.port, upper, captured)).toBe(200);
  });
});

describe('a failed REST call is logged without its signed query', () => {
  it('logs the path and the channel of a 500, never auth_key, auth_timestamp or auth_signature', async () => {
    const lines: string[] = [];
    const logger = createLogger({ format: 'json', out: (line) => lines.push(line), err: (line) => lines.push(line) });
    const test = await startTestServer({ logger });
    try {
      // An injected fault: the state's channel lookup fails as a lost Redis would.
      test.server.state.channelSummaries = () => Promise.reject(new Error('state unavailable'));
      const response = await test.rest.get({ path: '/channels/presence-room', params: { info: 'user_count' } }).catch((error: unknown) => error as { status: number });
      expect(response.status).toBe(500);
      const failure = lines.find((line) => line.includes('state unavailable'));
      expect(failure).toBeDefined();
      for (const line of lines) expect(line).not.toMatch(/auth_signature|auth_key|auth_timestamp/);
      expect(failure).toContain(`/apps/${APP.id}/channels/presence-room`);
      expect(JSON.parse(failure ?? '{}')).toMatchObject({ level: 'error', channel: 'presence-room' });
    } finally {
      await test.close();
    }
  });
});
