import { expect, type Locator, type Page } from '@playwright/test';

/** As in lib/people/use-people.ts: this long without a word about the contacts means the server has no watchlist. */
export const WATCHLIST_SILENCE_MS = 8_000;
/** The silence, plus the page load and the contact list's fetch that start it. */
export const UNAVAILABLE_SHOWN_WITHIN_MS = WATCHLIST_SILENCE_MS + 10_000;

/** The People panel on the rooms page, by what people see in it. */
export class PeoplePanel {
  readonly region: Locator;
  readonly onlineList: Locator;
  readonly offlineList: Locator;
  readonly unavailable: Locator;

  constructor(readonly page: Page) {
    this.region = page.getByRole('main').getByRole('region', { name: 'People' });
    this.onlineList = this.region.getByRole('list', { name: 'Online now' });
    this.offlineList = this.region.getByRole('list', { name: 'Offline' });
    this.unavailable = this.region.getByRole('status').filter({ hasText: 'Live online status is unavailable with this server.' });
  }

  /** A person's row, found by display name. */
  person(name: string): Locator {
    return this.region.getByTestId('person').filter({ has: this.page.getByText(name, { exact: true }) });
  }

  async expectOnline(name: string): Promise<void> {
    await expect(this.onlineList.getByTestId('person').filter({ hasText: name })).toHaveAttribute('data-online', 'true');
  }

  /** Offline, saying when they were last seen. */
  async expectOfflineLastSeen(name: string): Promise<void> {
    const row = this.offlineList.getByTestId('person').filter({ hasText: name });
    await expect(row).toHaveAttribute('data-online', 'false');
    await expect(row.getByTestId('person-status')).toContainText('Last seen');
  }

  async expectOffline(name: string): Promise<void> {
    await expect(this.offlineList.getByTestId('person').filter({ hasText: name })).toHaveAttribute('data-online', 'false');
  }

  /** Opens a person's row and returns the list of rooms shared with them. */
  async openSharedRooms(name: string): Promise<Locator> {
    await this.person(name).getByRole('button').click();
    return this.person(name).getByRole('list', { name: 'Rooms you share' });
  }
}
