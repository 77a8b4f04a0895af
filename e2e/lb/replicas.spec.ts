import { expect, test, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { Client } from 'pg';
import { ChatPanel } from '../pages/chat-panel';
import { RoomPage } from '../pages/room-page';
import { DEMO_ACCOUNTS, SignInPage, SignUpPage, signIn, uniqueUsername } from '../support/accounts';
import { actionResponse, aimedAt, aimFor, BOTH_INSTANCES, instanceOf, InstanceLog } from './support/instances';
import { INSTANCE_NAMES, LB_PORTS, LB_SIGN_UPS_PER_ADDRESS, lbState } from './support/ports';
import { stopGroup } from './support/processes';

/**
 * Two production app instances behind HAProxy (round-robin, no stickiness), one PostgreSQL, the realtime server
 * beside them; the limiter store is PostgreSQL, or Redis when LB_LIMITER_STORE=redis (e2e/lb/global-setup.ts).
 * Chromium talks only to HAProxy. The scenarios run in order: the last ones stop an instance and the database.
 */
test.describe.configure({ mode: 'serial' });

/** Attempts a bounded loop makes before giving up on seeing both instances answer. */
const MAX_ATTEMPTS = 12;
const FAILURES_THAT_LOCK = 5;
/** About ten sign-ups, each a fresh browser context and a password hash. */
const FLOOD_TIMEOUT_MS = 360_000;
/** A reload reconnects, signs in and subscribes again through HAProxy; a loaded CI machine needs more than 10 s. */
const RELOAD_LIVE_TIMEOUT_MS = 30_000;

async function person(browser: Browser, account: { username: string; password: string }, headers?: Record<string, string>) {
  const context = await browser.newContext(headers ? { extraHTTPHeaders: headers } : {});
  const page = await context.newPage();
  const instances = new InstanceLog(page);
  await signIn(page, account.username, account.password);
  return { context, page, instances, room: new RoomPage(page), chat: new ChatPanel(page) };
}

async function userId(username: string): Promise<string> {
  const client = new Client({ connectionString: lbState().databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ id: string }>('SELECT id FROM users WHERE username = $1', [username]);
    if (!rows[0]) throw new Error(`no user ${username}`);
    return rows[0].id;
  } finally {
    await client.end();
  }
}

async function statusIdsVisibleTo(page: Page, ids: string[]): Promise<string[]> {
  const response = await page.request.get(`/api/users/statuses?ids=${ids.join(',')}`);
  expect(response.status()).toBe(200);
  return Object.keys(((await response.json()) as { statuses: Record<string, unknown> }).statuses).sort();
}

test('pages, chat and status edits are served by both instances, under a strict CSP', async ({ browser }) => {
  const alice = await person(browser, DEMO_ACCOUNTS.alice);
  const bob = await person(browser, DEMO_ACCOUNTS.bob);
  const violations: string[] = [];
  alice.page.on('console', (message) => {
    if (/Content[- ]Security[- ]Policy/i.test(message.text())) violations.push(message.text());
  });

  const document = await alice.page.goto('/rooms/gaming');
  await alice.room.waitUntilLive();
  await bob.room.goto('gaming');
  const headers = document!.headers();
  expect(headers['content-security-policy']).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic'/);
  expect(headers['content-security-policy']).toContain(`connect-src 'self' ws://127.0.0.1:${LB_PORTS.haproxy} wss://127.0.0.1:${LB_PORTS.haproxy}`);
  expect(headers['content-security-policy']).toContain("frame-ancestors 'none'");
  expect(headers).toMatchObject({ 'x-content-type-options': 'nosniff', 'referrer-policy': 'strict-origin-when-cross-origin' });
  expect(headers['permissions-policy']).toContain('camera=()');

  for (let index = 1; index <= 4; index += 1) {
    await alice.chat.sendConfirmed(`hello across replicas ${index}`);
    await expect(bob.chat.message(`hello across replicas ${index}`)).toBeVisible();
  }
  await alice.room.setStatus('load balanced');
  await expect(bob.room.row('Alice Anders')).toContainText('load balanced');

  expect(alice.instances.distinct()).toEqual(BOTH_INSTANCES);
  expect(bob.instances.distinct()).toEqual(BOTH_INSTANCES);
  expect(violations).toEqual([]);
  await Promise.all([alice.context.close(), bob.context.close()]);
});

test('statuses are answered only for people who share a room with the caller', async ({ browser }) => {
  const [aliceId, bobId] = await Promise.all([userId('alice'), userId('bob')]);
  const alice = await person(browser, DEMO_ACCOUNTS.alice);
  const carol = await person(browser, DEMO_ACCOUNTS.carol);
  await alice.room.goto('books');

  // Carol is on no team with Alice or Bob and in no room: neither status is hers to see.
  expect(await statusIdsVisibleTo(carol.page, [aliceId, bobId])).toEqual([]);
  // Alice and Bob are teammates (acme-hq): each sees the other's.
  expect(await statusIdsVisibleTo(alice.page, [bobId])).toEqual([bobId]);
  // In the same hobby room, Carol sees Alice's, still not Bob's.
  await carol.room.goto('books');
  await expect.poll(() => statusIdsVisibleTo(carol.page, [aliceId, bobId])).toEqual([aliceId]);
  await Promise.all([alice.context.close(), carol.context.close()]);
});

test('five wrong passwords spread over both instances lock the username on both', async ({ browser }) => {
  const context = await browser.newContext();
  const page = await context.newPage();
  const signInPage = new SignInPage(page);
  const failedOn: string[] = [];
  for (let attempt = 0; attempt < FAILURES_THAT_LOCK; attempt += 1) {
    await page.setExtraHTTPHeaders(aimedAt(aimFor(attempt)));
    await signInPage.goto();
    const response = await actionResponse(page, () => signInPage.submit('carol', `wrong-${attempt}`));
    failedOn.push(instanceOf(response));
    await expect(signInPage.error).toHaveText('Wrong username or password.');
  }
  expect([...new Set(failedOn)].sort()).toEqual(BOTH_INSTANCES);

  // Now even the right password is refused, by whichever instance answers: try until both have.
  const refusedOn = new Set<string>();
  for (let attempt = 0; attempt < MAX_ATTEMPTS && refusedOn.size < INSTANCE_NAMES.length; attempt += 1) {
    await page.setExtraHTTPHeaders(aimedAt(aimFor(attempt)));
    await signInPage.goto();
    const response = await actionResponse(page, () => signInPage.submit('carol', DEMO_ACCOUNTS.carol.password));
    await expect(signInPage.error).toHaveText(/Too many failed attempts\. Try again in \d+ minutes?\./);
    refusedOn.add(instanceOf(response));
  }
  expect([...refusedOn].sort()).toEqual(BOTH_INSTANCES);
  await context.close();
});

/** One sign-up in a fresh context; returns who answered and whether the account was made. */
async function trySignUp(browser: Browser, attempt: number, headers?: Record<string, string>): Promise<{ instance: string; refused: boolean }> {
  const context: BrowserContext = await browser.newContext({ extraHTTPHeaders: { ...headers, ...aimedAt(aimFor(attempt)) } });
  const page = await context.newPage();
  const signUpPage = new SignUpPage(page);
  await signUpPage.goto();
  const response = await actionResponse(page, () =>
    signUpPage.submit({ username: uniqueUsername('flood'), displayName: 'Flood', password: 'flood-password-123' }),
  );
  const refusal = page.getByRole('alert').filter({ hasText: 'Too many new accounts from your network.' });
  const outcome = await Promise.race([
    page.waitForURL((url) => url.pathname === '/rooms').then(() => false),
    refusal.waitFor().then(() => true),
  ]);
  await context.close();
  return { instance: instanceOf(response), refused: outcome };
}

test('a sign-up flood from one address is refused on both instances, forged X-Forwarded-For or not', async ({ browser }) => {
  test.setTimeout(FLOOD_TIMEOUT_MS);
  let accepted = 0;
  const acceptedOn = new Set<string>();
  const refusedOn = new Set<string>();
  for (let attempt = 0; attempt < MAX_ATTEMPTS && refusedOn.size < INSTANCE_NAMES.length; attempt += 1) {
    const { instance, refused } = await trySignUp(browser, attempt);
    if (refused) refusedOn.add(instance);
    else {
      expect(refusedOn.size, 'a sign-up was accepted after one had been refused').toBe(0);
      accepted += 1;
      acceptedOn.add(instance);
    }
  }
  // One shared count: a per-process count would have let each instance accept its own four.
  expect(accepted).toBe(LB_SIGN_UPS_PER_ADDRESS);
  expect([...acceptedOn].sort()).toEqual(BOTH_INSTANCES);
  expect([...refusedOn].sort()).toEqual(BOTH_INSTANCES);

  // HAProxy appends the real address after whatever the client wrote; the app trusts only that last hop.
  const forgedRefusedOn = new Set<string>();
  for (let attempt = 0; attempt < MAX_ATTEMPTS && forgedRefusedOn.size < INSTANCE_NAMES.length; attempt += 1) {
    const { instance, refused } = await trySignUp(browser, attempt, { 'X-Forwarded-For': `198.51.100.${attempt + 1}` });
    expect(refused, `a sign-up with a forged X-Forwarded-For was accepted by ${instance}`).toBe(true);
    forgedRefusedOn.add(instance);
  }
  expect([...forgedRefusedOn].sort()).toEqual(BOTH_INSTANCES);
});

test('when an instance dies mid-session, people keep chatting through the other, signed in, nothing lost', async ({ browser }) => {
  const alice = await person(browser, DEMO_ACCOUNTS.alice);
  const bob = await person(browser, DEMO_ACCOUNTS.bob);
  await alice.room.goto('music');
  await bob.room.goto('music');
  await alice.chat.sendConfirmed('before the crash');
  await expect(bob.chat.message('before the crash')).toBeVisible();

  const [doomedPid] = lbState().appPids;
  await stopGroup(doomedPid!, 'SIGKILL');
  const killedAt = Date.now();

  const afterCrash = ['still here 1', 'still here 2', 'still here 3'];
  for (const text of afterCrash) {
    await alice.chat.sendConfirmed(text);
    await expect(bob.chat.message(text)).toBeVisible();
  }
  await bob.chat.sendConfirmed('bob too');
  await expect(alice.chat.message('bob too')).toBeVisible();

  // A full reload: still signed in (the session is a cookie any instance can read), history complete.
  await alice.page.reload();
  await expect(alice.room.avatarStack).toHaveAttribute('data-phase', 'subscribed', { timeout: RELOAD_LIVE_TIMEOUT_MS });
  for (const text of ['before the crash', ...afterCrash, 'bob too']) await expect(alice.chat.message(text)).toBeVisible();
  expect(alice.instances.requestedSince(killedAt)).toEqual([INSTANCE_NAMES[1]]);
  await Promise.all([alice.context.close(), bob.context.close()]);
});

test('/api/health answers 200 while the database does and 503 once it does not', async ({ request }) => {
  const survivor = `http://127.0.0.1:${LB_PORTS.apps[1]}/api/health`;
  expect((await request.get(survivor)).status()).toBe(200);
  await stopGroup(lbState().postgresPid, 'SIGINT');
  await expect.poll(async () => (await request.get(survivor)).status(), { timeout: 15_000 }).toBe(503);
});
