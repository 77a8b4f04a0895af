import { describe, expect, it } from 'vitest';
import { BEACON_CLIENT_EVENT } from '@/lib/presence/beacons';
import { LEAVING_ROOM_CLIENT_EVENT } from '@/lib/presence/departures/leaving-words';
import { STATUS_CLIENT_EVENT } from '@/lib/presence/status/status-events';
import { mirrorItemsByRoom } from './mirror-events';

describe('what a room’s onlookers get from a webhook batch', () => {
  it('keeps joins, leaves, status/activity client events and the leaving words per room, in order, and nothing else', () => {
    const beacon = { tab: 'tab-1234-abcd', device: 'device-1234', kind: null, state: 'away' };
    const byRoom = mirrorItemsByRoom([
      { name: 'member_added', channel: 'presence-hobby-gaming', user_id: 'a' },
      { name: 'client_event', channel: 'presence-hobby-gaming', event: STATUS_CLIENT_EVENT, data: '{"status":"hi","statusUpdatedAt":null}', user_id: 'a' },
      { name: 'client_event', channel: 'presence-hobby-gaming', event: 'client-typing', data: '{}', user_id: 'a' },
      { name: 'client_event', channel: 'presence-business-acme-hq', event: BEACON_CLIENT_EVENT, data: JSON.stringify(beacon), user_id: 7 },
      { name: 'client_event', channel: 'presence-hobby-gaming', event: STATUS_CLIENT_EVENT, data: 'not json', user_id: 'a' },
      { name: 'client_event', channel: 'presence-hobby-gaming', event: LEAVING_ROOM_CLIENT_EVENT, data: '{}', user_id: 'b' },
      { name: 'member_removed', channel: 'presence-hobby-gaming', user_id: 'b' },
      { name: 'member_added', channel: 'private-lobby', user_id: 'c' },
      { name: 'member_added', channel: 'private-watch-hobby-gaming', user_id: 'c' },
      { name: 'channel_vacated', channel: 'presence-hobby-music' },
      { name: 'member_added', channel: 'presence-hobby-music' },
      'garbage',
    ]);
    expect([...byRoom.keys()]).toEqual(['presence-hobby-gaming', 'presence-business-acme-hq']);
    expect(byRoom.get('presence-hobby-gaming')?.items).toEqual([
      { type: 'member_added', id: 'a' },
      { type: 'client_event', event: STATUS_CLIENT_EVENT, id: 'a', data: { status: 'hi', statusUpdatedAt: null } },
      { type: 'client_event', event: LEAVING_ROOM_CLIENT_EVENT, id: 'b', data: {} },
      { type: 'member_removed', id: 'b' },
    ]);
    expect(byRoom.get('presence-business-acme-hq')).toEqual({
      room: { kind: 'business', slug: 'acme-hq' },
      items: [{ type: 'client_event', event: BEACON_CLIENT_EVENT, id: '7', data: beacon }],
    });
  });

  it('reads soketi’s client_event, whose data is the value itself rather than JSON text, and keeps Pusher’s 10 KB limit', () => {
    // The body soketi 1.6.1 posted in the soketi e2e run (captured), ids shortened.
    const byRoom = mirrorItemsByRoom([
      {
        name: 'client_event',
        channel: 'presence-hobby-gaming',
        event: STATUS_CLIENT_EVENT,
        data: { status: 'hi', statusUpdatedAt: '2026-12-08T01:00:00.000Z' },
        socket_id: '4975084178.1325849193',
        user_id: 'a',
      },
      { name: 'client_event', channel: 'presence-hobby-gaming', event: STATUS_CLIENT_EVENT, data: { status: 'x'.repeat(10 * 1024) }, user_id: 'a' },
      { name: 'client_event', channel: 'presence-hobby-gaming', event: STATUS_CLIENT_EVENT, data: JSON.stringify({ status: 'x'.repeat(10 * 1024) }), user_id: 'a' },
    ]);
    expect(byRoom.get('presence-hobby-gaming')?.items).toEqual([
      { type: 'client_event', event: STATUS_CLIENT_EVENT, id: 'a', data: { status: 'hi', statusUpdatedAt: '2026-12-08T01:00:00.000Z' } },
    ]);
  });
});
