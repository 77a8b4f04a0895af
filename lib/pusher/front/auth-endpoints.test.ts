import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { encode } from 'next-auth/jwt';
import Pusher from 'pusher';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '@/lib/db/client';
import { createUser } from '@/lib/db/queries/users';
import { addTeamMember, createRoom, removeTeamMember, setTeamRole } from '@/lib/db/queries/memberships';
import type { User } from '@/lib/db/schema';
import { openTestDatabase, testDatabaseKinds } from '@/lib/db/test-databases';
import { memberInfoFor } from '@/lib/presence/member-info';
import { serveAuthEndpoint } from './auth-endpoints';

/** Loopback-only values for this test's own config; nothing is contacted (signing is local). */
const ENV = {
  AUTH_SECRET: 'front-endpoints-test-secret-0123456789abcdef',
  AUTH_TRUST_HOST: 'true',
  PUSHER_APP_ID: 'front-test',
  PUSHER_APP_KEY: 'front-test-key',
  PUSHER_APP_SECRET: 'front-test-secret',
  PUSHER_HOST: '127.0.0.1',
  PUSHER_PORT: '6999',
};
const COOKIE = 'authjs.session-token';
const FORM = 'application/x-www-form-urlencoded';
const OPEN_TIMEOUT_MS = 120_000;
const HOUR_SECONDS = 3_600;
const NOT_FRONT = 'handed to Next';

const globalForDb = globalThis as typeof globalThis & { __presentlyDatabase?: Promise<DatabaseHandle> };
/** The same SDK, credentials and input: what the Next route would answer, computed independently. */
const expected = new Pusher({ appId: ENV.PUSHER_APP_ID, key: ENV.PUSHER_APP_KEY, secret: ENV.PUSHER_APP_SECRET, host: '127.0.0.1', port: ENV.PUSHER_PORT });

type Answer = { status: number; headers: Record<string, string | string[] | undefined>; body: string };

describe.each(testDatabaseKinds())('the front answers pusher-js authorization as the Next routes do (%s)', (kind) => {
  let handle: DatabaseHandle;
  let server: Server;
  let port = 0;
  let owner: User;
  let mate: User;
  let teamId = '';

  /** A raw request, so that tests control every header (and can send a body without a length). */
  function send(path: string, options: { method?: string; cookie?: string; type?: string; body?: string | string[] } = {}): Promise<Answer> {
    return new Promise((resolve, reject) => {
      const headers: Record<string, string> = {};
      if (options.cookie !== undefined) headers.cookie = options.cookie;
      if (options.type !== undefined) headers['content-type'] = options.type;
      const outgoing = httpRequest({ host: '127.0.0.1', port, path, method: options.method ?? 'POST', headers }, (response) => {
        let body = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => (body += chunk));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body }));
      });
      outgoing.on('error', reject);
      // An array is sent in chunks (no Content-Length), as a client streaming its body would.
      for (const chunk of [options.body ?? ''].flat()) outgoing.write(chunk);
      outgoing.end();
    });
  }

  async function sessionFor(userId: string): Promise<string> {
    const token = await encode({ token: { sub: userId }, secret: ENV.AUTH_SECRET, salt: COOKIE, maxAge: HOUR_SECONDS });
    return `${COOKIE}=${token}`;
  }

  const channelAuth = (cookie: string | undefined, channel: string, socketId = '1234.5678') =>
    send('/api/pusher/auth', { cookie, type: FORM, body: new URLSearchParams({ socket_id: socketId, channel_name: channel }).toString() });

  function errorCode(answer: Answer): string {
    return (JSON.parse(answer.body) as { error: { code: string } }).error.code;
  }

  beforeAll(async () => {
    Object.assign(process.env, ENV);
    handle = await openTestDatabase(kind);
    globalForDb.__presentlyDatabase = Promise.resolve(handle);
    owner = await createUser({ username: `front-owner-${kind}`, displayName: 'Owner', passwordHash: null }, handle.db);
    mate = await createUser({ username: `front-mate-${kind}`, displayName: 'Mate', passwordHash: null }, handle.db);
    teamId = (await createRoom({ slug: 'front-team', name: 'Team', kind: 'business', description: '', creatorId: owner.id }, handle.db)).id;
    await createRoom({ slug: 'front-club', name: 'Club', kind: 'hobby', description: '', creatorId: owner.id }, handle.db);
    server = createServer((request, response) => {
      if (!serveAuthEndpoint(request, response, Promise.resolve())) response.writeHead(404).end(NOT_FRONT);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  }, OPEN_TIMEOUT_MS);

  afterAll(async () => {
    await new Promise((resolve) => server?.close(resolve));
    globalForDb.__presentlyDatabase = undefined;
    await handle?.close();
  });

  it('signs hobby and business presence with the database identity, exactly as the SDK would', async () => {
    const cookie = await sessionFor(owner.id);
    const hobby = await channelAuth(cookie, 'presence-hobby-front-club');
    expect(hobby.status, hobby.body).toBe(200);
    expect(JSON.parse(hobby.body)).toEqual(expected.authorizeChannel('1234.5678', 'presence-hobby-front-club', { user_id: owner.id, user_info: memberInfoFor(owner) }));
    const team = await channelAuth(cookie, 'presence-business-front-team');
    expect(JSON.parse(team.body)).toEqual(
      expected.authorizeChannel('1234.5678', 'presence-business-front-team', { user_id: owner.id, user_info: memberInfoFor(owner, 'admin') }),
    );
    const signin = await send('/api/pusher/user-auth', { cookie, type: FORM, body: 'socket_id=1.2&user_id=someone-else' });
    expect(JSON.parse(signin.body)).toEqual(expected.authenticateUser('1.2', { id: owner.id, user_info: memberInfoFor(owner) }));
    // A JSON body is read the same way.
    const viaJson = await send('/api/pusher/auth', { cookie, type: 'application/json', body: JSON.stringify({ socket_id: '1.2', channel_name: 'presence-hobby-front-club' }) });
    expect(viaJson.status).toBe(200);
    expect(hobby.headers).toMatchObject({
      'content-type': 'application/json',
      'cache-control': 'no-store',
      'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
      'x-content-type-options': 'nosniff',
      'x-frame-options': 'DENY',
    });
  });

  it('a role change and a removal count from the very next authorization', async () => {
    const cookie = await sessionFor(mate.id);
    const channel = 'presence-business-front-team';
    expect(errorCode(await channelAuth(cookie, channel))).toBe('forbidden');
    await addTeamMember(teamId, mate.id, handle.db);
    const asMember = await channelAuth(cookie, channel);
    expect(JSON.parse((JSON.parse(asMember.body) as { channel_data: string }).channel_data)).toMatchObject({ user_info: { isAdmin: false } });
    await setTeamRole(teamId, mate.id, 'admin', handle.db);
    const asAdmin = await channelAuth(cookie, channel);
    expect(JSON.parse((JSON.parse(asAdmin.body) as { channel_data: string }).channel_data)).toMatchObject({ user_info: { isAdmin: true } });
    await removeTeamMember(teamId, mate.id, handle.db);
    const removed = await channelAuth(cookie, channel);
    expect([removed.status, errorCode(removed)]).toEqual([403, 'forbidden']);
    expect(errorCode(await channelAuth(cookie, 'private-watch-business-front-team'))).toBe('forbidden');
  });

  it('refuses as the routes do, in the same order: media type, size, body, session, access', async () => {
    const cookie = await sessionFor(owner.id);
    const refusals: Array<[Promise<Answer>, number, string]> = [
      [channelAuth(undefined, 'presence-hobby-front-club'), 401, 'unauthorized'],
      [channelAuth(`${COOKIE}=eyJhbGciOiJkaXIiLCJlbmMiOiJBMjU2Q0JDLUhTNTEyIn0.forged`, 'presence-hobby-front-club'), 401, 'unauthorized'],
      [channelAuth(await sessionFor('00000000-0000-4000-8000-000000000000'), 'presence-hobby-front-club'), 401, 'unauthorized'],
      // The body is checked before the session, as in the routes.
      [channelAuth(undefined, 'presence-hobby-front-club', '1.2.3'), 400, 'bad_request'],
      [channelAuth(cookie, 'private-front-club'), 400, 'bad_request'],
      [channelAuth(cookie, 'presence-hobby-no-such-room'), 404, 'not_found'],
      [channelAuth(cookie, 'presence-hobby-front-team'), 404, 'not_found'],
      [send('/api/pusher/auth', { cookie, type: FORM, body: 'socket_id=1.1&channel_name=a&channel_name=b' }), 400, 'bad_request'],
      [send('/api/pusher/auth', { cookie, type: 'application/json', body: '{not json' }), 400, 'bad_request'],
      [send('/api/pusher/auth', { cookie, type: 'text/plain', body: 'socket_id=1.1' }), 415, 'unsupported_media_type'],
      [send('/api/pusher/user-auth', { cookie, body: 'socket_id=1.1' }), 415, 'unsupported_media_type'],
      [send('/api/pusher/auth', { cookie, type: FORM, body: `socket_id=1.1&pad=${'x'.repeat(5_000)}` }), 413, 'payload_too_large'],
      [send('/api/pusher/user-auth', { cookie, type: FORM, body: ['socket_id=1.1&pad=', ...Array.from({ length: 10 }, () => 'x'.repeat(1_000))] }), 413, 'payload_too_large'],
    ];
    for (const [answer, status, code] of refusals) {
      const { status: got, body } = await answer;
      expect([got, errorCode({ status: got, headers: {}, body })], body).toEqual([status, code]);
    }
  });

  it('leaves every other request, and a chunked session cookie, to Next', async () => {
    const cookie = await sessionFor(owner.id);
    for (const answer of [
      send('/api/pusher/auth', { method: 'GET', cookie }),
      send('/api/pusher/auth/', { cookie, type: FORM, body: 'socket_id=1.1&channel_name=presence-hobby-front-club' }),
      send('/api/pusher/webhook', { cookie, type: 'application/json', body: '{}' }),
      send('/api/pusher/authx', { cookie, type: FORM, body: 'socket_id=1.1' }),
      send('/api/pusher/user-auth', { cookie: `${COOKIE}.0=part; ${COOKIE}.1=part`, type: FORM, body: 'socket_id=1.1' }),
    ]) {
      expect((await answer).body).toBe(NOT_FRONT);
    }
    // With the query string the route still applies, as in Next.
    expect((await send('/api/pusher/user-auth?x=1', { cookie, type: FORM, body: 'socket_id=1.1' })).status).toBe(200);
  });
});
