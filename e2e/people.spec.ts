import { randomBytes, randomUUID } from 'node:crypto';
import type { Page } from '@playwright/test';
import { E2E_REALTIME_PORT } from '../playwright.config';
import { expect, test, type People } from './fixtures';
import { PeoplePanel, UNAVAILABLE_SHOWN_WITHIN_MS } from './pages/people-panel';
import { rawClientFor, type RawClient } from './support/raw-pusher-client';
import { restartRealtime } from './support/realtime-server';
import { E2E_REALTIME_KIND_ENV, runCredentials } from './support/web-servers';

/**
 * The People panel: contacts (here, two new people who chatted in a room of their own, so no other spec's
 * people are in their lists) online or offline live through the realtime server's watchlist events.
 */
const againstSoketi = process.env[E2E_REALTIME_KIND_ENV] === 'soketi';

/** Creates a hobby room of the page's user and returns its slug. */
async function createHobbyRoom(page: Page): Promise<string> {
  const response = await page.request.post('/api/rooms', { data: { name: `People ${randomBytes(4).toString('hex')}`, kind: 'hobby' } });
  expect(response.status()).toBe(201);
  return ((await response.json()) as { room: { slug: string } }).room.slug;
}

async function say(page: Page, slug: string, body: string): Promise<void> {
  const response = await page.request.post(`/api/rooms/${slug}/messages`, { data: { body, clientId: randomUUID() } });
  expect(response.ok()).toBe(true);
}

async function setAppearOffline(page: Page, on: boolean): Promise<void> {
  const response = await page.request.put('/api/me/appear-offline', { data: { appearOffline: on } });
  expect(response.ok()).toBe(true);
}

/** Every API answer a contact can read about one person: their People entry and their shared rooms, as JSON. */
async function whatAnnReadsOf(page: Page, name: string): Promise<{ person: unknown; rooms: unknown }> {
  const people = (await (await page.request.get('/api/people')).json()) as { people: Array<{ id: string; name: string }> };
  const person = people.people.find((entry) => entry.name === name);
  if (!person) throw new Error(`${name} is not in the People list`);
  const rooms = await (await page.request.get(`/api/people/${person.id}/rooms`)).json();
  return { person, rooms };
}

/** How many watchlist events this raw client received that said `name` of `userId`. */
function watchlistSaid(raw: RawClient, name: 'online' | 'offline', userId: string): number {
  let count = 0;
  for (const line of raw.received) {
    const message = JSON.parse(line) as { event?: string; data?: { events?: { name?: string; user_ids?: string[] }[] } };
    if (message.event !== 'pusher_internal:watchlist_events') continue;
    for (const event of message.data?.events ?? []) if (event.name === name && event.user_ids?.includes(userId)) count += 1;
  }
  return count;
}

test.describe('People panel', () => {
  test.skip(againstSoketi, 'soketi has no watchlist: the panel says so (test below)');

  test('a contact is online, offline with "last seen" once all their tabs are closed, online again when back; appear offline hides them', async ({ people, baseURL }) => {
    const ann = await people.signUp({ displayName: 'Ann Watcher' });
    const ben = await people.signUp({ displayName: 'Ben Watched' });
    const slug = await createHobbyRoom(ann.page);
    await say(ann.page, slug, 'hello from ann');
    await say(ben.page, slug, 'hello from ben');

    // Ann's next signin (this page load) watches Ben; Ben is signed in on his rooms page.
    await ann.page.goto('/rooms');
    const panel = new PeoplePanel(ann.page);
    await panel.expectOnline('Ben Watched');

    const rooms = await panel.openSharedRooms('Ben Watched');
    await expect(rooms.getByTestId('shared-room')).toHaveCount(1);

    // A second tab, then both closed: offline only after the last one.
    const benSecondTab = await people.openTab(ben);
    await benSecondTab.goto('/rooms');
    await ben.page.close();
    await expect(panel.person('Ben Watched')).toHaveAttribute('data-online', 'true');
    await benSecondTab.close();
    await panel.expectOfflineLastSeen('Ben Watched');
    const benWhenOffline = await whatAnnReadsOf(ann.page, 'Ben Watched');

    const benBack = await people.openTab(ben);
    await benBack.goto('/rooms');
    await panel.expectOnline('Ben Watched');

    // Appear offline: Ben is shown offline while his tab stays open, then online again when he turns it off;
    // below the page, Ann's own signed-in connection is never told he is online meanwhile (our server).
    const benId = await panel.person('Ben Watched').getAttribute('data-person-id');
    if (!benId) throw new Error('no data-person-id on Ben\'s row');
    const raw = await rawClientFor(ann.context, { baseURL: baseURL!, key: runCredentials().key, host: '127.0.0.1', port: E2E_REALTIME_PORT });
    try {
      await expect.poll(() => watchlistSaid(raw, 'online', benId)).toBe(1);
      await setAppearOffline(benBack, true);
      await panel.expectOffline('Ben Watched');
      // What the app answers Ann about Ben appearing offline is what it answered when he was offline (issue 17).
      expect(await whatAnnReadsOf(ann.page, 'Ben Watched')).toEqual(benWhenOffline);
      await expect.poll(() => watchlistSaid(raw, 'offline', benId)).toBe(1);
      await benBack.reload();
      await ann.page.reload();
      await panel.expectOffline('Ben Watched');
      expect(watchlistSaid(raw, 'online', benId)).toBe(1);
      await setAppearOffline(benBack, false);
      await panel.expectOnline('Ben Watched');
      await expect.poll(() => watchlistSaid(raw, 'online', benId)).toBe(2);
    } finally {
      raw.close();
    }
  });
});

/** Ann and Ben chat in a room of their own, then Ann opens the rooms page: Ben is her one contact. */
async function annWithOneContact(people: People, suffix: string): Promise<PeoplePanel> {
  const ann = await people.signUp({ displayName: `Ann ${suffix}` });
  const ben = await people.signUp({ displayName: `Ben ${suffix}` });
  const slug = await createHobbyRoom(ann.page);
  await say(ann.page, slug, 'hi');
  await say(ben.page, slug, 'hi');
  await ann.page.goto('/rooms');
  return new PeoplePanel(ann.page);
}

/**
 * soketi has no watchlist, and this run leaves PUSHER_WATCHLIST on (as a newcomer would): the app signs a
 * watchlist in, soketi answers the signin and then says nothing, and the panel must conclude so by itself.
 */
test.describe('People panel against a server without watchlists', () => {
  test.skip(!againstSoketi, 'only soketi lacks watchlists');

  test('says plainly that live online status is unavailable, and shows no one online', async ({ people }) => {
    const panel = await annWithOneContact(people, 'Soketi');
    await expect(panel.unavailable).toBeVisible({ timeout: UNAVAILABLE_SHOWN_WITHIN_MS });
    await expect(panel.person('Ben Soketi')).toHaveAttribute('data-online', 'false');
    await expect(panel.onlineList).toHaveCount(0);
  });
});

/** soketi as it ships: user authentication off for the app, so it never answers a signin at all. */
test.describe('People panel against a server that ignores signins', () => {
  test.skip(!againstSoketi, 'soketi without user authentication');
  test.beforeAll(() => restartRealtime('?user-authentication=false'));
  test.afterAll(() => restartRealtime(''));

  test('stops checking after the silence and says live online status is unavailable', async ({ people }) => {
    const panel = await annWithOneContact(people, 'Unsigned');
    await expect(panel.region.getByText(/Checking who is online/)).toBeVisible();
    await expect(panel.unavailable).toBeVisible({ timeout: UNAVAILABLE_SHOWN_WITHIN_MS });
    await expect(panel.person('Ben Unsigned')).toHaveAttribute('data-online', 'false');
    await expect(panel.onlineList).toHaveCount(0);
  });
});
