import { expect, type Locator, type Page } from '@playwright/test';

/**
 * A business room's member list as its team sees it: everyone on the team (online in Admins/Members, the rest
 * greyed under Offline) and, for admins, a menu per row and the "Manage team" panel.
 */
export class TeamList {
  readonly list: Locator;
  readonly offline: Locator;
  readonly addForm: Locator;
  readonly error: Locator;
  readonly removedNotice: Locator;

  constructor(readonly page: Page) {
    this.list = page.getByRole('region', { name: 'Member list', exact: true });
    this.offline = this.list.getByRole('region', { name: 'Offline', exact: true });
    this.addForm = this.list.getByRole('form', { name: 'Add a member' });
    this.error = this.list.getByRole('region', { name: 'Manage team' }).getByRole('alert');
    this.removedNotice = page.getByRole('alert').filter({ hasText: 'You were removed from this room by an admin.' });
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

  async add(username: string): Promise<void> {
    await this.addForm.getByRole('textbox', { name: 'Username to add' }).fill(username);
    await this.addForm.getByRole('button', { name: 'Add member' }).click();
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
