import { z } from 'zod';
import { combineActivity, type ActivityState } from './activity/tab-activity';
import { DEVICE_ID_PATTERN, type DeviceKind } from './devices/this-device';

/**
 * Each tab in a room tells the room how its person is doing through one client event on the presence
 * channel, `client-presence-beacon`: on joining (asking the others to answer with theirs, so a late joiner
 * knows everyone's state at once), when its own state changes, every TAB_HEARTBEAT_MS, and on leaving. The
 * sender's user id is the server's `user_id` metadata, never the payload. Per-tab and per-device data cannot
 * travel in `user_info`: a presence member's user_info is the one of their first connection.
 */
export const BEACON_CLIENT_EVENT = 'client-presence-beacon';

/** A tab repeats its beacon this often, so a tab that vanished without a word ages out of the others' lists. */
export const TAB_HEARTBEAT_MS = 60_000;
/** A tab not heard from for this long (two and a half heartbeats) is gone. */
export const TAB_EXPIRY_MS = 150_000;

/** A tab's id: random per page load (lib/presence/devices/this-device.ts `randomId`). */
export const TAB_ID_PATTERN = /^[a-zA-Z0-9-]{8,40}$/;

export const beaconSchema = z.object({
  tab: z.string().regex(TAB_ID_PATTERN),
  device: z.string().regex(DEVICE_ID_PATTERN),
  kind: z.enum(['phone', 'computer']).nullable(),
  state: z.enum(['active', 'idle', 'away']),
  /** A tab that just joined: everyone answers with their own beacon. */
  hello: z.boolean().optional(),
  /** The tab is closing (or reloading: its next page says hello again). */
  bye: z.boolean().optional(),
});
export type Beacon = z.infer<typeof beaconSchema>;

type TabEntry = { device: string; kind: DeviceKind | null; state: ActivityState; heardAt: number };
/** user id → tab id → what that tab last said. */
export type TabRegistry = ReadonlyMap<string, ReadonlyMap<string, TabEntry>>;

export function applyBeacon(registry: TabRegistry, userId: string, beacon: Beacon, now: number): TabRegistry {
  if (beacon.bye) return forgetTab(registry, userId, beacon.tab);
  const tabs = new Map(registry.get(userId) ?? []);
  tabs.set(beacon.tab, { device: beacon.device, kind: beacon.kind, state: beacon.state, heardAt: now });
  return new Map(registry).set(userId, tabs);
}

/** Forgets one tab of a user (its goodbye came through the app, see ./goodbye.ts); the same registry if unknown. */
export function forgetTab(registry: TabRegistry, userId: string, tab: string): TabRegistry {
  if (!registry.get(userId)?.has(tab)) return registry;
  const tabs = new Map(registry.get(userId));
  tabs.delete(tab);
  const next = new Map(registry);
  if (tabs.size === 0) next.delete(userId);
  else next.set(userId, tabs);
  return next;
}

/**
 * The tabs of a user heard after `since` (the server's last member_removed of the user: no connection of theirs
 * was left then, so a tab heard before it is gone, whether or not its bye arrived); all of them when undefined.
 */
export function tabsHeardSince(tabs: ReadonlyMap<string, TabEntry> | undefined, since: number | undefined): ReadonlyMap<string, TabEntry> | undefined {
  if (!tabs || since === undefined) return tabs;
  return new Map([...tabs].filter(([, tab]) => tab.heardAt > since));
}

/** Drops tabs not heard from within TAB_EXPIRY_MS; returns the same registry when nothing aged out. */
export function pruneSilentTabs(registry: TabRegistry, now: number): TabRegistry {
  let changed = false;
  const next = new Map<string, ReadonlyMap<string, TabEntry>>();
  for (const [userId, tabs] of registry) {
    const alive = new Map([...tabs].filter(([, tab]) => now - tab.heardAt < TAB_EXPIRY_MS));
    if (alive.size !== tabs.size) changed = true;
    if (alive.size > 0) next.set(userId, alive);
  }
  return changed ? next : registry;
}

/** How a person is across their tabs: their best state, and their devices (each browser once). */
export type PersonActivity = { state: ActivityState; devices: number; kinds: DeviceKind[] };

export function summarizePerson(tabs: ReadonlyMap<string, TabEntry> | undefined): PersonActivity | null {
  if (!tabs || tabs.size === 0) return null;
  const state = combineActivity([...tabs.values()].map((tab) => tab.state)) ?? 'active';
  const devices = new Map<string, DeviceKind | null>();
  for (const tab of tabs.values()) devices.set(tab.device, tab.kind ?? devices.get(tab.device) ?? null);
  const kinds = [...devices.values()].filter((kind): kind is DeviceKind => kind !== null).sort();
  return { state, devices: devices.size, kinds };
}
