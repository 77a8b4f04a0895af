import { chromium, type Browser, type BrowserContext, type Page, type WebSocket } from '@playwright/test';
import { CHROMIUM_ARGS, resolveChromium } from '../e2e/browser';
import { summarize, type Summary } from './support/summary';

/** At least the 20 trials per figure. */
export const ROOM_ENTRY_TRIALS = 20;
const SEEN_TIMEOUT_MS = 15_000;
/** A pause between trials so that one trial's leave does not overlap the next one's entry. */
const SETTLE_MS = 150;

export type RoomEntryResult = {
  trials: number;
  /** Click on a room in the list → someone already in the room sees the newcomer in their member list. */
  clickToSeen: Summary;
  /** Click on "Rooms" in the header → the room's people see the person go. */
  leaveSeen: Summary;
  /** Full page load of the room URL (typed address) → the others see the newcomer. */
  pageLoadToSeen: Summary;
  /** Where a full page load's time goes: each milestone's time since the navigation started (ms). */
  pageLoadMilestones: Record<PageLoadMilestone, Summary>;
  /** WebSocket connections the newcomer's tab opened over all the in-app trials (1 = one connection per tab). */
  websocketsDuringInAppTrials: number;
};

type Person = { context: BrowserContext; page: Page; id: string };

/** The steps of a full page load, in the order they happen. */
export const PAGE_LOAD_MILESTONES = [
  'first byte of the page',
  'page received',
  'DOMContentLoaded',
  'WebSocket opened',
  'connection_established',
  'pusher:signin sent',
  'pusher:subscribe sent',
  'subscription_succeeded',
  'seen by the others',
] as const;
export type PageLoadMilestone = (typeof PAGE_LOAD_MILESTONES)[number];

/** The Pusher protocol events a milestone is named after, by direction. */
const SENT_MILESTONES: Record<string, PageLoadMilestone> = { 'pusher:signin': 'pusher:signin sent', 'pusher:subscribe': 'pusher:subscribe sent' };
const RECEIVED_MILESTONES: Record<string, PageLoadMilestone> = {
  'pusher:connection_established': 'connection_established',
  'pusher_internal:subscription_succeeded': 'subscription_succeeded',
};

function eventName(payload: string | Buffer): string | null {
  try {
    const event = (JSON.parse(payload.toString()) as { event?: unknown }).event;
    return typeof event === 'string' ? event : null;
  } catch {
    return null;
  }
}

/** Records, on the bench's clock, when each milestone of the page's realtime connection first happens. */
function watchPageLoad(page: Page): { marks: Partial<Record<PageLoadMilestone, number>>; stop: () => void } {
  const marks: Partial<Record<PageLoadMilestone, number>> = {};
  const mark = (milestone: PageLoadMilestone | undefined) => {
    if (milestone && marks[milestone] === undefined) marks[milestone] = Date.now();
  };
  const onWebSocket = (socket: WebSocket) => {
    mark('WebSocket opened');
    socket.on('framesent', ({ payload }) => mark(SENT_MILESTONES[eventName(payload) ?? '']));
    socket.on('framereceived', ({ payload }) => mark(RECEIVED_MILESTONES[eventName(payload) ?? '']));
  };
  page.on('websocket', onWebSocket);
  return { marks, stop: () => page.off('websocket', onWebSocket) };
}

/** The document's own timings, since its navigation started (ms). */
async function documentTimings(page: Page): Promise<Partial<Record<PageLoadMilestone, number>>> {
  return page.evaluate(() => {
    const [navigation] = performance.getEntriesByType('navigation') as PerformanceNavigationTiming[];
    if (!navigation) return {};
    return {
      'first byte of the page': navigation.responseStart,
      'page received': navigation.responseEnd,
      DOMContentLoaded: navigation.domContentLoadedEventEnd,
    };
  });
}

/** Records, in the page, when a member row for an id appears and disappears (Date.now(), the bench's clock too). */
const WATCH_MEMBERS = `(() => {
  const seen = {}; const gone = {};
  const rows = () => document.querySelectorAll('aside [data-member-id][data-online="true"]');
  let present = new Set();
  const check = () => {
    const now = Date.now();
    const current = new Set([...rows()].map((row) => row.getAttribute('data-member-id')));
    for (const id of current) if (!present.has(id)) seen[id] = now;
    for (const id of present) if (!current.has(id)) gone[id] = now;
    present = current;
  };
  new MutationObserver(check).observe(document.body, { subtree: true, childList: true, attributes: true });
  window.__presence = { seen, gone, reset: (id) => { delete seen[id]; delete gone[id]; } };
  check();
})()`;

async function signInPage(browser: Browser, baseUrl: string, username: string, password: string): Promise<Person> {
  const context = await browser.newContext({ baseURL: baseUrl, viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await page.goto('/sign-in?callbackUrl=%2Frooms');
  const form = page.getByRole('form', { name: 'Sign in' });
  await form.getByLabel('Username').fill(username);
  await form.getByLabel('Password').fill(password);
  await form.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL((url) => url.pathname === '/rooms');
  const session = (await (await context.request.get('/api/auth/session')).json()) as { user: { id: string } };
  return { context, page, id: session.user.id };
}

async function waitFor(page: Page, kind: 'seen' | 'gone', id: string): Promise<number> {
  const handle = await page.waitForFunction(
    ([which, who]) => (window as unknown as { __presence: Record<string, Record<string, number>> }).__presence[which]?.[who] ?? null,
    [kind, id] as const,
    { timeout: SEEN_TIMEOUT_MS, polling: 'raf' },
  );
  return (await handle.jsonValue()) as number;
}

async function resetWatch(page: Page, id: string): Promise<void> {
  await page.evaluate((who) => (window as unknown as { __presence: { reset: (id: string) => void } }).__presence.reset(who), id);
}

async function openObserver(person: Person, slug: string): Promise<void> {
  await person.page.goto(`/rooms/${slug}`);
  await person.page.locator('[data-phase="subscribed"]').first().waitFor();
  await person.page.evaluate(WATCH_MEMBERS);
}

/** Clicks the element the way a person would, returning the bench clock at the click. */
async function clickAt(page: Page, selector: string): Promise<number> {
  await page.locator(selector).first().waitFor();
  return page.evaluate((css) => {
    const element = document.querySelector(css) as HTMLElement;
    const at = Date.now();
    element.click();
    return at;
  }, selector);
}

export async function measureRoomEntry(options: {
  baseUrl: string;
  rooms: [string, string];
  observers: [{ username: string }, { username: string }];
  newcomer: { username: string };
  password: string;
  trials?: number;
}): Promise<RoomEntryResult> {
  const trials = options.trials ?? ROOM_ENTRY_TRIALS;
  const browser = await chromium.launch({ executablePath: resolveChromium(), args: CHROMIUM_ARGS });
  try {
    const observers = await Promise.all(options.observers.map((o) => signInPage(browser, options.baseUrl, o.username, options.password)));
    const newcomer = await signInPage(browser, options.baseUrl, options.newcomer.username, options.password);
    await Promise.all(observers.map((observer, index) => openObserver(observer, options.rooms[index % 2] as string)));

    let websockets = 0;
    newcomer.page.on('websocket', () => (websockets += 1));
    const clickToSeen: number[] = [];
    const leaveSeen: number[] = [];
    // Warm-up round (first compile of each route, JIT), not counted.
    for (let trial = -2; trial < trials; trial += 1) {
      const index = ((trial % 2) + 2) % 2;
      const slug = options.rooms[index] as string;
      const observer = observers[index] as Person;
      await resetWatch(observer.page, newcomer.id);
      const clicked = await clickAt(newcomer.page, `a[href="/rooms/${slug}"]`);
      const seen = await waitFor(observer.page, 'seen', newcomer.id);
      await newcomer.page.locator('aside [data-phase="subscribed"]').first().waitFor();
      const left = await clickAt(newcomer.page, 'header nav a[href="/rooms"]');
      const gone = await waitFor(observer.page, 'gone', newcomer.id);
      await newcomer.page.waitForURL((url) => url.pathname === '/rooms');
      if (trial >= 0) {
        clickToSeen.push(seen - clicked);
        leaveSeen.push(gone - left);
      } else if (trial === -2) {
        websockets = 0;
      }
      await newcomer.page.waitForTimeout(SETTLE_MS);
    }
    const websocketsDuringInAppTrials = websockets;

    const pageLoadToSeen: number[] = [];
    const milestones = new Map<PageLoadMilestone, number[]>(PAGE_LOAD_MILESTONES.map((milestone) => [milestone, []]));
    for (let trial = -1; trial < trials; trial += 1) {
      const slug = options.rooms[0];
      const observer = observers[0] as Person;
      await newcomer.page.goto('about:blank');
      await waitFor(observer.page, 'gone', newcomer.id).catch(() => undefined);
      await resetWatch(observer.page, newcomer.id);
      const watch = watchPageLoad(newcomer.page);
      const started = Date.now();
      await newcomer.page.goto(`${options.baseUrl}/rooms/${slug}`, { waitUntil: 'commit' });
      const seen = await waitFor(observer.page, 'seen', newcomer.id);
      await newcomer.page.locator('aside [data-phase="subscribed"]').first().waitFor();
      watch.stop();
      if (trial >= 0) {
        pageLoadToSeen.push(seen - started);
        const relative = Object.fromEntries(Object.entries(watch.marks).map(([milestone, at]) => [milestone, at - started]));
        const timings = { ...(await documentTimings(newcomer.page)), ...relative, 'seen by the others': seen - started };
        for (const [milestone, ms] of Object.entries(timings)) milestones.get(milestone as PageLoadMilestone)?.push(ms);
      }
      await newcomer.page.waitForTimeout(SETTLE_MS);
    }
    return {
      trials,
      clickToSeen: summarize(clickToSeen),
      leaveSeen: summarize(leaveSeen),
      pageLoadToSeen: summarize(pageLoadToSeen),
      pageLoadMilestones: Object.fromEntries([...milestones].map(([milestone, values]) => [milestone, summarize(values)])) as Record<PageLoadMilestone, Summary>,
      websocketsDuringInAppTrials,
    };
  } finally {
    await browser.close();
  }
}
