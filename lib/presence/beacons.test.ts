import { describe, expect, it } from 'vitest';
import { combineActivity, tabActivity } from './activity/tab-activity';
import { DEFAULT_ACTIVITY_TIMINGS, readActivityTimings } from './activity/timings';
import { applyBeacon, forgetTab, pruneSilentTabs, tabsHeardSince, summarizePerson, TAB_EXPIRY_MS, type Beacon, type TabRegistry } from './beacons';

const T = 1_000_000;
const MIN = 60_000;
const beacon = (tab: string, device: string, state: Beacon['state'], extra: Partial<Beacon> = {}): Beacon => ({
  tab: `tab-${tab}-0000`,
  device: `device-${device}-0000`,
  kind: 'computer',
  state,
  ...extra,
});

describe('a tab’s activity', () => {
  const timings = DEFAULT_ACTIVITY_TIMINGS;
  it('is active, then idle after 5 minutes without input, then away after 15', () => {
    expect(tabActivity({ now: T, lastInputAt: T, hiddenSince: null }, timings)).toEqual({ state: 'active', nextChangeAt: T + 5 * MIN });
    expect(tabActivity({ now: T + 5 * MIN, lastInputAt: T, hiddenSince: null }, timings)).toEqual({ state: 'idle', nextChangeAt: T + 15 * MIN });
    expect(tabActivity({ now: T + 15 * MIN, lastInputAt: T, hiddenSince: null }, timings)).toEqual({ state: 'away', nextChangeAt: null });
  });

  it('is away after being hidden for a minute, even with recent input', () => {
    expect(tabActivity({ now: T + 30_000, lastInputAt: T, hiddenSince: T }, timings)).toEqual({ state: 'active', nextChangeAt: T + MIN });
    expect(tabActivity({ now: T + MIN, lastInputAt: T, hiddenSince: T }, timings).state).toBe('away');
  });

  it('takes the best state across tabs', () => {
    expect(combineActivity(['away', 'idle'])).toBe('idle');
    expect(combineActivity(['away', 'active', 'idle'])).toBe('active');
    expect(combineActivity([])).toBeNull();
  });

  it('reads valid shortened thresholds from storage and ignores anything else', () => {
    const storage = (value: string | null) => ({ getItem: () => value });
    expect(readActivityTimings(storage(JSON.stringify({ awayAfterHiddenMs: 2000 })))).toEqual({ ...timings, awayAfterHiddenMs: 2000 });
    expect(readActivityTimings(storage(JSON.stringify({ awayAfterHiddenMs: 5 })))).toEqual(timings);
    expect(readActivityTimings(storage('{not json'))).toEqual(timings);
    expect(readActivityTimings(storage(null))).toEqual(timings);
    expect(readActivityTimings(undefined)).toEqual(timings);
  });
});

describe('beacons from a person’s tabs', () => {
  it('count each browser once, with the best state of its tabs', () => {
    let registry: TabRegistry = new Map();
    registry = applyBeacon(registry, 'ben', beacon('a', 'laptop', 'away'), T);
    registry = applyBeacon(registry, 'ben', beacon('b', 'laptop', 'idle'), T);
    expect(summarizePerson(registry.get('ben'))).toEqual({ state: 'idle', devices: 1, kinds: ['computer'] });
    registry = applyBeacon(registry, 'ben', beacon('c', 'phone', 'active', { kind: 'phone' }), T);
    expect(summarizePerson(registry.get('ben'))).toEqual({ state: 'active', devices: 2, kinds: ['computer', 'phone'] });
  });

  it('forget a tab that says bye, and the person once no tab is left', () => {
    let registry: TabRegistry = applyBeacon(new Map(), 'ben', beacon('a', 'laptop', 'active'), T);
    registry = applyBeacon(registry, 'ben', beacon('b', 'phone', 'active'), T);
    registry = applyBeacon(registry, 'ben', beacon('b', 'phone', 'active', { bye: true }), T);
    expect(summarizePerson(registry.get('ben'))?.devices).toBe(1);
    registry = applyBeacon(registry, 'ben', beacon('a', 'laptop', 'active', { bye: true }), T);
    expect(registry.has('ben')).toBe(false);
    expect(summarizePerson(registry.get('ben'))).toBeNull();
  });

  it('forget one tab whose goodbye the app relayed, keeping the person’s other devices and other people', () => {
    let registry: TabRegistry = applyBeacon(new Map(), 'ben', beacon('a', 'laptop', 'active'), T);
    registry = applyBeacon(registry, 'ben', beacon('b', 'phone', 'active', { kind: 'phone' }), T);
    registry = applyBeacon(registry, 'ann', beacon('c', 'desk', 'idle'), T);
    registry = forgetTab(registry, 'ben', beacon('b', 'phone', 'active').tab);
    expect(summarizePerson(registry.get('ben'))).toEqual({ state: 'active', devices: 1, kinds: ['computer'] });
    expect(summarizePerson(registry.get('ann'))?.state).toBe('idle');
    // An unknown tab or person (a goodbye arriving after the client event's) changes nothing.
    expect(forgetTab(registry, 'ben', 'tab-unknown-0000')).toBe(registry);
    expect(forgetTab(registry, 'cat', 'tab-a-0000')).toBe(registry);
    expect(forgetTab(registry, 'ben', beacon('a', 'laptop', 'active').tab).has('ben')).toBe(false);
  });

  it('heard before the server said the person had no connection left are not counted; tabs heard after are', () => {
    let registry: TabRegistry = applyBeacon(new Map(), 'ben', beacon('a', 'laptop', 'active'), T);
    expect(summarizePerson(tabsHeardSince(registry.get('ben'), T))).toBeNull();
    registry = applyBeacon(registry, 'ben', beacon('b', 'phone', 'active'), T + 1);
    expect(summarizePerson(tabsHeardSince(registry.get('ben'), T))?.devices).toBe(1);
    expect(tabsHeardSince(registry.get('ben'), undefined)).toBe(registry.get('ben'));
  });

  it('age out tabs that went silent, and keep the registry as is when none did', () => {
    let registry: TabRegistry = applyBeacon(new Map(), 'ben', beacon('a', 'laptop', 'active'), T);
    registry = applyBeacon(registry, 'ben', beacon('b', 'phone', 'active'), T + TAB_EXPIRY_MS);
    expect(pruneSilentTabs(registry, T + TAB_EXPIRY_MS - 1)).toBe(registry);
    const pruned = pruneSilentTabs(registry, T + TAB_EXPIRY_MS);
    expect(summarizePerson(pruned.get('ben'))?.devices).toBe(1);
    expect(pruneSilentTabs(pruned, T + 3 * TAB_EXPIRY_MS).size).toBe(0);
  });
});
