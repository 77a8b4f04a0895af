import { randomBytes, randomUUID } from 'node:crypto';
import type { Page } from '@playwright/test';
import { expect, test, type Person } from './fixtures';
import { PeoplePanel } from './pages/people-panel';
import { InvitationsPanel } from './pages/team-list';
import { signedUserData } from './support/pusher-auth';
import { E2E_REALTIME_KIND_ENV } from './support/web-servers';

/**
 * People panels that are already open follow every change of who is whose contact, on both sides, with no
 * reload: a first message in a shared hobby room, the last one there deleted, accepting a team invitation,
 * leaving a team and being removed from one. Each person stays on their rooms page throughout (their panel
 * there), and everything else is done through the API.
 */
const againstSoketi = process.env[E2E_REALTIME_KIND_ENV] === 'soketi';

async function createRoom(page: Page, kind: 'hobby' | 'business'): Promise<{ slug: string; name: string }> {
  const name = `Contacts ${randomBytes(4).toString('hex')}`;
  const response = await page.request.post('/api/rooms', { data: { name, kind } });
  expect(response.status()).toBe(201);
  return { slug: ((await response.json()) as { room: { slug: string } }).room.slug, name };
}

async function say(page: Page, slug: string, body: string): Promise<string> {
  const response = await page.request.post(`/api/rooms/${slug}/messages`, { data: { body, clientId: randomUUID() } });
  expect(response.ok()).toBe(true);
  return ((await response.json()) as { message: { id: string } }).message.id;
}

async function ok(response: Promise<{ ok(): boolean; status(): number }>): Promise<void> {
  expect((await response).ok()).toBe(true);
}

/** Two new people on their rooms pages, their People panels open and empty. */
async function twoStrangers(signUp: () => Promise<Person>) {
  const ann = await signUp();
  const ben = await signUp();
  const annPanel = new PeoplePanel(ann.page);
  const benPanel = new PeoplePanel(ben.page);
  for (const panel of [annPanel, benPanel]) await expect(panel.region).toContainText('No one yet');
  return { ann, ben, annPanel, benPanel };
}

test.describe('People panels follow contact changes live', () => {
  test.skip(againstSoketi, 'soketi has no watchlist; the list itself follows the same events');

  test('a first message each in a hobby room makes both contacts at once, online and offline live; the last one deleted ends it', async ({ people }) => {
    const { ann, ben, annPanel, benPanel } = await twoStrangers(() => people.signUp());
    const [annName, benName] = [ann.account.displayName, ben.account.displayName];
    const { slug } = await createRoom(ann.page, 'hobby');
    await say(ann.page, slug, 'hello from ann');
    const benSaid = await say(ben.page, slug, 'hello from ben');

    await annPanel.expectOnline(benName);
    await benPanel.expectOnline(annName);

    // Ben's comings and goings now reach Ann's open panel through the watchlist she signed in again with.
    await ben.page.close();
    await annPanel.expectOfflineLastSeen(benName);
    const benBack = await people.openTab(ben);
    await benBack.goto('/rooms');
    await annPanel.expectOnline(benName);

    // Ben deletes his only message there: they share no room any more.
    await ok(benBack.request.delete(`/api/rooms/${slug}/messages/${benSaid}`));
    await expect(annPanel.person(benName)).toHaveCount(0);
    await expect(new PeoplePanel(benBack).person(annName)).toHaveCount(0);
  });

  test('accepting a team invitation makes the team contacts at once; leaving or being removed ends it on both sides', async ({ people }) => {
    const { ann, ben, annPanel, benPanel } = await twoStrangers(() => people.signUp());
    const [annName, benName, benUsername] = [ann.account.displayName, ben.account.displayName, ben.account.username];
    const benId = (await signedUserData(ben.page.request)).id;
    const { slug, name } = await createRoom(ann.page, 'business');
    const invite = () => ok(ann.page.request.post(`/api/rooms/${slug}/invitations`, { data: { username: benUsername } }));

    // Invited is not a contact: Ben's invitation arrives, nobody's panel changes until he accepts.
    await invite();
    const benInvitations = new InvitationsPanel(ben.page);
    await expect(benInvitations.invitation(name)).toBeVisible();
    await benInvitations.accept(name);
    await annPanel.expectOnline(benName);
    await benPanel.expectOnline(annName);

    // Ben leaves.
    await ok(ben.page.request.delete(`/api/rooms/${slug}/members/${benId}`));
    await expect(annPanel.person(benName)).toHaveCount(0);
    await expect(benPanel.person(annName)).toHaveCount(0);

    // Invited again and accepted, then removed by Ann.
    await invite();
    await benInvitations.accept(name);
    await annPanel.expectOnline(benName);
    await benPanel.expectOnline(annName);
    await ok(ann.page.request.delete(`/api/rooms/${slug}/members/${benId}`));
    await expect(annPanel.person(benName)).toHaveCount(0);
    await expect(benPanel.person(annName)).toHaveCount(0);
  });
});
