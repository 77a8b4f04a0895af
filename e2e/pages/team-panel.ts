import { expect, type Locator, type Page } from '@playwright/test';

/** A business room's Team panel (every member, online or away, and the admins' controls). */
export class TeamPanel {
  readonly region: Locator;
  readonly online: Locator;
  readonly away: Locator;
  readonly addForm: Locator;
  readonly error: Locator;
  readonly removedNotice: Locator;

  constructor(readonly page: Page) {
    this.region = page.getByRole('region', { name: 'Team' });
    this.online = this.region.getByRole('list', { name: 'Online members' });
    this.away = this.region.getByRole('list', { name: 'Away members' });
    this.addForm = this.region.getByRole('form', { name: 'Add a member' });
    this.error = this.region.getByRole('alert');
    this.removedNotice = this.region.getByRole('alert').filter({ hasText: 'You were removed from this room by an admin.' });
  }

  /** A member's row, wherever it is (online or away). */
  member(displayName: string): Locator {
    return this.region.getByTestId('team-member').filter({ hasText: displayName });
  }

  adminBadge(displayName: string): Locator {
    return this.member(displayName).getByText('Admin', { exact: true });
  }

  async add(username: string): Promise<void> {
    await this.addForm.getByRole('textbox', { name: 'Username to add' }).fill(username);
    await this.addForm.getByRole('button', { name: 'Add member' }).click();
  }

  async promote(displayName: string): Promise<void> {
    await this.region.getByRole('button', { name: `Make ${displayName} an admin` }).click();
  }

  async remove(displayName: string): Promise<void> {
    await this.region.getByRole('button', { name: `Remove ${displayName} from the room` }).click();
  }

  async expectOnline(displayName: string): Promise<void> {
    await expect(this.online.getByTestId('team-member').filter({ hasText: displayName })).toBeVisible();
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
