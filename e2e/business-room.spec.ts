import { expect, test } from './pages/crowd';
import { TeamList } from './pages/team-list';
import { DEMO_ACCOUNTS, signIn } from './support/accounts';

const { alice: ALICE, bob: BOB, carol: CAROL } = DEMO_ACCOUNTS;

const ACME = 'acme-hq';
const ACME_CHANNEL = 'presence-business-acme-hq';

test.describe('business rooms', () => {
  test('members see who is here with admins listed apart and badged', async ({ crowd }) => {
    const alice = await crowd.enter(ACME, { account: ALICE });
    // The whole team is listed: Bob, not here yet, greyed under Offline and not in the stack.
    const aliceTeam = new TeamList(alice.page);
    await expect(aliceTeam.offlineMember(BOB.displayName)).toBeVisible();
    await expect(alice.room.stackAvatar(BOB.displayName)).toHaveCount(0);
    const bob = await crowd.enter(ACME, { account: BOB });
    await aliceTeam.expectOnline(BOB.displayName);
    await expect(aliceTeam.offline).toHaveCount(0);

    await expect(bob.room.heading).toHaveText('Acme HQ');
    await expect(bob.room.kind).toHaveText('Business room');
    await bob.room.expectPresent([ALICE.displayName, BOB.displayName]);

    const admins = bob.room.members.getByRole('region', { name: 'Admins', exact: true });
    await expect(admins.getByRole('listitem')).toHaveCount(1);
    await expect(admins.getByRole('listitem')).toContainText(`${ALICE.displayName}Admin`);
    await expect(bob.room.stackAvatar(ALICE.displayName)).toHaveAccessibleName(`${ALICE.displayName}, admin`);
    await expect(bob.room.me).not.toContainText('Admin');

    await expect(alice.room.me).toContainText(`${ALICE.displayName}(you)Admin`);
    const members = alice.room.members.getByRole('region', { name: 'Members', exact: true });
    await expect(members.getByRole('listitem')).toHaveCount(1);
    await expect(members.getByRole('listitem')).toContainText(BOB.displayName);
    await expect(members.getByRole('listitem')).not.toContainText('Admin');

    // The tooltip shows the badge too, on keyboard focus as well as on hover.
    await alice.room.stackAvatar(ALICE.displayName).focus();
    await expect(alice.page.getByRole('tooltip').filter({ hasText: `${ALICE.displayName}(you)Admin` })).toBeVisible();
  });

  test('a non-member is refused on the page and at /api/pusher/auth, and never subscribes', async ({ page }) => {
    await signIn(page, CAROL.username, CAROL.password);
    // Other pages (the rooms lobby) may authorize their own channels; only this room's channel matters.
    const roomChannelAuths: string[] = [];
    page.on('request', (request) => {
      if (request.url().endsWith('/api/pusher/auth') && request.postData()?.includes(ACME_CHANNEL)) roomChannelAuths.push(request.url());
    });

    const response = await page.goto(`/rooms/${ACME}`);
    expect(response?.status()).toBe(403);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Members only');
    await expect(page.getByRole('link', { name: 'Back to rooms' })).toBeVisible();
    await expect(page.getByRole('list', { name: "Who's here" })).toHaveCount(0);
    expect(roomChannelAuths).toEqual([]);

    const forged = await page.request.post('/api/pusher/auth', { form: { socket_id: '123.456', channel_name: ACME_CHANNEL } });
    expect(forged.status()).toBe(403);
  });

  test('an unknown room is a 404 page', async ({ page }) => {
    await signIn(page, BOB.username, BOB.password);
    const response = await page.goto('/rooms/no-such-room');
    expect(response?.status()).toBe(404);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('No such room');
  });

  test('a room needs a signed-in user and comes back after sign-in', async ({ page }) => {
    await page.goto(`/rooms/${ACME}`);
    await expect(page).toHaveURL(/\/sign-in\?callbackUrl=%2Frooms%2Facme-hq/);
  });
});
