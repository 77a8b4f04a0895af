import { expect, test } from './fixtures';
import {
  channelAuthRequest,
  expectApiError,
  expectChannelAuth,
  signedUserData,
  userAuthRequest,
} from './support/pusher-auth';

test.describe('without a session', () => {
  test('both Pusher endpoints and the status API answer 401', async ({ request }) => {
    await expectApiError(await channelAuthRequest(request, 'presence-hobby-gaming'), 401, 'unauthorized');
    await expectApiError(await userAuthRequest(request), 401, 'unauthorized');
    await expectApiError(await request.put('/api/me/status', { data: { status: 'hi' } }), 401, 'unauthorized');
    await expectApiError(
      await request.get('/api/users/statuses?ids=00000000-0000-4000-8000-000000000000'),
      401,
      'unauthorized',
    );
  });

  test('a forged session cookie is no session', async ({ playwright, baseURL }) => {
    const request = await playwright.request.newContext({
      baseURL,
      extraHTTPHeaders: { cookie: 'authjs.session-token=eyJhbGciOiJkaXIiLCJlbmMiOiJBMjU2Q0JDLUhTNTEyIn0.forged' },
    });
    await expectApiError(await channelAuthRequest(request, 'presence-hobby-gaming'), 401, 'unauthorized');
    await expectApiError(await userAuthRequest(request), 401, 'unauthorized');
    await request.dispose();
  });
});

test.describe('signed in', () => {
  test('user-auth signs exactly the session user, whatever the body claims', async ({ people }) => {
    const carol = await people.signInAs('carol');
    const response = await userAuthRequest(carol.page.request, {
      extra: { user_id: 'someone-else', id: 'someone-else', user_info: '{"name":"Mallory"}' },
    });
    expect(response.status()).toBe(200);
    const userData = JSON.parse(((await response.json()) as { user_data: string }).user_data) as {
      id: string;
      user_info: Record<string, unknown>;
    };
    expect(userData.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(userData.user_info).toMatchObject({ name: 'Carol Chen', color: expect.stringMatching(/^#[0-9a-f]{6}$/) });
    expect(userData.user_info).not.toHaveProperty('isAdmin');
  });

  test('hobby rooms: any signed-in user, with their own identity even if the body forges another', async ({ people }) => {
    const carol = await people.signInAs('carol');
    const alice = await people.signInAs('alice');
    const carolId = (await signedUserData(carol.page.request)).id;
    const aliceId = (await signedUserData(alice.page.request)).id;

    const data = await expectChannelAuth(
      await channelAuthRequest(carol.page.request, 'presence-hobby-gaming', {
        extra: { user_id: aliceId, user_info: JSON.stringify({ name: 'Alice Anders', isAdmin: true }) },
      }),
    );
    expect(data.user_id).toBe(carolId);
    expect(data.user_info).toMatchObject({ name: 'Carol Chen' });
    expect(data.user_info).not.toHaveProperty('isAdmin');

    // A JSON body is read the same way.
    const viaJson = await carol.page.request.post('/api/pusher/auth', {
      data: { socket_id: '1.2', channel_name: 'presence-hobby-music', user_id: aliceId },
    });
    expect((await expectChannelAuth(viaJson)).user_id).toBe(carolId);
  });

  test('business rooms: members only, and the admin flag comes from the membership', async ({ people }) => {
    const alice = await people.signInAs('alice');
    const bob = await people.signInAs('bob');
    const carol = await people.signInAs('carol');

    const asAlice = await expectChannelAuth(await channelAuthRequest(alice.page.request, 'presence-business-acme-hq'));
    expect(asAlice.user_info).toMatchObject({ name: 'Alice Anders', isAdmin: true });
    const asBob = await expectChannelAuth(
      await channelAuthRequest(bob.page.request, 'presence-business-acme-hq', { extra: { isAdmin: 'true' } }),
    );
    expect(asBob.user_info).toMatchObject({ name: 'Bob Brown', isAdmin: false });

    await expectApiError(await channelAuthRequest(carol.page.request, 'presence-business-acme-hq'), 403, 'forbidden');
    // Not even by claiming to be a member in the body.
    const aliceId = (await signedUserData(alice.page.request)).id;
    await expectApiError(
      await channelAuthRequest(carol.page.request, 'presence-business-acme-hq', { extra: { user_id: aliceId } }),
      403,
      'forbidden',
    );
  });

  test('unknown rooms are 404, including a real room under the wrong kind', async ({ account: _signedIn, page }) => {
    await expectApiError(await channelAuthRequest(page.request, 'presence-hobby-no-such-room'), 404, 'not_found');
    await expectApiError(await channelAuthRequest(page.request, 'presence-business-gaming'), 404, 'not_found');
    await expectApiError(await channelAuthRequest(page.request, 'presence-hobby-acme-hq'), 404, 'not_found');
  });

  test('malformed input is 400 (or 413/415), never a signature', async ({ account: _signedIn, page }) => {
    const request = page.request;
    for (const socketId of ['123', '1.2.3', 'abc.def', '1.1; x', '', '1'.repeat(70) + '.1']) {
      await expectApiError(await channelAuthRequest(request, 'presence-hobby-gaming', { socketId }), 400, 'bad_request');
      await expectApiError(await userAuthRequest(request, { socketId }), 400, 'bad_request');
    }
    for (const channel of [
      'private-gaming',
      'presence-gaming',
      'presence-hobby-Gaming',
      'presence-hobby-',
      'presence-party-gaming',
      'private-encrypted-hobby-gaming',
      `presence-hobby-${'a'.repeat(200)}`,
      '',
    ]) {
      await expectApiError(await channelAuthRequest(request, channel), 400, 'bad_request');
    }
    // Repeated fields are refused rather than picking one.
    const repeated = await request.post('/api/pusher/auth', {
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      data: 'socket_id=1.1&channel_name=presence-hobby-gaming&channel_name=presence-business-acme-hq',
    });
    await expectApiError(repeated, 400, 'bad_request');
    await expectApiError(
      await request.post('/api/pusher/auth', { headers: { 'content-type': 'application/json' }, data: '{not json' }),
      400,
      'bad_request',
    );
    await expectApiError(
      await request.post('/api/pusher/auth', { headers: { 'content-type': 'text/plain' }, data: 'socket_id=1.1' }),
      415,
      'unsupported_media_type',
    );
    await expectApiError(
      await channelAuthRequest(request, 'presence-hobby-gaming', { extra: { padding: 'x'.repeat(10_000) } }),
      413,
      'payload_too_large',
    );
  });
});

test.describe('answered by the Node front (scripts/app-server.ts) exactly as by a Next route', () => {
  /** What next.config.js and lib/http/handler.ts put on every API answer, plus the replica's name. */
  const API_HEADERS = [
    'content-type',
    'cache-control',
    'content-security-policy',
    'referrer-policy',
    'x-content-type-options',
    'x-frame-options',
    'permissions-policy',
    'x-presently-instance',
  ];

  test('the same headers as any other API answer', async ({ request }) => {
    const viaNext = await request.put('/api/me/status', { data: { status: 'hi' } });
    for (const answer of [await channelAuthRequest(request, 'presence-hobby-gaming'), await userAuthRequest(request)]) {
      await expectApiError(answer, 401, 'unauthorized');
      for (const name of API_HEADERS) expect(answer.headers()[name], name).toBe(viaNext.headers()[name]);
    }
  });

  test('a role change and a removal count from the very next authorization', async ({ people }) => {
    const owner = await people.signUp();
    const mate = await people.signUp();
    const created = await owner.page.request.post('/api/rooms', { data: { name: `Auth ${mate.account.username}`, kind: 'business' } });
    expect(created.status(), await created.text()).toBe(201);
    const { slug } = ((await created.json()) as { room: { slug: string } }).room;
    const channel = `presence-business-${slug}`;
    const mateId = (await signedUserData(mate.page.request)).id;

    await expectApiError(await channelAuthRequest(mate.page.request, channel), 403, 'forbidden');
    const invited = await owner.page.request.post(`/api/rooms/${slug}/invitations`, { data: { username: mate.account.username } });
    expect(invited.status(), await invited.text()).toBe(202);
    // Invited is not yet a member.
    await expectApiError(await channelAuthRequest(mate.page.request, channel), 403, 'forbidden');
    const accepted = await mate.page.request.post(`/api/me/invitations/${slug}`);
    expect(accepted.status(), await accepted.text()).toBe(200);
    expect((await expectChannelAuth(await channelAuthRequest(mate.page.request, channel))).user_info).toMatchObject({ isAdmin: false });

    const promoted = await owner.page.request.patch(`/api/rooms/${slug}/members/${mateId}`, { data: { role: 'admin' } });
    expect(promoted.status(), await promoted.text()).toBe(200);
    expect((await expectChannelAuth(await channelAuthRequest(mate.page.request, channel))).user_info).toMatchObject({ isAdmin: true });

    const removed = await owner.page.request.delete(`/api/rooms/${slug}/members/${mateId}`);
    expect(removed.status(), await removed.text()).toBeLessThan(300);
    await expectApiError(await channelAuthRequest(mate.page.request, channel), 403, 'forbidden');
    await expectApiError(await channelAuthRequest(mate.page.request, `private-watch-business-${slug}`), 403, 'forbidden');

    const renamed = await mate.page.request.put('/api/me/status', { data: { status: 'Gone fishing' } });
    expect(renamed.status()).toBe(200);
    expect((await signedUserData(mate.page.request)).user_info).toMatchObject({ status: 'Gone fishing' });
  });
});

test.describe('status API', () => {
  test('saves a trimmed status, clears it, and refuses one that is too long', async ({ account: _signedIn, page }) => {
    const saved = await page.request.put('/api/me/status', { data: { status: '  Deep in focus  ' } });
    expect(saved.status(), await saved.text()).toBe(200);
    const body = (await saved.json()) as { status: string; statusUpdatedAt: string };
    expect(body.status).toBe('Deep in focus');
    expect(Date.parse(body.statusUpdatedAt)).not.toBeNaN();

    const me = await signedUserData(page.request);
    expect(me.user_info).toMatchObject({ status: 'Deep in focus', statusUpdatedAt: body.statusUpdatedAt });

    const fetched = await page.request.get(`/api/users/statuses?ids=${me.id},00000000-0000-4000-8000-000000000000`);
    expect(await fetched.json()).toEqual({ statuses: { [me.id]: { status: 'Deep in focus', statusUpdatedAt: body.statusUpdatedAt } } });

    await expectApiError(await page.request.put('/api/me/status', { data: { status: 'x'.repeat(101) } }), 400, 'bad_request');
    await expectApiError(await page.request.put('/api/me/status', { data: { mood: 'happy' } }), 400, 'bad_request');
    await expectApiError(await page.request.put('/api/me/status', { data: { status: 42 } }), 400, 'bad_request');

    const cleared = await page.request.put('/api/me/status', { data: { status: '   ' } });
    expect(((await cleared.json()) as { status: string }).status).toBe('');
  });

  test('statuses: only user ids, at most 100 of them', async ({ account: _signedIn, page }) => {
    await expectApiError(await page.request.get('/api/users/statuses'), 400, 'bad_request');
    await expectApiError(await page.request.get('/api/users/statuses?ids=not-a-uuid'), 400, 'bad_request');
    const tooMany = Array.from({ length: 101 }, (_, index) => `00000000-0000-4000-8000-${String(index).padStart(12, '0')}`);
    await expectApiError(await page.request.get(`/api/users/statuses?ids=${tooMany.join(',')}`), 400, 'bad_request');
    const exactly100 = await page.request.get(`/api/users/statuses?ids=${tooMany.slice(0, 100).join(',')}`);
    expect(await exactly100.json()).toEqual({ statuses: {} });
  });
});
