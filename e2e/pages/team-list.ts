import { expect, type Locator, type Page } from '@playwright/test';

/**
 * A business room's member list as its team sees it: everyone on the team (online in Admins/Members, the rest
 * greyed under Offline) and, for admins, a menu per row and the "Manage team" panel.
 */
export class TeamList {
  readonly list: Locator;
  readonly offline: Locator;
  readonly inviteForm: Locator;
  readonly error: Locator;
  /** What the form says after an invitation (the same whether or not anyone has that username). */
  readonly inviteStatus: Locator;
  readonly pendingInvitations: Locator;
  readonly leaveButton: Locator;
  readonly removedNotice: Locator;
  readonly leftNotice: Locator;

  constructor(readonly page: Page) {
    this.list = page.getByRole('region', { name: 'Member list', exact: true });
    this.offline = this.list.getByRole('region', { name: 'Offline', exact: true });
    this.inviteForm = this.list.getByRole('form', { name: 'Invite someone' });
    this.error = this.list.getByRole('region', { name: 'Manage team' }).getByRole('alert');
    this.inviteStatus = this.list.getByRole('region', { name: 'Manage team' }).getByRole('status');
    this.pendingInvitations = this.list.getByRole('region', { name: 'Pending invitations' });
    this.leaveButton = this.list.getByRole('button', { name: 'Leave team' });
    this.removedNotice = page.getByRole('alert').filter({ hasText: 'You were removed from this room by an admin.' });
    this.leftNotice = page.getByRole('alert').filter({ hasText: 'You left this room.' });
  }

  /** A member's row (or your own card), wherever it is: online or offline. */
  member(displayName: string): Locator {
    return this.list.locator('[data-member-id]').filter({ has: this.page.getByText(displayName, { exact: true }) });
  }

  /** A member's row under Offline. */
  offlineMember(displayName: string): Locator {
    return this.offline.getByRole('listitem').filter({ has: this.page.getByText(displayName, { exact: true }) });
  }

  adminBadge(displayName: string): Locator {
    return this.member(displayName).getByText('Admin', { exact: true });
  }

  /** Invites someone by username (an admin's form); they are on the team once they accept. */
  async invite(username: string): Promise<void> {
    await this.inviteForm.getByRole('textbox', { name: 'Username to invite' }).fill(username);
    await this.inviteForm.getByRole('button', { name: 'Invite' }).click();
    await expect(this.inviteStatus).toContainText(`Invited @${username}`);
  }

  async revoke(username: string): Promise<void> {
    await this.pendingInvitations.getByRole('button', { name: `Revoke the invitation to @${username}` }).click();
  }

  /** Opens the admin's menu on a member's row. */
  async openMenu(displayName: string): Promise<void> {
    await this.list.getByLabel(`Manage ${displayName}`, { exact: true }).click();
  }

  async promote(displayName: string): Promise<void> {
    await this.openMenu(displayName);
    await this.list.getByRole('button', { name: `Make ${displayName} an admin` }).click();
  }

  async demote(displayName: string): Promise<void> {
    await this.openMenu(displayName);
    await this.list.getByRole('button', { name: `Remove admin from ${displayName}` }).click();
  }

  async remove(displayName: string): Promise<void> {
    await this.openMenu(displayName);
    await this.list.getByRole('button', { name: `Remove ${displayName} from the room` }).click();
  }

  /** Listed as here (under Admins or Members, not greyed). */
  async expectOnline(displayName: string): Promise<void> {
    await expect(this.member(displayName)).toHaveAttribute('data-online', 'true');
  }
}

/** The rooms page's "Create a room" form. */
export async function createRoom(page: Page, name: string, kind: 'hobby' | 'business'): Promise<string> {
  await page.goto('/rooms');
  await page.getByText('Create a room', { exact: true }).click();
  const form = page.getByRole('form', { name: 'Create a room' });
  await form.getByLabel('Room name').fill(name);
  await form.getByRole('radio', { name: kind === 'hobby' ? /^Hobby/ : /^Business/ }).check();
  await form.getByRole('button', { name: 'Create room' }).click();
  await expect(page).toHaveURL(/\/rooms\/[a-z0-9-]+$/);
  return new URL(page.url()).pathname.split('/').at(-1)!;
}

/** The rooms page's "Invitations" panel: invitations to business rooms waiting for this person's answer. */
export class InvitationsPanel {
  readonly region: Locator;

  constructor(readonly page: Page) {
    this.region = page.getByRole('main').getByRole('region', { name: 'Invitations' });
  }

  invitation(roomName: string): Locator {
    return this.region.getByRole('listitem').filter({ hasText: roomName });
  }

  async accept(roomName: string): Promise<void> {
    await this.region.getByRole('button', { name: `Accept the invitation to ${roomName}` }).click();
    await expect(this.invitation(roomName)).toHaveCount(0);
  }

  async decline(roomName: string): Promise<void> {
    await this.region.getByRole('button', { name: `Decline the invitation to ${roomName}` }).click();
    await expect(this.invitation(roomName)).toHaveCount(0);
  }
}
