import { randomBytes } from 'node:crypto';
import { INVITES_PER_HOUR } from '../lib/rate-limit/write-limits';
import { expect, test } from './fixtures';
import { RoomPage } from './pages/room-page';
import { createRoom, InvitationsPanel, TeamList } from './pages/team-list';
import { channelAuthRequest, expectApiError, expectChannelAuth, signedUserData } from './support/pusher-auth';

/**
 * Business teams by consent: an admin invites by username, the invitee accepts or declines (live, on their rooms
 * page), and until then is neither a member nor a contact; the answer to an invitation never says whether the
 * username exists; any member can leave, the last admin only once someone else is admin.
 */
const roomName = (prefix: string) => `${prefix} ${randomBytes(3).toString('hex')}`;


test.describe('business room invitations', () => {
  test('an invitee is neither member nor contact until they accept; declined and revoked ones vanish live; unknown usernames get the same answer', async ({ people }) => {
    const admin = await people.signUp();
    const ivy = await people.signUp();
    const name = roomName('Invite');
    const slug = await createRoom(admin.page, name, 'business');
    const team = new TeamList(admin.page);
    await new RoomPage(admin.page).waitUntilLive();

    // The same answer for a name someone has and one nobody has.
    const ghost = `ghost-${randomBytes(4).toString('hex')}`;
    const known = await admin.page.request.post(`/api/rooms/${slug}/invitations`, { data: { username: ivy.account.username } });
    const unknown = await admin.page.request.post(`/api/rooms/${slug}/invitations`, { data: { username: ghost } });
    expect([known.status(), unknown.status()]).toEqual([202, 202]);
    expect(await known.json()).toEqual({ username: ivy.account.username });
    expect(await unknown.json()).toEqual({ username: ghost });
    await expect(team.pendingInvitations.getByRole('listitem')).toHaveText([`@${ghost}Revoke`, `@${ivy.account.username}Revoke`]);

    // Pending: the invitation reached Ivy's open rooms page, but she has no access and no one there sees her.
    const invitations = new InvitationsPanel(ivy.page);
    await expect(invitations.invitation(name)).toContainText(`${admin.account.displayName} invited you to ${name}`);
    await expectApiError(await channelAuthRequest(ivy.page.request, `presence-business-${slug}`), 403, 'forbidden');
    const adminPeople = (await (await admin.page.request.get('/api/people')).json()) as { people: { name: string }[] };
    expect(adminPeople.people.map((person) => person.name)).not.toContain(ivy.account.displayName);
    await expect(team.member(ivy.account.displayName)).toHaveCount(0);

    // Declined: gone for both, live.
    await invitations.decline(name);
    await expect(team.pendingInvitations.getByRole('listitem')).toHaveText([`@${ghost}Revoke`]);

    // Invited again through the form, then revoked: it leaves Ivy's page live.
    await team.invite(ivy.account.username);
    await expect(invitations.invitation(name)).toBeVisible();
    await team.revoke(ivy.account.username);
    await expect(invitations.invitation(name)).toHaveCount(0);
    await expect(invitations.region).toHaveCount(0);

    // Invited once more and accepted: she is on the team, and the room is hers to enter.
    await team.invite(ivy.account.username);
    await invitations.accept(name);
    await expect(team.offlineMember(ivy.account.displayName)).toBeVisible();
    await expectChannelAuth(await channelAuthRequest(ivy.page.request, `presence-business-${slug}`));
    await expect(ivy.page.getByRole('link', { name: `Join ${name}`, exact: true })).toBeVisible();
    await team.revoke(ghost);
    await expect(team.pendingInvitations).toHaveCount(0);
  });

  test('any member leaves; the last admin only after making someone else an admin', async ({ people }) => {
    const admin = await people.signUp();
    const mia = await people.signUp();
    const name = roomName('Leave');
    const slug = await createRoom(admin.page, name, 'business');
    const adminTeam = new TeamList(admin.page);
    await new RoomPage(admin.page).waitUntilLive();
    await adminTeam.invite(mia.account.username);
    await new InvitationsPanel(mia.page).accept(name);
    const miaRoom = new RoomPage(mia.page);
    await miaRoom.goto(slug);
    await adminTeam.expectOnline(mia.account.displayName);

    // The last admin may not leave while Mia remains.
    await adminTeam.leaveButton.click();
    await expect(admin.page.getByRole('alert').filter({ hasText: 'You are the last admin' })).toBeVisible();
    await adminTeam.promote(mia.account.displayName);
    await expect(adminTeam.adminBadge(mia.account.displayName)).toBeVisible();

    // Mia's second tab is in the room too: it is told she left and leaves the room's channel.
    const miaSecond = new RoomPage(await mia.context.newPage());
    await miaSecond.goto(slug);
    // And a third has her rooms page open, where the room is hers to join.
    const miaRooms = await mia.context.newPage();
    await miaRooms.goto('/rooms');
    const joinLink = miaRooms.getByRole('link', { name: `Join ${name}`, exact: true });
    await expect(joinLink).toBeVisible();
    await new TeamList(mia.page).leaveButton.click();
    await expect(mia.page).toHaveURL((url) => url.pathname === '/rooms');
    await expect(new TeamList(miaSecond.page).leftNotice).toBeVisible();
    // Her rooms page shows the room locked again, without a reload.
    await expect(joinLink).toHaveCount(0);
    await expect(adminTeam.member(mia.account.displayName)).toHaveCount(0);
    await expectApiError(await channelAuthRequest(mia.page.request, `presence-business-${slug}`), 403, 'forbidden');
    const miaId = (await signedUserData(mia.page.request)).id;
    await expectApiError(await admin.page.request.delete(`/api/rooms/${slug}/members/${miaId}`), 404, 'not_found');
  });

  test('invitations are rate-limited per admin, with Retry-After', async ({ people }) => {
    const admin = await people.signUp();
    const slug = await createRoom(admin.page, roomName('Limit'), 'business');
    for (let index = 0; index < INVITES_PER_HOUR; index += 1) {
      const response = await admin.page.request.post(`/api/rooms/${slug}/invitations`, { data: { username: `probe-${index}-${randomBytes(3).toString('hex')}` } });
      expect(response.status()).toBe(202);
    }
    const refused = await admin.page.request.post(`/api/rooms/${slug}/invitations`, { data: { username: 'one-too-many' } });
    await expectApiError(refused, 429, 'too_many_requests');
    expect(Number(refused.headers()['retry-after'])).toBeGreaterThan(0);
  });
});
