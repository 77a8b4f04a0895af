import { randomBytes } from 'node:crypto';
import { expect, type Browser, type BrowserContext, type BrowserContextOptions, type Locator, type Page } from '@playwright/test';
import { signIn, signUp, type Account } from '../support/accounts';

/** As in components/presence/avatar-stack.tsx: five faces, then "+N". */
const MAX_VISIBLE_AVATARS = 5;
/**
 * From navigation to subscribed. Traces on the shared 2-core test machine (load 13-18) showed Chromium taking
 * 10-20 s between loading a room page's scripts and opening its WebSocket; the app itself answered in < 1 s.
 */
const ROOM_LIVE_TIMEOUT_MS = 30_000;

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
    this.avatarStack = page.getByRole('list', { name: "Who's here", exact: true });
    this.members = page.getByRole('region', { name: 'Member list', exact: true });
    this.memberCount = this.members.getByTestId('presence-count');
    this.me = this.members.getByRole('group', { name: 'You', exact: true });
    this.statusInput = this.me.getByRole('textbox', { name: 'Your status' });
    this.statusCounter = this.me.getByText(/^Characters used: \d+\/100$/);
    this.connectionBanner = page.getByRole('status', { name: 'Connection', exact: true });
    this.announcements = page.getByRole('log', { name: 'Arrivals and departures', exact: true });
    this.membersButton = page.getByRole('button', { name: /^Members \(\d+\)$/ });
    this.membersDialog = page.getByRole('dialog', { name: 'Members', exact: true });
  }

  async goto(slug: string): Promise<void> {
    await this.page.goto(roomPath(slug));
    await this.waitUntilLive();
  }

  /** Subscribed: the stack (always on screen, unlike the list on a phone) shows the server's view of the room. */
  async waitUntilLive(): Promise<void> {
    await expect(this.avatarStack).toHaveAttribute('data-phase', 'subscribed', { timeout: ROOM_LIVE_TIMEOUT_MS });
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

  /** Exactly these people are here: in the count, and in the stack (as faces, or named in the "+N" tooltip). */
  async expectPresent(names: string[]): Promise<void> {
    await expect(this.memberCount).toHaveText(`${names.length} here`);
    const overflow = this.avatarStack.getByRole('button', { name: /^\d+ more$/ });
    if (names.length <= MAX_VISIBLE_AVATARS) {
      await expect(this.avatarStack.getByRole('button')).toHaveCount(names.length);
      for (const name of names) await expect(this.stackAvatar(name)).toBeVisible();
      return;
    }
    await expect(this.avatarStack.getByRole('button')).toHaveCount(MAX_VISIBLE_AVATARS + 1);
    await expect(overflow).toHaveAccessibleName(`${names.length - MAX_VISIBLE_AVATARS} more`);
    const everyone = async () => {
      const faces = await this.avatarStack.evaluate((stack) =>
        [...stack.querySelectorAll('li:not([data-leaving]) > button[aria-describedby]')].map((button) => ({
          label: button.getAttribute('aria-label') ?? '',
          tooltip: document.getElementById(button.getAttribute('aria-describedby') ?? '')?.textContent ?? '',
        })),
      );
      return faces.flatMap(({ label, tooltip }) => (/^\d+ more$/.test(label) ? tooltip.split(', ') : [label.replace(/( \(you\))?(, admin)?$/, '')])).sort();
    };
    await expect.poll(everyone).toEqual([...names].sort());
  }

  async setStatus(text: string): Promise<void> {
    await this.statusButton().click();
    await this.statusInput.fill(text);
    await this.statusInput.press('Enter');
    await expect(this.statusInput).toBeHidden();
  }
}

export function roomPath(slug: string): string {
  return `/rooms/${slug}`;
}

export type Person = { context: BrowserContext; page: Page; room: RoomPage; username: string; password: string; displayName: string };

export type EnterOptions = {
  account?: Account;
  displayName?: string;
  context?: BrowserContextOptions;
  /** localStorage entries this browser has before any page script runs (a test's shorter grace or thresholds). */
  storage?: Record<string, string>;
  /** Runs on the new context before its first page opens (e.g. to route its WebSocket). */
  prepare?: (context: BrowserContext) => Promise<void>;
};

/** A new person in their own browser context: a fresh account (or the given one), signed in, in the room. */
export async function enterRoom(browser: Browser, slug: string | ((page: Page) => Promise<string>), options: EnterOptions = {}): Promise<Person> {
  const context = await browser.newContext(options.context);
  if (options.storage) {
    await context.addInitScript((entries) => {
      for (const [key, value] of Object.entries(entries)) window.localStorage.setItem(key, value);
    }, options.storage);
  }
  await options.prepare?.(context);
  const page = await context.newPage();
  const room = new RoomPage(page);
  // A known room is the sign-in's destination: the app navigates there itself, sparing a full page load.
  const destination = typeof slug === 'string' ? roomPath(slug) : undefined;
  let account = options.account;
  if (account) {
    await signIn(page, account.username, account.password, destination);
  } else {
    account = await signUp(page, { callbackUrl: destination, ...(options.displayName ? { displayName: options.displayName } : {}) });
  }
  if (typeof slug === 'string') await room.waitUntilLive();
  else await room.goto(await slug(page));
  // The account's fields only: `options.account` may be another Person, whose context and page are not this one's.
  const { username, password, displayName } = account;
  return { context, page, room, username, password, displayName };
}

const ROOM_NAME_SUFFIX_BYTES = 3;

/** A room nobody else uses: a hobby room created through the app's API (`POST /api/rooms`) by whoever is signed in on `page`. */
export async function createHobbyRoom(page: Page, label: string): Promise<{ slug: string; name: string }> {
  const name = `${label} ${randomBytes(ROOM_NAME_SUFFIX_BYTES).toString('hex')}`;
  const response = await page.request.post('/api/rooms', { data: { name, kind: 'hobby' } });
  expect(response.status(), await response.text()).toBe(201);
  const { room } = (await response.json()) as { room: { slug: string; name: string } };
  return room;
}
