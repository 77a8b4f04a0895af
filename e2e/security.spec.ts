import { E2E_APP_PORT } from '../playwright.config';
import { expect, test } from './fixtures';
import { createHobbyRoom, roomPath, RoomPage } from './pages/room-page';
import { expectApiError } from './support/pusher-auth';

/** Issue 17, items 11 and 12, against the production build behind its app server. */
const SIBLING_ORIGIN = `http://evil.localhost:${E2E_APP_PORT}`;
const FORM = { 'content-type': 'application/x-www-form-urlencoded' };

test.describe('cross-site writes', () => {
  test('a form-encoded Pusher authorization or goodbye from another site, or a sibling subdomain, gets 403', async ({ page, account }) => {
    void account;
    const room = await createHobbyRoom(page, 'Origin');
    const pusherAuth = 'socket_id=1234.5678&channel_name=presence-hobby-gaming';
    const crossSite: Array<Record<string, string>> = [{ 'sec-fetch-site': 'cross-site' }, { 'sec-fetch-site': 'same-site' }, { origin: SIBLING_ORIGIN }];
    for (const headers of crossSite) {
      await expectApiError(await page.request.post('/api/pusher/auth', { headers: { ...FORM, ...headers }, data: pusherAuth }), 403, 'forbidden');
      await expectApiError(await page.request.post('/api/pusher/user-auth', { headers: { ...FORM, ...headers }, data: 'socket_id=1234.5678' }), 403, 'forbidden');
      await expectApiError(await page.request.post(`/api/rooms/${room.slug}/presence/goodbye`, { headers: { ...FORM, ...headers }, data: 'tab=t1' }), 403, 'forbidden');
      await expectApiError(await page.request.put('/api/me/status', { headers, data: { status: 'forged' } }), 403, 'forbidden');
    }
  });

  test("the app's own pages still write: a fetch from the page, and pusher-js's signin and subscription", async ({ page, account }) => {
    void account;
    const room = await createHobbyRoom(page, 'Own origin');
    // Subscribed: pusher-js's user-auth and channel auth POSTs from the page went through.
    await new RoomPage(page).goto(room.slug);
    const status = await page.evaluate(async () => {
      const response = await fetch('/api/me/status', { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ status: 'From my page' }) });
      return response.status;
    });
    expect(status).toBe(200);
  });
});

test.describe('headers', () => {
  test('no HSTS over plain HTTP, even when a client claims X-Forwarded-Proto: https (no trusted proxy here)', async ({ request }) => {
    const response = await request.get('/', { headers: { 'x-forwarded-proto': 'https' } });
    expect(response.headers()['strict-transport-security']).toBeUndefined();
  });

  test('pages run without inline styles: no style-src violation, and avatars keep their colours', async ({ page, account }) => {
    void account;
    await page.addInitScript(() => {
      const seen: string[] = [];
      (window as unknown as { cspViolations: string[] }).cspViolations = seen;
      // Styles only: zod probes whether `new Function` is allowed (caught, and reported as a script-src eval).
      document.addEventListener('securitypolicyviolation', (event) => {
        if (event.violatedDirective.startsWith('style-src')) seen.push(`${event.violatedDirective} ${event.blockedURI}`);
      });
    });
    const room = await createHobbyRoom(page, 'Styles');
    const policy = (await page.request.get('/rooms')).headers()['content-security-policy'] ?? '';
    expect(policy).toMatch(/style-src 'self' 'nonce-[^']+'(;|$)/);
    for (const path of ['/rooms', roomPath(room.slug)]) {
      await page.goto(path);
      const avatar = page.locator('[data-color]').first();
      await expect(avatar).toBeVisible();
      const { expected, actual } = await avatar.evaluate((element) => {
        const probe = document.createElement('span');
        probe.style.color = element.getAttribute('data-color') ?? '';
        document.body.append(probe);
        const wanted = getComputedStyle(probe).color;
        probe.remove();
        return { expected: wanted, actual: getComputedStyle(element).backgroundColor };
      });
      expect(actual).toBe(expected);
      expect(await page.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations)).toEqual([]);
    }
  });
});
