import { expect, type Browser, type BrowserContext, type BrowserContextOptions, type Locator, type Page } from '@playwright/test';
import { signIn, signUp, type Account } from '../support/accounts';

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A room page as one person sees it. */
export class RoomPage {
  readonly heading: Locator;
  readonly kind: Locator;
  readonly avatarStack: Locator;
  readonly members: Locator;
  readonly memberCount: Locator;
  readonly me: Locator;
  readonly statusInput: Locator;
  readonly statusCounter: Locator;
  readonly connectionBanner: Locator;
  readonly announcements: Locator;
  readonly membersButton: Locator;
  readonly membersDialog: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { level: 1 });
    this.kind = page.getByText(/^(Hobby|Business) room$/);
    this.avatarStack = page.getByRole('list', { name: "Who's here" });
    this.members = page.getByRole('region', { name: 'Members' });
    this.memberCount = this.members.getByTestId('presence-count');
    this.me = this.members.getByRole('group', { name: 'You' });
    this.statusInput = this.me.getByRole('textbox', { name: 'Your status' });
    this.statusCounter = this.me.getByText(/^Characters used: \d+\/100$/);
    this.connectionBanner = page.getByRole('status', { name: 'Connection' });
    this.announcements = page.getByRole('log', { name: 'Arrivals and departures' });
    this.membersButton = page.getByRole('button', { name: /^Members \(\d+\)$/ });
    this.membersDialog = page.getByRole('dialog', { name: 'Members' });
  }

  async goto(slug: string): Promise<void> {
    await this.page.goto(`/rooms/${slug}`);
    await this.waitUntilLive();
  }

  /** Subscribed: the stack (always on screen, unlike the list on a phone) shows the server's view of the room. */
  async waitUntilLive(): Promise<void> {
    await expect(this.avatarStack).toHaveAttribute('data-phase', 'subscribed');
  }

  /** An avatar in the stack, by display name (its accessible name starts with the name). */
  stackAvatar(name: string): Locator {
    return this.avatarStack.getByRole('button', { name: new RegExp(`^${escapeRegExp(name)}( \\(you\\))?(, admin)?$`) });
  }

  /** Another person's row in the member list. */
  row(name: string): Locator {
    return this.members.getByRole('listitem').filter({ has: this.page.getByText(name, { exact: true }) });
  }

  /** The button that shows (and opens editing of) your own status. */
  statusButton(): Locator {
    return this.me.getByRole('button', { name: /^(Your status: .*\. Edit|Set your status)$/ });
  }

  async expectPresent(names: string[]): Promise<void> {
    await expect(this.memberCount).toHaveText(`${names.length} here`);
    await expect(this.avatarStack.getByRole('button')).toHaveCount(Math.min(names.length, 5));
    for (const name of names) await expect(this.stackAvatar(name)).toBeVisible();
  }

  async setStatus(text: string): Promise<void> {
    await this.statusButton().click();
    await this.statusInput.fill(text);
    await this.statusInput.press('Enter');
    await expect(this.statusInput).toBeHidden();
  }
}

export type Person = { context: BrowserContext; page: Page; room: RoomPage; username: string; password: string; displayName: string };

/** A new person in their own browser context: a fresh account (or the given one), signed in, in the room. */
export async function enterRoom(
  browser: Browser,
  slug: string,
  options: { account?: Account; displayName?: string; context?: BrowserContextOptions } = {},
): Promise<Person> {
  const context = await browser.newContext(options.context);
  const page = await context.newPage();
  let account = options.account;
  if (account) {
    await signIn(page, account.username, account.password);
  } else {
    account = await signUp(page, options.displayName ? { displayName: options.displayName } : {});
  }
  const room = new RoomPage(page);
  await room.goto(slug);
  return { context, page, room, ...account };
}
