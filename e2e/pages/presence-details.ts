import { expect, type BrowserContext, type Locator, type Page } from '@playwright/test';
import type { RoomPage } from './room-page';

/** As in lib/presence/departures/member-lifetime.ts. */
export const LEAVE_GRACE_MS = 8_000;
const LEAVE_GRACE_STORAGE_KEY = 'presently.leave-grace-ms';
/** The issue: a real departure shows within 5 s of the server's member_removed, after the grace. */
export const DEPARTURE_SHOWN_WITHIN_MS = LEAVE_GRACE_MS + 5_000;

/** As in lib/presence/activity/timings.ts: a browser may shorten its own thresholds. */
const ACTIVITY_TIMINGS_STORAGE_KEY = 'presently.activity-timings';

export type ActivityTimings = { idleAfterMs?: number; awayAfterIdleMs?: number; awayAfterHiddenMs?: number };

/** A browser's own idle/away thresholds, shortened: pass as `storage` when a person enters (no reload needed). */
export function activityTimingsStorage(timings: ActivityTimings): Record<string, string> {
  return { [ACTIVITY_TIMINGS_STORAGE_KEY]: JSON.stringify(timings) };
}

/**
 * The leave grace a browser gives others, as `storage` for a person entering a room. Longer: for checks that a
 * reload elsewhere is not a departure, on a test machine busy enough to make a reload slower than the real grace.
 * Shorter: for tests about something else, which then need not wait the product's 8 s for each departure.
 */
export function leaveGraceStorage(graceMs: number): Record<string, string> {
  return { [LEAVE_GRACE_STORAGE_KEY]: String(graceMs) };
}

/** A grace for tests that are not about the grace: a departure shows within this plus 5 s. */
export const TEST_LEAVE_GRACE_MS = 1_000;
export const TEST_DEPARTURE_SHOWN_WITHIN_MS = TEST_LEAVE_GRACE_MS + 5_000;

/** Emulates the tab being hidden or shown again (as switching tabs or minimising does). */
export async function setTabHidden(page: Page, hidden: boolean): Promise<void> {
  await page.evaluate((isHidden) => {
    Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => (isHidden ? 'hidden' : 'visible') });
    Object.defineProperty(document, 'hidden', { configurable: true, get: () => isHidden });
    document.dispatchEvent(new Event('visibilitychange'));
  }, hidden);
}

/** What one person's row and stack face say about another's presence. */
export class PresenceDetails {
  readonly row: Locator;
  readonly face: Locator;
  readonly tooltip: Locator;

  constructor(room: RoomPage, name: string) {
    this.row = room.row(name);
    this.face = room.stackAvatar(name);
    // The face's tooltip is its sibling; hidden until hover or focus, so found by attribute, not accessibility role.
    this.tooltip = this.face.locator('xpath=following-sibling::*[@role="tooltip"]');
  }

  /** The dot's state in both the list and the stack, and its text alternative in the row and the tooltip. */
  async expectState(state: 'active' | 'idle' | 'away' | 'reconnecting', options: { timeout?: number } = {}): Promise<void> {
    const label = { active: 'Active', idle: 'Idle', away: 'Away', reconnecting: 'Reconnecting…' }[state];
    await expect(this.row).toHaveAttribute('data-activity', state, options);
    await expect(this.row.getByTestId('presence-detail')).toContainText(label, options);
    await expect(this.face.locator('xpath=..')).toHaveAttribute('data-activity', state, options);
    await expect(this.tooltip).toContainText(label, options);
  }
}

export type RoomRecord = { counts: string[]; announcements: string[] };

/** Records every count and every announcement the page shows from now on. */
export async function recordRoom(page: Page): Promise<() => Promise<RoomRecord>> {
  await page.evaluate(() => {
    const seen: RoomRecord = { counts: [], announcements: [] };
    (window as unknown as { __roomRecord: RoomRecord }).__roomRecord = seen;
    const count = document.querySelector('[data-testid="presence-count"]');
    const log = document.querySelector('[role="log"][aria-label="Arrivals and departures"]');
    new MutationObserver(() => seen.counts.push(count?.textContent ?? '')).observe(count!, { subtree: true, characterData: true, childList: true });
    new MutationObserver(() => seen.announcements.push(log?.textContent ?? '')).observe(log!, { subtree: true, characterData: true, childList: true });
  });
  return () => page.evaluate(() => (window as unknown as { __roomRecord: RoomRecord }).__roomRecord);
}

/** As in lib/presence/beacons.ts. */
const BEACON_CLIENT_EVENT = 'client-presence-beacon';

function isGoodbyeBeacon(message: string): boolean {
  try {
    const frame = JSON.parse(message) as { event?: string; data?: unknown };
    if (frame.event !== BEACON_CLIENT_EVENT) return false;
    const data = (typeof frame.data === 'string' ? JSON.parse(frame.data) : frame.data) as { bye?: unknown } | null;
    return data?.bye === true;
  } catch {
    return false;
  }
}

/**
 * Routes this browser's realtime WebSocket through the test and drops every tab's goodbye client event, as
 * happens when the browser tears the socket down with the closing tab before the frame is out. Everything
 * else passes both ways untouched.
 */
export async function loseGoodbyeClientEvents(context: BrowserContext): Promise<void> {
  await context.routeWebSocket(/\/app\//, (socket) => {
    const server = socket.connectToServer();
    socket.onMessage((message) => {
      if (typeof message === 'string' && isGoodbyeBeacon(message)) return;
      server.send(message);
    });
  });
}
