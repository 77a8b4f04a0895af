import type { ActivityState } from './activity/tab-activity';
import type { PersonActivity } from './beacons';
import type { DeviceKind } from './devices/this-device';

/** What the room shows about one person beyond their name and status. */
export type PersonPresence = {
  /** From their tabs' beacons; null while none has been heard (an older tab, or just arrived). */
  activity: PersonActivity | null;
  /** In their leave grace for more than a moment. */
  reconnecting: boolean;
  /** Only ever true for yourself: you appear offline to everyone else. */
  appearingOffline?: boolean;
};

/** What the dot shows. */
export type ShownState = ActivityState | 'reconnecting' | 'offline';

export const NO_PRESENCE: PersonPresence = { activity: null, reconnecting: false };

const STATE_LABELS: Record<ActivityState, string> = { active: 'Active', idle: 'Idle', away: 'Away' };

/** The text alternative of the coloured dot. */
export function presenceStateLabel(presence: PersonPresence): string {
  if (presence.appearingOffline) return 'Appearing offline';
  if (presence.reconnecting) return 'Reconnecting…';
  return STATE_LABELS[presence.activity?.state ?? 'active'];
}

/** The state the dot and the greying show. */
export function shownState(presence: PersonPresence): ShownState {
  if (presence.appearingOffline) return 'offline';
  return presence.reconnecting ? 'reconnecting' : (presence.activity?.state ?? 'active');
}

const KIND_NAMES: Record<DeviceKind, string> = { phone: 'phone', computer: 'computer' };

/** "on 2 devices (computer, phone)"; null for one device, which is the unremarkable case. */
export function devicesLabel(activity: PersonActivity | null): string | null {
  if (!activity || activity.devices < 2) return null;
  const kinds = activity.kinds.map((kind) => KIND_NAMES[kind]);
  return `on ${activity.devices} devices${kinds.length > 0 ? ` (${kinds.join(', ')})` : ''}`;
}

/** Per user id: what the stack and the list show beyond names (only people with something to show). */
export function presenceByUser(
  activity: ReadonlyMap<string, PersonActivity>,
  reconnecting: ReadonlySet<string>,
): ReadonlyMap<string, PersonPresence> {
  const byUser = new Map<string, PersonPresence>();
  for (const [id, summary] of activity) byUser.set(id, { activity: summary, reconnecting: reconnecting.has(id) });
  for (const id of reconnecting) if (!byUser.has(id)) byUser.set(id, { activity: null, reconnecting: true });
  return byUser;
}
